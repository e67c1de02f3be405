package dev.gazette.aws;

import dev.gazette.mail.Mailer;
import dev.gazette.mail.MailerContract;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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
