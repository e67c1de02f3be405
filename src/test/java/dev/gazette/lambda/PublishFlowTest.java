package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import dev.gazette.aws.Emulators;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** Publish, Digest and Send against the emulators, driven by the events Lambda would hand them. */
class PublishFlowTest {
    private Stack stack;

    @BeforeEach
    void start() {
        stack = new Stack();
        stack.emulators.clearSentEmails();
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    private static String post(String title) {
        return "---\ntitle: " + title + "\n---\n\nThe text of " + title + ", with [a link](other.md).\n";
    }

    private List<String> feedTitles() throws Exception {
        Channel rss = (Channel) new WireFeedInput().build(new StringReader(stack.site("feed.xml")));
        return rss.getItems().stream().map(Item::getTitle).toList();
    }

    @Test
    void anUploadedPostIsPublishedAndMailedOncePerSubscriber() throws Exception {
        stack.subscribe("ada@example.com", "grace@example.net", "linus@example.org");

        JsonObject result = stack.publish("2024/2024-05-10-hello world.md", post("Hello, world"));

        assertEquals(1, result.get("created").getAsInt());
        assertNotNull(stack.site("posts/hello world/index.html"));
        assertEquals(List.of("Hello, world"), feedTitles());
        assertNotNull(stack.site("atom.xml"));
        assertEquals("Hello, world", JsonParser.parseString(stack.site("feed.json")).getAsJsonObject()
                .getAsJsonArray("items").get(0).getAsJsonObject().get("title").getAsString());
        assertTrue(stack.site("index.html").contains("Hello, world"));
        assertEquals(3, result.getAsJsonObject("digest").get("recipients").getAsInt());

        List<Message> batches = stack.receiveAll();
        assertEquals(1, batches.size());
        JsonObject sent = stack.invoke(new SendHandler(stack.env, stack.clock()), Stack.sqsEvent(batches));

        assertEquals(0, sent.getAsJsonArray("batchItemFailures").size());
        List<Emulators.SentEmail> emails = stack.emulators.sentEmails();
        assertEquals(List.of("ada@example.com", "grace@example.net", "linus@example.org"),
                emails.stream().map(email -> email.to().get(0)).sorted().toList());
        for (Emulators.SentEmail email : emails) {
            assertEquals("Hello, world", email.subject());
            assertEquals("Example Blog <news@blog.example.com>", email.from());
            assertEquals("List-Unsubscribe=One-Click", email.headers().get("List-Unsubscribe-Post"));
            String unsubscribe = email.headers().get("List-Unsubscribe");
            assertTrue(unsubscribe.startsWith("<https://blog.example.com/unsubscribe?token="), unsubscribe);
            assertTrue(email.html().contains(unsubscribe.substring(1, unsubscribe.length() - 1)));
            assertTrue(email.html().contains("href=\"https://blog.example.com/2024/other.md\""), "links are absolute");
        }
    }

    @Test
    void theSameEventThreeTimesAndTheSameBatchTwiceSendNothingTwice() throws Exception {
        stack.subscribe("ada@example.com", "grace@example.net");
        String key = "2024-05-10-once.md";
        stack.upload(key, post("Once"));
        String event = Stack.s3Event("s3-put.json", stack.postsBucket, key);

        for (int delivery = 0; delivery < 3; delivery++) {
            stack.invoke(stack.publishHandler(), event);
        }
        List<Message> batches = stack.receiveAll();
        assertEquals(1, batches.size(), "one digest, whatever the deliveries");
        String sqsEvent = Stack.sqsEvent(batches);
        stack.invoke(new SendHandler(stack.env, stack.clock()), sqsEvent);
        stack.invoke(new SendHandler(stack.env, stack.clock()), sqsEvent);

        assertEquals(2, stack.emulators.sentEmails().size());
        assertEquals(List.of("Once"), feedTitles());
    }

    @Test
    void anEditAfterTheDigestUpdatesTheFeedsAndSendsNothing() throws Exception {
        stack.subscribe("ada@example.com");
        stack.publish("2024-05-10-first.md", post("First"));
        stack.sendAll();
        assertEquals(1, stack.emulators.sentEmails().size());

        stack.now = stack.now.plusSeconds(3600);
        JsonObject edit = stack.publish("2024-05-10-first.md", post("First, revised"));

        assertEquals(1, edit.get("updated").getAsInt());
        assertEquals(List.of("First, revised"), feedTitles());
        assertEquals(List.of(), stack.receiveAll());
        assertEquals(1, stack.emulators.sentEmails().size());
    }

    @Test
    void aDeletedPostLeavesTheSiteAndTheFeeds() throws Exception {
        stack.publish("2024-05-09-stays.md", post("Stays"));
        stack.publish("2024-05-10-goes.md", post("Goes"));
        assertEquals(List.of("Goes", "Stays"), feedTitles());

        stack.deleteUpload("2024-05-10-goes.md");
        JsonObject result = stack.invoke(stack.publishHandler(),
                Stack.s3Event("s3-delete.json", stack.postsBucket, "2024-05-10-goes.md"));

        assertEquals(1, result.get("removed").getAsInt());
        assertEquals(List.of("Stays"), feedTitles());
        assertNull(stack.site("posts/goes/index.html"));
    }

    @Test
    void aBadPostLeavesTheFeedsUntouchedAndIsLoggedWithKeyAndReason() throws Exception {
        stack.publish("2024-05-09-good.md", post("Good"));
        String feed = stack.site("feed.xml");
        stack.upload("2024-05-10-bad.md", "---\ntitle: Bad\ndate: someday\n---\n");

        String log = Stack.logOf(() -> stack.invoke(stack.publishHandler(),
                Stack.s3Event("s3-put.json", stack.postsBucket, "2024-05-10-bad.md")));

        assertEquals(feed, stack.site("feed.xml"));
        JsonObject line = JsonParser.parseString(log.lines().filter(l -> l.contains("\"publish\"")).findFirst()
                .orElseThrow()).getAsJsonObject();
        JsonObject error = line.getAsJsonArray("errors").get(0).getAsJsonObject();
        assertEquals("2024-05-10-bad.md", error.get("key").getAsString());
        assertEquals(3, error.get("line").getAsInt());
        assertTrue(error.get("reason").getAsString().startsWith("front matter 'date' is not a date: \"someday\""));
    }

    @Test
    void twentyConcurrentUploadsAllEndUpInTheFeeds() throws Exception {
        stack.env.put(Config.DIGEST_CADENCE, "rate(1 day)");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<JsonObject>> results = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            String key = String.format("2024-04-%02d-post-%d.md", i, i);
            String title = "Post " + i;
            results.add(pool.submit(() -> stack.publish(key, post(title))));
        }
        for (Future<JsonObject> result : results) {
            assertEquals(1, result.get().get("created").getAsInt());
        }
        pool.shutdown();

        List<String> titles = feedTitles();
        assertEquals(20, titles.size(), titles.toString());
        for (int i = 1; i <= 20; i++) {
            assertTrue(titles.contains("Post " + i), "Post " + i + " is missing: " + titles);
        }
        for (int i = 1; i <= 20; i++) {
            assertTrue(stack.site("index.html").contains("Post " + i + "<"), "Post " + i + " is not on the index");
        }
    }

