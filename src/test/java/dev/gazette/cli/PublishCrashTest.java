package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.io.WireFeedInput;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gazette publish} in a JVM of its own, killed with SIGKILL while it publishes and sends a digest, then run
 * again: whatever the moment, every feed still parses, and in the end each subscriber has the digest once.
 */
class PublishCrashTest {
    private static final String FIRST_RUN = "2024-05-10T09:00:00Z";
    private static final String DIGEST_RUN = "2024-05-11T12:00:00Z";
    private static final int KILLS = 10;
    /** The longest a kill waits; most land sooner, when the outbox reaches their count. */
    private static final long LONGEST_DELAY_MS = 10_000;

    @TempDir
    Path folder;

    private static List<String> readers(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("User%03d@example.com", i)).toList();
    }

    /** A blog that has had its first run, with a new post for the next run to publish and email. */
    private Blog blogWithNewPost() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-first.md", "---\ntitle: First\n---\nOne.\n");
        assertEquals(0, blog.publish(FIRST_RUN).exit());
        String body = IntStream.range(0, 40).mapToObj(i -> "Paragraph " + i + " of the news, with *a little* markup.")
                .reduce((a, b) -> a + "\n\n" + b).orElseThrow();
        return blog.post("2024-05-11-news.md", "---\ntitle: News\n---\n" + body + "\n");
    }

    private static void writeSubscribers(Blog blog, List<String> readers, boolean lowerCase) throws Exception {
        String csv = "email\n" + String.join("\n", readers) + "\n";
        Files.writeString(blog.root.resolve("subscribers.csv"), lowerCase ? csv.toLowerCase(Locale.ROOT) : csv);
    }

    /** {@code gazette publish} as a command of its own, in a new JVM. */
    private static Process start(Blog blog, int run) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "publish", "--posts", blog.posts.toString(), "--site", blog.site.toString(),
                "--site-url", "https://example.com/", "--title", "Example Blog", "--outbox", blog.outbox.toString(),
                "--state", blog.state.toString(), "--now", DIGEST_RUN, "--from", "Example Blog <news@example.com>",
                "--subscribers", blog.root.resolve("subscribers.csv").toString()));
        Path log = blog.root.resolve("run-" + run + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The emails written so far: hidden temporary files are not emails yet, and may go as they are listed. */
    private static List<Path> emails(Blog blog) throws Exception {
        List<Path> emails = new ArrayList<>();
        if (!Files.isDirectory(blog.outbox)) {
            return emails;
        }
        try (Stream<Path> digests = Files.list(blog.outbox)) {
            for (Path digest : digests.toList()) {
                try (Stream<Path> files = Files.list(digest)) {
                    files.filter(file -> file.getFileName().toString().endsWith(".eml")
                            && !file.getFileName().toString().startsWith(".")).forEach(emails::add);
                }
            }
        }
        return emails;
    }

    /** Kills the run once the outbox holds {@code target} emails or {@code delayMs} have gone by, if it runs still. */
    private static int killAt(Process run, Blog blog, int target, long delayMs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
        while (run.isAlive() && System.nanoTime() < deadline && emails(blog).size() < target) {
            TimeUnit.MILLISECONDS.sleep(2);
        }
        run.destroyForcibly().waitFor();
        return emails(blog).size();
    }

    private static void assertFeedsParse(Blog blog, String why) throws Exception {
        for (String feed : List.of("feed.xml", "atom.xml")) {
            WireFeed parsed = new WireFeedInput().build(new StringReader(blog.site(feed)));
            assertTrue(parsed != null, feed + ", " + why);
        }
        assertTrue(JsonParser.parseString(blog.site("feed.json")).getAsJsonObject().has("items"), why);
    }

    /** Each email's recipient, in lower case, checking each is a whole message. */
    private static List<String> recipients(Blog blog) throws Exception {
        List<String> recipients = new ArrayList<>();
        for (Path email : emails(blog)) {
            try (InputStream in = Files.newInputStream(email)) {
                MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
                assertEquals("News", message.getSubject(), email.toString());
                recipients.add(((InternetAddress) message.getAllRecipients()[0]).getAddress().toLowerCase(Locale.ROOT));
            }
        }
        return recipients;
    }

    @Test
    void killedAtRandomMomentsAndRunAgainEveryReaderHasTheDigestOnce() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> readers = readers(300);
        Blog blog = blogWithNewPost();
        int[] targets = random.ints(KILLS, 1, readers.size()).sorted().toArray();
        List<String> kills = new ArrayList<>();
        int midDigest = 0;

        for (int kill = 0; kill < KILLS; kill++) {
            // The list changes case from run to run: the same readers all the same.
            writeSubscribers(blog, readers, random.nextBoolean());
            long delay = random.nextLong(LONGEST_DELAY_MS);
            int emails = killAt(start(blog, kill), blog, targets[kill], delay);
            kills.add(emails + " emails (at " + targets[kill] + " or " + delay + " ms)");
            midDigest += emails > 0 && emails < readers.size() ? 1 : 0;
            assertFeedsParse(blog, "after kill " + kill + ", seed " + seed + ": " + kills);
        }
        writeSubscribers(blog, readers, random.nextBoolean());
        Process last = start(blog, KILLS);
        assertTrue(last.waitFor(120, TimeUnit.SECONDS), "the last run ends");
        String why = "seed " + seed + ", kills: " + kills + ", last run: "
                + Files.readString(blog.root.resolve("run-" + KILLS + ".log"), StandardCharsets.UTF_8);

        assertTrue(midDigest > 0, "some kills landed while the digest was being sent: " + why);
        assertEquals(0, last.exitValue(), why);
        assertFeedsParse(blog, why);
        assertTrue(blog.site("feed.xml").contains("News"), why);
        List<String> recipients = recipients(blog);
        assertEquals(readers.size(), recipients.size(), why);
        assertEquals(new TreeSet<>(readers.stream().map(r -> r.toLowerCase(Locale.ROOT)).toList()),
                new TreeSet<>(recipients), why);
    }

    @Test
    void aRunKilledAfter55EmailsAndResumedWithTheListInLowerCaseMailsNobodyTwice() throws Exception {
        List<String> readers = readers(200);
        Blog blog = blogWithNewPost();
        writeSubscribers(blog, readers, false);

        int atTheKill = killAt(start(blog, 0), blog, 55, TimeUnit.MINUTES.toMillis(2));
        assertTrue(atTheKill >= 55 && atTheKill < readers.size(), atTheKill + " emails at the kill");

        writeSubscribers(blog, readers, true);
        Blog.Run resumed = blog.publish(DIGEST_RUN, "--subscribers", blog.root.resolve("subscribers.csv").toString());

        assertEquals(0, resumed.exit(), resumed.err());
        List<String> recipients = recipients(blog);
        assertEquals(readers.size(), recipients.size(), "nobody has it twice");
        assertEquals(Set.copyOf(readers.stream().map(r -> r.toLowerCase(Locale.ROOT)).toList()),
                Set.copyOf(recipients));
    }
}
