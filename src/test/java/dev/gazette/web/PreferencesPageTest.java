package dev.gazette.web;

import static dev.gazette.web.BadRequests.FORM;
import static dev.gazette.web.BadRequests.assertRefused;
import static dev.gazette.web.BadRequests.bad;
import static dev.gazette.web.BadRequests.readdressed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.local.OutboxMailer;
import dev.gazette.local.SubscriberFile;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.ConfirmationEmail;
import dev.gazette.subscriber.PostIndex;
import dev.gazette.subscriber.Subscription;
import dev.gazette.subscriber.Subscriptions;
import dev.gazette.subscriber.Tokens;
import dev.gazette.subscriber.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A reader's own page: it shows their topics on GET, and only a POST changes them or takes them off the list. */
class PreferencesPageTest {
    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");
    private static final Site SITE = new Site(URI.create("https://blog.example.com/"), "Example Blog", "About", "en",
            ZoneOffset.UTC, PermalinkPattern.DEFAULT, 20);
    private static final String ENDPOINT = "https://api.example.com";
    private static final Tokens TOKENS = new Tokens("0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8));
    /** Signed under a secret other than the site's. */
    private static final Tokens FORGER = new Tokens("a secret the site never had".getBytes(StandardCharsets.UTF_8));
    private static final String LINK = "token=" + TOKENS.preferences("ada@example.com", NOW.plusSeconds(3600));

    /** The site's tags as the catalog lists them. */
    private static final PostIndex TAGS = new PostIndex() {
        @Override
        public List<RenderedPost> newest(int limit) {
            return List.of();
        }

        @Override
        public List<String> tags() {
            return List.of("C++", "Go", "Rust");
        }
    };

    @TempDir
    Path folder;

    private SubscriberFile store;
    private SubscriptionApi api;

    @BeforeEach
    void setUp() throws IOException {
        store = new SubscriberFile(folder.resolve("subscribers.json"), Clock.fixed(NOW, ZoneOffset.UTC));
        Subscriptions subscriptions = new Subscriptions(store, TOKENS,
                new ConfirmationEmail(SITE, Templates.bundled(), TOKENS, "news@blog.example.com"),
                new OutboxMailer(folder.resolve("outbox")));
        api = new SubscriptionApi(subscriptions, SITE, Templates.bundled(), Clock.fixed(NOW, ZoneOffset.UTC),
                problem -> { }, TAGS, null);
        Subscription ada = Subscription.confirmed("ada@example.com", null, NOW);
        store.put(new Subscription(ada.email(), null, ada.status(), NOW, NOW, null, null, List.of(),
                List.of("rust", "zig"), null));
    }

    private Response send(String method, String path, String query, String type, String body) throws IOException {
        return api.handle(new Request(method, path, query, type == null ? Map.of() : Map.of("Content-Type", type),
                body.getBytes(StandardCharsets.UTF_8)), ENDPOINT);
    }

    private List<String> topics() throws IOException {
        return store.get("ada@example.com").orElseThrow().topics();
    }

    /** Each checkbox's value, and whether it is ticked. */
    private static Map<String, Boolean> checkboxes(Document page) {
        return page.select("input[type=checkbox][name=topic]").stream()
                .collect(java.util.stream.Collectors.toMap(box -> box.attr("value"), box -> box.hasAttr("checked"),
                        (one, two) -> one, java.util.TreeMap::new));
    }

    @Test
    void aLinkThatExpiresWhileItsPageIsMadeIsShownAsItWasWhenAsked() throws IOException {
        // A second before the link expires, then after: the page is made at the time the request came.
        Instant[] times = {NOW.plusSeconds(3599), NOW.plusSeconds(3601)};
        int[] asked = {0};
        Clock ticking = new Clock() {
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
                return times[Math.min(asked[0]++, times.length - 1)];
            }
        };
        Subscriptions subscriptions = new Subscriptions(store, TOKENS,
                new ConfirmationEmail(SITE, Templates.bundled(), TOKENS, "news@blog.example.com"),
                new OutboxMailer(folder.resolve("outbox")));
        SubscriptionApi api = new SubscriptionApi(subscriptions, SITE, Templates.bundled(), ticking, problem -> { },
                TAGS, null);

        Response page = api.handle(new Request("GET", "/preferences", LINK, Map.of(), new byte[0]), ENDPOINT);

        assertEquals(200, page.status(), page.text());
    }

