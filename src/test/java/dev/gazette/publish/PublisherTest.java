package dev.gazette.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.digest.Digest;
import dev.gazette.local.CatalogFile;
import dev.gazette.local.PostFolder;
import dev.gazette.local.SiteFolder;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherTest {
    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");
    private static final Site SITE = new Site(URI.create("https://example.com/"), "Blog", "About", "en",
            ZoneOffset.UTC, PermalinkPattern.BEFORE_DATES, 20);

    @TempDir
    Path folder;

    private Publisher publisher;
    private Catalog catalog;

    @BeforeEach
    void setUp() throws Exception {
        publisher = new Publisher(SITE, Templates.bundled(), 1 << 20, Duration.ofDays(7),
                new PostFolder(folder.resolve("posts")), new SiteFolder(folder.resolve("site")));
        catalog = Catalog.open(CatalogFile.open(folder.resolve("state/catalog.json")));
    }

    private Report remove(String source) throws Exception {
        return publisher.publish(catalog, List.of(Change.removed(source)), NOW, Publisher.Mode.INCREMENTAL, done -> { });
    }

    private Report publish(String source, String text) throws Exception {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        return publisher.publish(catalog, List.of(Change.of(source, () -> content)), NOW, Publisher.Mode.INCREMENTAL,
                done -> { });
    }

    /** The pattern a state recorded is read back, whatever the title holds, and a pattern may hold '|' itself. */
    @Test
    void theRecordedPermalinkPatternIsReadBackFromTheSettings() {
        assertEquals(Optional.of(new PermalinkPattern("/posts/:slug/")),
                Publisher.permalinksOf("3|https://example.com/|/posts/:slug/|UTC|A | B|A|en|20|"));
        assertEquals(Optional.of(new PermalinkPattern("/a|b/:slug/")),
                Publisher.permalinksOf("4|https://example.com/|/a|b/:slug/|Europe/Paris|Blog|Blog|en|20|"));
        assertEquals(Optional.empty(), Publisher.permalinksOf("damaged"));
    }

    @Test
    void aSiteWithoutAChosenPatternKeepsTheOneItWasPublishedWith() throws Exception {
        Publisher withDefault = new Publisher(new Site(URI.create("https://example.com/"), "Blog", "About", "en",
                ZoneOffset.UTC, PermalinkPattern.DEFAULT, 20), Templates.bundled(), 1 << 20, Duration.ofDays(7),
                new PostFolder(folder.resolve("posts")), new SiteFolder(folder.resolve("site")));
        publish("2024-05-09-one.md", "---\ntitle: One\n---\nText.\n");

        byte[] two = "---\ntitle: Two\n---\nText.\n".getBytes(StandardCharsets.UTF_8);
        withDefault.publish(catalog, List.of(Change.of("2024-05-10-two.md", () -> two)), NOW,
                Publisher.Mode.INCREMENTAL, done -> { });

        assertEquals(List.of("https://example.com/posts/two/", "https://example.com/posts/one/"),
                catalog.newest(10).stream().map(post -> post.url()).toList());
    }

    /**
     * On macOS and Windows {@code About/index.html} and {@code about/index.html} are one file: a post whose permalink
     * changes only in case keeps its page, on such a folder (here one that folds names to lower case) as on S3.
     */
    @Test
    void aPostWhosePermalinkChangesOnlyInCaseKeepsItsPageOnACaseInsensitiveFolder() throws Exception {
        SiteFolder folded = new SiteFolder(folder.resolve("site"));
        SiteFiles caseInsensitive = new SiteFiles() {
            @Override
            public boolean write(String path, byte[] content) throws java.io.IOException {
                return folded.write(path.toLowerCase(java.util.Locale.ROOT), content);
            }

            @Override
            public void delete(String path) throws java.io.IOException {
                folded.delete(path.toLowerCase(java.util.Locale.ROOT));
            }
        };
        publisher = new Publisher(SITE, Templates.bundled(), 1 << 20, Duration.ofDays(7),
                new PostFolder(folder.resolve("posts")), caseInsensitive);
        publish("2024-05-10-about.md", "---\ntitle: About\npermalink: /About/\n---\nUs.\n");

        publish("2024-05-10-about.md", "---\ntitle: About\npermalink: /about/\n---\nUs.\n");

        assertTrue(Files.readString(folder.resolve("site/about/index.html")).contains("Us."));
    }

    @Test
    void aPostRenamedWhoseUploadComesFirstIsNotEmailedAgain() throws Exception {
        String text = "---\ntitle: Hello\n---\nText.\n";
        publish("2024-05-10-helo.md", text);
        Digests.open(catalog, NOW);

        // As two S3 events: the new name first, the old one's deletion in a later run.
        publish("2024-05-10-hello.md", text);
        publisher.publish(catalog, List.of(Change.removed("2024-05-10-helo.md")), NOW, Publisher.Mode.INCREMENTAL,
                done -> { });

        assertEquals(List.of(), catalog.due());
        assertEquals(Mailing.State.SKIPPED, catalog.mailing("https://example.com/posts/hello/").orElseThrow().state());
        assertEquals(List.of("https://example.com/posts/hello/"),
                catalog.newest(10).stream().map(post -> post.url()).toList());
    }

    @Test
    void aPostMovedToAnotherFolderUnderTheSamePermalinkStaysDue() throws Exception {
        String text = "---\ntitle: A\n---\nText.\n";
        publish("2024-05-10-a.md", text);
        publisher.publish(catalog, List.of(Change.removed("2024-05-10-a.md"),
                Change.of("2024/2024-05-10-a.md", () -> text.getBytes(StandardCharsets.UTF_8))), NOW,
                Publisher.Mode.INCREMENTAL, done -> { });

        assertEquals(List.of("https://example.com/posts/a/"), catalog.due().stream().map(Mailing::postId).toList());
    }

    @Test
    void aPostMovedUnderTheSamePermalinkWhoseUploadComesFirstTakesItsPlace() throws Exception {
        String text = "---\ntitle: A\n---\nText.\n";
        Path posts = Files.createDirectories(folder.resolve("posts/2024"));
        Files.writeString(posts.resolve("2024-05-10-a.md"), text);
        publish("2024/2024-05-10-a.md", text);

        // Moved to the top folder; its upload is handled first, and the deletion comes later.
        Files.move(posts.resolve("2024-05-10-a.md"), folder.resolve("posts/2024-05-10-a.md"));
        Report upload = publish("2024-05-10-a.md", text);
        Report deletion = publisher.publish(catalog, List.of(Change.removed("2024/2024-05-10-a.md")), NOW,
                Publisher.Mode.INCREMENTAL, done -> { });

        assertEquals(List.of(), upload.errors());
        assertEquals(List.of("2024-05-10-a.md"), upload.created());
        assertEquals(List.of(), deletion.removed(), "the deletion finds nothing left to take off");
        assertEquals(Optional.of("2024-05-10-a.md"), catalog.atPath("posts/a/"));
        assertTrue(Files.exists(folder.resolve("site/posts/a/index.html")));
    }

    @Test
    void aCopyCannotTakeThePermalinkOfAPostWhoseFileIsStillThere() throws Exception {
        String text = "---\ntitle: A\n---\nText.\n";
        Path posts = Files.createDirectories(folder.resolve("posts/2024"));
        Files.writeString(posts.resolve("2024-05-10-a.md"), text);
        publish("2024/2024-05-10-a.md", text);

        Report copy = publish("2024-05-10-a.md", text);

        assertEquals("its permalink /posts/a/ is taken by 2024/2024-05-10-a.md; give one of them another 'slug'",
                copy.errors().get(0).reason());
    }

    @Test
    void aDuePostThatMovesIsStillDueUnderItsNewAddress() throws Exception {
        publish("2024-05-10-a.md", "---\ntitle: A\n---\nText.\n");

        publish("2024-05-10-a.md", "---\ntitle: A\nslug: renamed\n---\nText.\n");

        assertEquals(List.of("https://example.com/posts/renamed/"), catalog.due().stream().map(Mailing::postId).toList());
        assertEquals(Optional.empty(), catalog.mailing("https://example.com/posts/a/"), "withdrawn, in its new place");
    }

    @Test
    void aPostRenamedWhoseDeletionComesFirstIsNotEmailedAgain() throws Exception {
        String text = "---\ntitle: Hello\n---\nText.\n";
        publish("2024-05-10-helo.md", text);
        Digests.open(catalog, NOW);

        remove("2024-05-10-helo.md");
        Report upload = publish("2024-05-10-hello.md", text);

        assertEquals(List.of(), catalog.due());
        assertEquals(List.of(new Report.NotMailed("2024-05-10-hello.md", "emailed as https://example.com/posts/helo/")),
                upload.notMailed());
    }

    @Test
    void aPostRenamedWhileItsDigestIsBeingSentIsFoundWhereItWent() throws Exception {
        String text = "---\ntitle: Hello\n---\nText.\n";
        publish("2024-05-10-helo.md", text);
        Digest digest = Digests.open(catalog, NOW).orElseThrow();

        remove("2024-05-10-helo.md");
        publish("2024-05-10-hello.md", text);

        assertEquals(List.of("https://example.com/posts/hello/"),
                Digests.posts(catalog, digest).stream().map(post -> post.url()).toList(),
                "the subscribers not mailed yet get it under its new address");
        assertEquals(List.of(), catalog.due(), "and it is not due again");
    }

    @Test
    void aPostEditedThenRenamedIsNotEmailedAgain() throws Exception {
        publish("2024-05-10-helo.md", "---\ntitle: Hello\n---\nTypo.\n");
        Digests.open(catalog, NOW);
        String fixed = "---\ntitle: Hello\n---\nText.\n";
        publish("2024-05-10-helo.md", fixed);

        remove("2024-05-10-helo.md");
        publish("2024-05-10-hello.md", fixed);

        assertEquals(List.of(), catalog.due());
    }

    @Test
    void aPostRenamedTwiceBeforeItsDigestIsDueOnceUnderItsLastName() throws Exception {
        String text = "---\ntitle: Hello\n---\nText.\n";
        publish("2024-05-10-a.md", text);
        remove("2024-05-10-a.md");
        publish("2024-05-10-b.md", text);
        remove("2024-05-10-b.md");
        publish("2024-05-10-c.md", text);

        assertEquals(List.of("https://example.com/posts/c/"), catalog.due().stream().map(Mailing::postId).toList());
    }

    @Test
    void aPostTakenOffBeforeItsDigestAndBackUnderAnotherNameIsDue() throws Exception {
        String text = "---\ntitle: Hello\n---\nText.\n";
        publish("2024-05-10-a.md", text);
        remove("2024-05-10-a.md");
        Digests.open(catalog, NOW);

        publish("2024-05-10-b.md", text);

        assertEquals(List.of("https://example.com/posts/b/"), catalog.due().stream().map(Mailing::postId).toList());
    }

    @Test
    void aDraftTakenOffBeforeItsDigestAndPublishedAgainIsDue() throws Exception {
        publish("2024-05-10-a.md", "---\ntitle: A\n---\nText.\n");
        publish("2024-05-10-a.md", "---\ntitle: A\ndraft: true\n---\nText.\n");
        assertEquals(Optional.empty(), Digests.open(catalog, NOW), "nothing to send");

        publish("2024-05-10-a.md", "---\ntitle: A\n---\nText, ready.\n");

        assertEquals(List.of("https://example.com/posts/a/"), catalog.due().stream().map(Mailing::postId).toList());
    }

    @Test
    void aMoveWhoseOldFileIsStillThereGoesInTheDigestOnceUnderItsNewPlace() throws Exception {
        String text = "---\ntitle: Hello\n---\nText.\n";
        Files.createDirectories(folder.resolve("posts"));
        Files.writeString(folder.resolve("posts/2024-05-10-helo.md"), text);
        publish("2024-05-10-helo.md", text);

        // The upload of the new name is handled while the old file is still there, as with 'aws s3 sync --delete'.
        publish("2024-05-10-hello.md", text);
        Digest digest = Digests.open(catalog, NOW).orElseThrow();

        assertEquals(List.of("https://example.com/posts/hello/"), digest.postIds());
        assertEquals("the same text as https://example.com/posts/hello/, in the same digest",
                catalog.mailing("https://example.com/posts/helo/").orElseThrow().detail());
    }

    @Test
    void aCopyOfAnEmailedPostIsNotEmailedAndTheWriterIsTold() throws Exception {
        String text = "---\ntitle: Hello\n---\nText.\n";
        Files.createDirectories(folder.resolve("posts"));
        Files.writeString(folder.resolve("posts/2024-05-10-a.md"), text);
        publish("2024-05-10-a.md", text);
        Digests.open(catalog, NOW);

        Report copy = publish("2024-05-10-b.md", text);

        assertEquals(List.of(), catalog.due());
        assertEquals(List.of(new Report.NotMailed("2024-05-10-b.md", "emailed as https://example.com/posts/a/")),
                copy.notMailed());
        assertEquals(2, catalog.newest(10).size(), "both published");
    }

    @Test
    void anEmailedPostThatMovesIsNotEmailedAgain() throws Exception {
        publish("2024-05-10-a.md", "---\ntitle: A\n---\nText.\n");
        Digests.open(catalog, NOW);

        publish("2024-05-10-a.md", "---\ntitle: A\nslug: renamed\n---\nText.\n");

        assertEquals(List.of(), catalog.due());
        assertEquals(Mailing.State.SKIPPED, catalog.mailing("https://example.com/posts/renamed/").orElseThrow().state());
    }
}
