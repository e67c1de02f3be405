package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gazette serve --watch} in a process of its own, as a writer runs it beside a blog already published and
 * mailed: each save shows in the preview, a broken post shows its error, and the real state and outbox stay as
 * they were.
 */
class ServeWatchTest {
    /** How soon a save must show: a functional bound, far above what a build of a few posts takes. */
    private static final Duration SOON = Duration.ofSeconds(2);
    private static final String TODAY = LocalDate.now().toString();

    @TempDir
    Path folder;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Blog blog;
    private PreviewProcess preview;
    private String here;

    @BeforeEach
    void publishedAndMailed() throws IOException {
        blog = new Blog(folder).subscribers("email,name\nada@example.com,Ada\n");
        blog.post("2024-05-01-first.md", "---\ntitle: First\n---\nThe first post.\n");
        assertEquals(0, blog.publish("2024-05-10T09:00:00Z").exit());
        blog.post("2024-05-11-mailed.md", "---\ntitle: Mailed\n---\nAlready in a digest.\n");
        assertTrue(blog.publish("2024-05-11T09:00:00Z").out().contains("digest of 1 post to 1 subscriber"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (preview != null) {
            preview.close();
        }
    }

    @Test
    void eachSaveShowsInThePreviewAndTheRealStateIsLeftAlone() throws Exception {
        Map<String, String> state = hashes(blog.state);
        Map<String, String> outbox = hashes(blog.outbox);
        start();
        assertTrue(get("/").contains("First"));

        blog.post(TODAY + "-second.md", "---\ntitle: Second post\n---\nAs first written.\n");
        String index = within(SOON, "/", page -> page.contains("Second post"));
        String post = URI.create(here).resolve(Jsoup.parse(index).selectFirst("a:containsOwn(Second post)")
                .attr("href")).getPath();

        // Saved as many editors save: to a temporary file, renamed over the post.
        Path draft = Files.writeString(blog.posts.resolve("." + TODAY + "-second.md.tmp"),
                "---\ntitle: Second post\n---\nAs edited a moment later.\n");
        Files.move(draft, blog.posts.resolve(TODAY + "-second.md"), StandardCopyOption.ATOMIC_MOVE);
        within(SOON, post, page -> page.contains("As edited a moment later."));

        // The digest is made once the pages are written: it may come a moment after them.
        String digest = within(SOON, "/_gazette/digest", page -> page.contains("As edited a moment later."));
        assertTrue(digest.contains("reader@example.com would get if you published now"), digest);
        Document listed = Jsoup.parse(digest);
        assertEquals(List.of("Second post"), listed.select("ul a").eachText(), "only the post not mailed yet");
        assertTrue(listed.selectFirst("pre").text().contains("As edited a moment later."), "the text part");
        assertTrue(get("/_gazette/digest.html").contains("As edited a moment later."), "the HTML part");

        stopPreview();
        assertEquals(state, hashes(blog.state), "the state folder, byte for byte");
        assertEquals(outbox, hashes(blog.outbox), "the outbox: no email written");
        assertFalse(blog.onSite(post.substring(1) + "index.html"), "the real site is not published to");
    }

    @Test
    void aBrokenPostShowsItsErrorOverEveryPageUntilItIsFixed() throws Exception {
        start();
        Path broken = blog.posts.resolve(TODAY + "-broken.md");
        blog.post(broken.getFileName().toString(), "---\ntitle: Broken\ndate: next week\n---\nNot yet.\n");
        String error = broken + ":3: ";
        String index = within(SOON, "/", page -> page.contains(error));
        assertTrue(Jsoup.parse(index).selectFirst("#gazette-preview-problems").text().contains(error + "front matter"),
                index);
        assertTrue(index.contains("First"), "the rest of the site is still there");
        assertTrue(get("/_gazette/problems").contains(error));

        blog.post(TODAY + "-broken.md", "---\ntitle: Mended\n---\nNow it is.\n");
        within(SOON, "/", page -> page.contains("Mended") && !page.contains("gazette-preview-problems"));
    }

    @Test
    void anEditedTemplateRewritesEveryPage() throws Exception {
        Path templates = Files.createDirectories(folder.resolve("templates"));
        start("--templates", templates.toString());
        assertFalse(get("/").contains("Made with care"));

        Files.writeString(templates.resolve("index.html.mustache"), "<!DOCTYPE html><html lang=\"en\"><title>{{site.title}}"
                + "</title><body><p>Made with care</p></body></html>");

        within(SOON, "/", page -> page.contains("Made with care"));

        Files.writeString(templates.resolve("index.html.mustache"), "<body>{{#posts}}never closed</body>");
        String index = within(SOON, "/", page -> page.contains("gazette-preview-problems"));
        assertTrue(Jsoup.parse(index).selectFirst("#gazette-preview-problems").text()
                .contains("index.html.mustache"), index);
        assertTrue(index.contains("Made with care"), "the last good pages stay");

        Files.delete(templates.resolve("index.html.mustache"));
        Files.writeString(templates.resolve("digest.txt.mustache"), "{{#posts}}never closed");
        index = within(SOON, "/", page -> !page.contains("Made with care") && page.contains("digest.txt.mustache"));
        assertTrue(Jsoup.parse(index).selectFirst("#gazette-preview-problems").text()
                .contains("the next digest could not be made"), index);
    }

    @Test
    void anOpenPageHearsOfItsChange() throws Exception {
        start();
        Document index = Jsoup.parse(get("/"));
        String since = index.selectFirst("script[data-since]").attr("data-since");
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(HttpRequest.newBuilder(URI.create(here
                + "_gazette/reload?since=" + since + "&page=index.html")).build(), HttpResponse.BodyHandlers.ofString());

        blog.post(TODAY + "-third.md", "---\ntitle: Third\n---\nNews.\n");

        assertEquals("reload", answer.get(SOON.toMillis(), TimeUnit.MILLISECONDS).body().strip());
    }

    @Test
    void everyOpenPageHearsOfAChangedFileBesideThePosts() throws Exception {
        blog.post("images/cat.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        start();
        String since = Jsoup.parse(get("/")).selectFirst("script[data-since]").attr("data-since");
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(HttpRequest.newBuilder(URI.create(here
                + "_gazette/reload?since=" + since + "&page=index.html")).build(), HttpResponse.BodyHandlers.ofString());

        blog.post("images/cat.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>");

        assertEquals("reload", answer.get(SOON.toMillis(), TimeUnit.MILLISECONDS).body().strip());
        assertTrue(get("/images/cat.svg").contains("circle"));
    }

    @Test
    void thePreviewTakesNoSubscriptions() throws Exception {
        Map<String, String> state = hashes(blog.state);
        start();
        HttpResponse<String> subscribe = http.send(HttpRequest.newBuilder(URI.create(here + "subscribe"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=new@example.com")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, subscribe.statusCode());
        assertTrue(subscribe.body().contains("The preview takes no subscriptions"), subscribe.body());
        stopPreview();
        assertEquals(state, hashes(blog.state));
    }

    @Test
    void aDamagedStateFolderIsNamedAndLeftAsItIs() throws Exception {
        Files.writeString(blog.state.resolve("catalog.json"), "{not json");
        Map<String, String> state = hashes(blog.state);
        StringWriter err = new StringWriter();

        int exit = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "serve", "--watch",
                "--posts", blog.posts.toString(), "--port", "0", "--state", blog.state.toString());

        assertEquals(3, exit);
        assertTrue(err.toString().startsWith("gazette: " + blog.state.resolve("catalog.json") + " is damaged"),
                err.toString());
        assertEquals(state, hashes(blog.state));
    }

    @Test
    void thePreviewNeedsThePostsAndNotTheSite() {
        StringWriter err = new StringWriter();
        assertEquals(2, Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "serve",
                "--watch", "--port", "0"));
        assertEquals("gazette: give the folder of posts to preview with --posts DIR", err.toString().strip());

        err.getBuffer().setLength(0);
        assertEquals(2, Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "serve",
                "--watch", "--posts", blog.posts.toString(), "--site", blog.site.toString(), "--port", "0"));
        assertTrue(err.toString().contains("--site is not used with --watch"), err.toString());
    }

    private void start(String... options) throws Exception {
        List<String> all = new ArrayList<>(List.of("--title", "Example Blog", "--from", "Example Blog <news@example.com>"));
        all.addAll(List.of(options));
        preview = new PreviewProcess(blog, all.toArray(String[]::new));
        here = preview.here;
    }

    private void stopPreview() throws InterruptedException {
        preview.close();
        preview = null;
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(here).resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    /** The page once it shows what is awaited, asked again and again until {@code bound} is up. */
    private String within(Duration bound, String path, Predicate<String> awaited) throws Exception {
        long end = System.nanoTime() + bound.toNanos();
        String page = get(path);
        while (!awaited.test(page)) {
            assertTrue(System.nanoTime() < end, path + " did not change within " + bound + ": " + page);
            Thread.sleep(50);
            page = get(path);
        }
        return page;
    }

    /** Every file of a folder with the SHA-256 of its bytes. */
    private static Map<String, String> hashes(Path root) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                hashes.put(root.relativize(file).toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        }
        return hashes;
    }
}
