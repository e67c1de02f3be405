package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A blog moving in from Jekyll or Hugo: its dates in its URLs, its own permalinks, its old paths redirected. */
class MovingInTest {
    @TempDir
    Path folder;

    @Test
    void postsOfOneSlugOnDifferentDaysEachGetTheirDateInTheirPermalink() throws IOException {
        Blog blog = new Blog(folder)
                .post("2023-06-01-survey.md", "---\ntitle: Survey 2023\n---\nTake it.\n")
                .post("2024-06-01-survey.md", "---\ntitle: Survey 2024\n---\nTake it again.\n");

        Blog.Run run = blog.publishWithDefaults("2024-07-01T00:00:00Z");

        assertEquals(0, run.exit(), run.err());
        assertTrue(blog.site("2023/06/01/survey/index.html").contains("Survey 2023"));
        assertTrue(blog.site("2024/06/01/survey/index.html").contains("Survey 2024"));
    }

    @Test
    void twoPostsOfOneSlugOnOneDayAreStillRefusedNamingBoth() throws IOException {
        Blog blog = new Blog(folder)
                .post("a/2024-06-01-survey.md", "---\ntitle: One\n---\nA.\n")
                .post("b/2024-06-01-survey.md", "---\ntitle: Two\n---\nB.\n");

        Blog.Run run = blog.publishWithDefaults("2024-07-01T00:00:00Z");

        assertEquals(1, run.exit());
        assertEquals(blog.posts.resolve("b/2024-06-01-survey.md") + ": its permalink /2024/06/01/survey/ is taken by"
                + " a/2024-06-01-survey.md; give one of them another 'slug'", run.err());
    }

    @Test
    void aSiteFirstPublishedWithTheEarlierDefaultKeepsItsPermalinksAndFeedIds() throws Exception {
        Blog blog = new Blog(folder);
        copyFixture("site-before-dates/posts", blog.posts);
        copyFixture("site-before-dates/state", blog.state);
        blog.post("2024-05-10-third.md", "---\ntitle: Third\n---\nNew after the upgrade.\n");

        Blog.Run run = blog.publishWithDefaults("2024-05-10T09:00:00Z");

        assertEquals(0, run.exit(), run.err());
        assertTrue(blog.onSite("posts/launch/index.html"));
        assertTrue(blog.onSite("posts/second/index.html"));
        assertTrue(blog.onSite("posts/third/index.html"));
        assertFalse(blog.onSite("2024"));
        String atom = blog.site("atom.xml");
        assertTrue(atom.contains("<id>https://example.com/posts/launch/</id>"), atom);
        assertTrue(blog.site("posts/second/index.html").contains("href=\"https://example.com/posts/launch/\""));
    }

    @Test
    void aPostMayChooseItsOwnPermalinkAsJekyllOrHugoWriteIt() throws IOException {
        Blog blog = new Blog(folder)
                .post("2024-05-01-about.md", "---\ntitle: About\npermalink: /about/\n---\nWho we are.\n")
                .post("2024-05-02-old.md", "---\ntitle: Old\nurl: /2019/old-style\n---\nFrom Hugo.\n")
                .post("2024-05-03-page.md", "---\ntitle: Page\npermalink: /pages/one.html\n---\nA page.\n");

        Blog.Run run = blog.publishWithDefaults("2024-07-01T00:00:00Z");

        assertEquals(0, run.exit(), run.err());
        assertTrue(blog.site("about/index.html").contains("<link rel=\"canonical\" href=\"https://example.com/about/\">"));
        assertTrue(blog.site("2019/old-style/index.html").contains("From Hugo."));
        assertTrue(blog.site("pages/one.html").contains("A page."));
    }

