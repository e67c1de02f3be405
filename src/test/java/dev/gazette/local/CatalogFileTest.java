package dev.gazette.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.digest.Digest;
import dev.gazette.publish.Entry;
import dev.gazette.publish.Mailing;
import dev.gazette.render.RenderedPost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogFileTest {
    @TempDir
    Path folder;

    private static RenderedPost post(String slug, String date, String... tags) {
        return new RenderedPost(slug + ".md", "https://example.com/posts/" + slug + "/", "posts/" + slug + "/",
                "Title " + slug, Instant.parse(date), Instant.parse(date), "Summary", List.of(tags), List.of("Ada"),
                null, "<p>“Ünïcode” & <b>HTML</b></p>", true, Set.of("other.md"));
    }

    @Test
    void keepsEverythingFromOneRunToTheNext() throws IOException {
        Path file = folder.resolve("state/catalog.json");
        CatalogFile catalog = CatalogFile.load(file);
        assertFalse(catalog.existed());
        RenderedPost post = post("a", "2024-05-01T10:00:00Z", "Rust");
        catalog.put(new Entry("a.md", "h1", Entry.Kind.PUBLISHED, post.date(), post));
        catalog.put(new Entry("later.md", "h2", Entry.Kind.SCHEDULED, Instant.parse("2030-01-01T00:00:00Z"), null));
        catalog.put(new Entry("img.png", "h3", Entry.Kind.FILE, null, null));
        Mailing mailing = new Mailing(post.url(), Mailing.State.IN_DIGEST, "d1", Instant.parse("2024-05-02T00:00:00Z"));
        catalog.addMailing(mailing);
        Digest digest = new Digest("d1", List.of(post.url()), Instant.parse("2024-05-02T00:00:00Z"), null, 0);
        catalog.putDigest(digest);
        catalog.putSettings("settings");
        catalog.save();

        CatalogFile loaded = CatalogFile.load(file);
        assertTrue(loaded.existed());
        assertEquals(catalog.entry("a.md"), loaded.entry("a.md"));
        assertEquals(Set.of("a.md", "later.md", "img.png"), loaded.sources());
        assertEquals(Optional.of(mailing), loaded.mailing(post.url()));
        assertEquals(List.of(digest), loaded.openDigests());
        assertEquals(Optional.of("settings"), loaded.settings());
    }

    @Test
    void answersTheQueriesThePublisherAsks() throws IOException {
        CatalogFile catalog = CatalogFile.load(folder.resolve("catalog.json"));
        RenderedPost a = post("a", "2024-05-01T00:00:00Z", "Rust");
        RenderedPost b = post("b", "2024-05-03T00:00:00Z", "rust", "news");
        RenderedPost c = post("c", "2024-05-02T00:00:00Z");
        for (RenderedPost post : List.of(a, b, c)) {
            catalog.put(new Entry(post.source(), "h", Entry.Kind.PUBLISHED, post.date(), post));
        }
        catalog.put(new Entry("s.md", "h", Entry.Kind.SCHEDULED, Instant.parse("2024-06-01T00:00:00Z"), null));

        assertEquals(List.of(b, c, a), catalog.newest(10));
        assertEquals(List.of(b, c), catalog.newest(2));
        assertEquals(List.of(b, a), catalog.newestTagged("rust", 10));
        assertEquals(Optional.of(c), catalog.published("https://example.com/posts/c/"));
        assertEquals("c.md", catalog.atPath("posts/c/").orElseThrow().source());
        assertEquals(3, catalog.linkingTo("other.md").size());
        assertEquals(List.of(), catalog.scheduledUntil(Instant.parse("2024-05-31T00:00:00Z")));
        assertEquals(1, catalog.scheduledUntil(Instant.parse("2024-06-01T00:00:00Z")).size());
    }

    @Test
    void namesADamagedFile() throws IOException {
        Path file = folder.resolve("catalog.json");
        Files.writeString(file, "{\"version\": 1, \"entries\": [{\"source\": ");
        IOException e = assertThrows(IOException.class, () -> CatalogFile.load(file));
        assertTrue(e.getMessage().startsWith(file + " is damaged"), e.getMessage());
    }

    @Test
    void refusesAnotherFormatVersion() throws IOException {
        Path file = folder.resolve("catalog.json");
        Files.writeString(file, "{\"version\": 99, \"entries\": [], \"mailings\": [], \"digests\": []}");
        IOException e = assertThrows(IOException.class, () -> CatalogFile.load(file));
        assertTrue(e.getMessage().contains("format 99"), e.getMessage());
    }
}
