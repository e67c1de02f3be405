package dev.gazette.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.post.Post;
import dev.gazette.post.PostException;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PostRendererTest {
    private static final Site SITE = new Site(URI.create("https://example.com/blog"), "Blog", "About", "en",
            ZoneOffset.UTC, PermalinkPattern.BEFORE_DATES, 20);
    private static final Map<String, String> PERMALINKS = Map.of(
            "2024/other-post.md", "https://example.com/blog/posts/other/",
            "index.md", "https://example.com/blog/posts/index/");

    private final PostRenderer renderer = new PostRenderer(SITE);

    private static Post post(String source, String body) {
        return post(source, body, null);
    }

    private static Post post(String source, String body, String summary) {
        return new Post(source, "Title", Instant.parse("2024-05-01T00:00:00Z"), null, summary, List.of("a"),
                List.of("Ada"), false, "launch", null, true, body, 4);
    }

    private RenderedPost render(String body) {
        try {
            return renderer.render(post("2024/2024-05-01-launch.md", body), "posts/launch/", PERMALINKS::get);
        } catch (PostException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private String html(String body) {
        return render(body).html().strip();
    }

    @Test
    void rendersCommonMarkWithGithubExtensions() {
        assertEquals("<p><strong>bold</strong> and <del>gone</del></p>", html("**bold** and ~~gone~~"));
        assertEquals("<p>see <a href=\"https://example.org\">https://example.org</a></p>", html("see https://example.org"));
        assertTrue(html("| a | b |\n|---|---|\n| 1 | 2 |").contains("<table>\n<thead>\n<tr>\n<th>a</th>"));
        assertEquals("<ul>\n<li><input type=\"checkbox\" disabled=\"\" checked=\"\"> done</li>\n"
                + "<li><input type=\"checkbox\" disabled=\"\"> todo</li>\n</ul>", html("- [x] done\n- [ ] todo"));
    }

    @Test
    void givesHeadingsIdsAndFencedCodeItsLanguage() {
        assertEquals("<h2 id=\"getting-started\">Getting started</h2>", html("## Getting started"));
        assertEquals("<pre><code class=\"language-rust\">fn main() {}\n</code></pre>", html("```rust\nfn main() {}\n```"));
    }

    @Test
    void rendersFootnotesWithAbsoluteBackLinks() {
        String html = html("Claim.[^1]\n\n[^1]: Source.");
        assertTrue(html.contains("href=\"https://example.com/blog/posts/launch/#fn-1\""), html);
        assertTrue(html.contains("href=\"https://example.com/blog/posts/launch/#fnref-1\""), html);
    }

    @Test
    void letsRawHtmlThrough() {
        assertEquals("<p>a <abbr title=\"x\">b</abbr></p>\n<div class=\"note\">\n<p>c</p>\n</div>",
                html("a <abbr title=\"x\">b</abbr>\n\n<div class=\"note\">\n<p>c</p>\n</div>"));
    }

    @Test
    void resolvesEveryKindOfRelativeUrl() {
        assertEquals("<p><a href=\"https://example.com/blog/posts/launch/#part\">x</a></p>", html("[x](#part)"));
        assertEquals("<p><img src=\"https://example.com/blog/images/x.png\" alt=\"x\" /></p>", html("![x](/images/x.png)"));
        assertEquals("<p><img src=\"https://example.com/blog/2024/images/pic.png\" alt=\"x\" /></p>",
                html("![x](images/pic.png)"));
        assertEquals("<p><a href=\"https://example.com/blog/files/slides.pdf\">x</a></p>", html("[x](../files/slides.pdf)"));
        assertEquals("<p><a href=\"https://example.com/blog/posts/other/#intro\">x</a></p>", html("[x](other-post.md#intro)"));
        assertEquals("<p><a href=\"https://example.com/blog/posts/index/\">x</a></p>", html("[x](../index.md)"));
        assertEquals("<p><a href=\"https://example.com/blog/2024/notes/\">x</a></p>", html("[x](./notes/)"));
        assertEquals("<p><a href=\"https://example.com/blog/2024/a%20b.png?w=2#f\">x</a></p>", html("[x](<a b.png?w=2#f>)"));
        assertEquals("<p><img src=\"https://example.com/blog/2024/100%25%20done%7Cv2.png\" alt=\"x\" /></p>",
                html("![x](<100% done|v2.png>)"));
        assertEquals("<p><a href=\"https://example.com/blog/2024/notes/#a%23b\">x</a></p>", html("[x](notes/#a#b)"));
        // Out of the posts folder there is no file to go by: the URL is read as from the post's page.
        assertEquals("<p><a href=\"https://example.com/blog/about/\">x</a></p>", html("[x](../../about/)"));
        assertEquals("<p><a href=\"https://cdn.example.org/x.js\">x</a></p>", html("[x](//cdn.example.org/x.js)"));
    }

    @Test
    void resolvesUrlsInRawHtmlToo() {
        assertEquals("<p><img src=\"https://example.com/blog/2024/a.png\" srcset=\"https://example.com/blog/2024/a.png 1x, "
                        + "https://example.com/blog/2024/a@2x.png 2x\"></p>",
                html("<p><img src=\"a.png\" srcset=\"a.png 1x, a@2x.png 2x\"></p>"));
        assertEquals("<p><video poster=\"https://example.com/blog/v.jpg\" src=\"https://example.com/blog/2024/v.mp4\"></video></p>",
                html("<video poster=\"/v.jpg\" src=\"v.mp4\"></video>"));
    }

    @Test
    void dropsScriptAndDataUrlsFromMarkdownAndRawHtml() {
        // The html goes to the page, every feed and the email alike: one rule for all of them.
        assertEquals("<p><a>x</a> <img> j i</p>", html("<a href=\"javascript:alert(1)\">x</a> <img src=\"data:text/html,x\">"
                + " [j](javascript:alert(1)) ![i](javascript:x)"));
        assertEquals("<p><a>a</a> <a>b</a> <a>c</a></p> <form></form>", html("<p><a href=\"jav&#x09;ascript:alert(1)\">a</a>"
                + " <a href=\" VBScript:msgbox(1)\">b</a> <a href=\"data:image/png;base64,AA\">c</a></p>"
                + " <form action=\"javascript:alert(1)\"></form>"));
        assertEquals("<iframe></iframe> <embed>", html("<iframe src=\"data:image/svg+xml,<svg onload=alert(1)>\"></iframe>"
                + " <embed src=\"data:image/svg+xml,x\">"));
        assertEquals("<p><svg><a>s</a></svg></p>", html("<svg><a xlink:href=\"javascript:alert(1)\">s</a></svg>"));
        assertEquals("<p><img srcset=\"https://example.com/blog/2024/a.png 2x\"></p>",
                html("<p><img srcset=\"javascript:x 1x, a.png 2x\"></p>"));
        assertEquals("<p><a href=\"https://example.com/blog/posts/launch/#x\">link <img src=\"https://example.com/blog/2024/a.png\""
                + " alt=\"in\" /></a> out</p>", html("[link ![in](a.png)](#x) [out](vbscript:x)"));
    }

    @Test
    void keepsWebMailPhoneAndDataImageUrls() {
        assertEquals("<p><a href=\"tel:+331234\">t</a> <img src=\"data:image/png;base64,AA\" alt=\"d\" /></p>",
                html("[t](tel:+331234) ![d](data:image/png;base64,AA)"));
    }

    @Test
    void dropsCharactersThatXmlCannotHold() {
        RenderedPost post = render("Form\ffeed and a \u0001 control character.");
        assertEquals("<p>Formfeed and a  control character.</p>", post.html().strip());
        assertEquals("Formfeed and a control character.", post.summary());
    }

    @Test
    void leavesAbsoluteUrlsAlone() {
        assertEquals("<p><a href=\"https://example.org/a?b=c\">x</a> <a href=\"mailto:a@example.com\">m</a></p>",
                html("[x](https://example.org/a?b=c) [m](mailto:a@example.com)"));
    }

    @Test
    void remembersWhichPostsItLinksTo() {
        RenderedPost post = render("[a](other-post.md) [b](not-yet-written.md) [c](images/x.png)");
        assertEquals(Set.of("2024/other-post.md", "2024/not-yet-written.md"), post.linkedPosts());
        assertTrue(post.html().contains("href=\"https://example.com/blog/2024/not-yet-written.md\""), post.html());
    }

    @Test
    void resolvesTheCoverImage() throws PostException {
        Post post = new Post("2024/a.md", "T", Instant.EPOCH, null, null, List.of(), List.of(), false, "a",
                "cover.jpg", true, "Body", 4);
        assertEquals("https://example.com/blog/2024/cover.jpg", renderer.render(post, "posts/a/", p -> null).image());
    }

    @Test
    void summarisesTheOpeningParagraphsWhenTheWriterGaveNoSummary() {
        assertEquals("First paragraph with code and a link. Second one.",
                render("# Heading\n\nFirst *paragraph* with `code`\nand [a link](x.md).\n\nSecond one.\n\n## Next\n\nLater.")
                        .summary());
        String long_ = "word ".repeat(100);
        String summary = render(long_).summary();
        assertTrue(summary.endsWith("word…"), summary);
        assertTrue(summary.length() <= 301, summary);
    }

    @Test
    void keepsTheWritersSummary() throws PostException {
        RenderedPost post = renderer.render(post("a.md", "Body text.", "  Mine.  "), "posts/a/", p -> null);
        assertEquals("Mine.", post.summary());
    }
}