    @Test
    void hiddenFilesAndReadmesAreNotPublished() {
        stack.upload(".git/config", "[core]\n");
        stack.upload("images/.DS_Store", "x");
        // Front matter and all: only its name keeps it off the site.
        stack.upload("README.md", "---\ntitle: About this folder\ndate: 2024-05-01\n---\nMy posts.\n");
        for (String key : List.of(".git/config", "images/.DS_Store", "README.md")) {
            JsonObject result = stack.invoke(stack.publishHandler(), Stack.s3Event("s3-put.json", stack.postsBucket, key));
            assertEquals(0, result.get("created").getAsInt(), key);
            assertEquals(0, result.get("errors").getAsInt(), key);
            assertNull(stack.site(key), key);
        }
        assertNull(stack.site("posts/README/index.html"));
        assertNull(stack.site("feed.xml"), "no feed with nothing in it");
    }

    @Test
    void anArchiveUploadIsPublishedButNotMailed() throws Exception {
        stack.subscribe("ada@example.com");
        stack.publish("2019-03-01-old.md", post("Old"));
        stack.publish("2024-05-09-recent.md", post("Recent"));

        assertEquals(List.of("Recent", "Old"), feedTitles());
        stack.sendAll();
        assertEquals(List.of("Recent"), stack.emulators.sentEmails().stream().map(Emulators.SentEmail::subject).toList());
    }

