package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.rometools.rome.io.WireFeedInput;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code gazette publish} on folders of generated posts: good ones, and hostile ones (deep nesting, huge lines,
 * random bytes, odd front matter, long and odd slugs and tags) beside them. Whatever the mix, every good post is
 * published and emailed, each hostile one is one {@code file:line: reason} line on stderr and nothing else is,
 * no stack trace reaches the user, every feed still parses, and the run exits 1.
 */
class PublishProperties {
    private static final String NOW = "2024-05-11T12:00:00Z";
    private static final String FRONT = "---\ntitle: Hostile\ndate: 2024-05-11\n";
    private static final List<Character> CONTROL = List.of('\u0000', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085',
            '\u200b', '\u202e', '\u2028');

    /** A generated post file; a good one is published under its title. */
    record PostFile(boolean good, String title, byte[] content) {
        static PostFile good(String title, String text) {
            return new PostFile(true, title, text.getBytes(StandardCharsets.UTF_8));
        }

        static PostFile bad(String text) {
            return bad(text.getBytes(StandardCharsets.UTF_8));
        }

        static PostFile bad(byte[] content) {
            return new PostFile(false, null, content);
        }

        @Override
        public String toString() {
            String text = new String(content, StandardCharsets.UTF_8);
            return (good ? "good " : "bad ") + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
        }
    }