    @Test
    void aPermalinkInFrontMatterIsHeldToThePermalinkRules() throws IOException {
        Blog blog = new Blog(folder)
                .post("a.md", "---\ntitle: A\ndate: 2024-05-01\npermalink: /posts/../index.html\n---\nA.\n")
                .post("b.md", "---\ntitle: B\ndate: 2024-05-01\nurl: /x/" + "y".repeat(1001) + "/\n---\nB.\n")
                .post("c.md", "---\ntitle: C\ndate: 2024-05-01\npermalink: /shared/\n---\nC.\n")
                .post("d.md", "---\ntitle: D\ndate: 2024-05-01\npermalink: /Shared/\n---\nD.\n")
                .post("e.md", "---\ntitle: E\ndate: 2024-05-01\npermalink: /feed.xml/\n---\nE.\n")
                .post("f.md", "---\ntitle: F\ndate: 2024-05-01\n---\nF is fine.\n");

        Blog.Run run = blog.publishWithDefaults("2024-07-01T00:00:00Z");

        assertEquals(1, run.exit());
        List<String> lines = run.err().lines().toList();
        assertEquals(4, lines.size(), run.err());
        assertTrue(lines.get(0).startsWith(blog.posts.resolve("a.md") + ":4: front matter 'permalink' has the"
                + " segment \"..\""), lines.get(0));
        assertTrue(lines.get(1).startsWith(blog.posts.resolve("b.md") + ":4: front matter 'url' is 1,005"
                + " characters long, over the limit of 1,000"), lines.get(1));
        assertEquals(blog.posts.resolve("d.md") + ": its permalink /Shared/ is taken by c.md; give one of them"
                + " another 'permalink'", lines.get(2));
        assertEquals(blog.posts.resolve("e.md") + ": its permalink /feed.xml/ would overwrite a page Gazette writes"
                + " itself; give it another 'permalink'", lines.get(3));
        assertTrue(blog.onSite("2024/05/01/f/index.html"));
    }

    @Test
    void oldPathsGetRedirectPagesUntilThePostOrTheAliasGoes() throws IOException {
        Blog blog = new Blog(folder)
                .post("2024-05-01-launch.md", "---\ntitle: Launch\naliases: [/posts/launch/, /old/launch.html]\n"
                        + "---\nWe launched.\n")
                .post("2024-05-02-news.md", "---\ntitle: News\nredirect_from:\n  - /news-old/\n---\nNews.\n");

        Blog.Run run = blog.publishWithDefaults("2024-07-01T00:00:00Z");

        assertEquals(0, run.exit(), run.err());
        Document redirect = Jsoup.parse(blog.site("posts/launch/index.html"));
        assertEquals("0; url=https://example.com/2024/05/01/launch/",
                redirect.selectFirst("meta[http-equiv=refresh]").attr("content"));
        assertEquals("https://example.com/2024/05/01/launch/", redirect.selectFirst("link[rel=canonical]").attr("href"));
        assertEquals("https://example.com/2024/05/01/launch/", redirect.selectFirst("main a").attr("href"));
        assertTrue(blog.site("old/launch.html").contains("url=https://example.com/2024/05/01/launch/"));
        assertTrue(blog.site("news-old/index.html").contains("url=https://example.com/2024/05/02/news/"));

        blog.post("2024-05-01-launch.md", "---\ntitle: Launch\naliases: [/old/launch.html]\n---\nWe launched.\n")
                .delete("2024-05-02-news.md");
        Blog.Run later = blog.publishWithDefaults("2024-07-02T00:00:00Z");

        assertEquals(0, later.exit(), later.err());
        assertFalse(blog.onSite("posts/launch/index.html"));
        assertFalse(blog.onSite("news-old/index.html"));
        assertTrue(blog.onSite("old/launch.html"));
    }

    @Test
    void aRedirectPageNeverTakesThePlaceOfAPostOrAFile() throws IOException {
        Blog blog = new Blog(folder)
                .post("2024-05-01-launch.md", "---\ntitle: Launch\n---\nWe launched.\n")
                .post("logo.png", "not really a picture")
                // Listed before the post whose permalink it wants as an old path: the post wins all the same.
                .post("2024-04-30-news.md", "---\ntitle: News\naliases: [/2024/05/01/launch/]\n---\nNews.\n")
                .post("2024-05-03-more.md", "---\ntitle: More\nredirect_from: /logo.png/\n---\nMore.\n");

        Blog.Run run = blog.publishWithDefaults("2024-07-01T00:00:00Z");

        assertEquals(1, run.exit());
        assertEquals(List.of(blog.posts.resolve("2024-04-30-news.md") + ": its old path /2024/05/01/launch/ is the"
                        + " permalink of 2024-05-01-launch.md; a redirect page never replaces a post: take it out of"
                        + " 'aliases' or 'redirect_from'",
                blog.posts.resolve("2024-05-03-more.md") + ": its old path /logo.png/ would overwrite the file"
                        + " logo.png; take it out of 'aliases' or 'redirect_from'"), run.err().lines().toList());
        assertTrue(blog.site("2024/05/01/launch/index.html").contains("We launched."));
        assertFalse(blog.onSite("2024/04/30/news/index.html"));
        assertFalse(blog.onSite("2024/05/03/more/index.html"));
    }

