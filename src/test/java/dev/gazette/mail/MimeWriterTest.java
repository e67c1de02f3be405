package dev.gazette.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.digest.Digest;
import dev.gazette.digest.DigestComposer;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.ConfirmationEmail;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.Tokens;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Messages as RFC 5322 has them: CRLF line ends, no line past 998 characters, headers folded. */
class MimeWriterTest {
    private static final Instant NOW = Instant.parse("2024-05-03T12:00:00Z");
    private static final Tokens TOKENS = new Tokens("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8));
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?[^?]+\\?[BbQq]\\?[^?]*\\?=");

    private final MimeWriter writer = new MimeWriter();

    private static Site site(String title) {
        return new Site(URI.create("https://example.com/"), title, "About", "en", ZoneOffset.UTC,
                PermalinkPattern.BEFORE_DATES, 20);
    }

    private static Email confirmation(String title) {
        return new ConfirmationEmail(site(title), Templates.bundled(), TOKENS,
                "Example Blog <news@example.com>").compose("ada@example.com", "https://example.com", NOW,
                NOW.plusSeconds(48 * 3600));
    }

    private static Email digest(String title, String from) {
        RenderedPost post = new RenderedPost("a.md", "https://example.com/posts/a/", "posts/a/", title, NOW, NOW,
                "Summary", List.of(), List.of("Ada"), null, "<p>One.</p>\n<p>Two.</p>", true, Set.of());
        DigestComposer composer = new DigestComposer(site(title), Templates.bundled(), TOKENS, from,
                "https://example.com", DigestComposer.Content.FULL);
        DigestComposer.Prepared prepared = composer.prepare(new Digest("20240503-abc", List.of(post.url()), NOW,
                null, 0), List.of(post));
        return composer.compose(prepared, new Subscriber("ada@example.com", "Ada"), NOW);
    }

    private static List<String> lines(byte[] message) {
        return List.of(new String(message, StandardCharsets.UTF_8).split("\r\n", -1));
    }

    private static String headers(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        return text.substring(0, text.indexOf("\r\n\r\n"));
    }

    private static MimeMessage parse(byte[] message) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message));
    }

    @Test
    void anAllAsciiConfirmationEndsEveryLineWithCrlf() {
        byte[] message = writer.write(confirmation("Example Blog"));

        String text = new String(message, StandardCharsets.US_ASCII);
        assertTrue(text.contains("Content-Transfer-Encoding: 7bit"), "written as it is given");
        assertTrue(text.replace("\r\n", "").indexOf('\n') < 0, "no bare LF");
        assertTrue(text.replace("\r\n", "").indexOf('\r') < 0, "no bare CR");
    }

    @Test
    void aDigestEndsEveryLineWithCrlfToo() {
        String text = new String(writer.write(digest("Plain title", "news@example.com")), StandardCharsets.UTF_8);

        assertTrue(text.replace("\r\n", "").indexOf('\n') < 0, "no bare LF");
    }

    @Test
    void aTitleOfAHundredThousandCharactersMakesNoLongLine() throws Exception {
        String title = "x".repeat(100_000);
        for (Email email : List.of(confirmation(title), digest(title, new Sender(title).from()),
                digest("Ç" + title, "news@example.com"))) {
            byte[] message = writer.write(email);

            for (String line : lines(message)) {
                assertTrue(line.length() <= 998, () -> line.length() + " characters: " + line.substring(0, 60));
            }
            for (String line : headers(message).split("\r\n")) {
                if (!line.startsWith("From:") && !line.startsWith("List-Unsubscribe:")) {
                    assertTrue(line.length() <= 78, line);
                }
            }
            Matcher words = ENCODED_WORD.matcher(headers(message));
            while (words.find()) {
                assertTrue(words.group().length() <= 75, words.group());
            }
            String subject = parse(message).getSubject();
            assertTrue(subject.length() <= Email.MAX_SUBJECT && subject.endsWith("xx…"), subject);
        }
    }

    @Test
    void aLongWordInTheSubjectIsFoldedAsEncodedWordsAndReadBackWhole() throws Exception {
        String subject = "Über " + "y".repeat(140);
        Email email = new Email("news@example.com", "ada@example.com", null, subject, "Text", "<p>Text</p>", NOW,
                "id@example.com", Map.of(), "c");

        byte[] message = writer.write(email);

        assertEquals(subject, parse(message).getSubject());
        assertTrue(headers(message).lines().filter(line -> line.startsWith("Subject:") || line.startsWith(" "))
                .allMatch(line -> line.length() <= 78), headers(message));
    }

    @Test
    void textThatReadsAsAnEncodedWordIsEncodedItselfSoItShowsAsWritten() throws Exception {
        String subject = "=?utf-8?B?SGVsbG8=?= and more";
        String name = "=?utf-8?B?QWRh?= <evil@x.com>";
        Email email = new Email("news@example.com", "bob@example.com", name, subject, "Text",
                "<p>Text</p>", NOW, "id@example.com", Map.of(), "c");

        byte[] message = writer.write(email);

        MimeMessage parsed = parse(message);
        assertEquals(subject, parsed.getSubject());
        InternetAddress to = (InternetAddress) parsed.getRecipients(MimeMessage.RecipientType.TO)[0];
        assertEquals(name, to.getPersonal());
        assertEquals("bob@example.com", to.getAddress());
        assertTrue(!headers(message).contains("=?utf-8?"), headers(message));
    }

    @Test
    void aNameOfAnyLengthIsCutToAHundredCharacters() throws Exception {
        byte[] message = writer.write(digest("Post", "\"" + "Z".repeat(5_000) + "\" <news@example.com>"));

        String name = ((InternetAddress) parse(message).getFrom()[0]).getPersonal();
        assertEquals(MimeWriter.MAX_NAME, name.length());
        assertTrue(name.endsWith("ZZ…"), name);
    }

    /** The sender the command line makes from a site's title when --from is not given. */
    private record Sender(String title) {
        String from() throws Exception {
            InternetAddress address = new InternetAddress("newsletter@example.com");
            address.setPersonal(title, "UTF-8");
            return address.toUnicodeString();
        }
    }

    @Test
    void aListIdNamesTheSiteAndTheListUnderItsHost() throws Exception {
        assertEquals("\"Example Blog\" <newsletter.example.com>", Email.listId("Example Blog", "Example.com"));
        assertEquals("\"Say \\\"hi\\\" \\\\o/\" <newsletter.example.com>", Email.listId("Say \"hi\" \\o/", "example.com"));
        assertEquals("<newsletter.example.com>", Email.listId(" ", "example.com"));
        assertEquals("\"Blog\" <newsletter.localhost>", Email.listId("Blog", "127.0.0.1"));
        assertEquals("\"Blog\" <newsletter.localhost>", Email.listId("Blog", "[::1]"));
        assertEquals("\"Blog\" <newsletter.localhost>", Email.listId("Blog", "localhost"));
    }

    @Test
    void aListIdOfATitleOutsideAsciiIsInEncodedWordsAndReadsBack() throws Exception {
        String header = Email.listId("Café ☕ " + "long ".repeat(100), "example.com");

        assertTrue(header.chars().allMatch(c -> c < 0x80), header);
        assertTrue(header.endsWith(" <newsletter.example.com>"), header);
        String decoded = MimeUtility.decodeText(header);
        assertTrue(decoded.startsWith("Café ☕ long long"), decoded);
        assertTrue(decoded.length() < MimeWriter.MAX_NAME + 30, decoded);
    }
}
