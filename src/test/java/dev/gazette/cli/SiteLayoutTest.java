package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gazette's state and outbox hold the secret, the subscribers and their confirmation links: never on the site. */
class SiteLayoutTest {
    @TempDir
    Path folder;

    private Blog blog() throws Exception {
        return new Blog(folder).post("2024-05-01-first.md", "---\ntitle: First\n---\nText.\n");
    }

    @Test
    void publishRefusesAStateFolderInsideTheSite() throws Exception {
        Blog blog = blog();

        // publish --site . with the state and the outbox where they are by default, beside the site.
        Blog.Run run = blog.publish("2024-05-10T09:00:00Z", "--site", blog.root.toString());

        assertEquals(2, run.exit());
        assertEquals("gazette: the state folder " + blog.state + " is inside the site folder " + blog.root
                + ", where anyone who can read the site could read it; give --state a folder outside the site,"
                + " or --site a folder of its own", run.err());
        assertFalse(Files.exists(blog.root.resolve("index.html")), "nothing is published");
        assertFalse(Files.exists(blog.state), "no secret is made where it would be served");
    }

    @Test
    void publishRefusesAnOutboxInsideTheSite() throws Exception {
        Blog blog = blog();

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z", "--outbox", blog.site.resolve("outbox").toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("gazette: the outbox folder " + blog.site.resolve("outbox")
                + " is inside the site folder " + blog.site), run.err());
    }

    @Test
    void aLinkToTheSiteFolderIsSeenThrough() throws Exception {
        Blog blog = blog();
        Path link = Files.createSymbolicLink(folder.resolve("public"), blog.root);

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z", "--site", link.toString());

        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("the state folder " + blog.state + " is inside the site folder " + link),
                run.err());
    }

    @Test
    void serveRefusesTheSameLayout() throws Exception {
        Blog blog = blog();
        assertEquals(0, blog.publish("2024-05-10T09:00:00Z").exit());
        StringWriter err = new StringWriter();

        int exit = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "serve",
                "--site", blog.root.toString(), "--port", "0", "--site-url", "http://127.0.0.1:8080/",
                "--state", blog.state.toString(), "--outbox", blog.outbox.toString());

        assertEquals(2, exit);
        assertTrue(err.toString().startsWith("gazette: the state folder " + blog.state + " is inside the site folder "
                + blog.root), err.toString());
    }

    @Test
    void foldersBesideTheSiteAreFine() throws Exception {
        Blog blog = blog();

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z", "--state", folder.resolve("site-state").toString());

        assertEquals(0, run.exit(), run.err());
    }
}