    /** On macOS and Windows Index.html is index.html: no path that differs from Gazette's own only in case. */
    @Test
    void aPathThatIsGazettesOwnButForCaseIsRefusedAsGazettesOwnIs() throws IOException {
        Blog blog = new Blog(folder)
                .post("2024-05-01-home.md", "---\ntitle: Home\npermalink: /Index.html\n---\nMine.\n")
                .post("2024-05-02-lost.md", "---\ntitle: Lost\naliases: [/404.HTML]\n---\nLost.\n")
                .post("2024-05-03-news.md", "---\ntitle: News\ntags: [news]\nredirect_from: [/Tags/news/]\n---\nN.\n")
                .post("2024-05-04-robots.md", "---\ntitle: Robots\npermalink: /ROBOTS.TXT/\n---\nR.\n")
                .post("Feed.XML", "<rss/>");

        Blog.Run run = blog.publishWithDefaults("2024-07-01T00:00:00Z");

        assertEquals(List.of(
                blog.posts.resolve("2024-05-01-home.md") + ": its permalink /Index.html would overwrite a page Gazette"
                        + " writes itself; give it another 'permalink'",
                blog.posts.resolve("2024-05-02-lost.md") + ": its old path /404.HTML would overwrite a page Gazette"
                        + " writes itself; take it out of 'aliases' or 'redirect_from'",
                blog.posts.resolve("2024-05-03-news.md") + ": its old path /Tags/news/ would overwrite a page Gazette"
                        + " writes itself; take it out of 'aliases' or 'redirect_from'",
                blog.posts.resolve("2024-05-04-robots.md") + ": its permalink /ROBOTS.TXT/ would overwrite a page"
                        + " Gazette writes itself; give it another 'permalink'",
                blog.posts.resolve("Feed.XML") + ": Gazette writes a file of this name itself; move it to"
                        + " another folder"), run.err().lines().sorted().toList());
        assertFalse(blog.onSite("Index.html"));
        assertFalse(blog.onSite("Feed.XML"));
    }

    /** On macOS and Windows /About/ and /about/ are one folder: a post published before holds it in either case. */
    @Test
    void aPermalinkThatDiffersOnlyInCaseFromAPublishedPostsIsTaken() throws IOException {
        Blog blog = new Blog(folder).post("2024-05-01-about.md", "---\ntitle: About\npermalink: /About/\n---\nUs.\n");
        blog.publishWithDefaults("2024-07-01T00:00:00Z");
        blog.post("2024-05-02-team.md", "---\ntitle: Team\npermalink: /about/\n---\nThem.\n")
                .post("2024-05-03-old.md", "---\ntitle: Old\naliases: [/ABOUT/]\n---\nOld.\n");

        Blog.Run run = blog.publishWithDefaults("2024-07-02T00:00:00Z");

        assertEquals(List.of(
                blog.posts.resolve("2024-05-02-team.md") + ": its permalink /about/ is taken by 2024-05-01-about.md;"
                        + " give one of them another 'permalink'",
                blog.posts.resolve("2024-05-03-old.md") + ": its old path /ABOUT/ is the permalink of"
                        + " 2024-05-01-about.md; a redirect page never replaces a post: take it out of 'aliases' or"
                        + " 'redirect_from'"), run.err().lines().sorted().toList());
        assertFalse(blog.onSite("about/index.html"));
        assertFalse(blog.onSite("ABOUT/index.html"));
    }

