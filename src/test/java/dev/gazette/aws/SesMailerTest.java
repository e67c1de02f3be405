package dev.gazette.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.mail.Email;
import dev.gazette.mail.Mailer;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
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
    private String table;
    private SesMailer mailer;

    @BeforeEach
    void start() throws IOException {
        emulators.clearSentEmails();
        faults = new SesFaults(emulators.ses);
        ses = withEndpoint(faults);
        dynamo = emulators.dynamoDbClient();
        table = emulators.createTable();
        mailer = new SesMailer(ses, dynamo, table, "", Clock.systemUTC(),
                new Pacer(0, Duration.ofMillis(800)));
    }

    @AfterEach
    void stop() {
        Faults.clear();
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
    void textThatReadsAsAnEncodedWordGoesToSesEncodedItself() throws Exception {
        String subject = "=?utf-8?B?SGVsbG8=?= and more";
        String name = "=?utf-8?B?QWRh?= <evil@x.com>";
        Email email = new Email("news@blog.example.com", "bob@example.com", name, subject, "Hello.",
                "<p>Hello.</p>", Instant.parse("2024-05-10T09:00:00Z"), "digest-1@blog.example.com", Map.of(),
                "20240510-abc");

        mailer.send(email);

        Emulators.SentEmail sent = emulators.sentEmails().get(0);
        assertEquals(subject, MimeUtility.decodeText(sent.subject()));
        InternetAddress to = new InternetAddress(sent.to().get(0), true);
        assertEquals(name, to.getPersonal());
        assertEquals("bob@example.com", to.getAddress());
        assertTrue(!sent.subject().contains("=?utf-8?") && !sent.to().get(0).contains("=?utf-8?"), sent.toString());
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

    @Test
    void aClaimDynamoDbAppliedButAnsweredWithAnErrorIsTheSendersOwnAndTheEmailGoes() throws IOException {
        Faults.Rule claim = Faults.on("DynamoDb", "PutItem").onCall(1).answer500();

        assertEquals(Mailer.Result.SENT, mailer.send(email("ada@example.com")));

        assertEquals(2, claim.calls(), "the SDK's retry met the claim its first attempt wrote");
        assertEquals(1, emulators.sentEmails().size());
        assertEquals(Mailer.Result.SENT_BEFORE, mailer.send(email("ada@example.com")));
    }

    @Test
    void aRefusedConnectionToSesSentNothingAndLeavesTheEmailFreeToSendLater() throws IOException {
        Faults.on("SesV2", "SendEmail").onCall(1).refuse();

        IOException refused = assertThrows(IOException.class, () -> mailer.send(email("ada@example.com")));

        assertTrue(refused.getMessage().startsWith("SES could not be reached, nothing was sent"), refused.getMessage());
        assertEquals(Mailer.Result.SENT, mailer.send(email("ada@example.com")), "not held as maybe sent");
        assertEquals(1, emulators.sentEmails().size());
    }

    @Test
    void anSesEndpointNobodyListensOnIsAlsoTakenAsNothingSent() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (SesV2Client nowhere = withEndpoint(URI.create("http://127.0.0.1:" + closedPort))) {
            SesMailer refused = new SesMailer(nowhere, dynamo, table, "", Clock.systemUTC(), new Pacer(0));
            IOException failure = assertThrows(IOException.class, () -> refused.send(email("ada@example.com")));
            assertTrue(failure.getMessage().startsWith("SES could not be reached"), failure.getMessage());
        }

        assertEquals(Mailer.Result.SENT, mailer.send(email("ada@example.com")));
    }

    @Test
    void aSenderKilledBetweenItsClaimAndSesLeavesTheEmailUncertainNotSentTwice() throws IOException {
        Faults.on("SesV2", "SendEmail").onCall(1).kill(Faults.Point.BEFORE_SENDING);

        assertThrows(Faults.Killed.class, () -> mailer.send(email("ada@example.com")));

        assertEquals(Mailer.Result.UNCERTAIN, mailer.send(email("ada@example.com")),
                "nothing tells it from a kill just after SES took it");
        assertEquals(0, emulators.sentEmails().size());
    }

    private static SesV2Client withEndpoint(SesFaults faults) {
        return withEndpoint(faults.uri());
    }

    private static SesV2Client withEndpoint(URI endpoint) {
        String before = System.getProperty("aws.endpointUrlSesV2");
        System.setProperty("aws.endpointUrlSesV2", endpoint.toString());
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
