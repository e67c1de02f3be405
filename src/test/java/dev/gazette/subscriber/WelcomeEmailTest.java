package dev.gazette.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.local.OutboxMailer;
import dev.gazette.local.SubscriberFile;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The welcome: once per address, ever, with the newest posts and the reader's links. */
class WelcomeEmailTest {
    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");
    private static final Site SITE = new Site(URI.create("https://example.com/"), "Example Blog", "About", "en",
            ZoneOffset.UTC, PermalinkPattern.DEFAULT, 20);
    private static final String ENDPOINT = "https://example.com";
    private static final Tokens TOKENS = new Tokens("0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8));

    /** Three published posts, newest first. */
    private static final PostIndex POSTS = new PostIndex() {
        @Override
        public List<RenderedPost> newest(int limit) {
            return Stream.of("third", "second", "first").limit(limit).map(slug -> new RenderedPost(slug + ".md",
                    "https://example.com/posts/" + slug + "/", "posts/" + slug + "/", "The " + slug + " post",
                    NOW, NOW, "About the " + slug + ".", List.of(), List.of(), null, "", true, Set.of())).toList();
        }

        @Override
        public List<String> tags() {
            return List.of();
        }
    };

    @TempDir
    Path folder;

    private SubscriberFile store;

    @BeforeEach
    void setUp() {
        store = new SubscriberFile(folder.resolve("subscribers.json"), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Subscriptions subscriptions(Templates templates, int posts, Path outbox) {
        return new Subscriptions(store, TOKENS, new ConfirmationEmail(SITE, templates, TOKENS, "news@example.com"),
                new OutboxMailer(outbox), new WelcomeEmail(SITE, templates, TOKENS, "news@example.com", POSTS, posts), null);
    }

    private Subscriptions subscriptions() {
        return subscriptions(Templates.bundled(), 2, folder.resolve("outbox"));
    }

    /** Subscribes and confirms {@code address}, as its owner following the link would. */
    private void join(Subscriptions subscriptions, String address, Instant at) throws IOException {
        subscriptions.subscribe(address, null, ENDPOINT, at);
        String link = TOKENS.confirm(address, at.plusSeconds(60));
        assertEquals(Subscriptions.Confirmed.CONFIRMED, subscriptions.confirm(link, at));
        subscriptions.welcome(link, ENDPOINT, at);
    }

    private List<Path> welcomes() throws IOException {
        Path welcomes = folder.resolve("outbox/welcome");
        if (!Files.isDirectory(welcomes)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(welcomes)) {
            return files.sorted().toList();
        }
    }

    private static MimeMultipart parts(Path email) throws Exception {
        try (InputStream in = Files.newInputStream(email)) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            MimeMultipart parts = (MimeMultipart) message.getContent();
            parts.getCount(); // reads the parts while the file is open
            return parts;
        }
    }

    private static String part(Path email, int index) throws Exception {
        return ((String) parts(email).getBodyPart(index).getContent()).replace("\r\n", "\n");
    }

    @Test
    void anAddressIsWelcomedOnceEvenWhenItConfirmsAgainOrComesBack() throws Exception {
        Subscriptions subscriptions = subscriptions();
        join(subscriptions, "ada@example.com", NOW);
        String again = TOKENS.confirm("ada@example.com", NOW.plusSeconds(60));
        assertEquals(Subscriptions.Confirmed.ALREADY_CONFIRMED, subscriptions.confirm(again, NOW.plusSeconds(1)));
        assertEquals(Subscriptions.Welcomed.ALREADY_WELCOMED, subscriptions.welcome(again, ENDPOINT, NOW.plusSeconds(1)));
        subscriptions.unsubscribe(TOKENS.unsubscribe("ada@example.com"), NOW.plusSeconds(2));
        join(subscriptions, "ada@example.com", NOW.plusSeconds(7200));

        assertEquals(List.of(folder.resolve("outbox/welcome/ada@example.com.eml")), welcomes());
        assertEquals(NOW, store.get("ada@example.com").orElseThrow().welcomed());
    }

    @Test
    void itListsTheNewestPostsAndTheReadersOwnLinksAllAbsolute() throws Exception {
        join(subscriptions(), "ada@example.com", NOW);

        Document html = Jsoup.parse(part(welcomes().get(0), 1));
        List<String> links = html.select("a[href]").eachAttr("href");
        assertEquals(List.of("https://example.com/", "https://example.com/posts/third/",
                "https://example.com/posts/second/"), links.subList(0, 3), "the site, then the two newest posts");
        String preferences = links.get(3);
        assertTrue(preferences.startsWith("https://example.com/preferences?token="), preferences);
        assertEquals(new Tokens.Check.Valid("ada@example.com"), TOKENS.check(
                preferences.substring(preferences.indexOf('=') + 1), Tokens.Purpose.PREFERENCES, NOW));
        assertEquals("https://example.com/unsubscribe?token=" + TOKENS.unsubscribe("ada@example.com"), links.get(4));
        String text = part(welcomes().get(0), 0);
        assertTrue(text.contains("https://example.com/posts/second/\n"), text);
        assertTrue(text.contains("\n-- \n"), "the signature separator");
        assertTrue(text.contains(preferences), text);
    }

    @Test
    void noPostsWhenTheWriterSaysNone() throws Exception {
        join(subscriptions(Templates.bundled(), 0, folder.resolve("outbox")), "ada@example.com", NOW);

        String text = part(welcomes().get(0), 0);
        assertFalse(text.contains("latest posts"), text);
        assertFalse(text.contains("/posts/"), text);
        assertThrows(IllegalArgumentException.class,
                () -> new WelcomeEmail(SITE, Templates.bundled(), TOKENS, "news@example.com", POSTS, 21));
    }

    @Test
    void aWritersOwnTemplateIsUsed() throws Exception {
        Path templates = Files.createDirectories(folder.resolve("templates"));
        Files.writeString(templates.resolve("welcome.txt.mustache"),
                "Hello from {{site.title}}!\n{{#posts}}* {{title}} {{url}}\n{{/posts}}Yours: {{preferences}}\n");

        join(subscriptions(Templates.from(templates), 1, folder.resolve("outbox")), "ada@example.com", NOW);

        String text = part(welcomes().get(0), 0);
        assertTrue(text.startsWith("Hello from Example Blog!\n* The third post https://example.com/posts/third/\n"
                + "Yours: https://example.com/preferences?token="), text);
    }

    @Test
    void aWelcomeThatCouldNotBeSentGoesWithTheNextConfirmation() throws Exception {
        subscriptions().subscribe("ada@example.com", null, ENDPOINT, NOW);
        Path blocked = Files.writeString(folder.resolve("blocked"), "a file where the outbox should be");
        String link = TOKENS.confirm("ada@example.com", NOW.plusSeconds(600));

        Subscriptions failing = subscriptions(Templates.bundled(), 2, blocked);
        failing.confirm(link, NOW);
        assertEquals(Subscriptions.Welcomed.NOT_SENT, failing.welcome(link, ENDPOINT, NOW));
        assertEquals(Subscription.Status.CONFIRMED, store.get("ada@example.com").orElseThrow().status());
        assertNull(store.get("ada@example.com").orElseThrow().welcomed(), "the claim is given back");

        assertEquals(Subscriptions.Welcomed.SENT, subscriptions().welcome(link, ENDPOINT, NOW.plusSeconds(60)));
        assertEquals(1, welcomes().size());
    }
    @Test
    void anAddressRemovedByTheOwnerAndBackIsNotWelcomedAgainNorReportedAsAFailure() throws Exception {
        Subscriptions subscriptions = subscriptions();
        join(subscriptions, "ada@example.com", NOW);
        // The owner removes the address, then it subscribes again: the record is new, the mail service remembers.
        assertTrue(store.remove("ada@example.com"));
        subscriptions.subscribe("ada@example.com", null, ENDPOINT, NOW.plusSeconds(7200));
        String link = TOKENS.confirm("ada@example.com", NOW.plusSeconds(7300));
        subscriptions.confirm(link, NOW.plusSeconds(7200));

        assertEquals(Subscriptions.Welcomed.ALREADY_WELCOMED,
                subscriptions.welcome(link, ENDPOINT, NOW.plusSeconds(7200)), "not a welcome that failed");
        assertEquals(NOW.plusSeconds(7200), store.get("ada@example.com").orElseThrow().welcomed(),
                "kept as welcomed, so the next click does not try again");
        assertEquals(1, welcomes().size());
    }
}
