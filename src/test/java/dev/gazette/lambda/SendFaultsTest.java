package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.gazette.aws.Faults;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.sqs.model.Message;

/** The Send function when a call to DynamoDB or SES fails half-way: what provably did not go out goes later. */
class SendFaultsTest {
    private Stack stack;

    @BeforeEach
    void start() {
        stack = new Stack();
        stack.emulators.clearSentEmails();
        stack.subscribe(IntStream.rangeClosed(1, 5).mapToObj(i -> "reader" + i + "@example.com")
                .toArray(String[]::new));
        stack.publish("2024-05-10-news.md", "---\ntitle: News\n---\nNews.\n");
    }

    @AfterEach
    void stop() {
        Faults.clear();
        stack.close();
    }

    private JsonObject send(List<Message> batch) {
        return stack.invoke(new SendHandler(stack.env, stack.clock()), Stack.sqsEvent(batch));
    }

    @Test
    void aSendRecordDynamoDbWroteButAnsweredWith500ForIsNoReasonToCallTheReaderUncertain() {
        Faults.on("DynamoDb", "PutItem")
                .where(PutItemRequest.class, put -> put.item().get("pk").s().startsWith("SEND#"))
                .onCall(2).answer500();
        List<Message> batch = stack.receiveAll();

        String log = Stack.logOf(() -> assertEquals(0, send(batch).getAsJsonArray("batchItemFailures").size()));

        assertEquals(5, stack.emulators.sentEmails().size());
        assertTrue(log.contains("\"uncertain\":[]") && log.contains("\"outcome\":\"sent\""), log);
    }

    @Test
    void aBatchSesRefusedTheConnectionForIsHandedBackAndSentInFullOnItsRetry() {
        Faults.on("SesV2", "SendEmail").onCall(3).refuse();
        List<Message> batch = stack.receiveAll();

        JsonObject first = send(batch);
        assertEquals(1, first.getAsJsonArray("batchItemFailures").size(), "handed back to SQS");
        assertEquals(4, stack.emulators.sentEmails().size(), "everyone but the third reader, who held nobody up");
        String log = Stack.logOf(() -> send(batch));

        assertEquals(5, stack.emulators.sentEmails().size(), "the third reader too, and nobody twice");
        assertTrue(log.contains("\"uncertain\":[]"), log);
    }

    @Test
    void aSenderKilledBetweenAClaimAndSesReportsThatReaderAsUncertainOnItsRetry() {
        Faults.on("SesV2", "SendEmail").onCall(1).kill(Faults.Point.BEFORE_SENDING);
        List<Message> batch = stack.receiveAll();

        // As Lambda ends a timed-out function: the batch comes back after its visibility timeout.
        assertThrows(Faults.Killed.class, () -> send(batch));
        String log = Stack.logOf(() -> send(batch));

        assertEquals(4, stack.emulators.sentEmails().size());
        assertTrue(log.contains("\"uncertain\":[\"reader1@example.com\"]"), log);
    }
}
