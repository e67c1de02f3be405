package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.gazette.aws.SesFaults;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** SES throttling the sends, and SES pausing the whole account: retried or reported, nothing lost. */
class SesTroubleTest {
    private Stack stack;
    private SesFaults faults;
    private String sesEndpoint;

    @BeforeEach
    void start() throws Exception {
        stack = new Stack();
        stack.emulators.clearSentEmails();
        faults = new SesFaults(stack.emulators.ses);
        sesEndpoint = System.getProperty("aws.endpointUrlSesV2");
        System.setProperty("aws.endpointUrlSesV2", faults.uri().toString());
        stack.env.put(Config.DIGEST_CADENCE, "immediate");
        stack.subscribe(IntStream.rangeClosed(1, 5).mapToObj(i -> "reader" + i + "@example.com").toArray(String[]::new));
        stack.publish("2024-05-10-news.md", "---\ntitle: News\n---\nNews.\n");
    }

    @AfterEach
    void stop() {
        System.setProperty("aws.endpointUrlSesV2", sesEndpoint);
        faults.close();
        stack.close();
    }

    @Test
    void throttledSendsAreRetriedUntilEveryoneHasTheDigest() {
        faults.failNext(Collections.nCopies(3, SesFaults.Fault.THROTTLED));

        JsonObject result = stack.sendAll();

        assertEquals(0, result.getAsJsonArray("batchItemFailures").size());
        assertEquals(3, faults.faults());
        assertEquals(5, stack.emulators.sentEmails().size());
    }

    @Test
    void sendersThrottledWhileTheyReadTheAccountsRateTryAgain() {
        stack.env.put(Config.MAX_SEND_RATE, "0");
        faults.failNextAccountReads(List.of(SesFaults.Fault.THROTTLED, SesFaults.Fault.THROTTLED));

        JsonObject result = stack.sendAll();

        assertEquals(0, result.getAsJsonArray("batchItemFailures").size());
        assertEquals(2, faults.faults());
        assertEquals(5, stack.emulators.sentEmails().size());
    }

    @Test
    void anEmailSesSentWhoseAnswerWasLostIsNotSentAgain() {
        faults.failNext(List.of(SesFaults.Fault.ANSWER_LOST));
        List<Message> batch = stack.receiveAll();

        JsonObject first = stack.invoke(new SendHandler(stack.env, stack.clock()), Stack.sqsEvent(batch));
        assertEquals(1, first.getAsJsonArray("batchItemFailures").size(), "handed back, to be tried again");
        String log = Stack.logOf(() -> stack.invoke(new SendHandler(stack.env, stack.clock()), Stack.sqsEvent(batch)));

        assertEquals(5, stack.emulators.sentEmails().size(), "everyone once, the first reader too");
        assertTrue(log.contains("\"uncertain\":[\"reader1@example.com\"]"), log);
    }

    @Test
    void aRecipientSesRefusesIsReportedAndTheRestOfTheBatchStillGoes() {
        faults.failNext(List.of(SesFaults.Fault.REJECTED));
        List<Message> batch = stack.receiveAll();

        String log = Stack.logOf(() -> {
            JsonObject result = stack.invoke(new SendHandler(stack.env, stack.clock()), Stack.sqsEvent(batch));
            assertEquals(0, result.getAsJsonArray("batchItemFailures").size());
        });

        assertEquals(4, stack.emulators.sentEmails().size());
        assertTrue(log.contains("\"rejected\":[\"reader1@example.com\"]"), log);
        stack.invoke(new SendHandler(stack.env, stack.clock()), Stack.sqsEvent(batch));
        assertEquals(4, stack.emulators.sentEmails().size(), "a batch sent again tries the refused address no more");
    }

    @Test
    void aPausedAccountHoldsTheBatchOnTheQueueWithoutFailingIt() {
        faults.failAll(SesFaults.Fault.PAUSED);

        String log = Stack.logOf(() -> {
            for (int wait = 0; wait < 5; wait++) {
                JsonObject result = stack.deliver();
                assertEquals(1, result.getAsJsonArray("batchItemFailures").size() + (wait == 2 ? 1 : 0),
                        "kept on the queue, or put back as a fresh copy on the third receive");
                stack.endWaits();
            }
        });

        assertTrue(log.contains("\"outcome\":\"held kept for 60 minutes\""), log);
        assertTrue(log.contains("\"outcome\":\"held requeued for 60 minutes\""), log);
        assertTrue(log.contains("SendingPausedException"), log);
        assertEquals(0, stack.emulators.sentEmails().size());
        assertEquals(1, stack.held(stack.queue.url()));
        assertEquals(0, stack.held(stack.queue.deadLetters()));

        faults.clear();
        stack.deliver();
        assertEquals(5, stack.emulators.sentEmails().size(), "nobody was left out, nobody got it twice");
        assertEquals(0, stack.held(stack.queue.url()));
    }

    @Test
    void aBatchThatKeepsFailingEndsInTheDeadLetterQueue() throws Exception {
        faults.failAll(SesFaults.Fault.NO_CONFIGURATION_SET);

        // As the SQS event source does: receive, hand to Send, delete only what succeeded.
        for (int delivery = 0; delivery < 6; delivery++) {
            List<Message> received = stack.sqs.receiveMessage(request -> request.queueUrl(stack.queue.url())
                    .waitTimeSeconds(2).maxNumberOfMessages(10)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            if (!received.isEmpty()) {
                stack.invoke(new SendHandler(stack.env, stack.clock()), Stack.sqsEvent(received));
            }
        }

        List<Message> dead = stack.sqs.receiveMessage(request -> request.queueUrl(stack.queue.deadLetters())
                .waitTimeSeconds(2)).messages();
        assertEquals(1, dead.size());
        assertTrue(dead.get(0).body().contains("reader1@example.com"));
        assertEquals(0, stack.emulators.sentEmails().size());
    }
}
