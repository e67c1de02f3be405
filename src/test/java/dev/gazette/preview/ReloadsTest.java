package dev.gazette.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReloadsTest {
    @Test
    void aPageHearsOfABuildThatChangedIt() throws Exception {
        Reloads reloads = new Reloads(Duration.ofSeconds(30));
        reloads.built(Set.of("index.html"));
        long since = reloads.version();
        CompletableFuture<Optional<Boolean>> waiting = CompletableFuture.supplyAsync(() -> await(reloads, since,
                "posts/a/index.html"));

        reloads.built(Set.of("posts/b/index.html"));
        reloads.built(Set.of("index.html", "posts/a/index.html"));

        assertEquals(Optional.of(true), waiting.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aPageNoBuildChangedWaitsOutItsTime() throws Exception {
        Reloads reloads = new Reloads(Duration.ofMillis(200));
        reloads.built(Set.of("index.html"));
        long since = reloads.version();
        reloads.built(Set.of("posts/b/index.html"));

        assertEquals(Optional.of(false), reloads.await(since, Set.of("posts/a/index.html")));
    }

    @Test
    void aPageChangedBeforeItAskedIsToldAtOnce() throws Exception {
        Reloads reloads = new Reloads(Duration.ofSeconds(30));
        reloads.built(Set.of("index.html"));
        long since = reloads.version();
        reloads.built(Set.of("index.html"));

        assertEquals(Optional.of(true), reloads.await(since, Set.of("index.html")));
        assertEquals(Optional.of(true), reloads.await(since + 5, Set.of("index.html")),
                "a page of another preview, run before this one");
    }

    @Test
    void onlySoManyPagesWaitAtOnceAndTheNextIsAnsweredAtOnce() throws Exception {
        Reloads reloads = new Reloads(Duration.ofSeconds(30));
        reloads.built(Set.of());
        ExecutorService pages = Executors.newFixedThreadPool(Reloads.MAX_WAITING);
        List<Future<Optional<Boolean>>> waiting = new ArrayList<>();
        for (int i = 0; i < Reloads.MAX_WAITING; i++) {
            waiting.add(pages.submit(() -> reloads.await(1, Set.of("index.html"))));
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (reloads.waiting() < Reloads.MAX_WAITING) {
            assertTrue(System.nanoTime() < end, "the pages did not all come to wait");
            Thread.sleep(10);
        }

        assertEquals(Optional.empty(), reloads.await(1, Set.of("index.html")));

        reloads.built(Set.of("index.html"));
        for (Future<Optional<Boolean>> each : waiting) {
            assertEquals(Optional.of(true), each.get(10, TimeUnit.SECONDS));
        }
        pages.shutdown();
        assertEquals(Optional.of(true), reloads.await(1, Set.of("index.html")), "room again once they are answered");
    }

    private static Optional<Boolean> await(Reloads reloads, long since, String page) {
        try {
            return reloads.await(since, Set.of(page));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
