package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.gazette.aws.Faults;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A Publish that fails half-way, retried as Lambda retries it: the retry finishes what the failed run began, so no
 * post is left unmailed, without its page or out of the feeds.
 */
class PublishRetryTest {
    private static final String KEY = "2024-05-10-news.md";
    private static final String POST = "---\ntitle: News\n---\nThe news.\n";

    private Stack stack;

    @BeforeEach
    void start() {
        stack = new Stack();
        stack.emulators.clearSentEmails();
        stack.subscribe("ada@example.com");
        // A site published before, so a retry does not render everything anyway as a first publish would.
        stack.publish("2024-05-09-earlier.md", "---\ntitle: Earlier\n---\nBefore.\n");
        stack.sendAll();
        stack.emulators.clearSentEmails();
    }

    @AfterEach
    void stop() {
        Faults.clear();
        stack.close();
    }

    /** The upload's event, handed to Publish once with the fault in place and then again, as Lambda retries. */
    private void publishFailingOnceThenRetry(Faults.Rule fault) {
        stack.upload(KEY, POST);
        String event = Stack.s3Event("s3-put.json", stack.postsBucket, KEY);
        assertThrows(RuntimeException.class, () -> stack.invoke(stack.publishHandler(), event));
        assertTrue(fault.calls() > 0, "the fault was reached");
        Faults.clear();
        stack.invoke(stack.publishHandler(), event);
        stack.sendAll();
    }

    @Test
    void aRetryAfterTheEmailDecisionFailedEmailsThePost() {
        Faults.Rule fault = Faults.on("DynamoDb", "PutItem")
                .where(PutItemRequest.class, put -> put.item().get("pk").s().equals("MAIL")).refuse();

        publishFailingOnceThenRetry(fault);

        assertEquals(List.of("ada@example.com"),
                stack.emulators.sentEmails().stream().map(email -> email.to().get(0)).toList());
        assertNotNull(stack.site("posts/news/index.html"));
        assertTrue(stack.site("feed.xml").contains("News"));
    }

    @Test
    void aRetryAfterThePageFailedWritesThePageTheFeedsAndTheIndex() {
        Faults.Rule fault = Faults.on("S3", "PutObject")
                .where(PutObjectRequest.class, put -> put.key().equals("posts/news/index.html")).refuse();

        publishFailingOnceThenRetry(fault);

        assertNotNull(stack.site("posts/news/index.html"));
        assertTrue(stack.site("feed.xml").contains("News"));
        assertTrue(stack.site("index.html").contains("News"));
        assertEquals(1, stack.emulators.sentEmails().size(), "emailed once");
    }

    @Test
    void aRetryAfterAFailedDeletionTakesThePostOffTheFeeds() {
        stack.publish(KEY, POST);
        stack.sendAll();
        stack.deleteUpload(KEY);
        String deletion = Stack.s3Event("s3-delete.json", stack.postsBucket, KEY);
        Faults.Rule fault = Faults.on("S3", "PutObject")
                .where(PutObjectRequest.class, put -> put.key().equals("feed.xml")).refuse();

        assertThrows(RuntimeException.class, () -> stack.invoke(stack.publishHandler(), deletion));
        assertTrue(fault.calls() > 0, "the fault was reached");
        Faults.clear();
        stack.invoke(stack.publishHandler(), deletion);

        assertNull(stack.site("posts/news/index.html"));
        assertTrue(!stack.site("feed.xml").contains("News"), stack.site("feed.xml"));
        assertTrue(!stack.site("index.html").contains("News"));
        assertEquals(1, stack.emulators.sentEmails().size());
    }

    @Test
    void theScheduledCheckFinishesARunThatFailed() {
        Faults.Rule fault = Faults.on("S3", "PutObject")
                .where(PutObjectRequest.class, put -> put.key().equals("index.html")).refuse();
        stack.upload(KEY, POST);
        assertThrows(RuntimeException.class, () -> stack.invoke(stack.publishHandler(),
                Stack.s3Event("s3-put.json", stack.postsBucket, KEY)));
        assertTrue(fault.calls() > 0);
        Faults.clear();

        // The next check but one, 30 minutes later: longer than any run, so the failed one must have stopped.
        stack.now = stack.now.plusSeconds(30 * 60);
        stack.invoke(stack.publishHandler(), Stack.read(Path.of("events", "scheduled.json")));

        assertTrue(stack.site("index.html").contains("News"));
        assertTrue(stack.site("feed.xml").contains("News"));
    }


    @Test
    void aPublishThatReadTheOlderVersionNeverHasTheLastWord() throws Exception {
        Faults.Pause pause = Faults.on("S3", "PutObject")
                .where(PutObjectRequest.class, put -> put.key().equals("posts/news/index.html")).onCall(1)
                .pause(Faults.Point.BEFORE_SENDING);
        stack.upload(KEY, "---\ntitle: News\n---\nThe first version.\n");
        String event = Stack.s3Event("s3-put.json", stack.postsBucket, KEY);
        CompletableFuture<JsonObject> first = CompletableFuture.supplyAsync(
                () -> stack.invoke(stack.publishHandler(), event));
        pause.awaitReached();

        stack.publish(KEY, "---\ntitle: News\n---\nThe second version.\n");
        pause.release();
        first.get();

        assertTrue(stack.site("posts/news/index.html").contains("The second version."),
                String.valueOf(stack.site("posts/news/index.html")));
        assertTrue(stack.site("feed.xml").contains("The second version."), stack.site("feed.xml"));
    }
}
