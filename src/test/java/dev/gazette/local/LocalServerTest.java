package dev.gazette.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.ConfirmationEmail;
import dev.gazette.subscriber.Subscriptions;
import dev.gazette.subscriber.Tokens;
import dev.gazette.web.SubscriptionApi;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalServerTest {
    @TempDir
    Path folder;

    private LocalServer server;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void start() throws Exception {
        Path site = Files.createDirectories(folder.resolve("site/posts/hello"));
        Files.writeString(site.resolve("index.html"), "<h1>Hello</h1>");
        Files.writeString(folder.resolve("site/feed.xml"), "<rss/>");
        Files.writeString(folder.resolve("secret.txt"), "not part of the site");
        server = start(HttpListener.Limits.DEFAULT);
    }

    private LocalServer start(HttpListener.Limits limits) throws Exception {
        return start(folder.resolve("site"), limits);
    }

    private LocalServer start(Path site, HttpListener.Limits limits) throws Exception {
        Site config = new Site(URI.create("http://127.0.0.1/"), "Blog", "About", "en", ZoneOffset.UTC,
                PermalinkPattern.BEFORE_DATES, 20);
        Tokens tokens = new Tokens(new byte[32]);
        Subscriptions subscriptions = new Subscriptions(new SubscriberFile(folder.resolve("subscribers.json"),
                Clock.systemUTC()), tokens, new ConfirmationEmail(config, Templates.bundled(), tokens, "a@example.com"),
                new OutboxMailer(folder.resolve("outbox")));
        return new LocalServer(site, new SubscriptionApi(subscriptions, config,
                Templates.bundled(), Clock.systemUTC(), log::add), "http://127.0.0.1", 0, log::add, limits);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aMissingPathGetsTheSites404PageWithA404AsCloudFrontServesIt() throws Exception {
        assertEquals("Not found.", get("/posts/gone/").body().strip(), "a site without the page: a line of text");

        Files.writeString(folder.resolve("site/404.html"), "<h1>Page not found</h1>");

        for (String missing : List.of("/posts/gone/", "/nothing.png", "/.hidden", "/posts/hello/missing.html")) {
            HttpResponse<String> response = get(missing);
            assertEquals(404, response.statusCode(), missing);
            assertEquals("<h1>Page not found</h1>", response.body(), missing);
            assertEquals("text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        }
        assertEquals(200, get("/posts/hello/").statusCode());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** What the server answers to bytes no HTTP client library would send, up to its closing the connection. */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
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
    void aRedirectStaysOnThisServer() throws Exception {
        Files.createDirectories(folder.resolve("site/example.com"));

        String answer = raw("GET //example.com HTTP/1.1\r\n\r\n");

        assertTrue(answer.startsWith("HTTP/1.1 301 "), answer);
        assertTrue(answer.contains("\r\nLocation: /example.com/\r\n"), answer);
    }

    @Test
    void servesNothingOutsideTheSiteFolder() throws Exception {
        assertEquals(404, get("/../secret.txt").statusCode());
        assertEquals(404, get("/%2e%2e/secret.txt").statusCode());
        assertEquals(404, get("/missing.html").statusCode());
    }

    @Test
    void aSiteGivenThroughALinkAndDotDotIsTheFolderTheSystemFinds() throws Exception {
        Path elsewhere = Files.createDirectories(folder.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("leak.txt"), "beside the link, not in the site");
        Path link = Files.createSymbolicLink(elsewhere.resolve("sl"), folder.resolve("site/posts"));
        server.close();

        server = start(Path.of(link + "/.."), HttpListener.Limits.DEFAULT);

        assertEquals("<rss/>", get("/feed.xml").body());
        assertEquals(404, get("/leak.txt").statusCode());
    }

    @Test
    void servesTheSubscriptionEndpoints() throws Exception {
        HttpResponse<String> form = get("/subscribe");
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("action=\"http://127.0.0.1/subscribe\""), form.body());
        assertEquals(400, get("/confirm?token=forged").statusCode());
    }

    @Test
    void neverServesHiddenFiles() throws Exception {
        // The state folder as 'publish --site .' left it on the site, before layouts like that were refused.
        Path state = Files.createDirectories(folder.resolve("site/.gazette"));
        Files.writeString(state.resolve("secret"), "the unsubscribe secret");
        Files.writeString(state.resolve("subscribers.json"), "[]");
        Files.createDirectories(folder.resolve("site/.git"));
        Files.writeString(folder.resolve("site/.git/config"), "[core]");
        Files.writeString(folder.resolve("site/posts/hello/.env"), "KEY=1");

        for (String path : List.of("/.gazette/secret", "/.gazette/subscribers.json", "/%2egazette/secret",
                "/posts/../.gazette/secret", "/.git/config", "/posts/hello/.env", "/.gazette/", "/./feed.xml")) {
            HttpResponse<String> answer = get(path);
            assertEquals(404, answer.statusCode(), path);
            assertFalse(answer.body().contains("secret"), path);
        }
    }

    @Test
    void neverFollowsALinkOutOfTheSite() throws Exception {
        Files.createSymbolicLink(folder.resolve("site/leak.txt"), folder.resolve("secret.txt"));
        Files.createSymbolicLink(folder.resolve("site/up"), folder);
        Files.createDirectories(folder.resolve("site/.hidden"));
        Files.writeString(folder.resolve("site/.hidden/page.html"), "hidden");
        Files.createSymbolicLink(folder.resolve("site/shown.html"), folder.resolve("site/.hidden/page.html"));
        Files.createSymbolicLink(folder.resolve("site/latest.xml"), folder.resolve("site/feed.xml"));

        assertEquals(404, get("/leak.txt").statusCode());
        assertEquals(404, get("/up/secret.txt").statusCode());
        assertEquals(404, get("/shown.html").statusCode(), "a link to a hidden file");
        assertEquals("<rss/>", get("/latest.xml").body(), "a link within the site is fine");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/%00           | it holds a control character",
        "/subscribe%00  | it holds a control character",
        "/a%0Ab         | it holds a control character",
        "/posts%2F%00/x | it holds a control character",
        "/%zz           | a '%' is not followed by two hex digits",
        "/%             | a '%' is not followed by two hex digits",
        "/%e9t%e9       | the request is not UTF-8 text"})
    void aPathThatIsNotOneGetsA400Page(String path, String reason) throws Exception {
        String answer = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
        assertTrue(answer.endsWith("\r\n\r\nThis address is not valid: " + reason + ".\n"), answer);
        assertEquals(List.of("400 GET " + path + ": " + reason), log, "told as the listener's own 400s are");
    }

    @Test
    void neverServesGazettesStateOrEmailsLeftInTheSite() throws Exception {
        // As an older version left them, with --outbox and --state since pointed elsewhere.
        Path outbox = Files.createDirectories(folder.resolve("site/outbox/confirm"));
        Files.writeString(outbox.resolve("ada@example.com.eml"), "Subject: confirm\r\n\r\nhttp://x/confirm?token=k");
        Path state = Files.createDirectories(folder.resolve("site/state"));
        for (String name : List.of("secret", "subscribers.json", "catalog.json", "files.json")) {
            Files.writeString(state.resolve(name), "private");
        }

        for (String path : List.of("/outbox/confirm/ada@example.com.eml", "/state/secret", "/state/subscribers.json",
                "/state/catalog.json", "/state/files.json")) {
            assertEquals(404, get(path).statusCode(), path);
        }
    }

    @Test
    void aNamedPipeInTheSiteIsNotOpened() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", folder.resolve("site/pipe.html").toString()).start();
        assertEquals(0, mkfifo.waitFor());

        assertEquals(404, get("/pipe.html").statusCode(), "answered, not left waiting for a writer");
    }

    @Test
    void aFailureGetsA500PageAndOneLogLine() throws Exception {
        Files.writeString(folder.resolve("subscribers.json"), "{damaged");

        HttpResponse<String> answer = post("/subscribe", "email=ada%40example.com");

        assertEquals(500, answer.statusCode());
        assertEquals("Something went wrong on this server; it is reported where gazette serve runs.\n",
                answer.body());
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).startsWith("500 POST /subscribe: java.io.IOException: " + folder.resolve("subscribers.json")
                + " is damaged"), log.get(0));
    }

    @Test
    void whatAClientSentIsLoggedOnOneLine() throws Exception {
        raw("GET /a\u001b[2Jb\nforged: line HTTP/1.1\r\n\r\n");
        raw("GET\u0000/%0Aforged HTTP/1.1\r\n\r\n");
        raw("GET /unsubscribe?token=a-key-to-an-address HTTP/1.1\r\nNot a header\r\n\r\n");

        assertEquals(3, log.size(), log.toString());
        assertEquals("400 GET /a\\u001b[2Jb: This is not an HTTP request this server can read.", log.get(0));
        assertEquals("400 GET\\u0000/%0Aforged HTTP/1.1: This is not an HTTP request this server can read.",
                log.get(1));
        assertEquals("400 GET /unsubscribe HTTP/1.1: A header of this request is malformed.", log.get(2),
                "the token is no one's business");
    }

    @Test
    void aBodyTooLargeGetsThe413Page() throws Exception {
        HttpResponse<String> answer = post("/subscribe", "email=ada%40example.com&name=" + "a".repeat(10 << 20));

        assertEquals(413, answer.statusCode());
        assertTrue(answer.body().contains("The request is too large."), answer.body());
    }

    @Test
    void malformedRequestsGetAStatusAndAPage() throws Exception {
        assertTrue(raw("HELLO\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertTrue(raw("GET / HTTP/2.0\r\n\r\n").startsWith("HTTP/1.1 505 "));
        assertTrue(raw("GET ftp://example.com/ HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertTrue(raw("GET / HTTP/1.1\r\nNo colon here\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertTrue(raw("GET / HTTP/1.1\r\n folded: header\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertTrue(raw("GET /" + "a".repeat(9000) + " HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 414 "));
        assertTrue(raw("GET / HTTP/1.1\r\n" + "X-A: b\r\n".repeat(200) + "\r\n").endsWith("too many headers.\n"));
        assertTrue(raw("GET / HTTP/1.1\r\n" + ("X-A: " + "b".repeat(6000) + "\r\n").repeat(3) + "\r\n")
                .endsWith("\r\n\r\nThe headers of this request are too large.\n"));
        assertTrue(raw("POST /subscribe HTTP/1.1\r\nContent-Length: -1\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertTrue(raw("POST /subscribe HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                .startsWith("HTTP/1.1 411 "));
        assertTrue(raw("POST /subscribe HTTP/1.1\r\nContent-Length: 50\r\n\r\nemail=").startsWith("HTTP/1.1 400 "));
        assertTrue(raw("HEAD /feed.xml HTTP/1.1\r\n\r\n").endsWith("Connection: close\r\n\r\n"), "no body");
        assertTrue(raw("head /subscribe HTTP/1.1\r\n\r\n").endsWith("Connection: close\r\n\r\n"),
                "the endpoints take it for HEAD: no body either");
    }

    @Test
    void aTargetSentWholeIsTheSameAsItsPath() throws Exception {
        String answer = raw("GET http://127.0.0.1/feed.xml?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
        assertTrue(answer.endsWith("\r\n\r\n<rss/>"), answer);
        assertTrue(raw("GET HTTP://127.0.0.1 HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 404 "), "the site's root");
    }

    /** Connects and sends the start of a request, or nothing, and leaves it at that. */
    private static Socket slow(int port, String start) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.getOutputStream().write(start.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Whether the server still holds the connection open, having neither answered nor closed it. */
    private static boolean stillOpen(Socket socket) throws Exception {
        socket.setSoTimeout(1);
        try {
            socket.getInputStream().read();
            return false;
        } catch (SocketTimeoutException waiting) {
            return true;
        }
    }

    @Test
    void keepsAnsweringWhileSlowAndMalformedClientsAreConnected() throws Exception {
        // Timeouts longer than the test: every answer below comes while the slow clients are still connected.
        server.close();
        server = start(new HttpListener.Limits(Duration.ofSeconds(60), Duration.ofSeconds(60), 64, 64 * 1024));
        List<Socket> silent = new ArrayList<>();
        List<Socket> dribbling = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                silent.add(slow(server.port(), ""));
                dribbling.add(slow(server.port(), "G"));
                dribbling.add(slow(server.port(), "GET /feed.xml HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
                dribbling.add(slow(server.port(), "POST /subscribe HTTP/1.1\r\nContent-Length: 1000\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\n\r\nemail="));
            }
            List<String> malformed = List.of("\u0000\u0001\u0002\r\n\r\n", "GET\r\n\r\n", "GET /%zz HTTP/1.1\r\n\r\n",
                    "GET /%00 HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\nX: \u0007\r\n\r\n", "GET / HTTP/9\r\n\r\n",
                    "POST /subscribe HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n",
                    "GET / HTTP/1.1\r\nX: " + "a".repeat(20_000) + "\r\n\r\n");
            for (int round = 0; round < 5; round++) {
                for (Socket socket : dribbling) {
                    socket.getOutputStream().write('a');
                }
                for (String request : malformed) {
                    String answer = raw(request);
                    assertTrue(answer.matches("(?s)HTTP/1\\.1 [45]\\d\\d .*\\r\\n\\r\\n.+"), request + " got " + answer);
                }
                assertEquals(200, get("/posts/hello/").statusCode());
                assertEquals(200, get("/subscribe").statusCode());
                assertEquals(200, post("/subscribe", "email=reader" + round + "%40example.com").statusCode());
            }
            for (Socket socket : silent) {
                assertTrue(stillOpen(socket), "no silent client was cut off: the answers did not wait for them");
            }
            for (Socket socket : dribbling) {
                assertTrue(stillOpen(socket), "nor any slow one");
            }
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
            for (Socket socket : dribbling) {
                socket.close();
            }
        }
    }

    @Test
    void aClientTooSlowIsCutOff() throws Exception {
        server.close();
        server = start(new HttpListener.Limits(Duration.ofSeconds(1), Duration.ofSeconds(10), 64, 64 * 1024));
        try (Socket silent = slow(server.port(), "");
             Socket line = slow(server.port(), "GET /feed.x");
             Socket headers = slow(server.port(), "GET /feed.xml HTTP/1.1\r\nHost: 1");
             Socket body = slow(server.port(), "POST /subscribe HTTP/1.1\r\nContent-Length: 100\r\n\r\nemail=")) {
            for (Socket socket : List.of(silent, line, headers, body)) {
                socket.setSoTimeout(20_000);
            }

            assertEquals("", new String(silent.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    "a connection that never sent a request is closed without a word");
            for (Socket socket : List.of(line, headers, body)) {
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 408 Request Timeout\r\n"), answer);
                assertTrue(answer.endsWith("\r\n\r\nThe request took too long to arrive.\n"), answer);
            }
            assertEquals(List.of("408 (a request line cut off): not all sent in 1 s",
                    "408 GET /feed.xml HTTP/1.1: not all sent in 1 s",
                    "408 POST /subscribe HTTP/1.1: not all sent in 1 s"), log.stream().sorted().toList());
        }
    }

    /** Limits of a few connections, each spared for a moment only: the tests wait that long, not a second. */
    private static HttpListener.Limits few(int connections) {
        return new HttpListener.Limits(Duration.ofSeconds(30), Duration.ofSeconds(30), connections, 64 * 1024,
                SPARED);
    }

    private static final Duration SPARED = Duration.ofMillis(50);

    /** Lets connections opened so far outgrow the moment they are spared. */
    private static void letThemAge() throws InterruptedException {
        Thread.sleep(SPARED.toMillis() * 2);
    }

    @Test
    void atItsConnectionsTheOldestThatSentNoRequestMakesRoom() throws Exception {
        server.close();
        server = start(few(2));
        try (Socket first = slow(server.port(), "GET / HTTP/1.1\r\n");
             Socket second = slow(server.port(), "")) {
            first.setSoTimeout(20_000);
            letThemAge();

            assertEquals(200, get("/feed.xml").statusCode());

            assertEquals(-1, first.getInputStream().read(), "the oldest was closed for it");
            assertTrue(stillOpen(second));
        }
    }

    @Test
    void clientsThatSendNothingAndComeBackDoNotShutOutOthers() throws Exception {
        server.close();
        server = start(few(4));
        List<Socket> idle = new ArrayList<>();
        try {
            for (int round = 0; round < 10; round++) {
                // Those the server closed are opened again, as the reviewer's attack did, to hold every connection.
                for (Socket socket : List.copyOf(idle)) {
                    if (!stillOpen(socket)) {
                        socket.close();
                        idle.remove(socket);
                    }
                }
                while (idle.size() < 4) {
                    idle.add(slow(server.port(), ""));
                }
                letThemAge();

                assertEquals(200, get("/feed.xml").statusCode());
            }
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void clientsThatReadNothingDoNotShutOutOthers() throws Exception {
        server.close();
        server = start(few(2));
        // Far larger than what the system buffers for a connection: its answer waits on the client to read it.
        try (RandomAccessFile big = new RandomAccessFile(folder.resolve("site/big.bin").toFile(), "rw")) {
            big.setLength(256L << 20);
        }
        try (Socket first = slow(server.port(), "GET /big.bin HTTP/1.1\r\n\r\n");
             Socket second = slow(server.port(), "GET /big.bin HTTP/1.1\r\n\r\n")) {
            for (Socket socket : List.of(first, second)) {
                socket.setSoTimeout(20_000);
                assertEquals('H', socket.getInputStream().read(), "the answer has begun");
            }
            letThemAge();

            assertEquals(200, get("/feed.xml").statusCode());
            letThemAge();
            assertEquals(200, get("/posts/hello/").statusCode());
        }
    }

    @Test
    void onlyWhenEveryConnectionIsInItsHandlerIsTheServerBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch handling = new CountDownLatch(2);
        HttpListener.Handler waits = request -> {
            handling.countDown();
            release.await();
            return HttpListener.Reply.of(HttpListener.status(200, "done"));
        };
        try (HttpListener listener = new HttpListener(0, new HttpListener.Limits(Duration.ofSeconds(30),
                Duration.ofSeconds(30), 2, 1024), waits, log::add);
             Socket first = slow(listener.port(), "GET / HTTP/1.1\r\n\r\n");
             Socket second = slow(listener.port(), "GET / HTTP/1.1\r\n\r\n")) {
            handling.await();
            try (Socket third = slow(listener.port(), "GET / HTTP/1.1\r\n\r\n")) {
                third.setSoTimeout(20_000);

                String answer = new String(third.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertTrue(answer.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), answer);
                assertTrue(answer.endsWith("The server is busy. Try again in a moment.\n"), answer);
            }
            release.countDown();
            first.setSoTimeout(20_000);
            assertTrue(new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8).endsWith("done\n"));
        }
    }

    @Test
    void theClientIsTheAddressTheConnectionCameFromWhateverTheHeadersSay() throws Exception {
        List<String> clients = new CopyOnWriteArrayList<>();
        HttpListener.Handler records = request -> {
            clients.add(request.client());
            return HttpListener.Reply.of(HttpListener.status(200, "done"));
        };
        try (HttpListener listener = new HttpListener(0, HttpListener.Limits.DEFAULT, records, log::add);
             Socket plain = slow(listener.port(), "POST /subscribe HTTP/1.1\r\n\r\n");
             Socket written = slow(listener.port(), "POST /subscribe HTTP/1.1\r\nX-Forwarded-For: 203.0.113.10\r\n"
                     + "CloudFront-Viewer-Address: 203.0.113.11:4000\r\nX-Gazette-Proxy-Key: a-guess\r\n\r\n")) {
            for (Socket socket : List.of(plain, written)) {
                socket.setSoTimeout(20_000);
                socket.getInputStream().readAllBytes();
            }
        }
        assertEquals(List.of("127.0.0.1", "127.0.0.1"), clients, "all of gazette serve's clients count as one");
    }
}
