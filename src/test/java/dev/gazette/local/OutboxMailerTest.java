package dev.gazette.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.mail.Mailer;
import dev.gazette.mail.MailerContract;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox folder held to the mailer contract, and the files it names. */
class OutboxMailerTest extends MailerContract {
    @TempDir
    Path outbox;

    @Override
    protected Mailer mailer() {
        return new OutboxMailer(outbox);
    }

    @Override
    protected List<Delivered> delivered() throws Exception {
        List<Delivered> delivered = new ArrayList<>();
        try (Stream<Path> files = Files.walk(outbox)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
                    delivered.add(new Delivered(((InternetAddress) message.getAllRecipients()[0]).getAddress(),
                            message.getSubject()));
                }
            }
        }
        return delivered;
    }

    @Test
    void aFileIsNamedAfterItsRecipientWhileTheNameIsShortAndSafe() throws Exception {
        new OutboxMailer(outbox).send(email("Ada@example.com", "20240510-abc"));

        assertTrue(Files.isRegularFile(outbox.resolve("20240510-abc/ada@example.com.eml")));
    }

    @Test
    void anyAddressMakesAShortFileName() {
        String name = OutboxMailer.fileName(LONG_ADDRESS);

        assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= OutboxMailer.READABLE_LENGTH + 21, name);
        assertTrue(name.startsWith("a".repeat(64) + "@bbb"), name);
    }

    @Test
    void anAddressUnsafeAsAFileNameGetsASafeOneOfItsOwn() {
        String bang = OutboxMailer.fileName(".a!b@example.com");
        String hash = OutboxMailer.fileName(".a#b@example.com");

        assertTrue(bang.matches("_a_b@example\\.com=[0-9a-f]{16}\\.eml"), bang);
        assertTrue(hash.matches("_a_b@example\\.com=[0-9a-f]{16}\\.eml"), hash);
        assertTrue(!bang.equals(hash), "the hash tells them apart");
    }

    @Test
    void aDigestBegunByAnEarlierVersionIsNotSentAgainToThoseWhoHadIt() throws Exception {
        // Before recipients were told apart in lower case, the file had the address as it was spelt.
        Path earlier = outbox.resolve("20240510-abc/Ada@example.com.eml");
        Files.createDirectories(earlier.getParent());
        Files.writeString(earlier, "an email written by an earlier version");

        assertEquals(Mailer.Result.SENT_BEFORE, new OutboxMailer(outbox).send(email("Ada@example.com",
                "20240510-abc")));
    }
}