    /** On macOS and Windows About.html is the writer's about.html: a page there would overwrite it. */
    @Test
    void aPageThatIsTheWritersFileButForCaseIsRefused() throws IOException {
        Blog blog = new Blog(folder).post("about.html", "<p>Mine</p>").post("Media/logo.png", "png")
                .post("2024-05-01-about.md", "---\ntitle: About\npermalink: /About.html\n---\nUs.\n")
                .post("2024-05-02-old.md", "---\ntitle: Old\naliases: [/media/LOGO.png/]\n---\nOld.\n");

        Blog.Run run = blog.publishWithDefaults("2024-07-01T00:00:00Z");

        assertEquals(List.of(
                blog.posts.resolve("2024-05-01-about.md") + ": its permalink /About.html would overwrite the file"
                        + " about.html; give it another 'permalink'",
                blog.posts.resolve("2024-05-02-old.md") + ": its old path /media/LOGO.png/ would overwrite the file"
                        + " Media/logo.png; take it out of 'aliases' or 'redirect_from'"),
                run.err().lines().sorted().toList());
        assertEquals("<p>Mine</p>", blog.site("about.html"));
        assertFalse(blog.onSite("About.html"));
    }

    /** A page's file cannot also be a folder of another page's path: the file system holds one or the other. */
    @Test
    void aPathBelowAnotherPostsPageFileIsRefused() throws IOException {
        Blog blog = new Blog(folder)
                .post("2024-05-01-guide.md", "---\ntitle: Guide\npermalink: /guide.html\n---\nGuide.\n")
                .post("2024-05-02-part.md", "---\ntitle: Part\npermalink: /guide.html/part/\n---\nPart.\n")
                .post("2024-05-03-old.md", "---\ntitle: Old\naliases: [/guide.html/old.html]\n---\nOld.\n")
                .post("2024-05-04-news.md", "---\ntitle: News\n---\nNews.\n")
                .post("2024-05-05-one.md", "---\ntitle: One\npermalink: /notes.html/one/\n---\nOne.\n")
                .post("2024-05-06-notes.md", "---\ntitle: Notes\npermalink: /notes.html\n---\nNotes.\n");

        Blog.Run run = blog.publishWithDefaults("2024-07-01T00:00:00Z");

        assertEquals(List.of(
                blog.posts.resolve("2024-05-02-part.md") + ": its permalink /guide.html/part/ would overwrite the page"
                        + " of 2024-05-01-guide.md; give it another 'permalink'",
                blog.posts.resolve("2024-05-03-old.md") + ": its old path /guide.html/old.html would overwrite the"
                        + " page of 2024-05-01-guide.md; take it out of 'aliases' or 'redirect_from'",
                blog.posts.resolve("2024-05-06-notes.md") + ": its permalink /notes.html would overwrite the folder"
                        + " of the page of 2024-05-05-one.md; give it another 'permalink'"),
                run.err().lines().sorted().toList());
        assertTrue(blog.site("guide.html").contains("Guide."));
        assertTrue(blog.site("2024/05/04/news/index.html").contains("News."), "the other posts are published");
    }

    /** a/ and a/index.html are one page, whichever way a permalink or an old path writes it. */
    @Test
    void aPageIsOnePageWhetherItsPathEndsInASlashOrInIndexHtml() throws IOException {
        Blog blog = new Blog(folder)
                .post("2024-05-01-launch.md", "---\ntitle: Launch\n---\nWe launched.\n")
                .post("2024-05-02-news.md", "---\ntitle: News\naliases: [/2024/05/01/launch/index.html]\n---\nNews.\n")
                .post("2024-05-03-own.md", "---\ntitle: Own\npermalink: /2024/05/01/launch/index.html\n---\nOwn.\n")
                .post("2024-05-04-robots.md", "---\ntitle: Robots\npermalink: /robots.txt/\n---\nRobots.\n");

        Blog.Run run = blog.publishWithDefaults("2024-07-01T00:00:00Z");

        assertEquals(List.of(
                blog.posts.resolve("2024-05-02-news.md") + ": its old path /2024/05/01/launch/index.html is the"
                        + " permalink of 2024-05-01-launch.md; a redirect page never replaces a post: take it out of"
                        + " 'aliases' or 'redirect_from'",
                blog.posts.resolve("2024-05-03-own.md") + ": its permalink /2024/05/01/launch/index.html is taken by"
                        + " 2024-05-01-launch.md; give one of them another 'permalink'",
                blog.posts.resolve("2024-05-04-robots.md") + ": its permalink /robots.txt/ would overwrite a page"
                        + " Gazette writes itself; give it another 'permalink'"), run.err().lines().sorted().toList());
        assertTrue(blog.site("2024/05/01/launch/index.html").contains("We launched."));

        blog.post("2024-05-01-launch.md", "---\ntitle: Launch\npermalink: /2024/05/01/launch/index.html\n---\nSame.\n");
        blog.publishWithDefaults("2024-07-02T00:00:00Z");
        assertTrue(blog.site("2024/05/01/launch/index.html").contains("Same."));
    }

