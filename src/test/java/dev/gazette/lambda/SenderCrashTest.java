package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.gazette.aws.Emulators;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** A sender killed in the middle of a batch, as a Lambda timeout or a crash would, then run again. */
class SenderCrashTest {
    private static final int RECIPIENTS = 6;
    private static final int BEFORE_THE_KILL = 3;

    @Test
    void theRetrySendsExactlyTheRecipientsTheKilledSenderDidNotReach() throws Exception {
        try (Stack stack = new Stack()) {
            stack.emulators.clearSentEmails();
            stack.subscribe(IntStream.rangeClosed(1, RECIPIENTS).mapToObj(i -> "reader" + i + "@example.com")
                    .toArray(String[]::new));
            // One send a second, so the sender spends its time waiting between sends, where a kill lands.
            stack.env.put(Config.MAX_SEND_RATE, "1");
            stack.env.put(Config.SENDER_CONCURRENCY, "1");
            stack.publish("2024-05-10-news.md", "---\ntitle: News\n---\nNews.\n");
            List<Message> batch = stack.receiveAll();
            String event = Stack.sqsEvent(batch);

            Process sender = start(stack);
            try (OutputStream in = sender.getOutputStream()) {
                in.write(event.getBytes(StandardCharsets.UTF_8));
            }
            Emulators.await(Duration.ofSeconds(60), () -> stack.emulators.sentEmails().size() >= BEFORE_THE_KILL);
            TimeUnit.MILLISECONDS.sleep(200);
            sender.destroyForcibly().waitFor();
            int beforeRetry = stack.emulators.sentEmails().size();
            assertTrue(beforeRetry < RECIPIENTS, "the sender was killed before it finished");

            stack.env.put(Config.MAX_SEND_RATE, "1000");
            JsonObject retry = stack.invoke(new SendHandler(stack.env, stack.clock()), event);

            assertEquals(0, retry.getAsJsonArray("batchItemFailures").size());
            List<String> recipients = stack.emulators.sentEmails().stream().map(email -> email.to().get(0)).toList();
            assertEquals(RECIPIENTS, recipients.size(), "sent: " + recipients);
            Set<String> distinct = new TreeSet<>(recipients);
            assertEquals(RECIPIENTS, distinct.size(), "nobody got it twice: " + recipients);
        }
    }

    /** A JVM of its own running Send, wired from environment variables and the SDK's system properties. */
    private static Process start(Stack stack) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        for (String property : List.of("aws.region", "aws.accessKeyId", "aws.secretAccessKey", "aws.endpointUrlS3",
                "aws.endpointUrlDynamoDb", "aws.endpointUrlSqs", "aws.endpointUrlSesV2")) {
            command.add("-D" + property + "=" + System.getProperty(property));
        }
        command.add(SendProcess.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(stack.env);
        return builder.start();
    }
}
