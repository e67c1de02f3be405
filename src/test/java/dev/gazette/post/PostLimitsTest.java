package dev.gazette.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Front matter that once stopped a whole run, or made a file no one could use: each is one post's error now. */
class PostLimitsTest {
    private final PostParser parser = new PostParser(ZoneId.of("UTC"), PostParser.DEFAULT_MAX_BYTES);

    private Post parse(String source, String text) throws PostException {
        return parser.parse(source, text.getBytes(StandardCharsets.UTF_8));
    }

    private String error(String source, String text) {
        String message = assertThrows(PostException.class, () -> parse(source, text)).getMessage();
        assertFalse(message.contains("\n"), "one line: " + message);
        return message;
    }

    @Test
    void yamlNestedTwoThousandDeepIsRefusedOnItsLine() {
        String flow = "---\ntitle: Deep\ndate: 2024-05-01\ntags: " + "[".repeat(2000) + "]".repeat(2000) + "\n---\nBody\n";
        assertEquals("deep.md:4: front matter nested more than 32 levels deep (lists or tables inside each other);"
                + " flatten it", error("deep.md", flow));

        StringBuilder block = new StringBuilder("---\ntitle: Deep\ntags:\n");
        for (int depth = 1; depth <= 1000; depth++) {
            block.append(" ".repeat(depth)).append("-\n");
        }
        assertEquals("deep.md:36: front matter nested more than 32 levels deep (lists or tables inside each other);"
                + " flatten it", error("deep.md", block + "---\nBody\n"));
    }

    @Test
    void tomlNestedTwoThousandDeepIsRefusedOnItsLine() {
        String toml = "+++\ntitle = \"Deep\"\ntags = " + "[".repeat(2000) + "]".repeat(2000) + "\n+++\nBody\n";
        assertEquals("deep.md:3: invalid TOML front matter: Nesting is too deep (more than 32 levels of tables and"
                + " arrays)", error("deep.md", toml));
    }

    @Test
    void frontMatterNestedWithinTheLimitIsRead() throws PostException {
        String yaml = "---\ntitle: Fine\ndate: 2024-05-01\nx: " + "[".repeat(32) + "]".repeat(32) + "\n---\nBody\n";
        assertEquals("Fine", parse("a.md", yaml).title());
        String toml = "+++\ntitle = \"Fine\"\ndate = 2024-05-01\nx = " + "[".repeat(32) + "]".repeat(32) + "\n+++\nBody\n";
        assertEquals("Fine", parse("a.md", toml).title());
        assertThrows(PostException.class, () -> parse("a.md", yaml.replace("[]", "[[]]")));
    }

    @Test
    void aSlugOrTagTooLongForAFileNameIsRefused() {
        assertEquals("a.md:3: 'slug' is 300 bytes long in UTF-8, over the limit of 200: \"" + "a".repeat(60) + "…\"",
                error("a.md", "---\ntitle: A\nslug: " + "a".repeat(300) + "\ndate: 2024-05-01\n---\n"));
        assertEquals("a.md:3: 'slug' is 201 bytes long in UTF-8, over the limit of 200: \"" + "é".repeat(60) + "…\"",
                error("a.md", "---\ntitle: A\nslug: " + "é".repeat(100) + "a\ndate: 2024-05-01\n---\n"));
        assertEquals("a.md:3: the tag \"" + "t".repeat(60) + "…\" is 300 characters long, over the limit of 64",
                error("a.md", "---\ntitle: A\ntags: [ok, " + "t".repeat(300) + "]\ndate: 2024-05-01\n---\n"));
        String longName = "2024-05-01-" + "n".repeat(230) + ".md";
        assertEquals(longName + ": the file name makes no permalink: it is 230 bytes long in UTF-8, over the limit"
                + " of 200; give the post a 'slug'", error(longName, "---\ntitle: A\n---\n"));
    }