    @Property(tries = 25)
    void goodPostsArePublishedAndEachHostileOneIsOneLine(@ForAll("goodPosts") List<PostFile> good,
                                                          @ForAll("hostilePosts") List<PostFile> hostile)
            throws IOException {
        Path root = Files.createTempDirectory("gazette-properties");
        try {
            check(root, good, hostile);
        } finally {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void check(Path root, List<PostFile> good, List<PostFile> hostile) throws IOException {
        Blog blog = new Blog(root).post("2024-05-01-first.md", "---\ntitle: First\n---\nThe first post.\n")
                .subscribers("email,name\nada@example.com,Ada\n");
        assertEquals(0, blog.publish("2024-05-10T09:00:00Z").exit(), "the first run, before the generated posts");
        List<String> badFiles = new ArrayList<>();
        for (int i = 0; i < hostile.size(); i++) {
            String name = "2024-05-11-bad-" + i + ".md";
            Files.write(blog.posts.resolve(name), hostile.get(i).content());
            badFiles.add(blog.posts.resolve(name).toString());
        }
        for (int i = 0; i < good.size(); i++) {
            Files.write(blog.posts.resolve("2024-05-11-good-" + i + ".md"), good.get(i).content());
        }

        Blog.Run run = blog.publish(NOW);

        assertEquals(1, run.exit(), run.err());
        assertFalse(run.err().contains("\tat ") || run.err().contains("Caused by"), "no stack trace: " + run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals(hostile.size(), lines.size(), run.err());
        for (String file : badFiles) {
            Pattern reported = Pattern.compile(Pattern.quote(file) + "(:\\d+)?: \\S.*");
            assertEquals(1, lines.stream().filter(line -> reported.matcher(line).matches()).count(),
                    file + " is reported on one line of: " + run.err());
        }
        for (int i = 0; i < good.size(); i++) {
            assertTrue(blog.onSite("posts/good-" + i + "/index.html"), "good post " + i + " is published");
        }
        Set<String> titles = new HashSet<>();
        good.forEach(post -> titles.add(post.title()));
        assertTrue(jsonFeedTitles(blog.site("feed.json")).containsAll(titles), "every good post is in the feed");
        everyFeedParses(blog.site);
        List<Path> emails = blog.emails();
        assertEquals(1, emails.size(), "one digest to the one subscriber: " + emails);
        String email = blog.email(emails.get(0));
        for (String title : titles) {
            assertTrue(email.contains(title), "the digest has " + title);
        }
    }

    private static Set<String> jsonFeedTitles(String json) {
        Set<String> titles = new HashSet<>();
        for (JsonElement item : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("items")) {
            titles.add(item.getAsJsonObject().get("title").getAsString());
        }
        return titles;
    }

    /** The site's feeds and every tag's: RSS and Atom through Rome, JSON Feed through Gson. */
    private static void everyFeedParses(Path site) throws IOException {
        try (Stream<Path> walk = Files.walk(site)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                String text = Files.readString(file, StandardCharsets.UTF_8);
                try {
                    if (name.equals("feed.xml") || name.equals("atom.xml")) {
                        new WireFeedInput().build(new StringReader(text));
                    } else if (name.equals("feed.json")) {
                        JsonParser.parseString(text).getAsJsonObject().getAsJsonArray("items");
                    }
                } catch (Exception e) {
                    throw new AssertionError(site.relativize(file) + " does not parse: " + e.getMessage(), e);
                }
            }
        }
    }

    @Provide
    Arbitrary<List<PostFile>> goodPosts() {
        Arbitrary<String> words = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10)
                .list().ofMinSize(1).ofMaxSize(40).map(list -> String.join(" ", list));
        Arbitrary<String> title = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(30)
                .map(text -> "Post " + text);
        Arbitrary<String> tags = Arbitraries.of("news", "Rust", "a b", "C#", ".", "..", "/", "%2e%2e", "café", "a/b")
                .list().ofMaxSize(3).uniqueElements().map(list -> "[" + String.join(", ",
                        list.stream().map(tag -> "\"" + tag + "\"").toList()) + "]");
        Arbitrary<String> body = Arbitraries.oneOf(List.of(
                words.map(text -> text + "\n"),
                words.map(text -> "- " + text + "\n  - nested\n    > quoted *and **strong***\n"),
                words.map(text -> "> " + text + "\n>\n> > [a link](2024-05-01-first.md) and `code`\n"),
                Arbitraries.integers().between(1_000, 60_000).map(n -> "<".repeat(n) + "\n"),
                Arbitraries.integers().between(1_000, 60_000).map(n -> "[".repeat(n) + "]".repeat(n) + "\n"),
                Arbitraries.integers().between(1, 32).map(n -> ">".repeat(n) + " as deep as is allowed\n")));
        Arbitrary<PostFile> yaml = Combinators.combine(title, tags, body)
                .as((t, tagList, text) -> PostFile.good(t, "---\ntitle: " + t + "\ntags: " + tagList + "\n---\n" + text));
        Arbitrary<PostFile> toml = Combinators.combine(title, tags, body)
                .as((t, tagList, text) -> PostFile.good(t, "+++\ntitle = \"" + t + "\"\ntags = " + tagList
                        + "\n+++\n" + text));
        return Arbitraries.oneOf(List.of(yaml, toml)).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<PostFile>> hostilePosts() {
        Arbitrary<Character> control = Arbitraries.of(CONTROL);
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(20);
        List<Arbitrary<PostFile>> kinds = List.of(
                Arbitraries.integers().between(33, 5_000).map(n -> PostFile.bad(FRONT + "---\n" + ">".repeat(n) + " x\n")),
                Arbitraries.integers().between(33, 2_000).map(n -> PostFile.bad(FRONT + "---\n" + "- ".repeat(n) + "x\n")),
                Arbitraries.integers().between(100, 3_000).map(n -> PostFile.bad(FRONT + "---\n" + "*".repeat(n) + "x"
                        + "*".repeat(n) + "\n")),
                Arbitraries.integers().between(34, 2_000).map(n -> PostFile.bad(FRONT + "tags: " + "[".repeat(n)
                        + "]".repeat(n) + "\n---\nx\n")),
                Arbitraries.integers().between(35, 2_000).map(n -> PostFile.bad("+++\ntitle = \"Hostile\"\ntags = "
                        + "[".repeat(n) + "]".repeat(n) + "\n+++\nx\n")),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(201).ofMaxLength(1_000)
                        .map(slug -> PostFile.bad(FRONT + "slug: " + slug + "\n---\nx\n")),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(65).ofMaxLength(1_000)
                        .map(tag -> PostFile.bad(FRONT + "tags: [" + tag + "]\n---\nx\n")),
                Combinators.combine(name, control, name).as((a, c, b) -> PostFile.bad(FRONT + "slug: \"" + a
                        + String.format("\\u%04X", (int) c) + b + "\"\n---\nx\n")),
                Combinators.combine(name, control, name).as((a, c, b) -> PostFile.bad(FRONT + "tags: [\"" + a
                        + String.format("\\u%04X", (int) c) + b + "\"]\n---\nx\n")),
                Arbitraries.integers().between(100_000, 300_000).map(n -> PostFile.bad("---\ntitle: " + "x".repeat(n)
                        + "\n")),
                Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(2_000).map(PublishProperties::junk),
                Arbitraries.of("---\ntitle: ~\n---\nx\n", "---\ntitle: [a, b]\n---\nx\n", "---\ntitle: A\ntitle: B\n---\n",
                        "---\ntitle: A\ndate: 0000-01-01\n---\n", "---\ntitle: A\nimage: \"javascript:alert(1)\"\n---\n",
                        "---\ntitle: A\ndraft: maybe\n---\n", "---\ntitle: A\nslug: ../up\n---\n", "---\n- a list\n---\n",
                        "+++\ntitle = \n+++\n", "", "no front matter at all\n").map(PostFile::bad));
        return Arbitraries.oneOf(kinds).list().ofMinSize(1).ofMaxSize(4);
    }

    /** Random bytes after a YAML fence and a title key, with a byte no UTF-8 text holds somewhere in them. */
    private static PostFile junk(byte[] random) {
        byte[] content = new byte[random.length + 12];
        System.arraycopy("---\ntitle: ".getBytes(StandardCharsets.US_ASCII), 0, content, 0, 11);
        System.arraycopy(random, 0, content, 11, random.length);
        content[11 + (random.length == 0 ? 0 : Math.floorMod(random[0], random.length + 1))] = (byte) 0xFF;
        return PostFile.bad(content);
    }
}
