package dev.gazette.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.digest.Digest;
import dev.gazette.digest.DigestComposer;
import dev.gazette.local.CatalogFile;
import dev.gazette.local.OutboxMailer;
import dev.gazette.mail.Email;
import dev.gazette.mail.Mailer;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.Tokens;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestSenderTest {
    private static final Site SITE = new Site(URI.create("https://example.com/"), "Blog", "About", "en",
            ZoneOffset.UTC, PermalinkPattern.BEFORE_DATES, 20);
    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");
    private static final List<Subscriber> READERS = IntStream.rangeClosed(1, 10)
            .mapToObj(i -> new Subscriber("reader" + i + "@example.com", null)).toList();

    @TempDir
    Path folder;

    private final DigestComposer composer = new DigestComposer(SITE, Templates.bundled(),
            new Tokens(new byte[32]), "news@example.com", "https://example.com", DigestComposer.Content.FULL);

    private Catalog catalogWithDuePost() throws IOException {
        Catalog catalog = Catalog.open(CatalogFile.open(folder.resolve("catalog.json")));
        RenderedPost post = new RenderedPost("a.md", "https://example.com/posts/a/", "posts/a/", "A", NOW, NOW, "S",
                List.of(), List.of(), null, "<p>A</p>", true, Set.of());
        catalog.put(Entry.published("hash", post));
        catalog.addMailing(Mailing.due(post.url(), NOW));
        return catalog;
    }

    private long emails() throws IOException {
        try (Stream<Path> walk = Files.walk(folder.resolve("outbox"))) {
            return walk.filter(file -> file.toString().endsWith(".eml")).count();
        }
    }

    @Test
    void aSenderStoppedHalfWayResumesWithTheRemainingSubscribers() throws Exception {
        Catalog catalog = catalogWithDuePost();
        OutboxMailer outbox = new OutboxMailer(folder.resolve("outbox"));
        Digest digest = Digests.open(catalog, NOW).orElseThrow();

        // The process dies after the fourth email.
        Mailer dying = new Mailer() {
            private int sent;

            @Override
            public Result send(Email email) throws IOException {
                if (sent == 4) {
                    throw new Killed();
                }
                sent++;
                return outbox.send(email);
            }
        };
        List<RenderedPost> posts = Digests.posts(catalog, digest);
        assertThrows(Killed.class, () -> new DigestSender(composer, dying).send(digest, posts, READERS, NOW));
        assertEquals(4, emails());

        // The next run finds the same digest open and sends it to the six who have not had it.
        Catalog reloaded = Catalog.open(CatalogFile.open(folder.resolve("catalog.json")));
        Digest resumed = Digests.open(reloaded, NOW.plusSeconds(60)).orElseThrow();
        assertEquals(digest, resumed);
        DigestSender.Delivery delivery = new DigestSender(composer, outbox)
                .send(resumed, Digests.posts(reloaded, resumed), READERS, NOW.plusSeconds(60));
        assertEquals(new DigestSender.Delivery(6, 4, List.of(), List.of()), delivery);
        assertEquals(10, emails());

        reloaded.putDigest(resumed.sentTo(READERS.size(), NOW.plusSeconds(60)));
        assertEquals(Optional.empty(), Digests.open(reloaded, NOW.plusSeconds(120)));
    }

    /** The process ending where it stands, as a kill would: nothing after it runs. */
    private static final class Killed extends Error {
    }

    @Test
    void aMessageThatCannotBeSentToOneSubscriberIsTheirFailureAloneAndTheNextRunSendsIt() throws Exception {
        Catalog catalog = catalogWithDuePost();
        OutboxMailer outbox = new OutboxMailer(folder.resolve("outbox"));
        Digest digest = Digests.open(catalog, NOW).orElseThrow();
        Mailer fullForReader3 = email -> {
            if (email.to().equals("reader3@example.com")) {
                throw new IOException("outbox/reader3@example.com.eml: No space left on device");
            }
            return outbox.send(email);
        };

        DigestSender.Delivery delivery = new DigestSender(composer, fullForReader3)
                .send(digest, Digests.posts(catalog, digest), READERS, NOW);

        assertEquals(List.of(new DigestSender.Failure("reader3@example.com",
                "outbox/reader3@example.com.eml: No space left on device")), delivery.failed());
        assertEquals(9, delivery.sent(), "everyone after reader3 has it too");
        DigestSender.Delivery again = new DigestSender(composer, outbox)
                .send(digest, Digests.posts(catalog, digest), READERS, NOW);
        assertEquals(new DigestSender.Delivery(1, 9, List.of(), List.of()), again);
        assertEquals(10, emails());
    }

    @Test
    void readersOfTheSamePostsShareOneRenderingWhateverTheirTopics() throws Exception {
        RenderedPost rust = new RenderedPost("a.md", "https://example.com/posts/a/", "posts/a/", "A", NOW, NOW, "S",
                List.of("rust"), List.of(), null, "<p>A</p>", true, Set.of());
        RenderedPost go = new RenderedPost("b.md", "https://example.com/posts/b/", "posts/b/", "B", NOW, NOW, "S",
                List.of("go"), List.of(), null, "<p>B</p>", true, Set.of());
        Digest digest = new Digest("20240510-abc", List.of(rust.url(), go.url()), NOW, null, 0);
        // Fifty readers of Rust, each with a topic of their own besides that no post has: one selection.
        List<Subscriber> readers = new ArrayList<>(IntStream.range(0, 50).mapToObj(i -> new Subscriber(
                "rust" + i + "@example.com", null, List.of("rust", "topic-" + i))).toList());
        readers.add(new Subscriber("all@example.com", null));
        readers.add(new Subscriber("both@example.com", null, List.of("go", "rust")));
        readers.add(new Subscriber("python@example.com", null, List.of("python")));
        List<List<String>> rendered = new ArrayList<>();
        DigestSender.Preparer counting = (of, posts) -> {
            rendered.add(posts.stream().map(RenderedPost::url).toList());
            return composer.prepare(of, posts);
        };

        DigestSender.Delivery delivery = new DigestSender(composer, new OutboxMailer(folder.resolve("outbox")),
                counting).send(digest, List.of(rust, go), readers, NOW);

        assertEquals(List.of(List.of(rust.url()), List.of(rust.url(), go.url())), rendered,
                "one rendering for the Rust readers, one shared by the everything reader and the Go-and-Rust reader");
        assertEquals(52, delivery.sent());
        assertEquals(1, delivery.nothing(), "the Python reader");
        assertEquals(52, emails());
    }

    @Test
    void aMailServiceThatStoppedForEveryoneStopsTheDigest() throws Exception {
        Catalog catalog = catalogWithDuePost();
        Digest digest = Digests.open(catalog, NOW).orElseThrow();
        List<String> tried = new ArrayList<>();
        Mailer suspended = email -> {
            tried.add(email.to());
            throw new Mailer.Stopped("the account is suspended", null);
        };

        assertThrows(Mailer.Stopped.class, () -> new DigestSender(composer, suspended)
                .send(digest, Digests.posts(catalog, digest), READERS, NOW));
        assertEquals(List.of("reader1@example.com"), tried, "the rest would fail alike");
    }

    @Test
    void aPostClaimedByAnotherDigestIsLeftToIt() throws Exception {
        Catalog catalog = catalogWithDuePost();
        RenderedPost other = new RenderedPost("b.md", "https://example.com/posts/b/", "posts/b/", "B", NOW, NOW, "S",
                List.of(), List.of(), null, "<p>B</p>", true, Set.of());
        catalog.put(Entry.published("hash", other));
        catalog.addMailing(Mailing.due(other.url(), NOW));
        assertTrue(catalog.claim("https://example.com/posts/a/", "another-digest", NOW));

        Digest digest = Digests.open(catalog, NOW).orElseThrow();

        assertEquals(List.of("https://example.com/posts/b/"), digest.postIds());
        assertEquals("another-digest", catalog.mailing("https://example.com/posts/a/").orElseThrow().detail());
    }

    @Test
    void aPostTakenOffTheSiteBeforeItsDigestIsNotSent() throws Exception {
        Catalog catalog = catalogWithDuePost();
        catalog.remove("a.md");

        assertEquals(Optional.empty(), Digests.open(catalog, NOW));
        assertEquals(Optional.empty(), catalog.mailing("https://example.com/posts/a/"),
                "out of the ledger, to be decided afresh if it comes back");
    }

    @Test
    void aDigestIsOpenedWithoutReadingThePostsHtmlWhichOnlyItsSendingReads() throws Exception {
        catalogWithDuePost();
        // Without the HTML files, a read of any post's HTML fails: opening the digest reads none.
        try (Stream<Path> html = Files.list(folder.resolve("html"))) {
            for (Path file : html.toList()) {
                Files.delete(file);
            }
        }
        Catalog catalog = Catalog.open(CatalogFile.open(folder.resolve("catalog.json")));

        Digest digest = Digests.open(catalog, NOW).orElseThrow();

        assertEquals(List.of("https://example.com/posts/a/"), digest.postIds());
        IOException missing = assertThrows(IOException.class, () -> Digests.posts(catalog, digest));
        assertTrue(missing.getMessage().startsWith("the HTML of a.md is missing"), missing.getMessage());
    }

    @Test
    void aDigestMarksItsPostsSoTheyAreNeverDueAgain() throws Exception {
        Catalog catalog = catalogWithDuePost();
        Digest digest = Digests.open(catalog, NOW).orElseThrow();
        assertEquals(List.of("https://example.com/posts/a/"), digest.postIds());
        assertTrue(digest.id().startsWith("20240510-"), digest.id());
        assertEquals(List.of(), catalog.due());
        assertEquals(new Mailing("https://example.com/posts/a/", Mailing.State.IN_DIGEST, digest.id(), NOW),
                catalog.mailing("https://example.com/posts/a/").orElseThrow());
    }
}
