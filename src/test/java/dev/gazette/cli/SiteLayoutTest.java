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
    @Test
    void aDotDotAfterALinkIsWhereTheSystemTakesIt() throws Exception {
        Blog blog = blog();
        Files.createDirectories(blog.site.resolve("sub"));
        Path link = Files.createSymbolicLink(folder.resolve("sl"), blog.site.resolve("sub"));

        // sl/.. is the site folder, not the folder the link is in.
        Blog.Run run = blog.publish("2024-05-10T09:00:00Z", "--state", link + "/../st", "--outbox", link + "/../ob");

        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().startsWith("gazette: the state folder " + link + "/../st is inside the site folder "
                + blog.site), run.err());
        assertFalse(Files.exists(blog.site.resolve("st")), "no secret is made where it would be served");
    }

    @Test
    void serveSeesThroughADotDotAfterALink() throws Exception {
        Blog blog = blog();
        assertEquals(0, blog.publish("2024-05-10T09:00:00Z").exit());
        Path link = Files.createSymbolicLink(folder.resolve("sl"), Files.createDirectories(blog.site.resolve("sub")));
        StringWriter err = new StringWriter();

        int exit = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "serve",
                "--site", blog.site.toString(), "--port", "0", "--site-url", "http://127.0.0.1:8080/",
                "--state", blog.state.toString(), "--outbox", link + "/../ob");

        assertEquals(2, exit);
        assertTrue(err.toString().startsWith("gazette: the outbox folder " + link + "/../ob is inside the site folder "
                + blog.site), err.toString());
    }

    @Test
    void postsInsideTheSiteAreRefused() throws Exception {
        Blog blog = blog();
        Path link = Files.createSymbolicLink(folder.resolve("public"), Files.createDirectories(blog.site));

        for (String posts : new String[] {blog.site.resolve("posts").toString(), link.resolve("posts").toString(),
                blog.site.toString()}) {
            Blog.Run run = blog.publish("2024-05-10T09:00:00Z", "--posts", posts);

            assertEquals(2, run.exit(), run.err());
            assertEquals("gazette: --site must be a folder of its own, not the posts folder " + posts + " or a folder"
                    + " around it: the drafts and every raw post would be served with the site", run.err());
        }
        assertFalse(Files.exists(blog.site.resolve("index.html")), "nothing is published");
    }

    @Test
    void aSubscriberListInsideTheSiteIsRefused() throws Exception {
        Blog blog = blog();
        Path list = Files.createDirectories(blog.site).resolve("readers.csv");
        Files.writeString(list, "email,name\nada@example.com,Ada\n");

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z", "--subscribers", list.toString());

        assertEquals(2, run.exit(), run.err());
        assertEquals("gazette: the subscriber list " + list + " is inside the site folder " + blog.site + ", where"
                + " anyone who can read the site could read it; give --subscribers a file outside the site, or --site"
                + " a folder of its own", run.err());
    }
}
