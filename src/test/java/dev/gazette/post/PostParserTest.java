package dev.gazette.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostParserTest {
    private final PostParser parser = new PostParser(ZoneId.of("UTC"), 1024);

    private Post parse(String source, String text) throws PostException {
        return parser.parse(source, text.getBytes(StandardCharsets.UTF_8));
    }

    private Post fixture(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            return new PostParser(ZoneId.of("UTC"), PostParser.DEFAULT_MAX_BYTES).parse(name, in.readAllBytes());
        }
    }

    private PostException error(String source, String text) {
        return assertThrows(PostException.class, () -> parse(source, text));
    }

    @Test
    void readsJekyllYamlFrontMatter() throws Exception {
        Post post = fixture("2024-05-01-jekyll-post.md");
        assertEquals("Launching the new site", post.title());
        assertEquals(Instant.parse("2024-05-01T08:30:00Z"), post.date());
        assertEquals(List.of("news", "Site"), post.tags());
        assertEquals(List.of("Ada Lovelace"), post.authors());
        assertEquals("Everything about the new site.", post.summary());
        assertEquals("/images/launch.png", post.image());
        assertEquals("jekyll-post", post.slug());
        assertFalse(post.draft());
        assertTrue(post.email());
        assertEquals("\nThe new site is live.", post.body());
    }

    @ParameterizedTest
    @CsvSource({
            "'permalink: /about/', about/",
            "'permalink: /2019/05/launch.html', 2019/05/launch.html",
            "'url: /about', about/",
            "'url: about', about/",
            "'permalink: /café/', café/"})
    void aPermalinkOfItsOwnIsAPathBelowTheSiteRoot(String field, String path) throws Exception {
        assertEquals(path, parse("a.md", "---\ntitle: A\ndate: 2024-05-01\n" + field + "\n---\nA.\n").permalink());
    }

    @Test
    void aUrlWithASchemeIsALinkPostsAddressNotItsPermalink() throws Exception {
        assertNull(parse("a.md", "---\ntitle: A\ndate: 2024-05-01\nurl: https://example.org/read-this\n---\nA.\n")
                .permalink());
        String message = error("a.md", "---\ntitle: A\ndate: 2024-05-01\npermalink: https://example.org/x/\n---\nA.\n")
                .getMessage();
        assertTrue(message.startsWith("a.md:4: front matter 'permalink' has a segment that has ':'"), message);
    }

    @Test
    void oldPathsComeFromHugosAliasesAndJekyllsRedirectFromOnce() throws Exception {
        Post post = parse("a.md", "+++\ntitle = 'A'\ndate = 2024-05-01\naliases = ['/old/a', '/old/a/', 'b.html']\n"
                + "redirect_from = '/older/a/'\n+++\nA.\n");
        assertEquals(List.of("old/a/", "b.html", "older/a/"), post.aliases());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "aliases: [/old/../x/]       | a.md:4: front matter 'aliases' has the segment \"..\"",
            "aliases: [//evil.example/]  | a.md:4: front matter 'aliases' starts with '//'",
            "redirect_from: /            | a.md:4: front matter 'redirect_from' is the site's home page",
            "permalink: /a//b/           | a.md:4: front matter 'permalink' has an empty segment",
            "permalink: /con/            | a.md:4: front matter 'permalink' has a segment that is the name of a Windows device"})
    void aPathThatIsNotWhatItSaysIsRefusedWithItsLine(String field, String message) {
        String got = error("a.md", "---\ntitle: A\ndate: 2024-05-01\n" + field + "\n---\nA.\n").getMessage();
        assertTrue(got.startsWith(message), got);
    }

    @Test
    void readsHugoTomlFrontMatter() throws Exception {
        Post post = fixture("hugo-post.md");
        assertEquals("Hugo writes TOML", post.title());
        assertEquals(Instant.parse("2024-05-02T13:00:00Z"), post.date());
        assertEquals(Instant.parse("2024-05-03T12:00:00Z"), post.updated());
        assertEquals(Instant.parse("2024-05-03T12:00:00Z"), post.lastChanged());
        assertEquals(List.of("hugo", "toml"), post.tags());
        assertEquals(List.of("Grace Hopper"), post.authors());
        assertEquals("toml-front-matter", post.slug());
        assertEquals("cover.jpg", post.image());
    }

    @Test
    void readsAstroPubDateAndCommaSeparatedTags() throws Exception {
        Post post = fixture("astro-post.markdown");
        assertEquals(List.of("astro", "content collections"), post.tags());
        assertEquals("astro-post", post.slug());
        assertEquals("Astro uses pubDate", post.title());
        assertEquals(Instant.parse("2022-07-08T00:00:00Z"), post.date());
        assertEquals(Instant.parse("2022-07-09T00:00:00Z"), post.updated());
        assertEquals("/blog-placeholder-3.jpg", post.image());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-05-01                          | 2024-05-01T00:00:00Z",
        "2024-05-01T10:00                    | 2024-05-01T10:00:00Z",
        "2024-05-01 10:00:00                 | 2024-05-01T10:00:00Z",
        "2024-05-01T10:00:00Z                | 2024-05-01T10:00:00Z",
        "2024-05-01T10:00:00.250+02:00       | 2024-05-01T08:00:00.250Z",
        "2024-05-01 10:00:00 +0200           | 2024-05-01T08:00:00Z",
        "'Wed, 01 May 2024 10:00:00 GMT'     | 2024-05-01T10:00:00Z",
        "'Wed, 01 May 2024 10:00:00 +0200'   | 2024-05-01T08:00:00Z",
        "'1 May 2024 10:00 EST'              | 2024-05-01T14:00:00Z",
        "'May 01 2024'                       | 2024-05-01T00:00:00Z",
        "'May 1, 2024'                       | 2024-05-01T00:00:00Z",
        "'May 1 2024'                        | 2024-05-01T00:00:00Z",
        "'Jul 8 2022'                        | 2022-07-08T00:00:00Z",
    })
    void readsEveryDateForm(String written, String expected) throws Exception {
        Post post = parse("post.md", "---\ntitle: T\ndate: " + written + "\n---\nBody\n");
        assertEquals(Instant.parse(expected), post.date());
    }

    @Test
    void readsTomlDateTypes() throws Exception {
        assertEquals(Instant.parse("2024-05-01T00:00:00Z"),
                parse("a.md", "+++\ntitle = \"T\"\ndate = 2024-05-01\n+++\n").date());
        assertEquals(Instant.parse("2024-05-01T09:00:00Z"),
                parse("a.md", "+++\ntitle = \"T\"\ndate = 2024-05-01T09:00:00\n+++\n").date());
        assertEquals(Instant.parse("2024-05-01T07:00:00Z"),
                parse("a.md", "+++\ntitle = \"T\"\ndate = 2024-05-01T09:00:00+02:00\n+++\n").date());
    }

    @Test
    void readsDatesWithoutZoneInTheSiteZone() throws Exception {
        PostParser paris = new PostParser(ZoneId.of("Europe/Paris"), 1024);
        Post post = paris.parse("2024-07-01-summer.md", "---\ntitle: T\n---\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(Instant.parse("2024-06-30T22:00:00Z"), post.date());
        Post timed = paris.parse("x.md", "---\ntitle: T\ndate: 2024-01-15 09:00\n---\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(Instant.parse("2024-01-15T08:00:00Z"), timed.date());
    }

    @Test
    void takesTheDateAndSlugFromTheFileName() throws Exception {
        Post post = parse("blog/2023-12-24-merry-christmas.md", "---\ntitle: Merry\n---\nHo ho ho\n");
        assertEquals(Instant.parse("2023-12-24T00:00:00Z"), post.date());
        assertEquals("merry-christmas", post.slug());
        assertEquals("blog/2023-12-24-merry-christmas.md", post.source());
    }

    @Test
    void frontMatterDateWinsOverTheFileName() throws Exception {
        Post post = parse("2023-12-24-x.md", "---\ntitle: X\ndate: 2023-12-25\nslug: custom\n---\n");
        assertEquals(Instant.parse("2023-12-25T00:00:00Z"), post.date());
        assertEquals("custom", post.slug());
    }

    @Test
    void slugsAndTagsAreInComposedUnicodeForm() throws Exception {
        // e + U+0301 and é are one URL: the slug and tags keep the composed form, and a tag written both ways is one.
        Post written = parse("a.md", "---\ntitle: A\ndate: 2026-11-01\nslug: cafe\u0301\ntags: [cafe\u0301, caf\u00e9]\n---\n");
        Post named = parse("2026-11-01-cafe\u0301.md", "---\ntitle: A\n---\n");

        assertEquals("caf\u00e9", written.slug());
        assertEquals(List.of("caf\u00e9"), written.tags());
        assertEquals("caf\u00e9", named.slug());
    }

    @Test
    void readsDraftEmailAndIgnoresUnknownKeys() throws Exception {
        Post post = parse("a.md", """
                ---
                title: A
                date: 2024-01-01
                draft: true
                email: false
                layout: post
                permalink: /ignored/
                ---
                """);
        assertTrue(post.draft());
        assertFalse(post.email());
    }

    @Test
    void knowsJekyllAndHugoDrafts() throws Exception {
        assertTrue(parse("a.md", "---\ntitle: A\ndate: 2024-01-01\npublished: false\n---\n").draft());
        assertTrue(parse("_drafts/idea.md", "---\ntitle: A\ndate: 2024-01-01\n---\n").draft());
        assertTrue(parse("blog/_drafts/idea.md", "---\ntitle: A\ndate: 2024-01-01\n---\n").draft());
        assertFalse(parse("drafts-done/a.md", "---\ntitle: A\ndate: 2024-01-01\npublished: true\n---\n").draft());
    }

    @Test
    void hugosPublishDateHoldsAPostBack() throws Exception {
        assertEquals(Instant.parse("2024-02-01T00:00:00Z"),
                parse("a.md", "+++\ntitle = \"A\"\ndate = 2024-01-01\npublishDate = 2024-02-01\n+++\n").date());
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"),
                parse("a.md", "+++\ntitle = \"A\"\ndate = 2024-01-01\npublishDate = 2023-12-01\n+++\n").date());
    }

    @Test
    void mergesTagsAndCategoriesWithoutRepeats() throws Exception {
        Post post = parse("a.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [rust, release]\ncategories: release, news\n---\n");
        assertEquals(List.of("rust", "release", "news"), post.tags());
    }

    @Test
    void acceptsAByteOrderMarkAndWindowsLineEndings() throws Exception {
        Post post = parse("a.md", "\uFEFF---\r\ntitle: A\r\ndate: 2024-01-01\r\n---\r\nBody\r\n");
        assertEquals("A", post.title());
        assertEquals("Body", post.body());
    }

    @Test
    void aPostWithoutSummaryHasNone() throws Exception {
        assertNull(parse("a.md", "---\ntitle: A\ndate: 2024-01-01\n---\n").summary());
    }

    @Test
    void tellsPostsFromOtherFiles() {
        assertTrue(PostParser.isPost("a/b.md"));
        assertTrue(PostParser.isPost("B.MARKDOWN"));
        assertFalse(PostParser.isPost("image.png"));
        assertFalse(PostParser.isPost("notes.md.bak"));
    }

    @Test
    void rejectsInvalidYamlWithItsLine() {
        PostException e = error("bad.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [unclosed\n---\nBody\n");
        assertEquals("bad.md", e.source());
        assertTrue(e.line() >= 4, "line " + e.line());
        assertTrue(e.reason().startsWith("invalid YAML front matter"), e.reason());
    }

    @Test
    void rejectsDuplicateYamlKeys() {
        PostException e = error("dup.md", "---\ntitle: A\ntitle: B\n---\n");
        assertTrue(e.reason().startsWith("invalid YAML front matter"), e.reason());
        assertEquals(3, e.line());
    }

    @Test
    void rejectsInvalidTomlWithItsLine() {
        PostException e = error("bad.md", "+++\ntitle = \"A\"\ndate = = 2024\n+++\n");
        assertEquals(3, e.line());
        assertTrue(e.reason().startsWith("invalid TOML front matter"), e.reason());
    }

    @Test
    void rejectsAnEmptyDate() {
        assertEquals("a.md:3: front matter 'date' is not a date: \"\" (write YYYY-MM-DD, ISO-8601 such as"
                + " 2024-05-01T09:30:00+02:00, or RFC 822)", error("a.md", "---\ntitle: A\ndate: \"\"\n---\n").getMessage());
        assertTrue(error("a.md", "---\ntitle: A\ndate: \"  \"\n---\n").reason().contains("is not a date"));
    }

    @Test
    void rejectsAMissingTitle() {
        PostException e = error("2024-01-01-untitled.md", "---\ndate: 2024-01-01\n---\nBody\n");
        assertEquals("front matter has no 'title'", e.reason());
        assertEquals("2024-01-01-untitled.md:1: front matter has no 'title'", e.getMessage());
    }

    @Test
    void rejectsAnUnparseableDateOnItsLine() {
        PostException e = error("launch.md", "---\ntitle: Launch\ndate: next week\n---\n");
        assertEquals(3, e.line());
        assertEquals("launch.md:3: front matter 'date' is not a date: \"next week\" (write YYYY-MM-DD, ISO-8601 such"
                + " as 2024-05-01T09:30:00+02:00, or RFC 822)", e.getMessage());
    }

    @Test
    void rejectsAPostWithoutAnyDate() {
        PostException e = error("undated.md", "---\ntitle: Undated\n---\n");
        assertTrue(e.reason().contains("no date"), e.reason());
        assertTrue(e.reason().contains("YYYY-MM-DD-undated.md"), e.reason());
    }

    @Test
    void rejectsADayThatIsNotInTheCalendarInTheFileName() {
        assertEquals("2024-02-30-leap.md: the date in the file name, 2024-02-30, is not a day of the calendar; fix the"
                + " name or give a 'date'", error("2024-02-30-leap.md", "---\ntitle: Leap\n---\n").getMessage());
    }

    @Test
    void rejectsFilesThatAreNotUtf8() {
        byte[] latin1 = "---\ntitle: Caf\u00e9\ndate: 2024-01-01\n---\n".getBytes(StandardCharsets.ISO_8859_1);
        PostException e = assertThrows(PostException.class, () -> parser.parse("latin1.md", latin1));
        assertEquals(2, e.line());
        assertEquals("not UTF-8 text; save the file as UTF-8", e.reason());
    }

    @Test
    void rejectsBinaryFiles() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        PostException e = assertThrows(PostException.class, () -> parser.parse("image.md", png));
        assertTrue(e.reason().startsWith("binary file"), e.reason());
    }

    @Test
    void rejectsFilesOverTheSizeLimit() {
        PostException e = error("huge.md", "---\ntitle: Huge\n---\n" + "x".repeat(2000));
        assertTrue(e.reason().contains("over the 1,024 byte limit"), e.reason());
    }

    @Test
    void rejectsFilesWithoutFrontMatter() {
        assertEquals("empty.md: the file is empty; a post starts with front matter between '---' lines",
                error("empty.md", "").getMessage());
        assertEquals("plain.md:1: no front matter: a post starts with a '---' line (YAML) or a '+++' line (TOML)",
                error("plain.md", "# Just Markdown\n").getMessage());
        assertEquals("open.md:1: the front matter opened with '---' on line 1 is never closed",
                error("open.md", "---\ntitle: A\n").getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "'a:b*?' => has ':', which Windows takes in no file name (nor any of :*?\"<>|)",
            "'x<y' => has '<', which Windows takes in no file name (nor any of :*?\"<>|)",
            "CON => is the name of a Windows device, which no file may have",
            "lpt1.txt => is the name of a Windows device, which no file may have",
            "'end.' => ends with '.', which Windows drops from a file name"})
    void refusesSlugsThatWindowsCannotName(String slug, String problem) {
        assertEquals("a.md:4: 'slug' " + problem + ": \"" + slug + "\"",
                error("a.md", "---\ntitle: A\ndate: 2024-01-01\nslug: " + slug + "\n---\n").getMessage());
        assertEquals("2024-01-01-" + slug + ".md: the file name makes no permalink: it " + problem
                + "; give the post a 'slug'", error("2024-01-01-" + slug + ".md", "---\ntitle: A\n---\n").getMessage());
    }

    @Test
    void takesSlugsThatOnlyLookLikeWindowsDevices() throws Exception {
        assertEquals("console", parse("a.md", "---\ntitle: A\ndate: 2024-01-01\nslug: console\n---\n").slug());
        assertEquals("com-1", parse("2024-01-01-com-1.md", "---\ntitle: A\n---\n").slug());
    }

    @Test
    void refusesAYamlAliasBombOnTheLineOfTheAliasTooMany() {
        StringBuilder bomb = new StringBuilder("---\ntitle: A\ndate: 2024-01-01\na: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char name = 'b'; name <= 'i'; name++) {
            String alias = "*" + (char) (name - 1);
            bomb.append(name).append(": &").append(name).append(" [").append(String.join(", ", java.util.Collections.nCopies(9, alias)))
                    .append("]\n");
        }
        assertEquals("a.md:10: front matter repeats lists or tables through aliases (*name) more than 50 times;"
                + " write them out", error("a.md", bomb + "---\n").getMessage());
    }

    @Test
    void takesAFewAliases() throws Exception {
        Post post = parse("a.md", "---\ntitle: A\ndate: 2024-01-01\nbase: &base [x, y]\ntags: *base\nname: &n Ada\n"
                + "author: *n\n---\n");
        assertEquals(List.of("x", "y"), post.tags());
        assertEquals(List.of("Ada"), post.authors());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "title: !!binary aGVsbG8=                | 2 | title",
            "summary: !!binary aGVsbG8=              | 4 | summary",
            "slug: !!binary aGVsbG8=                 | 4 | slug",
            "author: !!binary aGVsbG8=               | 4 | author",
            "authors: [Ada, !!binary aGVsbG8=]       | 4 | authors",
            "tags: !!binary aGVsbG8=                 | 4 | tags",
            "categories: [a, !!binary aGVsbG8=]      | 4 | categories",
            "updated: !!binary aGVsbG8=              | 4 | updated",
            "draft: !!binary aGVsbG8=                | 4 | draft",
            "image: !!binary aGVsbG8=                | 4 | image",
            "cover: {image: !!binary aGVsbG8=}       | 4 | cover"})
    void refusesBinaryDataInAnyTextField(String line, int lineNumber, String key) {
        String title = line.startsWith("title:") ? line : "title: A";
        String rest = line.startsWith("title:") ? "" : line + "\n";
        assertEquals("a.md:" + lineNumber + ": front matter '" + key + "' must be text, not binary data (!!binary)",
                error("a.md", "---\n" + title + "\ndate: 2024-01-01\n" + rest + "---\n").getMessage());
    }

    @Test
    void rejectsFieldsOfTheWrongShape() {
        assertEquals("a.md:2: front matter 'title' must be text, not a list or a table",
                error("a.md", "---\ntitle: [a, b]\ndate: 2024-01-01\n---\n").getMessage());
        assertEquals("a.md:3: front matter 'draft' must be true or false, not \"maybe\"",
                error("a.md", "---\ntitle: A\ndraft: maybe\ndate: 2024-01-01\n---\n").getMessage());
        assertEquals("a.md:3: 'slug' must be one path segment, without '/' or '\\' and not starting with '.': \"a/b\"",
                error("a.md", "---\ntitle: A\nslug: a/b\ndate: 2024-01-01\n---\n").getMessage());
        assertEquals("a.md:2: front matter must be a set of 'key: value' lines",
                error("a.md", "---\n- just\n- a list\n---\n").getMessage());
    }
}
