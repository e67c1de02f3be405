package dev.gazette.web;

import static dev.gazette.web.BadRequests.FORM;
import static dev.gazette.web.BadRequests.assertRefused;
import static dev.gazette.web.BadRequests.bad;
import static dev.gazette.web.BadRequests.readdressed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.gazette.local.ClientCounts;
import dev.gazette.local.OutboxMailer;
import dev.gazette.local.SubscriberFile;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.ClientLimit;
import dev.gazette.subscriber.ConfirmationEmail;
import dev.gazette.subscriber.Subscription;
import dev.gazette.subscriber.Subscriptions;
import dev.gazette.subscriber.Tokens;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SubscriptionApiTest {
    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");
    private static final Site SITE = new Site(URI.create("https://blog.example.com/"), "Example Blog", "About", "en",
            ZoneOffset.UTC, PermalinkPattern.BEFORE_DATES, 20);
    private static final String ENDPOINT = "https://api.example.com";
    private static final Tokens TOKENS = new Tokens("0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8));
    /** Signed under a secret other than the site's. */
    private static final Tokens FORGER = new Tokens("a secret the site never had".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path folder;

    private SubscriberFile store;
    private SubscriptionApi api;
    private final List<String> problems = new ArrayList<>();

    @BeforeEach
    void setUp() {
        store = new SubscriberFile(folder.resolve("subscribers.json"), Clock.fixed(NOW, ZoneOffset.UTC));
        Subscriptions subscriptions = new Subscriptions(store, TOKENS,
                new ConfirmationEmail(SITE, Templates.bundled(), TOKENS, "news@blog.example.com"),
                new OutboxMailer(folder.resolve("outbox")));
        api = new SubscriptionApi(subscriptions, SITE, Templates.bundled(), Clock.fixed(NOW, ZoneOffset.UTC),
                problems::add);
    }

    private Response send(String method, String path, String query, String contentType, byte[] body) throws IOException {
        return api.handle(new Request(method, path, query,
                contentType == null ? Map.of() : Map.of("Content-Type", contentType), body), ENDPOINT);
    }

    private Response post(String path, String query, String contentType, String body) throws IOException {
        return send("POST", path, query, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private Response get(String path, String query) throws IOException {
        return send("GET", path, query, null, null);
    }

    private long emails() throws IOException {
        if (!Files.exists(folder.resolve("outbox"))) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder.resolve("outbox"))) {
            return files.filter(file -> file.toString().endsWith(".eml")).count();
        }
    }

    @Test
    void theFormIsAnAccessiblePage() throws IOException {
        Response response = get("/subscribe", "");
        assertEquals(200, response.status());
        assertEquals("text/html; charset=utf-8", response.headers().get("Content-Type"));
        Document page = Jsoup.parse(response.text());
        assertEquals("https://api.example.com/subscribe", page.selectFirst("form").attr("action"));
        Response slashed = api.handle(new Request("GET", "/subscribe", "", Map.of(), null), ENDPOINT + "/");
        assertEquals("https://api.example.com/subscribe", Jsoup.parse(slashed.text()).selectFirst("form").attr("action"),
                "an endpoint given with a trailing slash");
        assertEquals("email", page.selectFirst("label[for=email] + input").attr("type"));
        assertEquals("-1", page.selectFirst("input[name=website]").attr("tabindex"), "the trap is out of the tab order");
        assertEquals("true", page.selectFirst(".trap").attr("aria-hidden"));
    }

    @Test
    void subscribingAnswersTheSameWhateverTheAddressIs() throws IOException {
        store.put(Subscription.confirmed("confirmed@example.com", null, NOW));
        store.put(new Subscription("suppressed@example.com", null, Subscription.Status.SUPPRESSED, NOW, NOW, null,
                "complained", List.of()));
        post("/subscribe", "", FORM, "email=pending%40example.com");

        List<Response> answers = new ArrayList<>();
        for (String address : List.of("new@example.com", "pending@example.com", "confirmed@example.com",
                "suppressed@example.com")) {
            answers.add(post("/subscribe", "", FORM, "email=" + address.replace("@", "%40")));
        }

        for (Response answer : answers) {
            assertEquals(200, answer.status());
            assertEquals(answers.get(0).text(), answer.text());
            assertEquals(answers.get(0).headers(), answer.headers());
        }
        assertEquals(2, emails(), "the new and the pending address: no one else is mailed");
    }

    @Test
    void aConfirmationThatCouldNotBeSentIsAnsweredAsUsualAndReported() throws IOException {
        Response normal = post("/subscribe", "", FORM, "email=ada%40example.com");
        SubscriptionApi failing = new SubscriptionApi(new Subscriptions(store, TOKENS,
                new ConfirmationEmail(SITE, Templates.bundled(), TOKENS, "news@blog.example.com"), email -> {
                    throw new IOException("the mail service is down");
                }), SITE, Templates.bundled(), Clock.fixed(NOW, ZoneOffset.UTC), problems::add);

        Response failed = failing.handle(new Request("POST", "/subscribe", "", Map.of("Content-Type", FORM),
                "email=grace%40example.com".getBytes(StandardCharsets.UTF_8)), ENDPOINT);

        assertEquals(normal.status(), failed.status());
        assertEquals(normal.text(), failed.text());
        assertEquals(List.of("a confirmation email was not sent; the mail service refused it or failed"), problems);
    }

    @Test
    void aBrokenConfirmTemplateIsTheServicesFaultNotTheRequests() throws IOException {
        Path templates = Files.createDirectories(folder.resolve("templates"));
        Files.writeString(templates.resolve("confirm.txt.mustache"), "{{#link}} is never closed");
        SubscriptionApi broken = new SubscriptionApi(new Subscriptions(store, TOKENS,
                new ConfirmationEmail(SITE, Templates.from(templates), TOKENS, "news@blog.example.com"),
                new OutboxMailer(folder.resolve("outbox"))), SITE, Templates.bundled(), Clock.fixed(NOW, ZoneOffset.UTC),
                problems::add);

        // Thrown, for the handler to log and answer 503, rather than a 400 that shows the template's error.
        assertThrows(IllegalArgumentException.class, () -> broken.handle(new Request("POST", "/subscribe", "",
                Map.of("Content-Type", FORM), "email=ada%40example.com".getBytes(StandardCharsets.UTF_8)), ENDPOINT));
    }

    @Test
    void theSameAnswerInJson() throws IOException {
        Response response = post("/subscribe", "", "application/json", "{\"email\": \"ada@example.com\", \"name\": \"Ada\"}");
        assertEquals(200, response.status());
        assertEquals("application/json; charset=utf-8", response.headers().get("Content-Type"));
        assertTrue(response.text().contains("\"status\":\"check-your-inbox\""), response.text());
        assertEquals("Ada", store.get("ada@example.com").orElseThrow().name());
    }

    @Test
    void aFilledHoneypotIsAnsweredAsUsualAndIgnored() throws IOException {
        Response bot = post("/subscribe", "", FORM, "email=ada%40example.com&website=http%3A%2F%2Fspam.example");
        Response human = post("/subscribe", "", FORM, "email=grace%40example.com&website=");
        assertEquals(human.text(), bot.text());
        assertFalse(store.get("ada@example.com").isPresent());
        assertTrue(store.get("grace@example.com").isPresent());
    }

    @Test
    void tenSubscribesInAnHourSendOneConfirmation() throws IOException {
        for (int i = 0; i < 10; i++) {
            assertEquals(200, post("/subscribe", "", FORM, "email=ada%40example.com").status());
        }
        assertEquals(1, emails());
    }

    @Test
    void aNameIsKeptAsTypedButLeftOutOfTheConfirmation() throws Exception {
        post("/subscribe", "", FORM, "email=ada%40example.com&name=You+won%21+Claim+it+at+https%3A%2F%2Fevil.example");
        assertEquals("You won! Claim it at https://evil.example", store.get("ada@example.com").orElseThrow().name());
        Path email;
        try (Stream<Path> files = Files.walk(folder.resolve("outbox"))) {
            email = files.filter(file -> file.toString().endsWith(".eml")).findFirst().orElseThrow();
        }
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), Files.newInputStream(email));
        Multipart alternative = (Multipart) message.getContent();
        assertEquals("ada@example.com", message.getHeader("To")[0]);
        assertFalse(((String) alternative.getBodyPart(0).getContent()).contains("evil.example"));
        assertFalse(((String) alternative.getBodyPart(1).getContent()).contains("evil.example"));
    }

    @Test
    void confirmingShowsAPageAndIsIdempotent() throws IOException {
        store.put(new Subscription("ada@example.com", null, Subscription.Status.PENDING, NOW, NOW, NOW, null, List.of()));
        String query = "token=" + TOKENS.confirm("ada@example.com", NOW.plusSeconds(3600));

        Response first = get("/confirm", query);
        Response again = get("/confirm", query);

        assertEquals(200, first.status());
        assertTrue(first.text().contains("You are subscribed"), first.text());
        assertEquals(first.text(), again.text());
        assertEquals(Subscription.Status.CONFIRMED, store.get("ada@example.com").orElseThrow().status());
    }

    @Test
    void aConfirmationLinkForAnAddressNoLongerOnTheListSaysSo() throws IOException {
        Response response = get("/confirm", "token=" + TOKENS.confirm("ada@example.com", NOW.plusSeconds(3600)));

        assertEquals(409, response.status());
        assertTrue(response.text().contains("There is no subscription to confirm for this link."), response.text());
        assertFalse(store.get("ada@example.com").isPresent());
    }

    @Test
    void unsubscribingTakesAPostAndAGetOnlyAsks() throws IOException {
        store.put(Subscription.confirmed("ada@example.com", null, NOW));
        String query = "token=" + TOKENS.unsubscribe("ada@example.com");

        Response asked = get("/unsubscribe", query);
        assertEquals(200, asked.status());
        assertEquals(Subscription.Status.CONFIRMED, store.get("ada@example.com").orElseThrow().status());
        Document page = Jsoup.parse(asked.text());
        assertEquals("post", page.selectFirst("form").attr("method"));
        assertEquals("/unsubscribe?" + query, page.selectFirst("form").attr("action"));

        Response oneClick = post("/unsubscribe", query, FORM, "List-Unsubscribe=One-Click");
        assertEquals(200, oneClick.status());
        assertFalse(oneClick.headers().containsKey("Location"), "no redirect");
        assertFalse(oneClick.headers().containsKey("Set-Cookie"), "no cookies");
        assertEquals(Subscription.Status.UNSUBSCRIBED, store.get("ada@example.com").orElseThrow().status());
        assertEquals(200, post("/unsubscribe", query, FORM, "List-Unsubscribe=One-Click").status(), "idempotent");
    }

    @Test
    void theBlogsPagesMayPostTheFormFromTheirOrigin() throws IOException {
        Response preflight = api.handle(new Request("OPTIONS", "/subscribe", "",
                Map.of("Origin", "https://blog.example.com", "Access-Control-Request-Method", "POST"), null), ENDPOINT);
        assertEquals(204, preflight.status());
        assertEquals("https://blog.example.com", preflight.headers().get("Access-Control-Allow-Origin"));
        Response elsewhere = api.handle(new Request("POST", "/subscribe", "",
                Map.of("Origin", "https://evil.example", "Content-Type", FORM),
                "email=ada%40example.com".getBytes(StandardCharsets.UTF_8)), ENDPOINT);
        assertFalse(elsewhere.headers().containsKey("Access-Control-Allow-Origin"));
    }

    /** At least fifty requests the endpoints must refuse: each gets a 4xx, a readable answer, and changes nothing. */
    static Stream<Arguments> badRequests() {
        String ok = "email=ada%40example.com";
        List<Arguments> requests = new ArrayList<>(List.of(
                bad("POST", "/subscribe", "", FORM, ""),
                bad("POST", "/subscribe", "", FORM, "email="),
                bad("POST", "/subscribe", "", FORM, "email=%20%20"),
                bad("POST", "/subscribe", "", FORM, "email=ada"),
                bad("POST", "/subscribe", "", FORM, "email=ada%40"),
                bad("POST", "/subscribe", "", FORM, "email=%40example.com"),
                bad("POST", "/subscribe", "", FORM, "email=ada%40localhost"),
                bad("POST", "/subscribe", "", FORM, "email=ada%40example.com%0D%0ABcc%3A%20eve%40example.com"),
                bad("POST", "/subscribe", "", FORM, "email=ada%40example.com%0ABcc%3Aeve%40example.com"),
                bad("POST", "/subscribe", "", FORM, "email=ada%40example.com%0D"),
                bad("POST", "/subscribe", "", FORM, "email=ada%40example.com%00"),
                bad("POST", "/subscribe", "", FORM, "email=Ada%20%3Cada%40example.com%3E"),
                bad("POST", "/subscribe", "", FORM, "email=ada%40example.com%2C%20eve%40example.com"),
                bad("POST", "/subscribe", "", FORM, "email=ada%40example.com%3Beve%40example.com"),
                bad("POST", "/subscribe", "", FORM, "email=a%20b%40example.com"),
                bad("POST", "/subscribe", "", FORM, "email=%3Cscript%3E%40example.com"),
                bad("POST", "/subscribe", "", FORM, "email=" + "a".repeat(250) + "%40example.com"),
                bad("POST", "/subscribe", "", FORM, "email=ada%40" + "b".repeat(300) + ".com"),
                bad("POST", "/subscribe", "", FORM, "email=%C3%A4d%C3%A4%40example.com"),
                bad("POST", "/subscribe", "", FORM, "email=ada%40exa%20mple.com"),
                bad("POST", "/subscribe", "", FORM, "email=ada%40-example.com"),
                bad("POST", "/subscribe", "", FORM, "email=ada%40example..com"),
                bad("POST", "/subscribe", "", FORM, "email=ada%4"),
                bad("POST", "/subscribe", "", FORM, "email=ada%ZZexample.com"),
                bad("POST", "/subscribe", "", FORM, "email=%FF%FE%40example.com"),
                bad("POST", "/subscribe", "", FORM, "email=ada%C0%80%40example.com"),
                bad("POST", "/subscribe", "", FORM, ok + "&name=" + "n".repeat(101)),
                bad("POST", "/subscribe", "", FORM, ok + "&name=Ada%0D%0ALovelace"),
                bad("POST", "/subscribe", "", FORM, ok + "&name=Ada%00"),
                bad("POST", "/subscribe", "", FORM, ok + "&name=Ada%1B%5B31m"),
                bad("POST", "/subscribe", "", FORM, ok + "&name=%E2%80%A8"),
                bad("POST", "/subscribe", "", "application/json", "{"),
                bad("POST", "/subscribe", "", "application/json", "[\"ada@example.com\"]"),
                bad("POST", "/subscribe", "", "application/json", "\"ada@example.com\""),
                bad("POST", "/subscribe", "", "application/json", "{\"email\": 42}"),
                bad("POST", "/subscribe", "", "application/json", "{\"email\": [\"ada@example.com\"]}"),
                bad("POST", "/subscribe", "", "application/json", "{\"email\": {\"$ne\": null}}"),
                bad("POST", "/subscribe", "", "application/json", "{\"email\": \"ada@example.com\", \"name\": true}"),
                bad("POST", "/subscribe", "", "application/json", "{}"),
                bad("POST", "/subscribe", "", "text/plain", "ada@example.com"),
                bad("POST", "/subscribe", "", "application/xml", "<email>ada@example.com</email>"),
                bad("POST", "/subscribe", "", "multipart/form-data; boundary=x", "--x\r\n"),
                bad("PUT", "/subscribe", "", FORM, ok),
                bad("DELETE", "/subscribe", "", FORM, ok),
                bad("PATCH", "/subscribe", "", FORM, ok),
                bad("POST", "/confirm", "token=x", FORM, ""),
                bad("DELETE", "/unsubscribe", "token=x", FORM, ""),
                bad("GET", "/confirm", "", null, ""),
                bad("GET", "/confirm", "token=", null, ""),
                bad("GET", "/confirm", "token=forged.token", null, ""),
                bad("GET", "/confirm", "token=" + FORGER.confirm("grace@example.com", NOW.plusSeconds(3600)), null, ""),
                bad("GET", "/confirm", "token=" + readdressed(TOKENS.confirm("eve@example.com", NOW.plusSeconds(3600)),
                        "grace@example.com"), null, ""),
                bad("GET", "/confirm", "token=%ZZ", null, ""),
                bad("GET", "/confirm", "token=" + "a".repeat(5000), null, ""),
                bad("GET", "/unsubscribe", "", null, ""),
                bad("POST", "/unsubscribe", "", FORM, "List-Unsubscribe=One-Click"),
                bad("POST", "/unsubscribe", "token=forged.token", FORM, "List-Unsubscribe=One-Click"),
                bad("POST", "/unsubscribe", "token=" + FORGER.unsubscribe("grace@example.com"), FORM,
                        "List-Unsubscribe=One-Click"),
                bad("POST", "/unsubscribe", "token=" + readdressed(TOKENS.unsubscribe("eve@example.com"),
                        "grace@example.com"), FORM, "List-Unsubscribe=One-Click"),
                bad("POST", "/subscribe", "", FORM, ok + "&topic=" + "t".repeat(101)),
                bad("POST", "/subscribe", "", FORM, ok + "&topic=%ZZ"),
                bad("POST", "/subscribe", "", "application/json", "{\"email\": \"ada@example.com\", \"topic\": 7}"),
                bad("POST", "/subscribe", "", "application/json",
                        "{\"email\": \"ada@example.com\", \"topic\": [\"rust\", {}]}"),
                bad("POST", "/subscribe", "", FORM, "email=grace%40example.com&topic=go%0Arust"),
                bad("GET", "/admin", "", null, ""),
                bad("GET", "/subscribe/../../etc/passwd", "", null, ""),
                bad("POST", "/", "", FORM, ok),
                bad("GET", "/.env", "", null, "")));
        requests.add(Arguments.of("POST", "/subscribe", "", FORM, ("email=ada%40example.com&name=" + "x".repeat(20_000))
                .getBytes(StandardCharsets.UTF_8)));
        requests.add(Arguments.of("POST", "/subscribe", "", FORM,
                new byte[] {'e', 'm', 'a', 'i', 'l', '=', (byte) 0xC3, (byte) 0x28, '%', '4', '0', 'x', '.', 'c', 'o'}));
        return requests.stream();
    }

    @ParameterizedTest(name = "{0} {1}?{2}")
    @MethodSource("badRequests")
    void aBadRequestGetsA4xxAndChangesNothing(String method, String path, String query, String contentType, byte[] body)
            throws IOException {
        store.put(Subscription.confirmed("grace@example.com", null, NOW));
        List<Subscription> before = store.all();

        Response response = send(method, path, query, contentType, body);

        assertRefused(response, method, contentType);
        assertEquals(before, store.all());
        assertEquals(0, emails());
    }

    @Test
    void thereAreAtLeastFiftyBadRequests() {
        assertTrue(badRequests().count() >= 50);
    }

    /** The API as the stack runs it, with a limit per client and a CAPTCHA if given. */
    private SubscriptionApi guarded(int perHour, Captcha captcha) {
        Subscriptions subscriptions = new Subscriptions(store, TOKENS,
                new ConfirmationEmail(SITE, Templates.bundled(), TOKENS, "news@blog.example.com"),
                new OutboxMailer(folder.resolve("outbox")), null, new ClientLimit(new ClientCounts(), perHour));
        return new SubscriptionApi(subscriptions, SITE, Templates.bundled(), Clock.fixed(NOW, ZoneOffset.UTC),
                problems::add, null, captcha);
    }

    private static Request form(String body, String client) {
        return new Request("POST", "/subscribe", "", Map.of("Content-Type", FORM),
                body.getBytes(StandardCharsets.UTF_8), client);
    }

    @Test
    void aClientPastItsLimitGetsTheSameAnswerAndNoEmail() throws IOException {
        SubscriptionApi limited = guarded(2, null);
        List<Response> answers = new ArrayList<>();
        for (String address : List.of("a", "b", "c", "d")) {
            answers.add(limited.handle(form("email=" + address + "%40example.com", "198.51.100.7"), ENDPOINT));
        }
        for (Response answer : answers) {
            assertEquals(200, answer.status());
            assertEquals(answers.get(0).text(), answer.text());
            assertEquals(answers.get(0).headers(), answer.headers());
        }
        assertEquals(2, emails());
        limited.handle(form("email=c%40example.com", "192.0.2.1"), ENDPOINT);
        assertEquals(3, emails(), "another client is not held back");
    }

    /** A stand-in for the CAPTCHA provider's siteverify: an answer of "human" passes; what it was sent, kept. */
    private static final class Verifier implements AutoCloseable {
        final HttpServer server;
        final List<String> requests = new ArrayList<>();

        Verifier(Duration delay) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/siteverify", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                synchronized (requests) {
                    requests.add(body);
                }
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] answer = ("{\"success\": " + Form.parse(body).get("response").equals("human") + "}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/siteverify");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void theCaptchaAcceptsAValidAnswerAndRefusesOthers() throws IOException {
        try (Verifier verifier = new Verifier(Duration.ZERO)) {
            SubscriptionApi api = guarded(10, new Captcha(Captcha.Provider.TURNSTILE, "site-key", "the-secret",
                    verifier.url()));

            Response page = api.handle(new Request("GET", "/subscribe", "", Map.of(), null), ENDPOINT);
            Document form = Jsoup.parse(page.text());
            assertEquals("site-key", form.selectFirst("form .cf-turnstile").attr("data-sitekey"));
            assertTrue(page.headers().get("Content-Security-Policy").contains("script-src https://challenges.cloudflare.com"),
                    page.headers().get("Content-Security-Policy"));

            Response human = api.handle(form("email=ada%40example.com&cf-turnstile-response=human", "203.0.113.10"),
                    ENDPOINT);
            assertEquals(200, human.status());
            assertEquals(1, emails());
            assertEquals(Map.of("secret", "the-secret", "response", "human", "remoteip", "203.0.113.10"),
                    Form.parse(verifier.requests.get(0)));

            for (String body : List.of("email=bob%40example.com&cf-turnstile-response=robot",
                    "email=bob%40example.com", "email=bob%40example.com&cf-turnstile-response=")) {
                Response refused = api.handle(form(body, "203.0.113.10"), ENDPOINT);
                assertEquals(400, refused.status(), body);
                assertTrue(refused.text().contains("Please complete the check that you are a person"), refused.text());
            }
            assertEquals(1, emails());
            assertTrue(store.get("bob@example.com").isEmpty(), "nothing kept of a refused form");
        }
    }

    @Test
    void aCaptchaVerifierThatIsDownOrSlowRefusesWithAPageNotATrace() throws IOException {
        Verifier down = new Verifier(Duration.ZERO);
        URI gone = down.url();
        down.close();
        try (Verifier slow = new Verifier(Duration.ofSeconds(3))) {
            for (URI url : List.of(gone, slow.url())) {
                SubscriptionApi api = guarded(10, new Captcha(Captcha.Provider.HCAPTCHA, "site-key", "the-secret",
                        url, Duration.ofMillis(300)));
                Response refused = api.handle(form("email=ada%40example.com&h-captcha-response=human", "203.0.113.10"),
                        ENDPOINT);
                assertEquals(503, refused.status(), url.toString());
                assertEquals("60", refused.headers().get("Retry-After"));
                assertTrue(refused.text().contains("The check that you are a person cannot be made right now."),
                        refused.text());
            }
        }
        assertEquals(0, emails());
    }
    @Test
    void aCaptchaVerifierThatSendsItsAnswerSlowlyIsNotWaitedForPastTheTimeout() throws IOException {
        CountDownLatch released = new CountDownLatch(1);
        HttpServer dribbling = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        dribbling.createContext("/siteverify", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            // The headers at once, then the answer a byte at a time: a passing answer, once the test is over.
            exchange.getResponseBody().write('{');
            exchange.getResponseBody().flush();
            try {
                released.await(20, TimeUnit.SECONDS);
                exchange.getResponseBody().write("\"success\": true}".getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException | IOException e) {
                // The test is over.
            }
            exchange.close();
        });
        dribbling.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + dribbling.getAddress().getPort() + "/siteverify");
            SubscriptionApi api = guarded(10, new Captcha(Captcha.Provider.TURNSTILE, "site-key", "the-secret", url,
                    Duration.ofMillis(300)));
            Response refused = api.handle(form("email=ada%40example.com&cf-turnstile-response=human", "203.0.113.10"),
                    ENDPOINT);
            assertEquals(503, refused.status(), "an answer not whole within the timeout is no answer");
            assertEquals(0, emails());
        } finally {
            released.countDown();
            dribbling.stop(0);
        }
    }
}
