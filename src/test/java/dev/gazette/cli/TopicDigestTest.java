package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.local.SubscriberFile;
import dev.gazette.subscriber.Subscription;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers of topics on a local blog: {@code gazette publish} mails each the digest's posts of their tags, or nothing. */
class TopicDigestTest {
    private static final Instant NOW = Instant.parse("2024-05-10T09:00:00Z");

    @TempDir
    Path folder;

    private static String post(String title, String tag) {
        return "---\ntitle: " + title + "\ntags: [" + tag + "]\n---\n\nAbout " + title + ".\n";
    }

    private static void reader(SubscriberFile store, String address, String... topics) throws Exception {
        store.put(new Subscription(address, null, Subscription.Status.CONFIRMED, NOW, NOW, null, null, List.of(),
                List.of(topics), null));
    }

    /** The subject of each email the last run wrote, by recipient; the outbox is emptied. */
    private static Map<String, String> mailed(Blog blog) throws Exception {
        Map<String, String> subjects = new TreeMap<>();
        for (Path email : blog.emails()) {
            Path file = blog.outbox.resolve(email);
            try (InputStream in = Files.newInputStream(file)) {
                MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
                subjects.merge(((InternetAddress) message.getAllRecipients()[0]).getAddress(), message.getSubject(),
                        (one, two) -> one + " AND AGAIN " + two);
            }
            Files.delete(file);
        }
        return subjects;
    }

    @Test
    void eachReaderGetsThePostsOfTheirTopicsInOneEmailOrNone() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-hello.md", post("Hello", "notes"));
        blog.publish("2024-05-10T09:00:00Z");
        SubscriberFile store = new SubscriberFile(blog.state.resolve("subscribers.json"), Clock.systemUTC());
        reader(store, "all@example.com");
        reader(store, "rust@example.com", "rust");
        reader(store, "go@example.com", "go");

        blog.post("2024-05-11-borrow.md", post("Borrowing", "Rust"));
        Blog.Run run = blog.publish("2024-05-11T09:00:00Z");
        assertEquals(0, run.exit());
        assertTrue(run.out().contains("digest of 1 post to 2 subscribers → "), run.out());
        assertTrue(run.out().contains("; 1 subscriber with nothing of their topics in it"), run.out());
        assertEquals(Map.of("all@example.com", "Borrowing", "rust@example.com", "Borrowing"), mailed(blog));

        blog.post("2024-05-12-traits.md", post("Traits", "rust")).post("2024-05-12-channels.md", post("Channels", "go"));
        assertEquals(0, blog.publish("2024-05-12T09:00:00Z").exit());
        assertEquals(Map.of("all@example.com", "Example Blog: 2 new posts", "rust@example.com", "Traits",
                "go@example.com", "Channels"), mailed(blog));
    }

    private static String longPost(String title, String tag) {
        // About 60 KB in the email: one fits whole, two together would pass Gmail's 102 KB clipping limit.
        return "---\ntitle: " + title + "\nsummary: A long read.\ntags: [" + tag + "]\n---\n\n"
                + ("A paragraph of " + title + ", one of many.\n\n").repeat(1_200);
    }

    @Test
    void aPostIsToldAsSummarisedOnlyWhenSomeReadersEmailHasItSummarised() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-hello.md", post("Hello", "notes"));
        blog.publish("2024-05-10T09:00:00Z");
        SubscriberFile store = new SubscriberFile(blog.state.resolve("subscribers.json"), Clock.systemUTC());
        reader(store, "rust@example.com", "rust");
        reader(store, "go@example.com", "go");

        blog.post("2024-05-11-borrow.md", longPost("Borrowing", "rust"))
                .post("2024-05-11-channels.md", longPost("Channels", "go"));
        Blog.Run apart = blog.publish("2024-05-11T09:00:00Z");
        assertEquals(0, apart.exit(), apart.err());
        assertEquals("", apart.err(), "each reader's email has one post, whole");
        assertEquals(Map.of("rust@example.com", "Borrowing", "go@example.com", "Channels"), mailed(blog));

        reader(store, "all@example.com");
        blog.post("2024-05-12-traits.md", longPost("Traits", "rust"))
                .post("2024-05-12-select.md", longPost("Select", "go"));
        Blog.Run together = blog.publish("2024-05-12T09:00:00Z");
        assertEquals(0, together.exit(), together.err());
        assertEquals(1, together.err().lines().filter(line -> line.contains(": warning: emailed as its summary"))
                .count(), together.err());
    }
}
