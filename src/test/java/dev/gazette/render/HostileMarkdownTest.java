package dev.gazette.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.post.Post;
import dev.gazette.post.PostException;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Markdown that once overflowed the stack or took minutes to render. The timeouts only guard against a hang (the
 * quadratic renderer took minutes on these); bench/run has the figures.
 */
class HostileMarkdownTest {
    private static final String DEEP = "a.md:7: lists, block quotes, emphasis or links nested more than 32 levels deep;"
            + " flatten them";

    private final PostRenderer renderer = new PostRenderer(new Site(URI.create("https://example.com/"), "T", "D", "en",
            ZoneOffset.UTC, PermalinkPattern.BEFORE_DATES, 20));

    /** A post whose body starts on line 5 of its file, as after a three-line front matter. */
    private RenderedPost render(String body) throws PostException {
        Post post = new Post("a.md", "A", Instant.parse("2024-05-01T00:00:00Z"), null, null, List.of(), List.of(),
                false, "a", null, true, body, 5);
        return renderer.render(post, "posts/a/", source -> null);
    }

    private String error(String body) {
        return assertThrows(PostException.class, () -> render(body)).getMessage();
    }

    @Test
    void aPostWhoseHtmlIsOverEightTimesItsMarkdownAndEightMebibytesIsRefused() throws PostException {
        // A footnote reference of 6 bytes makes some 100 characters of HTML, its definition some 170: the reviewer's
        // 626 KB post of footnotes made 13 MB of HTML, which took more than 256 MB of heap to write into the feeds.
        String message = error(footnotes(45_000));

        assertTrue(message.matches("a\\.md: its HTML comes to 1[0-9],[0-9]{3},[0-9]{3} characters, over the limit of"
                + " 8,388,608 \\(8 times its Markdown, at least 8 MiB\\); footnotes and links each add a full URL:"
                + " split it into smaller posts"), message);
        assertTrue(render(footnotes(10_000)).html().contains("id=\"fn-9999\""), "a post of 10,000 footnotes is taken");
    }

    private static String footnotes(int count) {
        StringBuilder references = new StringBuilder();
        StringBuilder definitions = new StringBuilder();
        for (int i = 0; i < count; i++) {
            references.append("[^").append(i).append("] ");
            definitions.append("[^").append(i).append("]: n\n");
        }
        return references + "\n\n" + definitions;
    }

    @Test
    void fiveKilobytesOfBlockQuotesAreRefusedOnTheirLine() {
        assertEquals(DEEP, error("Intro.\n\n" + ">".repeat(5000) + " deep\n"));
    }

    @Test
    void twoThousandNestedListsAreRefused() {
        assertEquals(DEEP, error("Intro.\n\n" + "- ".repeat(2000) + "deep\n"));
        StringBuilder indented = new StringBuilder("Intro.\n\n");
        for (int depth = 0; depth < 200; depth++) {
            indented.append("  ".repeat(depth)).append("- item\n");
        }
        // The 33rd list, on the 33rd line of the list.
        assertEquals(DEEP.replace(":7:", ":39:"), error(indented.toString()));
    }

    @Test
    void threeThousandNestedEmphasesAreRefused() {
        assertEquals(DEEP, error("Intro.\n\n" + "*".repeat(3000) + "deep" + "*".repeat(3000) + "\n"));
        StringBuilder alternating = new StringBuilder("Intro.\n\n");
        for (int depth = 0; depth < 3000; depth++) {
            alternating.append(depth % 2 == 0 ? "*a " : "_b ");
        }
        alternating.append("deep");
        for (int depth = 2999; depth >= 0; depth--) {
            alternating.append(depth % 2 == 0 ? " a*" : " b_");
        }
        assertEquals(DEEP, error(alternating + "\n"));
    }

    @Test
    void nestingWithinTheLimitIsRendered() throws PostException {
        String html = render(">".repeat(32) + " deep\n").html();
        assertEquals(32, html.split("<blockquote>", -1).length - 1);
        assertThrows(PostException.class, () -> render(">".repeat(33) + " deep\n"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aQuarterMegabyteOfLessThanSignsRendersAsText() throws PostException {
        String html = render("<".repeat(250_000)).html();
        assertEquals(250_000, html.split("&lt;", -1).length - 1, "each one escaped");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMegabyteOfBracketsRendersAsText() throws PostException {
        String html = render("[".repeat(500_000) + "]".repeat(500_000)).html();
        assertTrue(html.startsWith("<p>[[[") && html.strip().endsWith("]]]</p>"), html.substring(0, 20));
        assertEquals("<p></p>".length() + 1_000_000, html.strip().length());
    }
}