    @Test
    void warnsOfLinksAndImagesThatMatchNoFileOrLeaveThePostsFolder() throws IOException {
        Blog blog = new Blog(folder)
                .post("2024/cat.png", "a picture")
                .post("2024/2024-05-01-pets.md", "---\ntitle: Pets\ncover: missing-cover.png\n---\n"
                        + "Here is ![a cat](cat.png).\n\n"
                        + "And ![a dog](dog.png), and [the paper](../papers/paper.pdf).\n\n"
                        + "<img src=\"../../../images/x.png\" alt=\"x\">\n");

        Blog.Run run = blog.publishWithDefaults("2024-07-01T00:00:00Z");

        assertEquals(0, run.exit(), run.err());
        Path post = blog.posts.resolve("2024/2024-05-01-pets.md");
        assertEquals(List.of(
                post + ":7: warning: links to dog.png, which matches no file in the posts folder (2024/dog.png): the"
                        + " link leads nowhere until there is one",
                post + ":7: warning: links to ../papers/paper.pdf, which matches no file in the posts folder"
                        + " (papers/paper.pdf): the link leads nowhere until there is one",
                post + ":9: warning: links to ../../../images/x.png, which leads out of the posts folder, where"
                        + " Gazette publishes nothing: put the file in the posts folder and link it from there",
                post + ":3: warning: its cover image missing-cover.png, which matches no file in the posts folder"
                        + " (2024/missing-cover.png): the link leads nowhere until there is one"),
                run.err().lines().toList());
    }

    @Test
    void everyTagHasAPageWithItsFeedsLinkedFromItsPosts() throws IOException {
        Blog blog = new Blog(folder)
                .post("2024-05-01-launch.md", "---\ntitle: Launch\ntags: [Rust, News]\n---\nWe launched.\n")
                .post("2024-05-02-rust.md", "---\ntitle: More Rust\ntags: rust\n---\nRust again.\n")
                .post("2024-05-03-half.md", "---\ntitle: Half\ntags: 50%\n---\nHalf.\n")
                .post("2024-05-04-untagged.md", "---\ntitle: Untagged\n---\nNo tags.\n")
                .post("2024-05-05-untagged.md", "---\ntitle: Untagged too\n---\nNo tags either.\n");

        Blog.Run run = blog.publishWithDefaults("2024-07-01T00:00:00Z");

        assertEquals(0, run.exit(), run.err());
        Document post = Jsoup.parse(blog.site("2024/05/01/launch/index.html"));
        assertEquals(List.of("https://example.com/tags/rust/", "https://example.com/tags/news/"),
                post.select("a[rel=tag]").eachAttr("href"));
        Document tag = Jsoup.parse(blog.site("tags/rust/index.html"));
        assertEquals("https://example.com/tags/rust/", tag.selectFirst("link[rel=canonical]").attr("href"));
        assertEquals("https://example.com/tags/rust/", tag.selectFirst("meta[property=og:url]").attr("content"));
        // Named as the newest post writes it.
        assertEquals("Posts tagged rust · Example Blog", tag.selectFirst("meta[property=og:title]").attr("content"));
        assertEquals(List.of("More Rust", "Launch"), tag.select("main li a").eachText());
        assertTrue(tag.select("link[rel=alternate]").eachAttr("href").contains("https://example.com/tags/rust/atom.xml"));
        assertTrue(blog.onSite("tags/rust/feed.xml"));
        // The form on a tag's page subscribes to that tag.
        assertEquals("rust", tag.selectFirst(".subscribe form input[type=hidden][name=topic]").attr("value"));

        assertTrue(blog.onSite("tags/50%25/index.html"));
        blog.delete("2024-05-01-launch.md").delete("2024-05-03-half.md");
        Blog.Run later = blog.publishWithDefaults("2024-07-02T00:00:00Z");
        assertEquals(0, later.exit(), later.err());
        assertFalse(blog.onSite("tags/news/index.html"));
        assertFalse(blog.onSite("tags/news/feed.xml"));
        assertFalse(blog.onSite("tags/50%25/index.html"));
        assertFalse(blog.onSite("tags/50%25/atom.xml"));
        assertEquals(List.of("More Rust"), Jsoup.parse(blog.site("tags/rust/index.html")).select("main li a").eachText());
    }

