package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import dev.gazette.local.SubscriberFile;
import dev.gazette.subscriber.Subscription;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishCommandTest {
    private static final String SUBSCRIBERS = "email,name\nada@example.com,Ada\ngrace@example.net,Grace\n";

    @TempDir
    Path folder;

    private static String post(String title) {
        return "---\ntitle: " + title + "\n---\n\nThe text of " + title + ".\n";
    }

    private static List<String> feedTitles(Blog blog, String path) throws Exception {
        Channel rss = (Channel) new WireFeedInput().build(new StringReader(blog.site(path)));
        return rss.getItems().stream().map(Item::getTitle).toList();
    }

    private static String subject(Blog blog, Path email) throws Exception {
        try (InputStream in = Files.newInputStream(blog.outbox.resolve(email))) {
            return new MimeMessage(Session.getInstance(new Properties()), in).getSubject();
        }
    }

    @Test
    void publishesRunAfterRun() throws Exception {
        Blog blog = new Blog(folder)
                .post("2024-05-01-first.md", post("First"))
                .post("2024-05-02-second.md", "---\ntitle: Second\ntags: [news]\n---\nSecond text.\n")
                .post("2024-05-03-idea.md", "---\ntitle: An idea\ndraft: true\n---\nNot yet.\n")
                .subscribers(SUBSCRIBERS);

        // First run: everything is published, nothing is emailed, and the writer is told why.
        Blog.Run first = blog.publish("2024-05-10T09:00:00Z");
        assertEquals(0, first.exit(), first.err());
        assertEquals("3 posts: 2 new (1 draft); first run: published everything and emailed nothing"
                + " (later runs email new posts)", first.out());
        assertEquals(List.of("Second", "First"), feedTitles(blog, "feed.xml"));
        assertEquals(List.of("Second"), feedTitles(blog, "tags/news/feed.xml"));
        assertTrue(blog.onSite("posts/first/index.html"));
        assertTrue(blog.onSite("index.html"));
        assertTrue(blog.onSite("atom.xml"));
        assertTrue(blog.onSite("feed.json"));
        assertFalse(blog.onSite("posts/idea/index.html"), "a draft is not published");
        assertEquals(List.of(), blog.emails());

        // Nothing changed: nothing is written, nothing is sent.
        var before = blog.siteFiles();
        Blog.Run again = blog.publish("2024-05-10T10:00:00Z");
        assertEquals("3 posts: nothing changed (1 draft)", again.out());
        assertEquals(before, blog.siteFiles());
        assertEquals(List.of(), blog.emails());

        // A new post: published, and one digest of it alone to each subscriber.
        blog.post("2024-05-11-third.md", post("Third"));
        Blog.Run third = blog.publish("2024-05-11T12:00:00Z");
        assertEquals(0, third.exit(), third.err());
        assertTrue(third.out().startsWith("4 posts: 1 new (1 draft); digest of 1 post to 2 subscribers → "), third.out());
        assertEquals(List.of("Third", "Second", "First"), feedTitles(blog, "feed.xml"));
        List<Path> emails = blog.emails();
        assertEquals(2, emails.size());
        assertEquals("ada@example.com.eml", emails.get(0).getFileName().toString());
        assertEquals("grace@example.net.eml", emails.get(1).getFileName().toString());
        assertEquals("Third", subject(blog, emails.get(0)));
        assertFalse(blog.email(emails.get(0)).contains("Second"), "only the new post is in the digest");

        // Run again: the digest went out already.
        assertEquals("4 posts: nothing changed (1 draft)", blog.publish("2024-05-11T13:00:00Z").out());
        assertEquals(emails, blog.emails());

        // An edit: the page and the feeds change in place, nobody is emailed again.
        blog.post("2024-05-11-third.md", post("Third, revised"));
        Blog.Run edit = blog.publish("2024-05-11T14:00:00Z");
        assertEquals("4 posts: 1 updated (1 draft)", edit.out());
        assertEquals(List.of("Third, revised", "Second", "First"), feedTitles(blog, "feed.xml"));
        assertTrue(blog.site("posts/third/index.html").contains("Third, revised"));
        assertEquals(emails, blog.emails());

        // A deleted post file: its page and its feed items go.
        blog.delete("2024-05-02-second.md");
        Blog.Run delete = blog.publish("2024-05-12T09:00:00Z");
        assertEquals("3 posts: 1 removed (1 draft)", delete.out());
        assertEquals(List.of("Third, revised", "First"), feedTitles(blog, "feed.xml"));
        assertFalse(blog.onSite("posts/second/index.html"));
        assertFalse(blog.onSite("tags/news/feed.xml"), "no post has the tag any more");
        assertFalse(blog.site("index.html").contains("Second"));
        assertFalse(blog.site("archive/2024/05/index.html").contains("Second"));
        assertTrue(blog.site("archive/2024/05/index.html").contains("Third, revised"));

        // A post dated in the future waits for its date, then is published and emailed.
        blog.post("2024-06-01-summer.md", "---\ntitle: Summer\ndate: 2024-06-01T08:00:00Z\n---\nSun.\n");
        Blog.Run waiting = blog.publish("2024-05-20T09:00:00Z");
        assertEquals("4 posts: nothing changed (1 draft, 1 scheduled); next scheduled: 2024-06-01-summer.md"
                + " at 2024-06-01T08:00:00Z", waiting.out());
        assertFalse(feedTitles(blog, "feed.xml").contains("Summer"));
        Blog.Run due = blog.publish("2024-06-01T08:05:00Z");
        assertTrue(due.out().startsWith("4 posts: 1 new (1 draft); digest of 1 post to 2 subscribers"), due.out());
        assertEquals("Summer", feedTitles(blog, "feed.xml").get(0));
        assertEquals(4, blog.emails().size());

        // A broken post among good ones: reported with file, line and reason; the good one goes out.
        blog.post("2024-06-02-broken.md", "---\ntitle: Broken\ndate: someday\n---\n")
                .post("2024-06-02-fine.md", post("Fine"));
        Blog.Run broken = blog.publish("2024-06-02T12:00:00Z");
        assertEquals(1, broken.exit());
        assertEquals(blog.posts.resolve("2024-06-02-broken.md") + ":3: front matter 'date' is not a date: \"someday\""
                + " (write YYYY-MM-DD, ISO-8601 such as 2024-05-01T09:30:00+02:00, or RFC 822)", broken.err());
        assertTrue(broken.out().startsWith("6 posts: 1 new, 1 error (1 draft); digest of 1 post to 2 subscribers"),
                broken.out());
        assertEquals(List.of("Fine", "Summer", "Third, revised", "First"), feedTitles(blog, "feed.xml"));
        assertEquals(6, blog.emails().size());
    }

    @Test
    void theArchiveHasAPagePerMonthWhileTheMonthHasPosts() throws Exception {
        Blog blog = new Blog(folder).post("2024-03-01-march.md", post("March")).post("2024-05-01-may.md", post("May"));
        blog.publish("2024-05-10T09:00:00Z");
        assertTrue(blog.site("archive/index.html").contains("March 2024"));
        assertTrue(blog.site("archive/2024/03/index.html").contains("March"));

        blog.delete("2024-03-01-march.md");
        blog.publish("2024-05-10T10:00:00Z");

        assertFalse(blog.onSite("archive/2024/03/index.html"));
        assertFalse(blog.site("archive/index.html").contains("March 2024"));
        assertTrue(blog.onSite("archive/2024/05/index.html"));
    }

    @Test
    void anEditOfTheSameSizeIsSeen() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-first.md", post("Alpha"));
        Path file = blog.posts.resolve("2024-05-01-first.md");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        blog.publish("2024-05-10T09:00:00Z");

        blog.post("2024-05-01-first.md", post("Omega"));
        Blog.Run edit = blog.publish("2024-05-10T10:00:00Z");

        assertEquals("1 post: 1 updated", edit.out());
        assertEquals(List.of("Omega"), feedTitles(blog, "feed.xml"));
        assertEquals("1 post: nothing changed", blog.publish("2024-05-10T11:00:00Z").out());
    }

    @Test
    void aPostBrokenByAnEditStaysPublishedAsItWas() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-first.md", post("First"));
        blog.publish("2024-05-10T09:00:00Z");
        String feed = blog.site("feed.xml");

        blog.post("2024-05-01-first.md", "---\ntitle: [First\n---\n");
        Blog.Run run = blog.publish("2024-05-10T10:00:00Z");

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("2024-05-01-first.md:2: invalid YAML front matter"), run.err());
        assertEquals(feed, blog.site("feed.xml"));
        assertTrue(blog.onSite("posts/first/index.html"));
    }

    @Test
    void aNewPostWithoutSubscribersIsNotEmailedLater() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-first.md", post("First"));
        blog.publish("2024-05-10T09:00:00Z");
        blog.post("2024-05-10-second.md", post("Second"));

        Blog.Run run = blog.publish("2024-05-10T10:00:00Z");

        assertEquals("2 posts: 1 new; digest of 1 post to 0 subscribers (give --subscribers FILE.csv, or let readers"
                + " subscribe with 'gazette serve')",
                run.out());
        blog.subscribers(SUBSCRIBERS);
        assertEquals("2 posts: nothing changed", blog.publish("2024-05-10T11:00:00Z").out());
        assertEquals(List.of(), blog.emails());
    }

    @Test
    void aPostFirstPublishedLongAfterItsDateIsNotEmailed() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-first.md", post("First")).subscribers(SUBSCRIBERS);
        blog.publish("2024-05-10T09:00:00Z");
        blog.post("2024-01-15-from-the-drawer.md", post("From the drawer"))
                .post("2024-05-08-recent.md", "---\ntitle: Recent\nemail: false\n---\nText.\n");

        Blog.Run run = blog.publish("2024-05-10T10:00:00Z");

        assertEquals(0, run.exit());
        assertEquals("3 posts: 2 new", run.out());
        assertEquals(blog.posts.resolve("2024-01-15-from-the-drawer.md")
                + ": not emailed: dated more than 7 days before it was published\n"
                + blog.posts.resolve("2024-05-08-recent.md") + ": not emailed: its front matter says email: false",
                run.err());
        assertEquals(List.of(), blog.emails());
    }

    @Test
    void severalNewPostsMakeOneDigest() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-first.md", post("First")).subscribers(SUBSCRIBERS);
        blog.publish("2024-05-10T09:00:00Z");
        blog.post("2024-05-10-a.md", post("A")).post("2024-05-10-b.md", post("B"));

        Blog.Run run = blog.publish("2024-05-10T10:00:00Z");

        assertTrue(run.out().startsWith("3 posts: 2 new; digest of 2 posts to 2 subscribers"), run.out());
        assertEquals(2, blog.emails().size());
        assertEquals("Example Blog: 2 new posts", subject(blog, blog.emails().get(0)));
    }

    @Test
    void copiesFilesBesideThePostsAndLinksThemAbsolutely() throws Exception {
        Blog blog = new Blog(folder)
                .post("2024-05-01-pics.md", "---\ntitle: Pics\n---\n![A cat](images/cat.png) and [notes](2024-05-02-notes.md#end)\n")
                .post("2024-05-02-notes.md", post("Notes"));
        Files.createDirectories(blog.posts.resolve("images"));
        Files.write(blog.posts.resolve("images/cat.png"), new byte[] {1, 2, 3});
        Files.write(blog.posts.resolve(".DS_Store"), new byte[] {0});

        blog.publish("2024-05-10T09:00:00Z");

        assertTrue(Files.exists(blog.site.resolve("images/cat.png")));
        assertFalse(Files.exists(blog.site.resolve(".DS_Store")));
        String page = blog.site("posts/pics/index.html");
        assertTrue(page.contains("<img src=\"https://example.com/images/cat.png\" alt=\"A cat\" />"), page);
        assertTrue(page.contains("href=\"https://example.com/posts/notes/#end\""), page);

        Files.delete(blog.posts.resolve("images/cat.png"));
        blog.publish("2024-05-10T10:00:00Z");
        assertFalse(Files.exists(blog.site.resolve("images/cat.png")));
    }

    @Test
    void everyRelativeUrlIsAbsoluteInEveryFeedAndEmail() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-first.md", post("First")).subscribers(SUBSCRIBERS);
        blog.publish("2024-05-10T09:00:00Z");
        blog.post("2024/2024-05-10-links.md", """
                ---
                title: Links
                ---
                [part](#part) [root](/about/) [up](../files/a.pdf) [beside](images/pic.png)
                [post](../2024-05-01-first.md#end) <img src="images/raw.png">
                """);

        blog.publish("2024-05-10T10:00:00Z");

        List<String> expected = List.of("https://example.com/posts/links/#part", "https://example.com/about/",
                "https://example.com/files/a.pdf", "https://example.com/2024/images/pic.png",
                "https://example.com/posts/first/#end", "https://example.com/2024/images/raw.png");
        Channel rss = (Channel) new WireFeedInput().build(new StringReader(blog.site("feed.xml")));
        assertEquals(expected, urls(rss.getItems().get(0).getContent().getValue()));
        com.rometools.rome.feed.atom.Feed atom = (com.rometools.rome.feed.atom.Feed)
                new WireFeedInput().build(new StringReader(blog.site("atom.xml")));
        assertEquals(expected, urls(atom.getEntries().get(0).getContents().get(0).getValue()));
        String json = com.google.gson.JsonParser.parseString(blog.site("feed.json")).getAsJsonObject()
                .getAsJsonArray("items").get(0).getAsJsonObject().get("content_html").getAsString();
        assertEquals(expected, urls(json));
        try (InputStream in = Files.newInputStream(blog.outbox.resolve(blog.emails().get(0)))) {
            var message = new MimeMessage(Session.getInstance(new Properties()), in);
            var html = (String) ((jakarta.mail.Multipart) message.getContent()).getBodyPart(1).getContent();
            List<String> inEmail = urls(org.jsoup.Jsoup.parse(html).selectFirst("h1").parent().html());
            assertEquals(expected, inEmail.subList(1, inEmail.size()), "after the title's own link");
        }
        assertEquals(expected, urls(org.jsoup.Jsoup.parse(blog.site("posts/links/index.html")).selectFirst("article").html()));
    }

    private static List<String> urls(String html) {
        return org.jsoup.Jsoup.parseBodyFragment(html).select("[href], [src]").stream()
                .map(element -> element.hasAttr("href") ? element.attr("href") : element.attr("src")).toList();
    }

    @Test
    void aFileCannotTakeThePlaceOfAPage() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-good.md", post("Good"))
                .post("posts/good/index.html", "<h1>Not the post</h1>")
                .post("notes/index.html", "<h1>Also refused</h1>");

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z");

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("posts/good/index.html: Gazette writes a file of this name itself"), run.err());
        assertTrue(run.err().contains("notes/index.html: Gazette writes a file of this name itself"), run.err());
        assertTrue(blog.site("posts/good/index.html").contains("Good"));
    }

    @Test
    void aReaderOnTheListAndSubscribedHereGetsOneCopyAndLeavingHereCounts() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-first.md", post("First"))
                .subscribers("email,name\nreader@example.com,Reader\n");
        blog.publish("2024-05-10T09:00:00Z");
        var store = new SubscriberFile(blog.state.resolve("subscribers.json"), Clock.systemUTC());
        store.put(Subscription.confirmed("Reader@Example.com", null, Instant.now()));

        blog.post("2024-05-10-second.md", post("Second"));
        assertTrue(blog.publish("2024-05-10T10:00:00Z").out().contains("to 1 subscriber"));
        assertEquals(1, blog.emails().size());

        store.put(new Subscription("Reader@example.com", null,
                Subscription.Status.PENDING, Instant.now(), Instant.now(),
                null, Subscription.LEFT_BEFORE, List.of()));
        blog.post("2024-05-10-third.md", post("Third"));
        assertTrue(blog.publish("2024-05-10T11:00:00Z").out().contains("to 0 subscribers"),
                "left, then asked again without confirming: not mailed on the list's say-so");
    }

    @Test
    void aLinkToADraftIsPublishedWithAWarning() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-a.md", "---\ntitle: A\n---\nSee [the idea](2024-05-02-idea.md).\n")
                .post("2024-05-02-idea.md", "---\ntitle: Idea\ndraft: true\n---\nNot yet.\n");

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z");

        assertEquals(0, run.exit(), "a warning, not an error");
        assertEquals(blog.posts.resolve("2024-05-01-a.md") + ": warning: links to 2024-05-02-idea.md, which is not a"
                + " published post (a draft, dated later, or no such file): the link leads nowhere until it is", run.err());
    }

    @Test
    void aPostThatMovesTakesTheLinksToItAlong() throws Exception {
        Blog blog = new Blog(folder)
                .post("2024-05-01-a.md", "---\ntitle: A\n---\nSee [B](2024-05-02-b.md).\n")
                .post("2024-05-02-b.md", post("B"));
        blog.publish("2024-05-10T09:00:00Z");

        blog.post("2024-05-02-b.md", "---\ntitle: B\nslug: bee\n---\nB.\n");
        Blog.Run run = blog.publish("2024-05-10T10:00:00Z");

        assertEquals("2 posts: 2 updated", run.out());
        assertTrue(blog.site("posts/a/index.html").contains("href=\"https://example.com/posts/bee/\""));
        assertFalse(blog.onSite("posts/b/index.html"));
    }

    @Test
    void aRenamedPostIsNotEmailedAgain() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-first.md", post("First")).subscribers("email\nada@example.com\n");
        blog.publish("2024-05-10T09:00:00Z");
        blog.post("2024-05-10-helo.md", post("Hello"));
        blog.publish("2024-05-10T10:00:00Z");
        assertEquals(1, blog.emails().size());

        Files.move(blog.posts.resolve("2024-05-10-helo.md"), blog.posts.resolve("2024-05-10-hello.md"));
        Blog.Run run = blog.publish("2024-05-10T11:00:00Z");

        assertEquals("2 posts: 1 new, 1 removed", run.out(), "a new address, in the feeds as well");
        assertTrue(blog.onSite("posts/hello/index.html"));
        assertEquals(1, blog.emails().size(), "emailed under its first name, not again under its second");
    }

    @Test
    void aPermalinkCannotTakeThePlaceOfGazettesOwnPagesOrOfAFile() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-09-archive.md", post("Archive"))
                .post("2024-05-09-about.md", post("About")).post("about.html", "<p>Mine</p>");

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z", "--permalink", "/:slug.html");
        Blog.Run folders = blog.publish("2024-05-10T10:00:00Z", "--permalink", "/:slug/");

        assertEquals(blog.posts.resolve("2024-05-09-about.md") + ": its permalink /about.html would overwrite the file"
                + " about.html; give it another 'slug'", run.err());
        assertEquals("<p>Mine</p>", blog.site("about.html"));
        assertEquals(blog.posts.resolve("2024-05-09-archive.md") + ": its permalink /archive/ would overwrite a page"
                + " Gazette writes itself; give it another 'slug'", folders.err());
        assertTrue(blog.site("archive/index.html").contains("May 2024"), "the archive is still the archive");
    }

    @Test
    void theSiteGetsA404PageThatNoPostOrFileTakes() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-09-launch.md", post("Launch")).post("2024-05-09-404.md", post("Lost"));

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z", "--permalink", "/:slug.html");

        assertTrue(blog.site("404.html").contains("Page not found"), blog.site("404.html"));
        assertTrue(blog.site("404.html").contains("href=\"http"), "absolute links: the page is served at any path");
        assertEquals(blog.posts.resolve("2024-05-09-404.md") + ": its permalink /404.html would overwrite a page"
                + " Gazette writes itself; give it another 'slug'", run.err());
    }

    @Test
    void theSiteOutboxAndStateInsideThePostsFolderAreNotPublished() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-first.md", post("First")).subscribers("email\nada@example.com\n");
        List<String> inside = List.of("--site", blog.posts.resolve("_site").toString(),
                "--outbox", blog.posts.resolve("outbox").toString(), "--state", blog.posts.resolve("state").toString());
        blog.publish("2024-05-10T09:00:00Z", inside.toArray(String[]::new));
        blog.post("2024-05-10-new.md", post("New"));

        Blog.Run second = blog.publish("2024-05-10T10:00:00Z", inside.toArray(String[]::new));
        Blog.Run third = blog.publish("2024-05-10T11:00:00Z", inside.toArray(String[]::new));

        assertEquals(0, second.exit(), second.err());
        assertEquals("2 posts: 1 new; digest of 1 post to 1 subscriber → " + blog.posts.resolve("outbox"),
                second.out().substring(0, second.out().lastIndexOf('/')));
        assertEquals("2 posts: nothing changed", third.out(), third.err());
        assertFalse(Files.exists(blog.posts.resolve("_site/outbox")), "no email is published");
        assertFalse(Files.exists(blog.posts.resolve("_site/_site")));
        assertFalse(Files.exists(blog.posts.resolve("_site/state")));
    }

    @Test
    void changingTheTitleOrTheFeedSizeWritesThePagesAndFeedsAgain() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-a.md", post("A")).post("2024-05-02-b.md", post("B"));
        blog.publish("2024-05-10T09:00:00Z");

        blog.publish("2024-05-10T10:00:00Z", "--title", "New Name", "--feed-size", "1");

        assertTrue(blog.site("posts/a/index.html").contains("New Name"));
        assertTrue(blog.site("index.html").contains("New Name"));
        assertEquals(List.of("B"), feedTitles(blog, "feed.xml"));
    }

    @Test
    void wrongOptionsForTheDigestAreToldBeforeAnythingIsPublished() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-first.md", post("First"));

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z", "--from", "not an address");

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--from \"not an address\" is not an email address"), run.err());
        assertFalse(Files.exists(blog.site), "nothing published");
    }

    @Test
    void aSiteWithoutSubscribersNeedsNoSender() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-first.md", post("First"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        // No --from: newsletter@localhost is no address, but nothing is mailed, so nothing asks for one.
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "publish",
                "--posts", blog.posts.toString(), "--site", blog.site.toString(), "--site-url", "http://localhost:8000/",
                "--state", blog.state.toString(), "--outbox", blog.outbox.toString(), "--permalink", "/posts/:slug/");

        assertEquals(0, exit, err.toString());
        assertTrue(blog.onSite("posts/first/index.html"));
        assertFalse(Files.exists(blog.state.resolve("secret")), "no secret made before a link is signed");
    }

    @Test
    void twoPostsCannotShareAPermalink() throws Exception {
        Blog blog = new Blog(folder)
                .post("2023-01-01-roadmap.md", post("Roadmap 2023"))
                .post("2024-01-01-roadmap.md", post("Roadmap 2024"));

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z");

        assertEquals(1, run.exit());
        assertEquals(blog.posts.resolve("2024-01-01-roadmap.md") + ": its permalink /posts/roadmap/ is taken by"
                + " 2023-01-01-roadmap.md; give one of them another 'slug'", run.err());
        Blog.Run dated = blog.publish("2024-05-10T09:00:00Z", "--permalink", "/:year/:slug/");
        assertEquals(0, dated.exit(), dated.err());
        assertTrue(blog.onSite("2024/roadmap/index.html"));
        assertTrue(blog.onSite("2023/roadmap/index.html"));
        assertFalse(blog.onSite("posts/roadmap/index.html"), "pages at the old permalinks are gone");
    }

    @Test
    void slugsTypedInEitherUnicodeFormAreOnePermalink() throws Exception {
        // "café" with a composed é and with e + U+0301: one URL, so one permalink, and the second post is refused.
        Blog blog = new Blog(folder)
                .post("a.md", "---\ntitle: a\nslug: caf\u00e9\ndate: 2026-11-01\n---\nbody a.md\n")
                .post("b.md", "---\ntitle: b\nslug: cafe\u0301\ndate: 2026-11-01\n---\nbody b.md\n");

        Blog.Run run = blog.publish("2026-11-02T09:00:00Z");

        assertEquals(1, run.exit());
        assertEquals(blog.posts.resolve("b.md") + ": its permalink /posts/caf\u00e9/ is taken by a.md;"
                + " give one of them another 'slug'", run.err());
        assertTrue(blog.site("posts/caf\u00e9/index.html").contains("body a.md"));
    }

    @Test
    void slugsThatDifferOnlyInCaseAreOnePermalink() throws Exception {
        // posts/Readme/ and posts/readme/ are one folder on macOS and Windows: the second post is refused.
        Blog blog = new Blog(folder)
                .post("2024-05-01-Readme.md", post("Upper"))
                .post("2024-05-02-readme.md", post("Lower"));

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z");

        assertEquals(1, run.exit());
        assertEquals(blog.posts.resolve("2024-05-02-readme.md") + ": its permalink /posts/readme/ is taken by"
                + " 2024-05-01-Readme.md; give one of them another 'slug'", run.err());
    }

    @Test
    void rebuildsASiteFolderThatWasDeleted() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-first.md", post("First")).post("images/pic.png", "PNG");
        // Long unchanged, so the run after this one goes by the files' size and time.
        for (String name : List.of("2024-05-01-first.md", "images/pic.png")) {
            Files.setLastModifiedTime(blog.posts.resolve(name),
                    java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        }
        blog.publish("2024-05-10T09:00:00Z");
        var files = blog.siteFiles().keySet();
        assertTrue(files.contains("images/pic.png"), files.toString());

        try (var walk = Files.walk(blog.site)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        blog.publish("2024-05-10T10:00:00Z");

        assertEquals(files, blog.siteFiles().keySet());
    }

    @Test
    void reportsBadSubscriberRowsAndMailsTheRest() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-first.md", post("First"))
                .subscribers("email,name\nada@example.com,Ada\nnot-an-address,Bob\n");
        blog.publish("2024-05-10T09:00:00Z");
        blog.post("2024-05-10-new.md", post("New"));

        Blog.Run run = blog.publish("2024-05-10T10:00:00Z");

        assertEquals(1, run.exit());
        assertTrue(run.err().endsWith("subscribers.csv:3: not an email address: \"not-an-address\""), run.err());
        assertEquals(1, blog.emails().size());
    }

    @Test
    void wrongOptionsGetAClearMessage() throws Exception {
        Blog blog = new Blog(folder);
        Blog.Run url = blog.publish("2024-05-10T09:00:00Z", "--site-url", "example.com");
        assertEquals(2, url.exit());
        assertEquals("gazette: site URL \"example.com\" must be an absolute http(s) URL such as https://example.com/",
                url.err());
        Blog.Run digest = blog.publish("2024-05-10T09:00:00Z", "--digest", "weekly");
        assertEquals(2, digest.exit());
        assertEquals("gazette: --digest is 'full' or 'summary', not 'weekly'", digest.err());
        Blog.Run missing = new Blog(folder.resolve("nowhere")).publish("2024-05-10T09:00:00Z", "--posts",
                folder.resolve("missing").toString());
        assertEquals(3, missing.exit());
        assertTrue(missing.err().startsWith("gazette: no such file or folder: "), missing.err());
    }

    @Test
    void aDamagedSecretIsNamed() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-first.md", post("First")).subscribers("email\nada@example.com\n");
        blog.publish("2024-05-10T09:00:00Z");
        Files.writeString(blog.state.resolve("secret"), "not base64 at all!");
        blog.post("2024-05-10-new.md", post("New"));

        Blog.Run run = blog.publish("2024-05-10T10:00:00Z");

        assertEquals(3, run.exit());
        assertTrue(run.err().startsWith("gazette: " + blog.state.resolve("secret") + " is damaged"), run.err());
    }

    @Test
    void aDamagedStateFolderIsNamedNotOverwritten() throws Exception {
        Blog blog = new Blog(folder).post("2024-05-01-first.md", post("First"));
        Files.createDirectories(blog.state);
        Files.writeString(blog.state.resolve("catalog.json"), "{ not json");

        Blog.Run run = blog.publish("2024-05-10T09:00:00Z");

        assertEquals(3, run.exit());
        assertTrue(run.err().startsWith("gazette: " + blog.state.resolve("catalog.json") + " is damaged"), run.err());
        assertEquals("{ not json", Files.readString(blog.state.resolve("catalog.json")));
    }
}