    @Test
    void aGetShowsTheTopicsAndChangesNothing() throws IOException {
        List<Subscription> before = store.all();
        for (String method : List.of("GET", "HEAD")) {
            Response page = send(method, "/preferences", LINK, null, "");

            assertEquals(200, page.status());
            Document document = Jsoup.parse(page.text());
            assertEquals(Map.of("C++", false, "Go", false, "Rust", true, "zig", true), checkboxes(document),
                    "the site's tags, and the reader's topic no post has now");
            assertEquals("/preferences?" + LINK, document.selectFirst("form:has(input[name=topic])").attr("action"));
            assertEquals("post", document.selectFirst("form:has(input[name=topic])").attr("method"));
        }
        assertEquals(before, store.all());
    }

    @Test
    void aPostSetsTheTopicsAndAnEmptyOneMeansEveryPost() throws IOException {
        Response saved = send("POST", "/preferences", LINK, "application/x-www-form-urlencoded",
                "topic=Go&topic=C%2B%2B");

        assertEquals(200, saved.status());
        assertEquals(List.of("c++", "go"), topics());
        Document page = Jsoup.parse(saved.text());
        assertEquals(Map.of("C++", true, "Go", true, "Rust", false), checkboxes(page));
        assertTrue(page.text().contains("Saved. You will get the posts about C++, Go."), page.text());

        assertEquals(200, send("POST", "/preferences", LINK, "application/x-www-form-urlencoded", "").status());
        assertEquals(List.of(), topics());

        Response json = send("POST", "/preferences", LINK, "application/json", "{\"topic\": [\"rust\", \"Go\"]}");
        assertEquals(200, json.status());
        assertTrue(json.text().contains("\"status\":\"saved\""), json.text());
        assertEquals(List.of("go", "rust"), topics());
    }

