package dev.gazette.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.digest.DigestComposer;
import dev.gazette.local.CatalogFile;
import dev.gazette.publish.Catalog;
import dev.gazette.publish.Entry;
import dev.gazette.publish.Mailing;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.Tokens;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NextDigestTest {
    private static final Site SITE = new Site(URI.create("https://example.com/"), "Blog", "About", "en",
            ZoneOffset.UTC, PermalinkPattern.DEFAULT, 20);
    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");
    private static final DigestComposer COMPOSER = new DigestComposer(SITE, Templates.bundled(),
            new Tokens(new byte[32]), "news@example.com", "https://example.com", DigestComposer.Content.FULL);

    @TempDir
    Path folder;

    private static RenderedPost post(String slug, String title) {
        return new RenderedPost(slug + ".md", SITE.link("posts/" + slug + "/"), "posts/" + slug + "/", title, NOW,
                NOW, "About " + title, List.of(), List.of(), null, "<p>The text of " + title + ".</p>", true,
                Set.of());
    }

    @Test
    void showsTheDuePostsOfTheCatalogTheBuildLeftWithoutReadingTheStoreAgain() throws Exception {
        CatalogFile store = CatalogFile.open(folder.resolve("catalog.json"));
        Catalog built = Catalog.open(store);
        RenderedPost launch = post("launch", "Launch");
        built.put(new Entry(launch.source(), "hash-launch", Entry.Kind.PUBLISHED, NOW, launch));
        built.addMailing(new Mailing(launch.url(), Mailing.State.DUE, null, NOW));
        // Written to the store behind the build's back: a digest that read the store again would carry it too.
        Catalog other = Catalog.open(store);
        RenderedPost later = post("later", "Later");
        other.put(new Entry(later.source(), "hash-later", Entry.Kind.PUBLISHED, NOW, later));
        other.addMailing(new Mailing(later.url(), Mailing.State.DUE, null, NOW));

        NextDigest next = NextDigest.of(built, COMPOSER, NOW).orElseThrow();

        assertTrue(next.due());
        assertEquals(List.of(new NextDigest.Listed(launch.url(), "Launch")), next.posts());
        assertEquals(NextDigest.SAMPLE.email(), next.email().to());
        assertTrue(next.email().html().contains("The text of Launch."), next.email().html());
        assertFalse(next.email().html().contains("The text of Later."), next.email().html());
        assertEquals(Mailing.State.DUE, built.mailing(launch.url()).orElseThrow().state(), "still due");
    }

    @Test
    void withNothingDueShowsTheNewestPostAndWithNoPostNothing() throws Exception {
        Catalog catalog = Catalog.open(CatalogFile.open(folder.resolve("catalog.json")));
        assertEquals(Optional.empty(), NextDigest.of(catalog, COMPOSER, NOW));

        RenderedPost old = post("old", "Old");
        catalog.put(new Entry(old.source(), "hash-old", Entry.Kind.PUBLISHED, NOW, old));
        catalog.addMailing(new Mailing(old.url(), Mailing.State.SKIPPED, "published on the first run", NOW));
        NextDigest next = NextDigest.of(catalog, COMPOSER, NOW).orElseThrow();

        assertFalse(next.due());
        assertEquals(List.of(new NextDigest.Listed(old.url(), "Old")), next.posts());
    }
}
