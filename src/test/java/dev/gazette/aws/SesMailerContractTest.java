package dev.gazette.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gazette.mail.Mailer;
import dev.gazette.mail.MailerContract;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** SES on aws-ses-v2-local, with its send records in DynamoDB on dynalite, held to the mailer contract. */
class SesMailerContractTest extends MailerContract {
    private final Emulators emulators = Emulators.start();
    private SesV2Client ses;
    private DynamoDbClient dynamo;
    private String table;

    @BeforeEach
    void start() {
        emulators.clearSentEmails();
        ses = Clients.ses();
        dynamo = emulators.dynamoDbClient();
        table = emulators.createTable();
    }

    @AfterEach
    void stop() {
        ses.close();
        dynamo.close();
    }

    @Test
    void aDigestBegunByAnEarlierVersionIsNotSentAgainToThoseWhoHadIt() throws Exception {
        // Before recipients were told apart in lower case, the record had the address as it was spelt.
        Map<String, AttributeValue> record = new HashMap<>(Table.key("SEND#20240510-abc", "Ada@example.com"));
        record.put("messageId", Table.s("0100018f-earlier"));
        dynamo.putItem(request -> request.tableName(table).item(record));

        assertEquals(Mailer.Result.SENT_BEFORE, mailer().send(email("Ada@example.com", "20240510-abc")));
        assertEquals(List.of(), delivered());
    }

    @Override
    protected Mailer mailer() {
        return new SesMailer(ses, dynamo, table, "", Clock.systemUTC(), new Pacer(0, Duration.ofMillis(800)));
    }

    @Override
    protected List<Delivered> delivered() throws Exception {
        List<Delivered> delivered = new ArrayList<>();
        for (Emulators.SentEmail email : emulators.sentEmails()) {
            delivered.add(new Delivered(new InternetAddress(email.to().get(0)).getAddress(),
                    MimeUtility.decodeText(email.subject())));
        }
        return delivered;
    }
}
