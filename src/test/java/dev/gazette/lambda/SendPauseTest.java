package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.gazette.aws.Emulators;
import dev.gazette.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sending paused, by the bounce or complaint alarm, by hand, or by SES for the account: the batches wait on the
 * queue however long it lasts, never in the dead-letter queue, and once resumed each reader gets the digest once.
 */
class SendPauseTest {
    private static final int READERS = 55;
    private Stack stack;

    @BeforeEach
    void start() {
        stack = new Stack();
        stack.emulators.clearSentEmails();
        stack.subscribe(IntStream.rangeClosed(1, READERS).mapToObj(i -> "reader" + i + "@example.com")
                .toArray(String[]::new));
        stack.publish("2024-05-10-news.md", "---\ntitle: News\n---\nNews.\n");
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void theBounceAlarmPausesSendingTheBatchesWaitAndAResumeSendsEachEmailOnce() {
        String log = Stack.logOf(() -> stack.invoke(new SendHandler(stack.env, stack.clock()), alarm()));
        assertTrue(log.contains("\"outcome\":\"sending paused; resume with 'gazette sends resume'\""), log);
        assertTrue(gazette("sends", "status").startsWith("sending is paused since 2024-05-10T12:00:00Z:"
                + " gazette-BounceRateAlarm-EXAMPLE (Reputation.BounceRate): Threshold Crossed"));

        // Two batches, tried again and again for longer than the dead-letter queue's three receives.
        for (int wait = 0; wait < 5; wait++) {
            stack.deliver();
            assertEquals(List.of(), stack.emulators.sentEmails());
            assertEquals(2, stack.held(stack.queue.url()), "both batches still on the queue");
            assertEquals(0, stack.held(stack.queue.deadLetters()));
            stack.endWaits();
        }

        assertTrue(gazette("sends", "resume").startsWith("sending resumed; it was paused since"));
        assertEquals("sending is not paused\n", gazette("sends", "status"));
        stack.deliver();
        stack.deliver();

        assertEquals(everyReaderOnce(), stack.recipients(stack.emulators.ses));
        assertEquals(0, stack.held(stack.queue.url()));
        assertEquals(0, stack.held(stack.queue.deadLetters()));
    }

    @Test
    void sendingPausedByHandWaitsForTheResume() {
        String paused = gazette("sends", "pause", "--reason", "the list is being cleaned");
        assertTrue(paused.startsWith("sending is paused since ") && paused.endsWith(": the list is being cleaned\n"),
                paused);
        JsonObject held = stack.deliver();

        assertEquals(2, held.getAsJsonArray("batchItemFailures").size(), "left on the queue, not done");
        assertEquals(List.of(), stack.emulators.sentEmails());

        gazette("sends", "resume");
        stack.endWaits();
        stack.deliver();
        assertEquals(everyReaderOnce(), stack.recipients(stack.emulators.ses));
    }

    @Test
    void otherAlarmsAndAlarmsBackToNormalDoNotPause() {
        String ok = alarm().replace("\\\"NewStateValue\\\":\\\"ALARM\\\"", "\\\"NewStateValue\\\":\\\"OK\\\"");
        String otherAlarm = alarm().replace("Reputation.BounceRate", "ApproximateNumberOfMessagesVisible");
        String otherTopic = alarm().replace("gazette-AlertTopic-EXAMPLE", "someone-elses-topic");
        for (String event : List.of(ok, otherAlarm, otherTopic)) {
            stack.invoke(new SendHandler(stack.env, stack.clock()), event);
        }

        assertEquals("sending is not paused\n", gazette("sends", "status"));
        stack.deliver();
        assertEquals(READERS, stack.emulators.sentEmails().size());
    }

    @Test
    void anAccountSesPausedIsAPauseToo() throws Exception {
        URI paused = Emulators.sesWithAccount(Emulators.SES_ACCOUNT.replace("\"SendingEnabled\":true",
                "\"SendingEnabled\":false"));
        String sesEndpoint = System.getProperty("aws.endpointUrlSesV2");
        System.setProperty("aws.endpointUrlSesV2", paused.toString());
        try {
            for (int wait = 0; wait < 4; wait++) {
                stack.deliver();
                stack.endWaits();
            }
            assertEquals(List.of(), stack.emulators.sentEmails(paused));
            assertEquals(2, stack.held(stack.queue.url()));
            assertEquals(0, stack.held(stack.queue.deadLetters()));
        } finally {
            System.setProperty("aws.endpointUrlSesV2", sesEndpoint);
        }

        stack.deliver();
        stack.deliver();
        assertEquals(everyReaderOnce(), stack.recipients(stack.emulators.ses));
    }

    private static String alarm() {
        return Stack.read(Path.of("events", "sns-alarm.json"));
    }

    private static Map<String, Long> everyReaderOnce() {
        return Stack.once(IntStream.rangeClosed(1, READERS).mapToObj(i -> "reader" + i + "@example.com")
                .toArray(String[]::new));
    }

    private String gazette(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--table", stack.table));
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        assertEquals(0, exit, err.toString());
        return out.toString();
    }
}
