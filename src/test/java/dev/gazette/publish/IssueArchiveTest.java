package dev.gazette.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import dev.gazette.digest.Digest;
import dev.gazette.digest.DigestComposer;
import dev.gazette.local.CatalogFile;
import dev.gazette.local.OutboxMailer;
import dev.gazette.local.SiteFolder;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.Tokens;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssueArchiveTest {
    private static final Site SITE = new Site(URI.create("https://example.com/blog/"), "Blog", "About", "en",
            ZoneOffset.UTC, PermalinkPattern.DEFAULT, 20);
    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");
    private static final Tokens TOKENS = new Tokens(new byte[32]);
    private static final List<Subscriber> READERS = List.of(new Subscriber("ada@example.com", "Ada"),
            new Subscriber("grace@example.net", null));

    @TempDir
    Path folder;

    private Store store;

    private Store store() throws IOException {
        if (store == null) {
            store = CatalogFile.open(folder.resolve("catalog.json"));
        }
        return store;
    }

    private Path site() {
        return folder.resolve("site");
    }

    private IssueArchive archive() {
        return new IssueArchive(SITE, Templates.bundled(), DigestComposer.Content.FULL, new SiteFolder(site()));
    }

    private Digests.Dispatch mail() {
        DigestSender sender = new DigestSender(new DigestComposer(SITE, Templates.bundled(), TOKENS,
                "news@example.com", "https://example.com", DigestComposer.Content.FULL),
                new OutboxMailer(folder.resolve("outbox")));
        return Digests.mailTo(READERS, () -> sender);
    }

    private void due(String slug, String title, Instant date) throws IOException {
        due(slug, title, date, "<p>The text of " + title + ".</p>");
    }

    private RenderedPost due(String slug, String title, Instant date, String html) throws IOException {
        Catalog catalog = Catalog.open(store());
        RenderedPost post = new RenderedPost(slug + ".md", SITE.link("posts/" + slug + "/"), "posts/" + slug + "/",
                title, date, date, "About " + title, List.of(), List.of(), null, html, true, Set.of());
        catalog.put(Entry.published("hash-" + slug, post));
        catalog.addMailing(Mailing.due(post.url(), date));
        return post;
    }

    private String siteFile(String path) throws IOException {
        return Files.readString(site().resolve(path));
    }

    private List<Path> emails() throws IOException {
        try (Stream<Path> walk = Files.walk(folder.resolve("outbox"))) {
            return walk.filter(file -> file.toString().endsWith(".eml")).sorted().toList();
        }
    }

    @Test
    void theWebCopyIndexAndFeedAreThereAfterTheSendAndHoldNothingPersonal() throws Exception {
        due("launch", "Launch", NOW);
        Digests.Outcome outcome = new Digests(store(), java.time.Duration.ZERO)
                .sendDue(NOW, archive(), mail()).orElseThrow();

        String path = "newsletter/" + outcome.digest().id() + "/";
        String page = siteFile(path + "index.html");
        String index = siteFile("newsletter/index.html");
        String feed = siteFile("newsletter/feed.xml");
        assertTrue(page.contains("The text of Launch."), page);
        for (String file : List.of(page, index, feed, siteFile("newsletter/atom.xml"), siteFile("newsletter/feed.json"))) {
            assertFalse(file.contains("ada@example.com") || file.contains("grace@example.net"), file);
            assertFalse(file.contains("token=") || file.contains("/unsubscribe"), file);
            assertFalse(file.contains(TOKENS.unsubscribe("ada@example.com")), file);
        }
        Document listing = Jsoup.parse(index);
        assertEquals(List.of(SITE.link(path)), listing.select("main li a").eachAttr("href"));
        assertEquals(SITE.link("newsletter/feed.xml"), listing.selectFirst("main a:contains(RSS)").attr("href"));
        Channel rss = (Channel) new WireFeedInput().build(new StringReader(feed));
        assertEquals(List.of(SITE.link(path)), rss.getItems().stream().map(Item::getLink).toList());
        assertEquals("10 May 2024: Launch", rss.getItems().get(0).getTitle());

        // Each reader's email links to that page, which is the file just written.
        assertEquals(2, emails().size());
        for (Path email : emails()) {
            String eml = Files.readString(email).replace("=\r\n", "");
            assertTrue(eml.contains("View in your browser: " + SITE.link(path)), eml);
        }
    }

    @Test
    void aRetriedRunWritesTheSamePageAndListsTheIssueOnce() throws Exception {
        due("launch", "Launch", NOW);
        Digests digests = new Digests(store(), java.time.Duration.ZERO);
        Digests.Dispatch crashing = (digest, posts, now) -> {
            throw new IOException("the disk is full");
        };
        assertThrows(IOException.class, () -> digests.sendDue(NOW, archive(), crashing));
        String id = Catalog.open(store()).archived().get(0).id();
        String page = siteFile("newsletter/" + id + "/index.html");
        assertEquals(0, Files.exists(folder.resolve("outbox")) ? emails().size() : 0, "the page is written first");

        Digests.Outcome retried = digests.sendDue(NOW.plusSeconds(60), archive(), mail()).orElseThrow();

        assertEquals(id, retried.digest().id());
        assertEquals(page, siteFile("newsletter/" + id + "/index.html"));
        assertEquals(1, Jsoup.parse(siteFile("newsletter/index.html")).select("main li").size());
        assertEquals(2, emails().size());
        assertTrue(Catalog.open(store()).digest(id).orElseThrow().archived());
    }

    @Test
    void aRetriedRunInWhichEveryReaderHadTheEmailTellsTheSamePostsSummarised() throws Exception {
        RenderedPost huge = due("huge", "Huge", NOW, "<p>" + "A long paragraph of the huge post. ".repeat(4_000)
                + "</p>");
        due("short", "Short", NOW);
        DigestComposer composer = new DigestComposer(SITE, Templates.bundled(), TOKENS, "news@example.com",
                "https://example.com", DigestComposer.Content.FULL);
        List<List<String>> laidOut = new ArrayList<>();
        DigestSender.Preparer counting = (digest, posts) -> {
            laidOut.add(posts.stream().map(RenderedPost::url).toList());
            return composer.prepare(digest, posts);
        };
        Digests.Dispatch mailing = Digests.mailTo(READERS,
                () -> new DigestSender(composer, new OutboxMailer(folder.resolve("outbox")), counting));
        Digests.Dispatch stoppingOnceSent = (digest, posts, now) -> {
            mailing.dispatch(digest, posts, now);
            throw new IOException("stopped before the digest was closed");
        };
        Digests digests = new Digests(store(), java.time.Duration.ZERO);
        assertThrows(IOException.class, () -> digests.sendDue(NOW, archive(), stoppingOnceSent));
        assertEquals(2, emails().size(), "every reader has it");

        Digests.Outcome retried = digests.sendDue(NOW.plusSeconds(60), archive(), mailing).orElseThrow();

        assertEquals(0, retried.delivery().sent());
        assertEquals(2, retried.delivery().already());
        assertEquals(List.of(huge.url()), retried.summarised());
        assertEquals(2, laidOut.size(), "one layout a run, shared by both readers");
    }

    @Test
    void aPostJustPastTheLimitIsToldAsSummarisedAsTheEmailsCarryItMailedOrQueued() throws Exception {
        DigestComposer composer = new DigestComposer(SITE, Templates.bundled(), TOKENS, "news@example.com",
                "https://example.com", DigestComposer.Content.FULL);
        // The shortest post that the sender, which lays out each email with room for its reader's links, summarises.
        Digest sameLength = new Digest("20240510-000000000000", List.of(SITE.link("posts/edge/")), NOW, null, 0);
        int low = 90_000;
        int high = 110_000;
        while (low < high) {
            int middle = (low + high) / 2;
            if (composer.prepare(sameLength, List.of(edge("x".repeat(middle)))).summarised().isEmpty()) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        assertEquals(List.of(), archive().summarisedInEmail(sameLength, List.of(edge("x".repeat(low - 1)))),
                "one character shorter, it fits whole");
        RenderedPost edge = due("edge", "Edge", NOW, "<p>" + "x".repeat(low) + "</p>");
        assertEquals(List.of(edge.url()), archive().summarisedInEmail(sameLength, List.of(edge)),
                "as the Digest function tells it when it queues the readers");

        Digests.Outcome outcome = new Digests(store(), java.time.Duration.ZERO)
                .sendDue(NOW, archive(), mail()).orElseThrow();

        assertEquals(List.of(edge.url()), outcome.delivery().summarised(), "as the emails carry it");
        assertEquals(List.of(edge.url()), outcome.summarised());
    }

    private static RenderedPost edge(String text) {
        return new RenderedPost("edge.md", SITE.link("posts/edge/"), "posts/edge/", "Edge", NOW, NOW, "About Edge",
                List.of(), List.of(), null, "<p>" + text + "</p>", true, Set.of());
    }

    @Test
    void theIndexListsEveryIssueNewestFirst() throws Exception {
        Digests digests = new Digests(store(), java.time.Duration.ZERO);
        due("one", "One", NOW);
        String first = digests.sendDue(NOW, archive(), mail()).orElseThrow().digest().id();
        due("two", "Two", NOW.plusSeconds(86_400));
        due("three", "Three", NOW.plusSeconds(86_400));
        String second = digests.sendDue(NOW.plusSeconds(86_400), archive(), mail()).orElseThrow().digest().id();

        Document index = Jsoup.parse(siteFile("newsletter/index.html"));
        assertEquals(List.of(SITE.link("newsletter/" + second + "/"), SITE.link("newsletter/" + first + "/")),
                index.select("main li > a").eachAttr("href"));
        assertEquals("11 May 2024: Blog: 2 new posts", index.selectFirst("main li > a").text());
        String page = siteFile("newsletter/" + second + "/index.html");
        assertTrue(page.contains("The text of Two.") && page.contains("The text of Three."), page);
    }

    @Test
    void aTestSendIsNotArchivedAndItsEmailHasNoBrowserLink() throws Exception {
        due("launch", "Launch", NOW);
        DigestSender sender = new DigestSender(new DigestComposer(SITE, Templates.bundled(), TOKENS,
                "news@example.com", "https://example.com", DigestComposer.Content.FULL),
                new OutboxMailer(folder.resolve("outbox")));

        new Digests(store(), java.time.Duration.ZERO).sendTest(READERS.get(0), () -> sender, NOW).orElseThrow();

        assertFalse(Files.exists(site().resolve("newsletter")));
        assertFalse(Files.readString(emails().get(0)).contains("View in your browser"));
    }
}