    @Test
    void aFuturePostIsPublishedAndMailedWhenItsDateComes() throws Exception {
        stack.subscribe("ada@example.com");
        stack.publish("summer.md", "---\ntitle: Summer\ndate: 2024-06-01T08:00:00Z\n---\nSun.\n");
        assertNull(stack.site("feed.xml"), "nothing is published yet");

        stack.now = Instant.parse("2024-06-01T08:10:00Z");
        JsonObject check = stack.invoke(stack.publishHandler(), Stack.read(java.nio.file.Path.of("events", "scheduled.json")));

        assertEquals(1, check.get("created").getAsInt());
        assertEquals(List.of("Summer"), feedTitles());
        stack.sendAll();
        assertEquals(1, stack.emulators.sentEmails().size());
    }

    @Test
    void aTestRecipientGetsTheDigestAloneAndThePostsStayDue() throws Exception {
        stack.env.put(Config.DIGEST_CADENCE, "rate(1 day)");
        stack.subscribe("ada@example.com");
        stack.publish("2024-05-10-draft-check.md", post("Check me"));

        JsonObject test = stack.invoke(new DigestHandler(stack.env, stack.clock()),
                Stack.read(java.nio.file.Path.of("events", "digest-test-recipient.json")));

        assertEquals("sent", test.get("outcome").getAsString());
        assertEquals(List.of("you@example.com"),
                stack.emulators.sentEmails().stream().map(email -> email.to().get(0)).toList());
        JsonObject digest = stack.invoke(new DigestHandler(stack.env, stack.clock()), "{}");
        assertEquals(1, digest.get("recipients").getAsInt(), "the real digest still goes out");
    }

    @Test
    void aDigestWithNothingDueSendsNothing() {
        stack.subscribe("ada@example.com");
        JsonObject digest = stack.invoke(new DigestHandler(stack.env, stack.clock()), "{}");
        assertFalse(digest.has("id"));
        assertEquals(List.of(), stack.receiveAll());
    }

    @Test
    void withoutAConfiguredRateTheSendersTakeTheAccountsFromSes() {
        stack.env.put(Config.MAX_SEND_RATE, "0");
        stack.subscribe("ada@example.com", "grace@example.net");
        stack.publish("2024-05-10-news.md", post("News"));

        JsonObject sent = stack.sendAll();

        assertEquals(0, sent.getAsJsonArray("batchItemFailures").size());
        assertEquals(2, stack.emulators.sentEmails().size());
    }

    @Test
    void theFeedsNameTheHubAndPublishPingsIt() throws Exception {
        List<String> pings = java.util.Collections.synchronizedList(new ArrayList<>());
        com.sun.net.httpserver.HttpServer hub = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        hub.createContext("/", exchange -> {
            pings.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hub.start();
        try {
            String url = "http://127.0.0.1:" + hub.getAddress().getPort() + "/";
            stack.env.put(Config.HUB_URL, url);

            stack.publish("2024-05-10-news.md", post("News"));

            assertTrue(stack.site("feed.xml").contains("href=\"" + url + "\" rel=\"hub\""),
                    stack.site("feed.xml"));
            assertTrue(stack.site("atom.xml").contains("rel=\"hub\" href=\"" + url + "\""), stack.site("atom.xml"));
            assertTrue(stack.site("feed.json").contains("\"hubs\""));
            assertEquals(List.of("hub.mode=publish&hub.url=https%3A%2F%2Fblog.example.com%2Ffeed.xml",
                    "hub.mode=publish&hub.url=https%3A%2F%2Fblog.example.com%2Fatom.xml",
                    "hub.mode=publish&hub.url=https%3A%2F%2Fblog.example.com%2Ffeed.json"), pings);
        } finally {
            hub.stop(0);
        }
    }

    @Test
    void subscribersWhoLeftAfterTheBatchWasQueuedAreNotMailed() throws Exception {
        stack.subscribe("ada@example.com", "grace@example.net");
        stack.publish("2024-05-10-news.md", post("News"));
        stack.dynamo.updateItem(request -> request.tableName(stack.table)
                .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("SUB#grace@example.net"),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("SUB")))
                .updateExpression("REMOVE #list").expressionAttributeNames(Map.of("#list", "list")));

        stack.sendAll();

        assertEquals(List.of("ada@example.com"),
                stack.emulators.sentEmails().stream().map(email -> email.to().get(0)).toList());
        assertFalse(stack.emulators.sentEmails().isEmpty());
    }
}