    @Test
    void slugsAndTagsWithControlCharactersAreRefused() {
        assertEquals("a.md:3: 'slug' has the control character U+0000: \"a\\u0000b\"",
                error("a.md", "---\ntitle: A\nslug: \"a\\0b\"\ndate: 2024-05-01\n---\n"));
        assertEquals("a.md:3: 'slug' has the control character U+000A: \"a\\nb\"",
                error("a.md", "---\ntitle: A\nslug: \"a\\nb\"\ndate: 2024-05-01\n---\n"));
        assertEquals("a.md:3: 'slug' has the control character U+202E: \"\\u202Eabc\"",
                error("a.md", "---\ntitle: A\nslug: \"\\u202Eabc\"\ndate: 2024-05-01\n---\n"));
        assertEquals("a.md:3: the tag \"x\\u0009y\" has the control character U+0009",
                error("a.md", "---\ntitle: A\ntags: [\"x\\ty\"]\ndate: 2024-05-01\n---\n"));
        assertEquals("a.md:3: 'slug' must be one path segment, without '/' or '\\' and not starting with '.':"
                + " \".hidden\"", error("a.md", "---\ntitle: A\nslug: .hidden\ndate: 2024-05-01\n---\n"));
    }

    @Test
    void aNullTitleIsAMissingTitle() {
        assertEquals("a.md:2: front matter has no 'title'", error("a.md", "---\ntitle: ~\ndate: 2024-05-01\n---\n"));
        assertEquals("a.md:2: front matter has no 'title'", error("a.md", "---\ntitle: null\ndate: 2024-05-01\n---\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JavaScript:alert(1)", "data:image/svg+xml;base64,PHN2Zz4=",
            "vbscript:x", "file:///etc/passwd"})
    void anImageThatIsNoHttpUrlOrPathIsRefused(String url) {
        String scheme = url.substring(0, url.indexOf(':') + 1).toLowerCase(java.util.Locale.ROOT);
        assertEquals("a.md:3: front matter 'image' must be an http or https URL or a path, not a " + scheme
                + " URL: \"" + url + "\"", error("a.md", "---\ntitle: A\nimage: \"" + url + "\"\ndate: 2024-05-01\n---\n"));
    }

    @Test
    void anImageWithAControlCharacterIsRefused() {
        // Browsers drop the tab and read javascript: as the scheme.
        assertEquals("a.md:3: front matter 'cover' has the control character U+0009: \"java\\u0009script:alert(1)\"",
                error("a.md", "---\ntitle: A\ncover: \"java\\tscript:alert(1)\"\ndate: 2024-05-01\n---\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://cdn.example.com/a.png", "HTTP://example.com/a.png", "/images/a.png", "a.png",
            "../shared/a b.png", "//cdn.example.com/a.png", "./a:b.png"})
    void anHttpUrlOrAPathIsTaken(String url) throws PostException {
        assertEquals(url, parse("a.md", "---\ntitle: A\nimage: \"" + url + "\"\ndate: 2024-05-01\n---\n").image());
    }

    @Test
    void datesTheFeedsCannotAllCarryAreRefused() {
        assertEquals("a.md:3: front matter 'date' is outside the years 1900 to 9999 that feeds can carry:"
                + " \"0000-01-01\"", error("a.md", "---\ntitle: A\ndate: 0000-01-01\n---\n"));
        assertEquals("a.md:3: front matter 'updated' is outside the years 1900 to 9999 that feeds can carry:"
                + " \"1066-10-14\"", error("a.md", "---\ntitle: A\nupdated: 1066-10-14\ndate: 2024-05-01\n---\n"));
        assertEquals("0000-01-01-a.md: the date in the file name, 0000-01-01, is outside the years 1900 to 9999"
                + " that feeds can carry; fix the name or give a 'date'", error("0000-01-01-a.md", "---\ntitle: A\n---\n"));
    }

    @Test
    void aQuotedValueWithALineBreakStaysOnOneLine() {
        assertEquals("a.md:3: front matter 'draft' must be true or false, not \"maybe\\nnot\"",
                error("a.md", "---\ntitle: A\ndraft: \"maybe\\nnot\"\ndate: 2024-05-01\n---\n"));
    }
}
