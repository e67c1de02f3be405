package dev.gazette.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gazette.post.Post;
import dev.gazette.post.PostException;
import dev.gazette.post.PostParser;
import dev.gazette.render.PostRenderer;
import dev.gazette.render.RenderedPost;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.Tokens;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The digest email as a phone and a desktop mail program show it, in headless Chromium (Debian's {@code chromium}
 * and {@code chromium-driver}): a post with a long code line, a wide table or raw HTML of its own width never makes
 * the email wider than the screen, and the unsubscribe link stays in sight. The checked-in posts of
 * {@code layout/} have each feature; the Rust blog's posts in {@code ../shared/corpus} that have one are tried too
 * when that folder is there.
 */
class DigestLayoutBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path LAYOUT = Path.of("src/test/resources/dev/gazette/digest/layout");
    private static final Path CORPUS = Path.of("..", "shared", "corpus");
    private static final Site SITE = new Site(URI.create("https://blog.example.com/"), "Example Blog", "About", "en",
            ZoneOffset.UTC, PermalinkPattern.DEFAULT, 20);
    /** A token of code longer than this is what the issue found widening the email: 15 corpus posts have one. */
    private static final Pattern LONG_TOKEN = Pattern.compile("\\S{71,}");
    private static final Pattern TABLE = Pattern.compile("(?m)^\\s*\\|?\\s*:?-{3,}:?\\s*\\||<table");

    @TempDir
    static Path folder;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if ("required".equals(System.getenv("GAZETTE_BROWSER_TESTS"))) {
            assertTrue(present, "Chromium and ChromeDriver are required here: apt-get install chromium chromium-driver");
        }
        assumeTrue(present, "no Chromium: apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--blink-settings=imagesEnabled=false", "--user-data-dir=" + Files.createTempDirectory(folder, "chromium"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build(), options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Each checked-in post, then each corpus post with a long code line or a table, at a phone's and a card's width. */
    static Stream<Arguments> posts() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> layout = Files.list(LAYOUT)) {
            layout.sorted().forEach(files::add);
        }
        if (Files.isDirectory(CORPUS)) {
            try (Stream<Path> corpus = Files.walk(CORPUS)) {
                corpus.filter(file -> file.toString().endsWith(".md")).sorted().filter(DigestLayoutBrowserTest::wide)
                        .forEach(files::add);
            }
        }
        List<Arguments> cases = new ArrayList<>();
        for (Path file : files) {
            cases.add(Arguments.of(file, 375));
            cases.add(Arguments.of(file, 600));
        }
        return cases.stream();
    }

    /** A post with a table, or a code block with a token longer than a phone's line. */
    private static boolean wide(Path file) {
        try {
            String text = Files.readString(file);
            if (TABLE.matcher(text).find()) {
                return true;
            }
            boolean code = false;
            for (String line : text.split("\n")) {
                if (line.strip().startsWith("```")) {
                    code = !code;
                } else if (code && LONG_TOKEN.matcher(line).find()) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0} at {1} px")
    @MethodSource("posts")
    void theEmailIsNoWiderThanTheScreenAndItsUnsubscribeLinkShows(Path file, int width) throws Exception {
        Path page = folder.resolve(file.getFileName() + "-" + width + ".html");
        Files.writeString(page, email(file));
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", width < 500));
        browser.get(page.toUri().toString());

        assertEquals(width, ((Number) browser.executeScript("return window.innerWidth")).intValue());
        long scrollWidth = ((Number) browser.executeScript("return document.documentElement.scrollWidth")).longValue();
        assertTrue(scrollWidth <= width, file + ": the email is " + scrollWidth + " px wide on a " + width
                + " px screen");
        Object unsubscribe = browser.executeScript("""
                const link = [...document.links].find(a => a.textContent.trim() === 'Unsubscribe');
                const box = link.getBoundingClientRect();
                return box.width > 0 && box.left >= 0 && box.right <= window.innerWidth;""");
        assertEquals(Boolean.TRUE, unsubscribe, file + ": the unsubscribe link is out of sight");
    }

    /** The digest of one post, as its reader gets it. */
    private static String email(Path file) throws IOException, PostException {
        Post post = new PostParser(ZoneOffset.UTC, PostParser.DEFAULT_MAX_BYTES)
                .parse(file.getFileName().toString(), Files.readAllBytes(file));
        RenderedPost rendered = new PostRenderer(SITE).render(post, "posts/" + post.slug() + "/", source -> null);
        DigestComposer composer = new DigestComposer(SITE, Templates.bundled(), new Tokens(new byte[32]),
                "news@blog.example.com", "https://blog.example.com", DigestComposer.Content.FULL);
        Digest digest = new Digest("20240510-abc", List.of(rendered.url()), Instant.parse("2024-05-10T12:00:00Z"),
                null, 0);
        return composer.compose(composer.prepare(digest, List.of(rendered)), new Subscriber("ada@example.com", null),
                digest.created()).html();
    }
}
