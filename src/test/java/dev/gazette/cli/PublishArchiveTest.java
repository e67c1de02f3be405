package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gazette publish} writes each digest's web copy into the site folder, and the archive of past issues. */
class PublishArchiveTest {
    private static final String SUBSCRIBERS = "email,name\nada@example.com,Ada\ngrace@example.net,Grace\n";

    @TempDir
    Path folder;

    private static String post(String title, String text) {
        return "---\ntitle: " + title + "\n---\n\n" + text + "\n";
    }

    private static Document html(Blog blog, Path email) throws Exception {
        try (InputStream in = Files.newInputStream(blog.outbox.resolve(email))) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            return Jsoup.parse((String) ((Multipart) message.getContent()).getBodyPart(1).getContent());
        }
    }

    @Test
    void theViewInBrowserLinkOfEveryEmailIsAFileOfTheSite() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-first.md", post("First", "Old.")).subscribers(SUBSCRIBERS);
        blog.publish("2024-05-10T09:00:00Z");
        blog.post("2024-05-10-news.md", post("News", "The text of News."));

        Blog.Run run = blog.publish("2024-05-10T10:00:00Z");

        assertEquals(0, run.exit(), run.err());
        assertEquals(2, blog.emails().size());
        for (Path email : blog.emails()) {
            String link = html(blog, email).selectFirst("a:contains(View in your browser)").attr("href");
            assertTrue(link.startsWith("https://example.com/newsletter/"), link);
            String page = blog.site(link.substring("https://example.com/".length()) + "index.html");
            assertTrue(page.contains("The text of News."), page);
            assertFalse(page.contains("ada@example.com") || page.contains("token="), page);
        }
        Document index = Jsoup.parse(blog.site("newsletter/index.html"));
        assertEquals(1, index.select("main li").size());
        assertTrue(blog.site("newsletter/feed.xml").contains("News"));

        // A run with nothing due writes no issue.
        blog.publish("2024-05-10T11:00:00Z");
        assertEquals(1, Jsoup.parse(blog.site("newsletter/index.html")).select("main li").size());
    }

    @Test
    void aPostOverGmailsClippingLimitIsEmailedAsItsSummaryAndTheRunSaysSo() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-first.md", post("First", "Old.")).subscribers(SUBSCRIBERS);
        blog.publish("2024-05-10T09:00:00Z");
        String paragraphs = "A paragraph of the long post, one of many.\n\n".repeat(4_000);
        blog.post("2024-05-10-long.md", "---\ntitle: Long\nsummary: A long read.\n---\n\n" + paragraphs);

        Blog.Run run = blog.publish("2024-05-10T10:00:00Z");

        assertEquals(0, run.exit(), run.err());
        assertEquals(blog.posts.resolve("2024-05-10-long.md") + ": warning: emailed as its summary with a link: whole,"
                + " it would take the email past Gmail's 102 KB clipping limit", run.err());
        for (Path email : blog.emails()) {
            Document html = html(blog, email);
            assertTrue(html.html().getBytes(StandardCharsets.UTF_8).length < 102 * 1024);
            assertTrue(html.text().contains("A long read."), html.text());
            assertEquals("https://example.com/posts/long/", html.selectFirst("a:contains(Read “Long”)").attr("href"));
        }
        String issue = Jsoup.parse(blog.site("newsletter/index.html")).selectFirst("main li > a").attr("href");
        String page = blog.site(issue.substring("https://example.com/".length()) + "index.html");
        assertTrue(page.contains("A paragraph of the long post"), "the web copy has the post whole");
    }

    @Test
    void neitherAFileNorAPostMayTakeThePlaceOfTheArchive() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-09-newsletter.md", post("Newsletter", "A post."))
                .post("newsletter/feed.xml", "<rss>mine</rss>");

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z", "--permalink", "/:slug/");

        assertEquals(1, run.exit());
        assertTrue(run.err().contains(blog.posts.resolve("2024-05-09-newsletter.md") + ": its permalink /newsletter/"
                + " would overwrite a page Gazette writes itself"), run.err());
        assertTrue(run.err().contains("newsletter/feed.xml: Gazette writes a file of this name itself"), run.err());
        assertFalse(blog.onSite("newsletter/feed.xml"));
    }
}
