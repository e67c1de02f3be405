package dev.gazette.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.doctor.Facts;
import dev.gazette.doctor.Observed;
import dev.gazette.publish.SendingPause;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link SendingSetup} reads SES v2 and SQS on the emulators into the doctor's facts. */
class SendingSetupTest {
    private static final String SANDBOX = """
            {"DedicatedIpAutoWarmupEnabled":false,"Details":{"AdditionalContactEmailAddresses":[],
             "ContactLanguage":"EN","MailType":"MARKETING","ReviewDetails":{"CaseId":"2","Status":"PENDING"},
             "UseCaseDescription":"Gazette tests","WebsiteURL":"https://example.com"},
             "EnforcementStatus":"PROBATION","ProductionAccessEnabled":false,"SendingEnabled":false,
             "SendQuota":{"Max24HourSend":200,"MaxSendRate":1,"SentLast24Hours":180},
             "SuppressionAttributes":{"SuppressedReasons":["BOUNCE","COMPLAINT"]}}""";

    @Test
    void readsAnAccountInTheSandboxWithSendingPaused() throws Exception {
        URI ses = Emulators.sesWithAccount(SANDBOX);
        SendingSetup setup = new SendingSetup(SesV2Client.builder().endpointOverride(ses)
                .httpClient(UrlConnectionHttpClient.create()).build(), Clients.sqs());
        assertEquals(new Facts.Account(false, false, "PROBATION", 200, 1, 180), setup.account().value().orElseThrow());
    }

    @Test
    void aPauseWhoseTimeCannotBeReadIsStillAPauseAndSaysSo() {
        String table = Emulators.start().createTable();
        Map<String, AttributeValue> item = new HashMap<>(Table.key("SETTINGS", "sending"));
        item.put("reason", Table.s("paused by hand"));
        item.put("since", Table.s("yesterday"));
        Clients.dynamoDb().putItem(request -> request.tableName(table).item(item));
        Observed<Facts.StackPause> pause = SendingSetup.stackPause(Clients.dynamoDb(), table);
        assertEquals(Optional.of(new SendingPause.Pause("paused by hand (its time, 'yesterday', cannot be read)",
                Instant.EPOCH)), pause.value().orElseThrow().pause());
    }

    @Test
    void readsAHealthyAccountAndSaysWhatTheEmulatorCannotAnswer() {
        Emulators.start();
        SendingSetup setup = new SendingSetup(Clients.ses(), Clients.sqs());
        assertEquals(new Facts.Account(true, true, "HEALTHY", 50_000, 14, 0), setup.account().value().orElseThrow());
        assertEquals("us-east-1", setup.region());
        // aws-ses-v2-local has no identities or configuration sets: that is reported as unknown, not as missing.
        Observed<Facts.Identity> identity = setup.identity("example.com");
        assertTrue(identity.value().isEmpty());
        assertTrue(identity.unknown().startsWith("SES GetEmailIdentity: "), identity.unknown());
    }

    @Test
    void countsWhatWaitsInEachQueue() {
        Emulators.start();
        SqsClient sqs = Clients.sqs();
        String failed = sqs.createQueue(request -> request.queueName("doctor-failed")).queueUrl();
        String dead = sqs.createQueue(request -> request.queueName("doctor-dead")).queueUrl();
        sqs.sendMessage(request -> request.queueUrl(failed).messageBody("{}"));
        sqs.sendMessage(request -> request.queueUrl(failed).messageBody("{}"));
        Map<String, Observed<Integer>> waiting = new SendingSetup(Clients.ses(), sqs).waiting(List.of(failed, dead,
                failed.replace("doctor-failed", "no-such-queue")));
        assertEquals(2, waiting.get("doctor-failed").value().orElseThrow());
        assertEquals(0, waiting.get("doctor-dead").value().orElseThrow());
        assertTrue(waiting.get("no-such-queue").value().isEmpty());
    }
}
