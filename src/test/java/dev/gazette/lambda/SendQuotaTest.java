package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.gazette.aws.Emulators;
import dev.gazette.aws.SesFaults;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The account's 24-hour quota: a digest larger than what is left of it sends up to it, waits on the queue (never
 * in the dead-letter queue), and finishes when the window has room again, with no email twice.
 */
class SendQuotaTest {
    private static final int READERS = 5;
    private Stack stack;
    private String sesEndpoint;

    @BeforeEach
    void start() {
        stack = new Stack();
        sesEndpoint = System.getProperty("aws.endpointUrlSesV2");
    }

    /** A digest queued for this many readers, in batches of 50. */
    private void digestTo(int readers) {
        stack.subscribe(IntStream.rangeClosed(1, readers).mapToObj(i -> "reader" + i + "@example.com")
                .toArray(String[]::new));
        stack.publish("2024-05-10-news.md", "---\ntitle: News\n---\nNews.\n");
    }

    @AfterEach
    void stop() {
        System.setProperty("aws.endpointUrlSesV2", sesEndpoint);
        stack.close();
    }

    @Test
    void aDigestLargerThanTheQuotaLeftSendsUpToItWaitsAndFinishesInTheNextWindow() throws Exception {
        URI threeLeft = Emulators.sesWithAccount(account(1000, 997));
        URI noneLeft = Emulators.sesWithAccount(account(1000, 1000));
        digestTo(READERS);

        useSes(threeLeft);
        String log = Stack.logOf(() -> assertEquals(1, stack.deliver().getAsJsonArray("batchItemFailures").size()));
        assertEquals(3, stack.emulators.sentEmails(threeLeft).size(), "up to the quota");
        assertTrue(log.contains("\"outcome\":\"held kept for 60 minutes\""), log);
        assertTrue(log.contains("\"reason\":\"the 24-hour quota left room for 3 emails now\""), log);

        // An hour later the window is still full: the batch waits again, more often than the dead-letter queue's
        // three receives.
        useSes(noneLeft);
        for (int hour = 0; hour < 4; hour++) {
            stack.endWaits();
            stack.deliver();
        }
        assertEquals(List.of(), stack.emulators.sentEmails(noneLeft));
        assertEquals(1, stack.held(stack.queue.url()));
        assertEquals(0, stack.held(stack.queue.deadLetters()));

        // The day's first sends have left the window.
        useSes(threeLeft);
        stack.endWaits();
        stack.deliver();
        assertEquals(everyReaderOnce(), stack.recipients(threeLeft));
        assertEquals(0, stack.held(stack.queue.url()));
        assertEquals(0, stack.held(stack.queue.deadLetters()));
    }

    @Test
    void sendersThatTogetherOvershootTheQuotaAreHeldBySesAndLoseNothing() throws Exception {
        digestTo(READERS);
        SesFaults faults = new SesFaults(stack.emulators.ses);
        try {
            stack.emulators.clearSentEmails();
            useSes(faults.uri());
            // The account said there was room, and another sender took it first.
            faults.failAll(SesFaults.Fault.DAILY_QUOTA);
            String log = Stack.logOf(() -> assertEquals(1,
                    stack.deliver().getAsJsonArray("batchItemFailures").size()));
            assertTrue(log.contains("Daily message quota exceeded"), log);
            assertTrue(log.contains("\"outcome\":\"held kept for 60 minutes\""), log);
            assertEquals(0, stack.emulators.sentEmails().size());

            faults.clear();
            stack.endWaits();
            JsonObject later = stack.deliver();
            assertEquals(0, later.getAsJsonArray("batchItemFailures").size());
            assertEquals(everyReaderOnce(), stack.recipients(stack.emulators.ses));
        } finally {
            faults.close();
        }
    }

    @Test
    void batchesOneAfterTheOtherShareWhatIsLeftOfTheDay() throws Exception {
        URI threeLeft = Emulators.sesWithAccount(account(1000, 997));
        digestTo(55);
        useSes(threeLeft);

        // One run takes both batches, and reads the account once: the second knows what the first sent.
        JsonObject run = stack.deliver();

        assertEquals(2, run.getAsJsonArray("batchItemFailures").size(), "both held");
        assertEquals(3, stack.emulators.sentEmails(threeLeft).size());
    }

    private void useSes(URI ses) {
        System.setProperty("aws.endpointUrlSesV2", ses.toString());
    }

    private static String account(int max24HourSend, int sentLast24Hours) {
        return Emulators.SES_ACCOUNT.replace("\"Max24HourSend\":50000", "\"Max24HourSend\":" + max24HourSend)
                .replace("\"SentLast24Hours\":0", "\"SentLast24Hours\":" + sentLast24Hours);
    }

    private static Map<String, Long> everyReaderOnce() {
        return Stack.once(IntStream.rangeClosed(1, READERS).mapToObj(i -> "reader" + i + "@example.com")
                .toArray(String[]::new));
    }
}
