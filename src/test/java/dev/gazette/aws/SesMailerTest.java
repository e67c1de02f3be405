package dev.gazette.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.mail.Email;
import dev.gazette.mail.Mailer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** Sending through the SES emulator, with SES's errors put in the way by {@link SesFaults}. */
class SesMailerTest {
    private final Emulators emulators = Emulators.start();
    private SesFaults faults;
    private SesV2Client ses;
    private DynamoDbClient dynamo;
    private SesMailer mailer;

    @BeforeEach
    void start() throws IOException {
        emulators.clearSentEmails();
        faults = new SesFaults(emulators.ses);
        ses = withEndpoint(faults);
        dynamo = emulators.dynamoDbClient();
        mailer = new SesMailer(ses, dynamo, emulators.createTable(), "", Clock.systemUTC(),
                new Pacer(0, Duration.ofMillis(800)));
    }

    @AfterEach
    void stop() {
        ses.close();
        dynamo.close();
        faults.close();
    }

    @Test
    void anEmailIsSentOnceHoweverOftenItIsGiven() throws IOException {
        assertEquals(Mailer.Result.SENT, mailer.send(email("ada@example.com")));
        assertEquals(Mailer.Result.SENT_BEFORE, mailer.send(email("ada@example.com")));

        assertEquals(1, emulators.sentEmails().size());
    }

    @Test
    void namesOutsideAsciiAreEncodedAsSesRequires() throws IOException {
        Email email = new Email("Café Gazette <news@blog.example.com>", "zoe@example.com", "Zoë", "Hello", "Hello.",
                "<p>Hello.</p>", Instant.parse("2024-05-10T09:00:00Z"), "digest-1@blog.example.com", Map.of(),
                "20240510-abc");

        mailer.send(email);

        Emulators.SentEmail sent = emulators.sentEmails().get(0);
        assertEquals("=?UTF-8?Q?Caf=C3=A9_Gazette?= <news@blog.example.com>", sent.from());
        assertEquals(List.of("=?UTF-8?Q?Zo=C3=AB?= <zoe@example.com>"), sent.to());
    }

    @Test
    void throttlingIsWaitedOut() throws IOException {
        faults.failNext(List.of(SesFaults.Fault.THROTTLED, SesFaults.Fault.THROTTLED));

        assertEquals(Mailer.Result.SENT, mailer.send(email("ada@example.com")));
        assertEquals(2, faults.faults());
        assertEquals(1, emulators.sentEmails().size());
    }

    @Test
    void throttledPastItsPatienceTheSenderGivesUpAndLeavesTheEmailFreeToSend() throws IOException {
        faults.failAll(SesFaults.Fault.THROTTLED);

        assertThrows(IOException.class, () -> mailer.send(email("ada@example.com")));
        faults.clear();

        assertEquals(Mailer.Result.SENT, mailer.send(email("ada@example.com")), "not held as maybe sent");
        assertEquals(1, emulators.sentEmails().size());
    }

    @Test
    void anAnswerLostOnTheWayIsNeverTakenForANoAndSentAgain() throws IOException {
        faults.failNext(List.of(SesFaults.Fault.ANSWER_LOST));

        assertThrows(IOException.class, () -> mailer.send(email("ada@example.com")));

        assertEquals(Mailer.Result.UNCERTAIN, mailer.send(email("ada@example.com")));
        assertEquals(1, emulators.sentEmails().size(), "SES sent it once; nobody asked it again");
    }

    @Test
    void aConnectionCutAfterSesTookTheEmailLeavesItUncertainNotSentAgain() throws IOException {
        faults.failNext(List.of(SesFaults.Fault.CONNECTION_CUT));

        IOException cut = assertThrows(IOException.class, () -> mailer.send(email("ada@example.com")));

        assertTrue(cut.getMessage().startsWith("no answer from SES"), cut.getMessage());
        assertEquals(Mailer.Result.UNCERTAIN, mailer.send(email("ada@example.com")));
        assertEquals(1, emulators.sentEmails().size());
    }

    private static SesV2Client withEndpoint(SesFaults faults) {
        String before = System.getProperty("aws.endpointUrlSesV2");
        System.setProperty("aws.endpointUrlSesV2", faults.uri().toString());
        try {
            return Clients.ses();
        } finally {
            System.setProperty("aws.endpointUrlSesV2", before);
        }
    }

    private static Email email(String to) {
        return new Email("Example Blog <news@blog.example.com>", to, null, "Hello", "Hello.", "<p>Hello.</p>",
                Instant.parse("2024-05-10T09:00:00Z"), "digest-1@blog.example.com", Map.of(), "20240510-abc");
    }
}
