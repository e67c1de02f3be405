package dev.gazette.preview;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.digest.DigestComposer;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.Tokens;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewBuildTest {
    private static final Site SITE = new Site(URI.create("https://example.com/"), "Blog", "About", "en",
            ZoneOffset.UTC, PermalinkPattern.DEFAULT, 20);
    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");
    private static final DigestComposer COMPOSER = new DigestComposer(SITE, Templates.bundled(),
            new Tokens(new byte[32]), "news@example.com", "https://example.com", DigestComposer.Content.FULL);

    @TempDir
    Path folder;

    @Test
    void aFileBesidePostsThatChangedReloadsEveryPageAndAPostOnlyItsOwn() throws Exception {
        Path posts = Files.createDirectories(folder.resolve("posts"));
        Files.writeString(posts.resolve("2024-05-01-first.md"), "---\ntitle: First\n---\nHello.\n");
        Files.writeString(posts.resolve("style.css"), "p { color: red }");
        try (PreviewBuild build = new PreviewBuild(posts, folder.resolve("site"),
                Files.createDirectories(folder.resolve("state")), List.of(), SITE)) {
            Set<String> first = build.build(Templates.bundled(), COMPOSER, false, NOW).changed();
            assertTrue(first.contains("style.css"), first.toString());
            assertTrue(first.contains(PreviewBuild.BESIDE_POSTS), first.toString());

            Files.writeString(posts.resolve("2024-05-01-first.md"), "---\ntitle: First\n---\nHello again.\n");
            Set<String> edited = build.build(Templates.bundled(), COMPOSER, false, NOW).changed();
            assertTrue(edited.contains("2024/05/01/first/index.html"), edited.toString());
            assertFalse(edited.contains(PreviewBuild.BESIDE_POSTS), edited.toString());

            Files.writeString(posts.resolve("style.css"), "p { color: blue }");
            assertTrue(build.build(Templates.bundled(), COMPOSER, false, NOW).changed()
                    .contains(PreviewBuild.BESIDE_POSTS));
        }
    }
}
