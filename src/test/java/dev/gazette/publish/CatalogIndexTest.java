package dev.gazette.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.gazette.local.CatalogFile;
import dev.gazette.render.RenderedPost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tags and newest posts the subscription pages show, as the catalog has them. */
class CatalogIndexTest {
    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");

    @TempDir
    Path folder;

    /** A clock the test moves on. */
    private static final class Hands extends Clock {
        Instant now = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private void publish(Store store, String slug, String tag) throws IOException {
        RenderedPost post = new RenderedPost(slug + ".md", "https://example.com/" + slug + "/", slug + "/", slug, NOW,
                NOW, "About " + slug, List.of(tag), List.of(), null, "<p>" + slug + "</p>", true, Set.of());
        Catalog.open(store).put(Entry.published("hash-" + slug, post));
    }

    @Test
    void anAnonymousPageReadsTheCatalogAtMostOnceInItsReuseTime() throws IOException {
        Store store = CatalogFile.open(folder.resolve("catalog.json"));
        publish(store, "first", "Rust");
        AtomicInteger reads = new AtomicInteger();
        Hands clock = new Hands();
        CatalogIndex index = new CatalogIndex(() -> {
            reads.incrementAndGet();
            return store;
        }, Duration.ofMinutes(1), clock);

        for (int request = 0; request < 100; request++) {
            assertEquals(List.of("Rust"), index.tags());
            assertEquals(1, index.newest(3).size());
        }
        assertEquals(1, reads.get(), "a hundred requests for the subscribe page, one read of the whole catalog");

        publish(store, "second", "Go");
        clock.now = NOW.plus(Duration.ofMinutes(1));
        assertEquals(List.of("Go", "Rust"), index.tags(), "a publish shows once the reuse time is over");
        assertEquals(2, reads.get());
    }

    @Test
    void theTagsAreMadeOncePerReadNotOncePerPage() throws IOException {
        Store store = CatalogFile.open(folder.resolve("catalog.json"));
        publish(store, "first", "Rust");
        publish(store, "second", "go");
        Hands clock = new Hands();
        CatalogIndex index = new CatalogIndex(() -> store, Duration.ofMinutes(1), clock);

        List<String> first = index.tags();
        assertEquals(List.of("go", "Rust"), first);
        assertSame(first, index.tags(), "a second page within the reuse time gets the list the read made");

        clock.now = NOW.plus(Duration.ofMinutes(1));
        List<String> next = index.tags();
        assertEquals(List.of("go", "Rust"), next);
        assertNotSame(first, next, "the next read makes them anew");
    }
}