    @Test
    void theSitemapListsEveryPageWithWhenItChangedAndRobotsNamesIt() throws IOException {
        Blog blog = new Blog(folder)
                .post("2024-05-01-launch.md", "---\ntitle: Launch\ntags: [News]\nupdated: 2024-06-01\n---\nHi.\n")
                .post("2024-06-02-second.md", "---\ntitle: Second\n---\nMore.\n");

        assertEquals(0, blog.publishWithDefaults("2024-07-01T00:00:00Z").exit());

        Document sitemap = Jsoup.parse(blog.site("sitemap.xml"), "", org.jsoup.parser.Parser.xmlParser());
        List<String> urls = sitemap.select("url > loc").eachText();
        assertEquals(List.of("https://example.com/", "https://example.com/archive/",
                "https://example.com/archive/2024/06/", "https://example.com/archive/2024/05/",
                "https://example.com/tags/news/", "https://example.com/2024/06/02/second/",
                "https://example.com/2024/05/01/launch/"), urls);
        assertEquals("2024-06-01T00:00:00Z", sitemap.select("url").get(6).selectFirst("lastmod").text());
        assertEquals("2024-06-02T00:00:00Z", sitemap.select("url").get(0).selectFirst("lastmod").text());
        for (String url : urls) {
            String path = url.substring("https://example.com/".length());
            assertTrue(blog.onSite(path.isEmpty() || path.endsWith("/") ? path + "index.html" : path), url);
        }
        assertEquals("User-agent: *\nAllow: /\n\nSitemap: https://example.com/sitemap.xml\n", blog.site("robots.txt"));
    }

    @Test
    void theSitemapListsThePastIssuesOfTheNewsletter() throws IOException {
        Blog blog = new Blog(folder).post("2024-05-01-first.md", "---\ntitle: First\n---\nOld.\n")
                .subscribers("email\nada@example.com\n");
        blog.publishWithDefaults("2024-05-10T09:00:00Z");
        blog.post("2024-05-10-news.md", "---\ntitle: News\n---\nNews.\n");
        blog.publishWithDefaults("2024-05-10T10:00:00Z");
        String issue = Jsoup.parse(blog.site("newsletter/index.html")).selectFirst("main li > a").attr("href");

        blog.post("2024-05-11-more.md", "---\ntitle: More\n---\nMore.\n");
        assertEquals(0, blog.publishWithDefaults("2024-05-11T10:00:00Z").exit());

        List<String> urls = Jsoup.parse(blog.site("sitemap.xml"), "", org.jsoup.parser.Parser.xmlParser())
                .select("url > loc").eachText();
        assertTrue(urls.contains("https://example.com/newsletter/"), urls.toString());
        assertTrue(urls.contains(issue), issue + " in " + urls);
    }

    @Test
    void theWritersOwnRobotsTxtIsKept() throws IOException {
        Blog blog = new Blog(folder)
                .post("2024-05-01-launch.md", "---\ntitle: Launch\n---\nHi.\n")
                .post("robots.txt", "User-agent: *\nDisallow: /drafts/\n");

        assertEquals(0, blog.publishWithDefaults("2024-07-01T00:00:00Z").exit());

        assertEquals("User-agent: *\nDisallow: /drafts/\n", blog.site("robots.txt"));
    }

    private static void copyFixture(String name, Path target) throws IOException, URISyntaxException {
        Path fixture = Path.of(MovingInTest.class.getResource(name).toURI());
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(fixture.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                try (InputStream in = Files.newInputStream(file)) {
                    Files.copy(in, copy);
                }
            }
        }
    }
}