    @Test
    void aTopicIsDecodedOnceAsTheFormSentItAndSavedAgainAsItIs() throws IOException {
        // Typed as "a%2Fb" and "C#": the tags of those names, not "a/b".
        Response saved = send("POST", "/preferences", LINK, "application/x-www-form-urlencoded",
                "topic=a%252Fb&topic=C%23");
        assertEquals(List.of("a%252fb", "c%23"), topics());
        assertTrue(saved.text().contains("Saved. You will get the posts about a%2fb, c#."), saved.text());

        // No post has either now: the page offers them by name, and the form sent back as it is keeps them.
        Map<String, Boolean> boxes = checkboxes(Jsoup.parse(send("GET", "/preferences", LINK, null, "").text()));
        assertEquals(Map.of("C++", false, "Go", false, "Rust", false, "a%2fb", true, "c#", true), boxes);
        String again = boxes.entrySet().stream().filter(Map.Entry::getValue)
                .map(box -> "topic=" + URLEncoder.encode(box.getKey(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        send("POST", "/preferences", LINK, "application/x-www-form-urlencoded", again);
        assertEquals(List.of("a%252fb", "c%23"), topics());
    }

    @Test
    void theUnsubscribeButtonTakesTheReaderOffTheList() throws IOException {
        Element leave = Jsoup.parse(send("GET", "/preferences", LINK, null, "").text())
                .selectFirst("form:has(input[name=List-Unsubscribe])");
        String action = leave.attr("action");
        assertTrue(action.startsWith("/unsubscribe?token="), action);

        Response left = send("POST", "/unsubscribe", action.substring(action.indexOf('?') + 1),
                "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");

        assertEquals(200, left.status());
        assertEquals(Subscription.Status.UNSUBSCRIBED, store.get("ada@example.com").orElseThrow().status());
        assertEquals(409, send("GET", "/preferences", LINK, null, "").status(), "nothing to choose once gone");
    }

    @Test
    void theSubscribeFormOffersTheTagsAndKeepsTheTopicsChosen() throws IOException {
        Document form = Jsoup.parse(send("GET", "/subscribe", "", null, "").text());
        assertEquals(Map.of("C++", false, "Go", false, "Rust", false), checkboxes(form));

        send("POST", "/subscribe", "", "application/x-www-form-urlencoded",
                "email=grace%40example.com&topic=Rust&topic=go&topic=rust");
        send("POST", "/subscribe", "", "application/json", "{\"email\": \"linus@example.com\", \"topic\": \"C++\"}");

        assertEquals(List.of("go", "rust"), store.get("grace@example.com").orElseThrow().topics());
        assertEquals(List.of("c++"), store.get("linus@example.com").orElseThrow().topics());
    }

    /** Requests the page must refuse: each gets a 4xx, a readable answer, and changes nothing. */
    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("GET", "/preferences", "", null, ""),
                bad("GET", "/preferences", "token=forged.token", null, ""),
                bad("GET", "/preferences", "token=" + FORGER.preferences("ada@example.com", NOW.plusSeconds(60)),
                        null, ""),
                bad("GET", "/preferences", "token=" + readdressed(TOKENS.preferences("eve@example.com",
                        NOW.plusSeconds(60)), "ada@example.com"), null, ""),
                bad("GET", "/preferences", "token=" + TOKENS.preferences("ada@example.com", NOW.minusSeconds(1)),
                        null, ""),
                bad("GET", "/preferences", "token=" + TOKENS.unsubscribe("ada@example.com"), null, ""),
                bad("GET", "/preferences", "token=" + TOKENS.confirm("ada@example.com", NOW.plusSeconds(60)),
                        null, ""),
                bad("GET", "/preferences", "token=" + TOKENS.preferences("eve@example.com", NOW.plusSeconds(60)),
                        null, ""),
                bad("POST", "/preferences", "", FORM, "topic=go"),
                bad("POST", "/preferences", "token=forged.token", FORM, "topic=go"),
                bad("POST", "/preferences", "token=" + TOKENS.preferences("ada@example.com", NOW.minusSeconds(1)),
                        FORM, "topic=go"),
                bad("POST", "/preferences", "token=" + TOKENS.unsubscribe("ada@example.com"), FORM, "topic=go"),
                bad("POST", "/preferences", "token=" + TOKENS.confirm("ada@example.com", NOW.plusSeconds(60)),
                        FORM, "topic=go"),
                bad("POST", "/preferences", "token=" + FORGER.preferences("ada@example.com", NOW.plusSeconds(60)),
                        FORM, "topic=go"),
                bad("POST", "/preferences", "token=" + TOKENS.preferences("eve@example.com", NOW.plusSeconds(60)),
                        FORM, "topic=go"),
                bad("POST", "/preferences", LINK, FORM, "topic=" + "t".repeat(101)),
                bad("POST", "/preferences", LINK, FORM, IntStream.rangeClosed(0, Topics.MAX_COUNT)
                        .mapToObj(i -> "topic=t" + i).collect(Collectors.joining("&"))),
                bad("POST", "/preferences", LINK, FORM, "topic=%ZZ"),
                bad("POST", "/preferences", LINK, FORM, "topic=go%00"),
                bad("POST", "/preferences", LINK, FORM, "topic=%E2%80%AEog"),
                bad("POST", "/preferences", LINK, FORM, "topic=%FF%FE"),
                bad("POST", "/preferences", LINK, "application/json", "{\"topic\": 7}"),
                bad("POST", "/preferences", LINK, "application/json", "{\"topic\": [[\"go\"]]}"),
                bad("POST", "/preferences", LINK, "application/json", "[\"go\"]"),
                bad("POST", "/preferences", LINK, "application/json", "{"),
                bad("POST", "/preferences", LINK, "text/plain", "topic=go"),
                bad("PUT", "/preferences", LINK, FORM, "topic=go"),
                bad("DELETE", "/preferences", LINK, FORM, ""));
    }

    @ParameterizedTest(name = "{0} {1}?{2}")
    @MethodSource("badRequests")
    void aBadRequestGetsA4xxAndChangesNothing(String method, String path, String query, String contentType, byte[] body)
            throws IOException {
        List<Subscription> before = store.all();

        Response response = api.handle(new Request(method, path, query,
                contentType == null ? Map.of() : Map.of("Content-Type", contentType), body), ENDPOINT);

        assertRefused(response, method, contentType);
        assertEquals(before, store.all());
        assertFalse(Files.exists(folder.resolve("outbox")), "no email");
    }
}
