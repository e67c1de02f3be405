package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The posts that once stopped every run (a stack overflow, a file name too long, a control character read as an
 * option error), each written beside an innocent new post: the innocent one is published and emailed, the bad one
 * is one line on stderr, and the run exits 1.
 */
class HostilePostsTest {
    private static final String FRONT = "---\ntitle: Hostile\ndate: 2024-05-11\n";

    @TempDir
    Path folder;

    static Stream<Arguments> hostilePosts() {
        StringBuilder yamlBlock = new StringBuilder(FRONT + "tags:\n");
        for (int depth = 1; depth <= 1000; depth++) {
            yamlBlock.append(" ".repeat(depth)).append("-\n");
        }
        return Stream.of(
                Arguments.of("5 KB of block quotes", FRONT + "---\n" + ">".repeat(5000) + " x\n", ":5: lists, block quotes"),
                Arguments.of("2,000 nested lists", FRONT + "---\n" + "- ".repeat(2000) + "x\n", ":5: lists, block quotes"),
                Arguments.of("3,000 nested emphases", FRONT + "---\n" + "*".repeat(3000) + "x" + "*".repeat(3000) + "\n",
                        ":5: lists, block quotes"),
                Arguments.of("a YAML list 2,000 deep", FRONT + "tags: " + "[".repeat(2000) + "]".repeat(2000) + "\n---\nx\n",
                        ":4: front matter nested"),
                Arguments.of("a YAML list 1,000 deep", yamlBlock + "---\nx\n", ":37: front matter nested"),
                Arguments.of("a TOML array 2,000 deep", "+++\ntitle = \"Hostile\"\ndate = 2024-05-11\ntags = "
                        + "[".repeat(2000) + "]".repeat(2000) + "\n+++\nx\n", ":4: invalid TOML front matter: Nesting"),
                Arguments.of("a 300-character slug", FRONT + "slug: " + "s".repeat(300) + "\n---\nx\n", ":4: 'slug' is 300"),
                Arguments.of("a 300-character tag", FRONT + "tags: [" + "t".repeat(300) + "]\n---\nx\n", ":4: the tag"),
                Arguments.of("a NUL in the slug", FRONT + "slug: \"a\\0b\"\n---\nx\n", ":4: 'slug' has the control character U+0000"),
                Arguments.of("a line break in the slug", FRONT + "slug: \"a\\nb\"\n---\nx\n",
                        ":4: 'slug' has the control character U+000A"),
                Arguments.of("a javascript: cover image", FRONT + "image: \"javascript:alert(1)\"\n---\nx\n",
                        ":4: front matter 'image' must be an http or https URL"),
                Arguments.of("a !!binary title", "---\ntitle: !!binary aGVsbG8=\ndate: 2024-05-11\n---\nx\n",
                        ":2: front matter 'title' must be text"),
                Arguments.of("a YAML alias bomb", FRONT + aliasBomb() + "---\nx\n", ":10: front matter repeats lists"),
                Arguments.of("a null title", "---\ntitle: ~\ndate: 2024-05-11\n---\nx\n", ":2: front matter has no 'title'"),
                Arguments.of("year 0", "---\ntitle: Year 0\ndate: 0000-01-01\n---\nx\n", ":3: front matter 'date' is outside"));
    }

    /** Ten lines of aliases, each nine of the line before: a billion values, were it built. */
    private static String aliasBomb() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char name = 'b'; name <= 'j'; name++) {
            String alias = "*" + (char) (name - 1);
            bomb.append(name).append(": &").append(name).append(" [").append((alias + ", ").repeat(8)).append(alias)
                    .append("]\n");
        }
        return bomb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostilePosts")
    void oneHostilePostIsOneLineAndTheOthersAreStillPublishedAndEmailed(String what, String text, String where)
            throws Exception {
        Blog blog = new Blog(folder)
                .post("2024-05-01-old.md", "---\ntitle: Old\n---\nOld text.\n")
                .subscribers("email,name\nada@example.com,Ada\n");
        assertEquals(0, blog.publish("2024-05-10T09:00:00Z").exit());

        blog.post("2024-05-11-hostile.md", text).post("2024-05-11-innocent.md", "---\ntitle: Innocent\n---\nHello.\n");
        Blog.Run run = blog.publish("2024-05-11T12:00:00Z");

        assertEquals(1, run.exit(), run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).startsWith(blog.posts.resolve("2024-05-11-hostile.md") + where), lines.get(0));
        assertFalse(run.err().contains("\tat "), "no stack trace");
        assertTrue(blog.onSite("posts/innocent/index.html"));
        assertTrue(blog.site("feed.xml").contains("<title>Innocent</title>"));
        List<Path> emails = blog.emails();
        assertEquals(1, emails.size(), emails.toString());
        assertTrue(blog.email(emails.get(0)).contains("Innocent"));
    }
}
