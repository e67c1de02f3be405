package dev.gazette.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
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
    void aVersionChangesWithEveryNewContent() throws Exception {
        SiteFiles site = site();
        assertEquals(Optional.empty(), site.version("feed.xml"));
        site.write("feed.xml", bytes("one"));
        Optional<String> one = site.version("feed.xml");
        assertTrue(one.isPresent());
        site.write("feed.xml", bytes("two"));
        assertTrue(!one.equals(site.version("feed.xml")));
    }

    @Test
    void replacesOnlyTheExpectedVersion() throws Exception {
        SiteFiles site = site();
        assertEquals(SiteFiles.Replaced.WRITTEN, site.replace("feed.xml", bytes("one"), Optional.empty()));
        assertEquals(SiteFiles.Replaced.CONFLICT, site.replace("feed.xml", bytes("two"), Optional.empty()),
                "the file exists now");
        Optional<String> one = site.version("feed.xml");
        assertEquals(SiteFiles.Replaced.UNCHANGED, site.replace("feed.xml", bytes("one"), one));
        assertEquals(SiteFiles.Replaced.WRITTEN, site.replace("feed.xml", bytes("two"), one));
        assertEquals(SiteFiles.Replaced.CONFLICT, site.replace("feed.xml", bytes("three"), one), "one is stale");
        assertEquals("two", new String(read(site, "feed.xml"), StandardCharsets.UTF_8));
    }
}
