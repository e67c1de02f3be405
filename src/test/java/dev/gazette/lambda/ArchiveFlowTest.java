package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import dev.gazette.aws.Emulators;
import java.io.StringReader;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The archive of past issues on AWS: the Digest function writes each issue's web copy into the site bucket. */
class ArchiveFlowTest {
    private static final Pattern BROWSER = Pattern.compile("href=\"(https://blog\\.example\\.com/[^\"]+)\"[^>]*>View in"
            + " your browser");

    private Stack stack;

    @BeforeEach
    void start() {
        stack = new Stack();
        stack.emulators.clearSentEmails();
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void everyEmailLinksToAWebCopyInTheSiteBucketThatHoldsNothingPersonal() throws Exception {
        stack.subscribe("ada@example.com", "grace@example.net");

        JsonObject result = stack.publish("2024-05-10-hello.md", "---\ntitle: Hello\n---\n\nThe text of Hello.\n");
        String id = result.getAsJsonObject("digest").get("id").getAsString();
        String path = "newsletter/" + id + "/";
        assertNotNull(stack.site(path + "index.html"), "written before the batches are queued");
        stack.sendAll();

        List<Emulators.SentEmail> emails = stack.emulators.sentEmails();
        assertEquals(2, emails.size());
        for (Emulators.SentEmail email : emails) {
            Matcher link = BROWSER.matcher(email.html());
            assertTrue(link.find(), email.html());
            assertEquals("https://blog.example.com/" + path, link.group(1));
            assertEquals("\"Example Blog\" <newsletter.blog.example.com>", email.headers().get("List-Id"));
        }
        String page = stack.site(path + "index.html");
        String index = stack.site("newsletter/index.html");
        String feed = stack.site("newsletter/feed.xml");
        assertTrue(page.contains("The text of Hello."), page);
        for (String file : List.of(page, index, feed)) {
            assertFalse(file.contains("ada@example.com") || file.contains("grace@example.net"), file);
            assertFalse(file.contains("token="), file);
        }
        assertEquals(List.of("https://blog.example.com/" + path),
                Jsoup.parse(index).select("main li > a").eachAttr("href"));
        Channel rss = (Channel) new WireFeedInput().build(new StringReader(feed));
        assertEquals(List.of("https://blog.example.com/" + path), rss.getItems().stream().map(Item::getLink).toList());
    }
}
