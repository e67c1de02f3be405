package dev.gazette.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Mailer} does, whatever it sends through: each message of a campaign reaches its recipient once,
 * however often it is given and however the address is spelt, and a message that is not one address is refused
 * without a word reaching anyone. Held by the outbox folder and by SES on its emulator.
 */
public abstract class MailerContract {
    /** A valid address of 251 characters, as long as the outbox could not name a file after. */
    protected static final String LONG_ADDRESS = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "."
            + "d".repeat(54) + ".com";

    /** The mailer under test, fresh for each test. */
    protected abstract Mailer mailer() throws Exception;

    /** What reached anyone, in any order. */
    protected abstract List<Delivered> delivered() throws Exception;

    /** One message as it arrived: its recipient's address and its subject, decoded. */
    public record Delivered(String to, String subject) {
    }

    protected static Email email(String to, String campaign) {
        return email(to, campaign, "Hello");
    }

    protected static Email email(String to, String campaign, String subject) {
        return new Email("Example Blog <news@blog.example.com>", to, null, subject, "Hello.\nA second line.",
                "<p>Hello.</p>\n<p>A second line.</p>", Instant.parse("2024-05-10T09:00:00Z"),
                Email.messageId(campaign, to, "blog.example.com"), Map.of(), campaign);
    }

    @Test
    void aMessageIsSentOnceHoweverOftenItIsGiven() throws Exception {
        Mailer mailer = mailer();

        assertEquals(Mailer.Result.SENT, mailer.send(email("ada@example.com", "20240510-abc")));
        assertEquals(Mailer.Result.SENT_BEFORE, mailer.send(email("ada@example.com", "20240510-abc")));
        assertEquals(Mailer.Result.SENT_BEFORE, mailer().send(email("ada@example.com", "20240510-abc")),
                "a mailer made afresh, as by the next run, knows it too");

        assertEquals(List.of(new Delivered("ada@example.com", "Hello")), delivered());
    }

    @Test
    void anAddressSpeltInAnotherCaseIsTheSameRecipient() throws Exception {
        Mailer mailer = mailer();

        assertEquals(Mailer.Result.SENT, mailer.send(email("User000@example.com", "20240510-abc")));
        assertEquals(Mailer.Result.SENT_BEFORE, mailer.send(email("user000@example.com", "20240510-abc")));
        assertEquals(Mailer.Result.SENT_BEFORE, mailer.send(email("USER000@example.com", "20240510-abc")));

        assertEquals(List.of(new Delivered("User000@example.com", "Hello")), delivered());
    }

    @Test
    void eachRecipientAndEachCampaignHasItsOwnMessage() throws Exception {
        Mailer mailer = mailer();

        assertEquals(Mailer.Result.SENT, mailer.send(email("ada@example.com", "20240510-abc")));
        assertEquals(Mailer.Result.SENT, mailer.send(email("grace@example.com", "20240510-abc")));
        assertEquals(Mailer.Result.SENT, mailer.send(email("ada@example.com", "20240511-def")));

        assertEquals(3, delivered().size());
    }

    @Test
    void theLongestAddressesAreSentAndToldApart() throws Exception {
        Mailer mailer = mailer();
        String other = LONG_ADDRESS.replace("d.com", "e.com");

        assertEquals(251, LONG_ADDRESS.length());
        assertEquals(Mailer.Result.SENT, mailer.send(email(LONG_ADDRESS, "20240510-abc")));
        assertEquals(Mailer.Result.SENT, mailer.send(email(other, "20240510-abc")));
        assertEquals(Mailer.Result.SENT_BEFORE, mailer.send(email(LONG_ADDRESS.toUpperCase(), "20240510-abc")));

        assertEquals(List.of(LONG_ADDRESS, other), delivered().stream().map(Delivered::to).sorted().toList());
    }

    @Test
    void whatIsNotOneAddressIsRejectedAndReachesNobody() throws Exception {
        Mailer mailer = mailer();

        for (String notOne : List.of("ada@example.com\r\nBcc: eve@example.com", "ada@example.com, eve@example.com",
                "ada", "ada@example.com\n")) {
            assertEquals(Mailer.Result.REJECTED, mailer.send(email(notOne, "20240510-abc")), notOne);
        }
        assertEquals(Mailer.Result.SENT, mailer.send(email("grace@example.com", "20240510-abc")),
                "the next one goes as usual");

        assertEquals(List.of(new Delivered("grace@example.com", "Hello")), delivered());
    }

    @Test
    void aSubjectOfAnyLengthArrivesOnOneLineAndCut() throws Exception {
        String title = "A title that goes on " + "and on ".repeat(20_000);

        assertEquals(Mailer.Result.SENT, mailer().send(email("ada@example.com", "20240510-abc", title)));
        assertEquals(Mailer.Result.SENT, mailer().send(email("grace@example.com", "20240510-abc",
                "Hello\r\nBcc: eve@example.com")));

        List<Delivered> delivered = delivered();
        assertEquals(2, delivered.size());
        String cut = delivered.stream().filter(d -> d.to().equals("ada@example.com")).findFirst().orElseThrow()
                .subject();
        assertTrue(cut.startsWith("A title that goes on and on") && cut.endsWith("on…"), cut);
        assertTrue(cut.length() <= Email.MAX_SUBJECT, cut.length() + " characters");
        assertTrue(delivered.contains(new Delivered("grace@example.com", "Hello  Bcc: eve@example.com")),
                delivered.toString());
    }
}
