package dev.gazette.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderWatcherTest {
    @TempDir
    Path folder;

    private Path posts;
    private Path templates;
    private FolderWatcher watcher;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void watch() throws Exception {
        posts = Files.createDirectories(folder.resolve("posts")).toRealPath();
        templates = Files.createDirectories(folder.resolve("templates")).toRealPath();
        Files.createDirectories(posts.resolve("2024"));
        watcher = new FolderWatcher(List.of(posts, templates), List.of(posts.resolve("outbox")), warnings::add);
    }

    @AfterEach
    void close() throws Exception {
        watcher.close();
    }

    @Test
    void anEditorsSaveThroughATemporaryFileAndARenameIsAChange() throws Exception {
        Path temporary = Files.writeString(posts.resolve("2024").resolve(".post.md.swp"), "---\ntitle: A\n---\n");
        Files.move(temporary, posts.resolve("2024").resolve("post.md"), StandardCopyOption.ATOMIC_MOVE);

        assertEquals(Set.of(posts), next());
    }

    @Test
    void aBurstOfSavesIsOneChange() throws Exception {
        for (int i = 0; i < 20; i++) {
            Files.writeString(posts.resolve("post.md"), "version " + i);
        }

        assertEquals(Set.of(posts), next());
        assertEquals(null, CompletableFuture.supplyAsync(this::nextOrNull).completeOnTimeout(null, 500,
                TimeUnit.MILLISECONDS).get(), "nothing more to tell");
    }

    @Test
    void aFolderMadeAfterTheStartIsWatchedToo() throws Exception {
        Path later = Files.createDirectories(posts.resolve("later"));
        assertEquals(Set.of(posts), next());

        Files.writeString(later.resolve("post.md"), "---\ntitle: Later\n---\n");

        assertEquals(Set.of(posts), next());
    }

    @Test
    void aTemplateIsToldApartFromAPost() throws Exception {
        Files.writeString(templates.resolve("post.html.mustache"), "{{title}}");

        assertEquals(Set.of(templates), next());
    }

    @Test
    void aSkippedFolderIsNotWatched() throws Exception {
        Path outbox = Files.createDirectories(posts.resolve("outbox"));
        assertEquals(Set.of(posts), next());

        Files.writeString(outbox.resolve("a.eml"), "mail");

        assertEquals(null, CompletableFuture.supplyAsync(this::nextOrNull).completeOnTimeout(null, 500,
                TimeUnit.MILLISECONDS).get());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    private Set<Path> next() throws Exception {
        return CompletableFuture.supplyAsync(this::nextOrNull).get(10, TimeUnit.SECONDS);
    }

    private Set<Path> nextOrNull() {
        try {
            return watcher.next();
        } catch (Exception e) {
            return null;
        }
    }
}
