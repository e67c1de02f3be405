package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A writer trying the whole flow on their machine: {@code gazette serve} in a process of its own, a reader in
 * headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) filling in the form, the confirmation
 * read from the outbox, its link opened in the browser, and the next {@code gazette publish} mailing the reader.
 */
class ServeBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Pattern CONFIRM = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/confirm\\?token=[A-Za-z0-9_.-]+");

    @TempDir
    Path folder;

    private final List<Process> servers = new ArrayList<>();
    private final List<ChromeDriver> browsers = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        browsers.forEach(ChromeDriver::quit);
        for (Process server : servers) {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        browsers.clear();
        servers.clear();
    }

    @Test
    void aReaderSubscribesInTheBrowserConfirmsAndGetsTheNextDigest() throws Exception {
        requireChromium();
        int port = freePort();
        String siteUrl = "http://127.0.0.1:" + port + "/";
        Blog blog = published(siteUrl);
        ChromeDriver browser = chromium();
        serve(blog, port);

        browser.get(siteUrl + "subscribe");
        browser.findElement(By.id("email")).sendKeys("reader@example.com");
        browser.findElement(By.id("name")).sendKeys("A Reader");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBe(By.tagName("h1"), "Check your inbox"));
        confirmFromTheOutbox(browser, blog);
        stop();

        String today = LocalDate.now().toString();
        blog.post(today + "-second.md", "---\ntitle: Second\n---\nFor the new reader.\n");
        Blog.Run run = blog.publish(today + "T23:59:00Z");
        assertTrue(run.out().contains("digest of 1 post to 1 subscriber"), run.out());
        List<Path> digests = emails(blog).stream().filter(email -> !email.toString().contains("confirm-")
                && !email.toString().contains("welcome")).toList();
        assertEquals(1, digests.size());
        assertTrue(digests.get(0).getFileName().toString().startsWith("reader@example.com"));
    }

    /**
     * A reader who chose Rust on the form is welcomed with working links, turns to Go on their preferences page,
     * and the next digest follows.
     */
    @Test
    void aReaderIsWelcomedAndChangesTopicsOnTheirPage() throws Exception {
        requireChromium();
        int port = freePort();
        String siteUrl = "http://127.0.0.1:" + port + "/";
        Blog blog = published(siteUrl);
        ChromeDriver browser = chromium();
        serve(blog, port);

        browser.get(siteUrl + "subscribe");
        browser.findElement(By.id("email")).sendKeys("reader@example.com");
        browser.findElement(By.cssSelector("input[name=topic][value=rust]")).click();
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBe(By.tagName("h1"), "Check your inbox"));
        confirmFromTheOutbox(browser, blog);

        List<Path> welcomes = emails(blog).stream().filter(email -> email.toString().contains("welcome")).toList();
        assertEquals(1, welcomes.size());
        Matcher links = Pattern.compile("https?://\\S+").matcher(text(welcomes.get(0)));
        List<String> all = new ArrayList<>();
        while (links.find()) {
            all.add(links.group());
        }
        assertEquals(3, all.size(), "the first post, the preferences and the unsubscribe link: " + all);
        browser.get(all.get(0));
        assertEquals("First", browser.findElement(By.tagName("h1")).getText());
        browser.get(all.get(1));
        assertEquals(List.of(), violations(browser, Files.readString(Path.of("node_modules", "axe-core",
                "axe.min.js"))), "the preferences page");
        assertTrue(browser.findElement(By.cssSelector("input[name=topic][value=rust]")).isSelected());
        browser.findElement(By.cssSelector("input[name=topic][value=rust]")).click();
        browser.findElement(By.cssSelector("input[name=topic][value=notes]")).click();
        browser.findElement(By.xpath("//button[text()='Save']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.tagName("main"), "Saved. You will get the posts about notes."));
        stop();

        String today = LocalDate.now().toString();
        blog.post(today + "-borrow.md", "---\ntitle: Borrowing\ntags: [rust]\n---\nOwnership.\n");
        blog.post(today + "-diary.md", "---\ntitle: Diary\ntags: [notes]\n---\nA note.\n");
        assertEquals(0, blog.publish(today + "T23:59:00Z").exit());
        List<Path> digests = emails(blog).stream().filter(email -> !email.toString().contains("confirm-")
                && !email.toString().contains("welcome")).toList();
        assertEquals(1, digests.size());
        String digest = text(digests.get(0));
        assertTrue(digest.contains("Diary") && !digest.contains("Borrowing"), digest);
    }

    /** The form at the foot of a post: with scripts on, the answer shows in place and the page stays. */
    @Test
    void aReaderSubscribesFromAPostAndStaysOnIt() throws Exception {
        requireChromium();
        int port = freePort();
        String siteUrl = "http://127.0.0.1:" + port + "/";
        Blog blog = published(siteUrl);
        ChromeDriver browser = chromium();
        serve(blog, port);

        browser.get(siteUrl);
        browser.findElement(By.linkText("First")).click();
        String post = browser.getCurrentUrl();
        browser.findElement(By.id("subscribe-email")).sendKeys("reader@example.com");
        browser.findElement(By.cssSelector(".subscribe button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".subscribe [role=status]"), "an email to confirm is on its way"));
        assertEquals(post, browser.getCurrentUrl(), "the reader is still on the post");
        assertEquals("First", browser.findElement(By.tagName("h1")).getText());
        assertEquals("", browser.findElement(By.id("subscribe-email")).getAttribute("value"), "the form is reset");
        confirmFromTheOutbox(browser, blog);

        StringWriter out = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "subscribers", "export", "--state", blog.state.toString()));
        assertTrue(out.toString().lines().anyMatch(row -> row.startsWith("reader@example.com,,confirmed,")), out.toString());
    }

    /** A mistyped address gets the site's 404 page, as CloudFront serves it on AWS, and its form works too. */
    @Test
    void aMissingPageShowsTheSites404PageWhoseFormSubscribes() throws Exception {
        requireChromium();
        int port = freePort();
        String siteUrl = "http://127.0.0.1:" + port + "/";
        Blog blog = published(siteUrl);
        ChromeDriver browser = chromium();
        serve(blog, port);

        browser.get(siteUrl + "posts/frist/");
        assertEquals("Page not found", browser.findElement(By.tagName("h1")).getText());
        browser.findElement(By.id("subscribe-email")).sendKeys("reader@example.com");
        browser.findElement(By.cssSelector(".subscribe button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".subscribe [role=status]"), "an email to confirm is on its way"));
        confirmFromTheOutbox(browser, blog);
        browser.get(siteUrl + "posts/frist/");
        browser.findElement(By.linkText("The newest posts")).click();
        assertEquals(siteUrl, browser.getCurrentUrl());
    }

    /** Without scripts, the same form is a plain POST, answered by the endpoint's page. */
    @Test
    void withoutScriptsTheFormPostsToTheEndpointsPage() throws Exception {
        requireChromium();
        int port = freePort();
        String siteUrl = "http://127.0.0.1:" + port + "/";
        Blog blog = published(siteUrl);
        ChromeOptions noScripts = options();
        noScripts.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        ChromeDriver browser = chromium(noScripts);
        serve(blog, port);

        browser.get(siteUrl);
        browser.findElement(By.id("subscribe-email")).sendKeys("reader@example.com");
        browser.findElement(By.cssSelector(".subscribe button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBe(By.tagName("h1"), "Check your inbox"));
        assertEquals(siteUrl + "subscribe", browser.getCurrentUrl());
        assertEquals(1, emails(blog).size());
    }

    /**
     * The feeds show as a page when opened from another origin than the site URL's (here 127.0.0.1 for a site
     * published as localhost): through feed.xsl where the browser applies XSLT, through CSS where it no longer does.
     */
    @Test
    void aFeedOpenedFromAnyOriginShowsAsAPageWithOrWithoutXslt() throws Exception {
        requireChromium();
        int port = freePort();
        Blog blog = published("http://localhost:" + port + "/");
        ChromeDriver withXslt = chromium();
        ChromeOptions noXslt = options();
        noXslt.addArguments("--disable-blink-features=XSLT");
        ChromeDriver plain = chromium(noXslt);
        serve(blog, port);

        for (String feed : List.of("feed.xml", "tags/rust/feed.xml")) {
            withXslt.get("http://127.0.0.1:" + port + "/" + feed);
            assertEquals("First", withXslt.findElement(By.cssSelector("li a")).getText(), feed);

            plain.get("http://127.0.0.1:" + port + "/" + feed);
            assertEquals(List.of("rss", "block", "flex", "none"), plain.executeScript("""
                    const style = (element) => getComputedStyle(element).display;
                    return [document.documentElement.localName, style(document.querySelector('channel > title')),
                        style(document.querySelector('item')), style(document.querySelector('item > guid'))];
                    """), feed);
        }
    }

    /**
     * axe-core, from npm, finds nothing on the index, a post, the archive, a tag's page and the subscribe page, in
     * light and dark alike.
     */
    @Test
    void axeFindsNoAccessibilityViolationsInEitherColourScheme() throws Exception {
        requireChromium();
        int port = freePort();
        String siteUrl = "http://127.0.0.1:" + port + "/";
        Blog blog = published(siteUrl, "--description", "Notes on things");
        String axe = Files.readString(Path.of("node_modules", "axe-core", "axe.min.js"));
        ChromeDriver browser = chromium();
        serve(blog, port);

        for (String scheme : List.of("light", "dark")) {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                    List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
            browser.get(siteUrl);
            String post = browser.findElement(By.linkText("First")).getAttribute("href");
            for (String page : List.of(siteUrl, post, siteUrl + "archive/", siteUrl + "tags/rust/",
                    siteUrl + "subscribe")) {
                browser.get(page);
                assertEquals(List.of(), violations(browser, axe), scheme + " " + page);
            }
        }
    }

    /** An old path of a post, opened in the browser, ends on the post, whether its page is a folder or a file. */
    @Test
    void aRedirectPageTakesTheReaderToThePost() throws Exception {
        requireChromium();
        int port = freePort();
        String siteUrl = "http://127.0.0.1:" + port + "/";
        Blog blog = new Blog(folder, "--site-url", siteUrl);
        blog.post("2024-05-01-moved.md", "---\ntitle: Moved in\naliases: [/blog/moved/]\n"
                + "redirect_from: /old/moved.html\n---\nFrom the old blog.\n");
        assertEquals(0, blog.publishWithDefaults("2024-05-10T09:00:00Z").exit());
        ChromeDriver browser = chromium();
        serve(blog, port);

        for (String old : List.of("blog/moved/", "old/moved.html")) {
            browser.get(siteUrl + old);
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(ExpectedConditions.urlToBe(siteUrl + "2024/05/01/moved/"));
            assertEquals("Moved in", browser.findElement(By.tagName("h1")).getText(), old);
        }
    }

    /** A blog with one post, published for the given site URL. */
    private Blog published(String siteUrl, String... options) throws IOException {
        List<String> all = new ArrayList<>(List.of("--site-url", siteUrl, "--from", "Example Blog <news@example.com>"));
        all.addAll(List.of(options));
        Blog blog = new Blog(folder, all.toArray(String[]::new));
        blog.post("2024-05-01-first.md", "---\ntitle: First\ntags: [rust, notes]\nauthor: Ada\n---\n"
                + "The first post, with [a link](https://example.org/), `code` and a list:\n\n- one\n- two\n\n"
                + "```\nfn main() {}\n```\n\n> A quote.\n");
        assertEquals(0, blog.publish("2024-05-10T09:00:00Z").exit());
        return blog;
    }

    /** Opens the link of the one confirmation email in the outbox, as the reader would. */
    private static void confirmFromTheOutbox(ChromeDriver browser, Blog blog) throws Exception {
        List<Path> confirmations = emails(blog);
        assertEquals(1, confirmations.size());
        Matcher link = CONFIRM.matcher(text(confirmations.get(0)));
        assertTrue(link.find());
        browser.get(link.group());
        assertEquals("You are subscribed", browser.findElement(By.tagName("h1")).getText());
    }

    /** What axe-core finds wrong on the open page: one line per rule, with the elements that break it. */
    @SuppressWarnings("unchecked")
    private static List<String> violations(ChromeDriver browser, String axe) {
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        browser.executeScript(axe);
        return (List<String>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] }).then((results) => done(results.violations.map(
                    (rule) => rule.id + ': ' + rule.help + ' ' + rule.nodes.map((node) => node.target.join(' ')).join(', '))));
                """);
    }

    private void serve(Blog blog, int port) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve",
                "--site", blog.site.toString(), "--port", String.valueOf(port),
                "--site-url", "http://127.0.0.1:" + port + "/", "--title", "Example Blog",
                "--state", blog.state.toString(), "--outbox", blog.outbox.toString(),
                "--from", "Example Blog <news@example.com>"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        servers.add(process);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        assertTrue(first != null && first.startsWith("Serving "), "gazette serve said: " + first);
    }

    private static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if ("required".equals(System.getenv("GAZETTE_BROWSER_TESTS"))) {
            assertTrue(present, "Chromium and ChromeDriver are required here: apt-get install chromium chromium-driver");
        }
        assumeTrue(present, "no Chromium: apt-get install chromium chromium-driver");
    }

    private ChromeOptions options() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(folder, "chromium"));
        return options;
    }

    private ChromeDriver chromium() throws IOException {
        return chromium(options());
    }

    private ChromeDriver chromium(ChromeOptions options) {
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browsers.add(browser);
        return browser;
    }

    private static List<Path> emails(Blog blog) throws IOException {
        try (Stream<Path> files = Files.walk(blog.outbox)) {
            return files.filter(file -> file.toString().endsWith(".eml")).sorted().toList();
        }
    }

    private static String text(Path email) throws Exception {
        try (InputStream in = Files.newInputStream(email)) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            return (String) ((Multipart) message.getContent()).getBodyPart(0).getContent();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
