package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.gazette.aws.SesFaults;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** The Send function when the email to one recipient of a batch fails: the rest of the batch goes all the same. */
class OneRecipientFailureTest {
    @Test
    void theRestOfTheBatchIsSentAndTheBatchComesBackForTheOneWhoFailed() throws Exception {
        try (Stack stack = new Stack(); SesFaults faults = new SesFaults(stack.emulators.ses)) {
            String sesEndpoint = System.getProperty("aws.endpointUrlSesV2");
            System.setProperty("aws.endpointUrlSesV2", faults.uri().toString());
            try {
                stack.emulators.clearSentEmails();
                stack.subscribe(IntStream.rangeClosed(1, 5).mapToObj(i -> "reader" + i + "@example.com")
                        .toArray(String[]::new));
                stack.publish("2024-05-10-news.md", "---\ntitle: News\n---\nNews.\n");
                List<Message> batch = stack.receiveAll();
                // No answer for the first recipient's email: an error of that email alone.
                faults.failNext(List.of(SesFaults.Fault.ANSWER_LOST));

                String log = Stack.logOf(() -> {
                    JsonObject first = stack.invoke(new SendHandler(stack.env, stack.clock()), Stack.sqsEvent(batch));
                    assertEquals(1, first.getAsJsonArray("batchItemFailures").size(), "handed back");
                });

                assertEquals(5, stack.emulators.sentEmails().size(), "the four others were not held up");
                assertTrue(log.contains("\"failed\":[\"reader1@example.com\"]"), log);
            } finally {
                System.setProperty("aws.endpointUrlSesV2", sesEndpoint);
            }
        }
    }
}
