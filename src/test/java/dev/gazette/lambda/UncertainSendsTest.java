package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.aws.Faults;
import dev.gazette.aws.DynamoSendRecords;
import dev.gazette.cli.Main;
import dev.gazette.publish.UncertainSends;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A sender killed between its claim and SES leaves readers uncertain; {@code gazette sends} lists them, and settles
 * each as the operator found: sent, or released to be sent.
 */
class UncertainSendsTest {
    private Stack stack;
    private String digest;

    @BeforeEach
    void start() {
        stack = new Stack();
        stack.emulators.clearSentEmails();
        stack.subscribe(IntStream.rangeClosed(1, 3).mapToObj(i -> "reader" + i + "@example.com")
                .toArray(String[]::new));
        digest = stack.publish("2024-05-10-news.md", "---\ntitle: News\n---\nNews.\n").getAsJsonObject("digest")
                .get("id").getAsString();
        // The first two sends are cut off between claim and SES, as by a timeout; the retry sends the third only.
        Faults.on("SesV2", "SendEmail").onCall(1).kill(Faults.Point.BEFORE_SENDING);
        List<Message> batch = stack.receiveAll();
        assertThrows(Faults.Killed.class, () -> stack.invoke(new SendHandler(stack.env, stack.clock()),
                Stack.sqsEvent(batch)));
        Faults.clear();
        Faults.on("SesV2", "SendEmail").onCall(1).kill(Faults.Point.BEFORE_SENDING);
        assertThrows(Faults.Killed.class, () -> stack.invoke(new SendHandler(stack.env, stack.clock()),
                Stack.sqsEvent(batch)));
        Faults.clear();
        stack.invoke(new SendHandler(stack.env, stack.clock()), Stack.sqsEvent(batch));
        assertEquals(1, stack.emulators.sentEmails().size());
    }

    @AfterEach
    void stop() {
        Faults.clear();
        stack.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private Run gazette(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--table", stack.table));
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void theUncertainSendsAreListedWithTheirDigestAndWhenTheyWereClaimed() {
        Run run = gazette("sends", "uncertain");

        assertEquals(0, run.exit(), run.err());
        assertEquals("digest,address,claimed\n"
                + digest + ",reader1@example.com,2024-05-10T12:00:00Z\n"
                + digest + ",reader2@example.com,2024-05-10T12:00:00Z\n", run.out());
        assertEquals(run.out(), gazette("sends", "uncertain", "--digest", digest).out());
        assertEquals("digest,address,claimed\n", gazette("sends", "uncertain", "--digest", "20240101-other").out());
    }

    @Test
    void aSendMarkedSentIsNoLongerListedAndNeverSent() {
        Run run = gazette("sends", "mark-sent", digest, "reader1@example.com");

        assertEquals(0, run.exit(), run.err());
        assertEquals(digest + " to reader1@example.com: marked sent\n", run.out());
        assertEquals("digest,address,claimed\n" + digest + ",reader2@example.com,2024-05-10T12:00:00Z\n",
                gazette("sends", "uncertain").out());
        assertEquals(1, gazette("sends", "mark-sent", digest, "reader1@example.com").exit(), "settled already");
    }

    @Test
    void anAddressIsOneReaderWhateverCaseTheOperatorTypesItIn() {
        Run run = gazette("sends", "mark-sent", digest, "Reader1@Example.COM");

        assertEquals(0, run.exit(), run.err());
        assertEquals("digest,address,claimed\n" + digest + ",reader2@example.com,2024-05-10T12:00:00Z\n",
                gazette("sends", "uncertain").out());
    }

    @Test
    void aReleasedSendIsQueuedAgainAndTheSendFunctionMailsIt() {
        Run run = gazette("sends", "release", digest, "reader2@example.com", "--queue", stack.queue.url());

        assertEquals(0, run.exit(), run.err());
        List<Message> queued = stack.receiveAll();
        assertEquals(1, queued.size());
        String log = Stack.logOf(() -> stack.invoke(new SendHandler(stack.env, stack.clock()), Stack.sqsEvent(queued)));

        assertTrue(log.contains("\"sent\":1"), log);
        assertEquals(List.of("reader3@example.com", "reader2@example.com"),
                stack.emulators.sentEmails().stream().map(email -> email.to().get(0)).toList());
        assertEquals("digest,address,claimed\n" + digest + ",reader1@example.com,2024-05-10T12:00:00Z\n",
                gazette("sends", "uncertain").out());
    }

    @Test
    void aReleaseThatCannotQueueTheReaderLeavesTheSendUncertain() {
        String before = gazette("sends", "uncertain").out();
        Faults.on("Sqs", "SendMessage").refuse();

        Run run = gazette("sends", "release", digest, "reader2@example.com", "--queue", stack.queue.url());

        Faults.clear();
        assertEquals(3, run.exit(), run.err());
        assertEquals(before, gazette("sends", "uncertain").out(), "still listed, so nobody loses the reader");
        assertEquals(List.of(), stack.receiveAll());
    }

    @Test
    void aReleasedSendOfAReaderWhoLeftIsNotQueued() {
        gazette("sends", "mark-sent", digest, "reader1@example.com");
        assertEquals(0, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                "subscribers", "remove", "reader2@example.com", "--table", stack.table));

        Run run = gazette("sends", "release", digest, "reader2@example.com", "--queue", stack.queue.url());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("released, not queued"), run.out());
        assertEquals(List.of(), stack.receiveAll());
    }

    @Test
    void aSendThatIsNotUncertainIsRefusedByName() {
        Run run = gazette("sends", "mark-sent", digest, "reader3@example.com");

        assertEquals(1, run.exit());
        assertEquals("gazette: " + digest + " to reader3@example.com is not an uncertain send"
                + " (see 'gazette sends uncertain')\n", run.err());
    }

    @Test
    void aClaimYoungerThanASendCanTakeIsNotListedNorSettled() throws Exception {
        UncertainSends sends = new UncertainSends(new DynamoSendRecords(stack.dynamo, stack.table));
        Instant soon = stack.now.plus(UncertainSends.IN_FLIGHT).minusSeconds(1);

        assertEquals(List.of(), sends.list(null, soon));
        assertEquals(UncertainSends.Outcome.IN_FLIGHT, sends.markSent(digest, "reader1@example.com", soon));
        assertEquals(2, sends.list(null, stack.now.plus(UncertainSends.IN_FLIGHT)).size());
    }
}
