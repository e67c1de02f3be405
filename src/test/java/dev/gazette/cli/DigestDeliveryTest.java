package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digest's emails as {@code gazette publish} writes them: each subscriber's one, whatever another's does. */
class DigestDeliveryTest {
    private static final String FIRST_RUN = "2024-05-10T09:00:00Z";
    private static final String DIGEST_RUN = "2024-05-11T12:00:00Z";
    /** A valid address of 251 characters: too long, with ".eml", to name a file. */
    private static final String LONG = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "."
            + "d".repeat(54) + ".com";

    @TempDir
    Path folder;

    /** A blog whose next run sends a digest of one new post. */
    private Blog blogWithNewPost(String name, String csv) throws IOException {
        Blog blog = new Blog(folder.resolve(name)).post("2024-05-01-first.md", "---\ntitle: First\n---\nOne.\n");
        blog.publish(FIRST_RUN);
        return blog.post("2024-05-11-news.md", "---\ntitle: News\n---\nNews.\n").subscribers(csv);
    }

    /** The recipient of every email in the outbox. */
    private static List<String> recipients(Blog blog) throws Exception {
        List<String> recipients = new ArrayList<>();
        for (Path email : emails(blog)) {
            try (InputStream in = Files.newInputStream(blog.outbox.resolve(email))) {
                MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
                recipients.add(((InternetAddress) message.getAllRecipients()[0]).getAddress());
            }
        }
        return recipients.stream().sorted().toList();
    }

    /** The emails in the outbox, leaving out what is in their way. */
    private static List<Path> emails(Blog blog) throws IOException {
        return blog.emails().stream().filter(email -> Files.isRegularFile(blog.outbox.resolve(email))).toList();
    }

    @Test
    void aSenderWithALineBreakAndASecondAddressIsRefusedNotCut() throws Exception {
        Blog blog = blogWithNewPost("blog", "email\nada@example.com\n");

        Blog.Run run = blog.publish(DIGEST_RUN, "--from", "Example Blog <news@example.com>\r\nBcc: eve@example.com");

        assertEquals(2, run.exit(), run.err());
        assertEquals("gazette: --from \"Example Blog <news@example.com>\\r\\nBcc: eve@example.com\" has a"
                + " line break or control character in it: give one address, such as 'Ada <ada@example.com>'",
                run.err());
        assertEquals(List.of(), emails(blog));
    }

    @Test
    void theLongestAddressIsMailedAndEveryoneAfterItToo() throws Exception {
        Blog blog = blogWithNewPost("blog", "email\nada@example.com\n" + LONG + "\nzoe@example.com\n");

        Blog.Run run = blog.publish(DIGEST_RUN);

        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of(LONG, "ada@example.com", "zoe@example.com"), recipients(blog));
        assertTrue(blog.emails().stream().allMatch(email -> email.getFileName().toString().length() < 255));
    }

    @Test
    void anEmailThatCannotBeWrittenIsReportedByAddressAndSentByTheNextRun() throws Exception {
        String csv = "email\nada@example.com\nbob@example.com\nzoe@example.com\n";
        // The same blog elsewhere shows where the digest's emails go.
        Blog twin = blogWithNewPost("twin", csv);
        twin.publish(DIGEST_RUN);
        Path digestFolder = twin.emails().get(0).getParent();
        Blog blog = blogWithNewPost("blog", csv);
        Path inTheWay = Files.createDirectories(blog.outbox.resolve(digestFolder).resolve("bob@example.com.eml/x"));

        Blog.Run blocked = blog.publish(DIGEST_RUN);

        assertEquals(1, blocked.exit(), blocked.err());
        assertTrue(blocked.err().lines().anyMatch(line -> line.startsWith("bob@example.com: not emailed yet: ")
                && line.endsWith("(the next run sends it)")), blocked.err());
        assertEquals(List.of("ada@example.com", "zoe@example.com"), recipients(blog));

        Files.delete(inTheWay);
        Files.delete(inTheWay.getParent());
        Blog.Run next = blog.publish("2024-05-11T13:00:00Z");

        assertEquals(0, next.exit(), next.err());
        assertEquals(List.of("ada@example.com", "bob@example.com", "zoe@example.com"), recipients(blog));
        assertEquals("2 posts: nothing changed", blog.publish("2024-05-11T14:00:00Z").out(), "the digest is done");
    }

    @Test
    void aDigestResumedAfterTheListChangedCaseReachesNobodyTwice() throws Exception {
        List<String> readers = IntStream.range(0, 200).mapToObj(i -> String.format("User%03d@example.com", i))
                .toList();
        String csv = "email\n" + String.join("\n", readers) + "\n";
        Blog twin = blogWithNewPost("twin", csv);
        twin.publish(DIGEST_RUN);
        Path digestFolder = twin.emails().get(0).getParent();
        // The first run stops after 55 emails: the others' files cannot be written.
        Blog blog = blogWithNewPost("blog", csv);
        List<Path> inTheWay = new ArrayList<>();
        for (String reader : readers.subList(55, 200)) {
            inTheWay.add(Files.createDirectories(blog.outbox.resolve(digestFolder)
                    .resolve(reader.toLowerCase(Locale.ROOT) + ".eml/x")));
        }
        assertEquals(1, blog.publish(DIGEST_RUN).exit());
        assertEquals(55, emails(blog).size());

        for (Path path : inTheWay) {
            Files.delete(path);
            Files.delete(path.getParent());
        }
        blog.subscribers(csv.toLowerCase(Locale.ROOT));
        Blog.Run resumed = blog.publish("2024-05-11T13:00:00Z");

        assertEquals(0, resumed.exit(), resumed.err());
        List<String> recipients = recipients(blog).stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        assertEquals(200, recipients.size());
        assertEquals(200, recipients.stream().collect(Collectors.toSet()).size(), "nobody has it twice");
        assertFalse(recipients.isEmpty());
    }
}
