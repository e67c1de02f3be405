package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A publish clears CloudFront's cache of what it changed, in one invalidation, before it pings the WebSub hub: the
 * hub fetches the feeds at once, and must get the new ones.
 */
class FreshFeedsTest {
    /** A ping the hub stand-in got: its body, and when, by {@link System#nanoTime()}. */
    private record Ping(String body, long at) {
    }

    private final List<Ping> pings = new CopyOnWriteArrayList<>();
    private HttpServer hub;
    private Stack stack;

    @BeforeEach
    void start() throws IOException {
        CloudFrontStandIn.start();
        CloudFrontStandIn.take();
        hub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hub.createContext("/", exchange -> {
            pings.add(new Ping(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    System.nanoTime()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hub.start();
        stack = new Stack();
        stack.env.put(Config.DISTRIBUTION_ID, "E2EXAMPLE51Z");
        // Digests on a schedule: an immediate one clears the archive's pages in an invalidation of its own.
        stack.env.put(Config.DIGEST_CADENCE, "rate(1 day)");
        stack.env.put(Config.HUB_URL, "http://127.0.0.1:" + hub.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        CloudFrontStandIn.answer(201);
        stack.close();
        hub.stop(0);
    }

    @Test
    void aNewPostIsInvalidatedInOneCallBeforeTheHubIsPinged() {
        stack.publish("2024-05-10-launch.md", "---\ntitle: Launch\ntags: [news]\n---\nWe launched.\n");

        List<CloudFrontStandIn.Invalidation> invalidations = CloudFrontStandIn.take();
        assertEquals(1, invalidations.size());
        CloudFrontStandIn.Invalidation invalidation = invalidations.get(0);
        assertEquals("/2020-05-31/distribution/E2EXAMPLE51Z/invalidation", invalidation.path());
        assertTrue(invalidation.authorization().startsWith("AWS4-HMAC-SHA256 Credential=test/"), "signed with SigV4");
        assertTrue(invalidation.authorization().contains("/us-east-1/cloudfront/aws4_request"),
                invalidation.authorization());
        List<String> paths = invalidation.paths();
        assertTrue(paths.containsAll(List.of("/posts/launch/index.html", "/index.html", "/feed.xml", "/atom.xml",
                "/feed.json", "/tags/news/feed.xml")), paths.toString());
        assertTrue(invalidation.body().contains("<Quantity>" + paths.size() + "</Quantity>"), invalidation.body());

        assertEquals(3, pings.size(), "one ping per feed");
        for (Ping ping : pings) {
            assertTrue(ping.at() > invalidation.at(), "the hub was pinged before the cache was cleared");
        }
        assertTrue(pings.get(0).body().contains("hub.url=https%3A%2F%2Fblog.example.com%2F"), pings.get(0).body());
    }

    @Test
    void anEditInvalidatesWhatItChangedAndAnUnchangedUploadNothing() {
        stack.publish("2024-05-10-launch.md", "---\ntitle: Launch\n---\nWe launched.\n");
        CloudFrontStandIn.take();
        pings.clear();

        stack.publish("2024-05-10-launch.md", "---\ntitle: Launch\n---\nWe launched.\n");
        assertEquals(List.of(), CloudFrontStandIn.take(), "nothing changed, nothing to clear");
        assertEquals(List.of(), pings);

        stack.publish("2024-05-10-launch.md", "---\ntitle: Launch\n---\nWe launched, and it went well.\n");
        List<CloudFrontStandIn.Invalidation> invalidations = CloudFrontStandIn.take();
        assertEquals(1, invalidations.size());
        assertTrue(invalidations.get(0).paths().contains("/posts/launch/index.html"));
        assertEquals(3, pings.size());
    }

    @Test
    void anInvalidationCloudFrontRefusesLeavesThePublishDoneAndTheHubPinged() {
        CloudFrontStandIn.answer(400);

        String log = Stack.logOf(() -> stack.publish("2024-05-10-launch.md", "---\ntitle: Launch\n---\nHi.\n"));

        assertTrue(log.contains("\"outcome\":\"failed\""), log);
        assertTrue(log.contains("CloudFront refused the invalidation"), log);
        assertTrue(stack.site("posts/launch/index.html").contains("Launch"));
        assertEquals(3, pings.size());
    }

    @Test
    void aDigestClearsTheArchivesIndexAndFeedsThatWereCachedBeforeItsIssue() {
        stack.subscribe("ada@example.com");
        stack.publish("2024-05-10-launch.md", "---\ntitle: Launch\n---\nWe launched.\n");
        CloudFrontStandIn.take();

        stack.invoke(new DigestHandler(stack.env, stack.clock()), Stack.read(Path.of("events", "scheduled.json")));

        List<CloudFrontStandIn.Invalidation> invalidations = CloudFrontStandIn.take();
        assertEquals(1, invalidations.size(), "one invalidation for the issue");
        List<String> paths = invalidations.get(0).paths();
        assertTrue(paths.containsAll(List.of("/newsletter/index.html", "/newsletter/feed.xml")), paths.toString());
    }
}
