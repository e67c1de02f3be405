package dev.gazette.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What every {@link SiteFiles} must do: the local folder and the S3 bucket alike. */
public abstract class SiteFilesContract {
    /** An empty site. */
    protected abstract SiteFiles site() throws Exception;

    /** The content of a file of the site, or null when there is none. */
    protected abstract byte[] read(SiteFiles site, String path) throws Exception;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesReadsAndDeletes() throws Exception {
        SiteFiles site = site();
        site.write("posts/a/index.html", bytes("<p>a</p>"));
        assertEquals("<p>a</p>", new String(read(site, "posts/a/index.html"), StandardCharsets.UTF_8));
        site.delete("posts/a/index.html");
        assertEquals(null, read(site, "posts/a/index.html"));
        site.delete("posts/never/index.html");
    }

    @Test
    void writesOnlyWhatChanged() throws Exception {
        SiteFiles site = site();
        assertTrue(site.write("feed.xml", bytes("one")));
        assertFalse(site.write("feed.xml", bytes("one")));
        assertTrue(site.write("feed.xml", bytes("two")));
        assertEquals("two", new String(read(site, "feed.xml"), StandardCharsets.UTF_8));
    }

    @Test
    void copiesAFileOnlyWhenItChanged() throws Exception {
        SiteFiles site = site();
        assertTrue(site.copy("images/cat.png", () -> bytes("cat")));
        assertFalse(site.copy("images/cat.png", () -> bytes("cat")));
        assertTrue(site.copy("images/cat.png", () -> bytes("dog")));
        assertEquals("dog", new String(read(site, "images/cat.png"), StandardCharsets.UTF_8));
    }
}
