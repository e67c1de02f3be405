package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.aws.Emulators;
import dev.gazette.aws.Faults;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** Digests and publishes that interleave on the emulators, paused at a chosen call. */
class DigestRaceTest {
    private static final String TEXT = "---\ntitle: News\n---\nThe news.\n";

    private Stack stack;

    @BeforeEach
    void start() {
        stack = new Stack();
        stack.emulators.clearSentEmails();
        stack.env.put(Config.DIGEST_CADENCE, "rate(1 day)");
        stack.subscribe("ada@example.com", "grace@example.net");
    }

    @AfterEach
    void stop() {
        Faults.clear();
        stack.close();
    }

    private void digest() {
        stack.invoke(new DigestHandler(stack.env, stack.clock()), Stack.read(Path.of("events", "scheduled.json")));
    }

    /** Runs a digest held just after it read what is due, runs {@code meanwhile}, then lets it go. */
    private void digestPausedAfterReading(Runnable meanwhile) throws Exception {
        Faults.Pause pause = Faults.on("DynamoDb", "PutItem")
                .where(PutItemRequest.class, put -> put.item().get("pk").s().equals("DIGEST")).onCall(1)
                .pause(Faults.Point.BEFORE_SENDING);
        CompletableFuture<Void> first = CompletableFuture.runAsync(this::digest);
        pause.awaitReached();
        meanwhile.run();
        pause.release();
        first.get();
        Faults.clear();
    }

    @Test
    void aCopyPublishedWhileADigestTakesTheOriginalIsNotEmailedAgain() throws Exception {
        stack.publish("2024-05-10-a.md", TEXT);

        digestPausedAfterReading(() -> stack.publish("2024-05-10-b.md", TEXT));
        digest();
        stack.sendAll();

        assertEquals(List.of("ada@example.com", "grace@example.net"),
                stack.emulators.sentEmails().stream().map(email -> email.to().get(0)).sorted().toList(),
                "one email each");
    }

    @Test
    void aDigestRunDuringAnOpenDigestDoesNotQueueItsReadersAgain() throws Exception {
        String[] readers = IntStream.range(0, 58).mapToObj(i -> "reader" + i + "@example.com").toArray(String[]::new);
        stack.subscribe(readers);
        stack.publish("2024-05-10-a.md", TEXT);
        Faults.Pause pause = Faults.on("Sqs", "SendMessage").onCall(1).pause(Faults.Point.BEFORE_SENDING);
        CompletableFuture<Void> first = CompletableFuture.runAsync(this::digest);
        pause.awaitReached();

        String log = Stack.logOf(this::digest);
        pause.release();
        first.get();
        Faults.clear();

        assertTrue(log.contains("queued by another run"), log);
        assertEquals(2, stack.receiveAll().size(), "60 readers in two batches, queued once");
    }

    /** A digest to 58 readers and two more, queued in two batches, the first sent, then {@code meanwhile}. */
    private List<Emulators.SentEmail> sendFirstBatchThen(Runnable meanwhile) {
        stack.subscribe(IntStream.range(0, 58).mapToObj(i -> "reader" + i + "@example.com").toArray(String[]::new));
        stack.env.put(Config.DIGEST_CADENCE, "immediate");
        stack.publish("2024-05-10-a.md", "---\ntitle: News\n---\nThe first version.\n");
        List<Message> batches = stack.receiveAll();
        assertEquals(2, batches.size());
        stack.invoke(new SendHandler(stack.env, stack.clock()), Stack.sqsEvent(batches.subList(0, 1)));
        meanwhile.run();
        stack.invoke(new SendHandler(stack.env, stack.clock()), Stack.sqsEvent(batches.subList(1, 2)));
        return stack.emulators.sentEmails();
    }

    @Test
    void aDigestSendsTheTextItOpenedWithToEveryBatch() {
        List<Emulators.SentEmail> emails = sendFirstBatchThen(() -> {
            stack.env.put(Config.DIGEST_CADENCE, "rate(1 day)");
            stack.publish("2024-05-10-a.md", "---\ntitle: News\n---\nThe second version.\n");
        });

        assertEquals(60, emails.size());
        assertTrue(emails.stream().allMatch(email -> email.html().contains("The first version.")),
                "every reader gets the text the digest opened with");
    }

    @Test
    void aPostTakenOffBetweenBatchesGoesToEveryReaderOfItsDigest() {
        List<Emulators.SentEmail> emails = sendFirstBatchThen(() -> {
            stack.deleteUpload("2024-05-10-a.md");
            stack.invoke(stack.publishHandler(), Stack.s3Event("s3-delete.json", stack.postsBucket, "2024-05-10-a.md"));
        });

        assertEquals(60, emails.size(), "the second batch is not left with nothing to send");
    }
}
