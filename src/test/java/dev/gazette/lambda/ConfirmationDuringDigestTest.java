package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.aws.Emulators;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A large digest going out takes its share of the rate only: a reader who subscribes meanwhile gets the link. */
class ConfirmationDuringDigestTest {
    private static final int READERS = 40;

    @Test
    void aConfirmationGoesOutWhileADigestIsBeingSent() throws Exception {
        try (Stack stack = new Stack()) {
            stack.emulators.clearSentEmails();
            // Eight digest emails a second, of SES's ten: the digest takes five seconds.
            stack.env.put(Config.MAX_SEND_RATE, "10");
            stack.env.put(Config.SENDER_CONCURRENCY, "1");
            stack.subscribe(IntStream.rangeClosed(1, READERS).mapToObj(i -> "reader" + i + "@example.com")
                    .toArray(String[]::new));
            stack.publish("2024-05-10-news.md", "---\ntitle: News\n---\nNews.\n");

            CompletableFuture<Void> digest = CompletableFuture.runAsync(stack::deliver);
            Emulators.await(Duration.ofSeconds(30), () -> !stack.emulators.sentEmails().isEmpty());
            new SubscriptionHandler(stack.env, stack.clock()).handleRequest(new ByteArrayInputStream(
                    Stack.read(Path.of("events", "api-subscribe.json")).getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), null);
            digest.get();

            List<Emulators.SentEmail> sent = stack.emulators.sentEmails();
            assertEquals(READERS + 1, sent.size());
            List<List<String>> to = sent.stream().map(Emulators.SentEmail::to).toList();
            int confirmation = to.indexOf(List.of("reader@example.com"));
            assertTrue(confirmation > 0 && confirmation < READERS, "the confirmation went out while the digest was"
                    + " still going out: " + to);
        }
    }
}
