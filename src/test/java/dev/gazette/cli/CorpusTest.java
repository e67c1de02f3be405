package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 584 real posts of the Rust blog in {@code ../shared/corpus}, when that folder is there. */
class CorpusTest {
    private static final Path CORPUS = Path.of("..", "shared", "corpus");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

    @TempDir
    Path folder;

    @Test
    void publishesEveryPostWithEveryFeedUrlAbsolute() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "no corpus at " + CORPUS.toAbsolutePath());
        Blog blog = new Blog(folder);

        Blog.Run run = blog.publish("2026-01-01T00:00:00Z", "--posts", CORPUS.toString(), "--site-url",
                "https://blog.rust-lang.org/", "--permalink", "/:year/:month/:day/:slug.html", "--feed-size", "1000");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("584 posts: 584 new;"), run.out());
        Channel rss = (Channel) new WireFeedInput().build(new StringReader(blog.site("feed.xml")));
        assertEquals(584, rss.getItems().size());
        List<String> relative = new ArrayList<>();
        int urls = 0;
        for (Item item : rss.getItems()) {
            for (Element element : Jsoup.parseBodyFragment(item.getContent().getValue()).select("[href], [src]")) {
                String url = element.hasAttr("href") ? element.attr("href") : element.attr("src");
                urls++;
                if (!isAbsolute(url)) {
                    relative.add(item.getLink() + ": " + url);
                }
            }
        }
        assertEquals(List.of(), relative);
        assertTrue(urls > 5000, "the corpus has thousands of links; found " + urls);
    }

    /**
     * As a writer moving the archive in would run it, in a fresh folder: no options beyond the three it needs. The
     * archive has posts of one slug on different days (a yearly survey); none is refused. Its images that climb
     * out of the posts folder are warnings.
     */
    @Test
    void publishesTheArchiveWithTheDefaultsWithoutAnError() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "no corpus at " + CORPUS.toAbsolutePath());
        Process gazette = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "publish",
                "--posts", CORPUS.toAbsolutePath().toString(), "--site", "site", "--site-url", "https://blog.rust-lang.org/")
                .directory(folder.toFile()).redirectOutput(folder.resolve("out").toFile())
                .redirectError(folder.resolve("err").toFile()).start();

        assertEquals(0, gazette.waitFor(), Files.readString(folder.resolve("err")));
        assertTrue(Files.readString(folder.resolve("out")).startsWith("584 posts: 584 new;"));
        List<String> err = Files.readAllLines(folder.resolve("err"));
        String posts = CORPUS.toAbsolutePath().toString();
        assertEquals(List.of(), err.stream().filter(line -> line.startsWith(posts) && !line.contains(": warning: "))
                .toList());
        String survey = CORPUS.toAbsolutePath().resolve("rust-blog/2018-11-27-Rust-survey-2018.md") + ":9: warning:"
                + " links to ../../../images/2018-11-RustSurvey/1-Do_you_use_Rust.png, which leads out of the posts"
                + " folder";
        assertTrue(err.stream().anyMatch(line -> line.startsWith(survey)), String.join("\n", err));
        assertTrue(Files.isRegularFile(folder.resolve("site/2018/11/27/Rust-survey-2018/index.html")));
    }

    /** Starts with a scheme, as RFC 3986 says; java.net.URI would refuse some real ones, such as {@code ?channels=##rust}. */
    private static boolean isAbsolute(String url) {
        return SCHEME.matcher(url.strip()).lookingAt();
    }
}
