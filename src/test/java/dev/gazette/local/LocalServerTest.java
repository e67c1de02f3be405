package dev.gazette.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.ConfirmationEmail;
import dev.gazette.subscriber.Subscriptions;
import dev.gazette.subscriber.Tokens;
import dev.gazette.web.SubscriptionApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalServerTest {
    @TempDir
    Path folder;

    private LocalServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Path site = Files.createDirectories(folder.resolve("site/posts/hello"));
        Files.writeString(site.resolve("index.html"), "<h1>Hello</h1>");
        Files.writeString(folder.resolve("site/feed.xml"), "<rss/>");
        Files.writeString(folder.resolve("secret.txt"), "not part of the site");
        Site config = new Site(URI.create("http://127.0.0.1/"), "Blog", "About", "en", ZoneOffset.UTC,
                PermalinkPattern.DEFAULT, 20);
        Tokens tokens = new Tokens(new byte[32]);
        Subscriptions subscriptions = new Subscriptions(new SubscriberFile(folder.resolve("subscribers.json"),
                Clock.systemUTC()), tokens, new ConfirmationEmail(config, Templates.bundled(), tokens, "a@example.com"),
                new OutboxMailer(folder.resolve("outbox")));
        server = new LocalServer(folder.resolve("site"), new SubscriptionApi(subscriptions, config,
                Templates.bundled(), Clock.systemUTC(), problem -> { }), "http://127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheSiteWithItsMediaTypes() throws Exception {
        HttpResponse<String> page = get("/posts/hello/");
        assertEquals(200, page.statusCode());
        assertEquals("<h1>Hello</h1>", page.body());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("application/xml; charset=utf-8", get("/feed.xml").headers().firstValue("Content-Type").orElseThrow());
        assertEquals(301, get("/posts/hello").statusCode());
    }

    @Test
    void servesNothingOutsideTheSiteFolder() throws Exception {
        assertEquals(404, get("/../secret.txt").statusCode());
        assertEquals(404, get("/%2e%2e/secret.txt").statusCode());
        assertEquals(404, get("/missing.html").statusCode());
    }

    @Test
    void servesTheSubscriptionEndpoints() throws Exception {
        HttpResponse<String> form = get("/subscribe");
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("action=\"http://127.0.0.1/subscribe\""), form.body());
        assertEquals(400, get("/confirm?token=forged").statusCode());
    }
}
