package dev.gazette.preview;

import dev.gazette.local.LocalServer;
import dev.gazette.mail.Email;
import dev.gazette.web.Request;
import dev.gazette.web.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What the preview serves besides the site: the script that reloads a page, the list of problems over every page,
 * the next digest, and a page of its own in place of each subscription endpoint, since the preview takes no
 * subscriptions. Everything of its own is under {@code /_gazette/}.
 */
final class PreviewPages implements LocalServer.Preview {
    static final String PROBLEMS = "_gazette/problems";
    static final String DIGEST = "_gazette/digest";
    /** How many problems show over a page; the rest are on the page of problems. */
    static final int SHOWN_PROBLEMS = 20;
    private static final byte[] SCRIPT = script();

    private final Reloads reloads;
    private final Supplier<PreviewBuild.Outcome> latest;

    /** @param latest the outcome of the latest build */
    PreviewPages(Reloads reloads, Supplier<PreviewBuild.Outcome> latest) {
        this.reloads = reloads;
        this.latest = latest;
    }

    @Override
    public Optional<Response> answer(Request request) {
        String path = request.path();
        if (LocalServer.isEndpoint(path)) {
            return Optional.of(text(404, "The preview takes no subscriptions: try them with gazette serve, without"
                    + " --watch, on the published site."));
        }
        if (!path.startsWith("/_gazette/")) {
            return Optional.empty();
        }
        if (!List.of("GET", "HEAD").contains(request.method())) {
            return Optional.of(new Response(405, Map.of("Allow", "GET, HEAD", "Content-Type",
                    "text/plain; charset=utf-8"), "Only GET and HEAD here.\n".getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.of(switch (path) {
            case "/_gazette/reload.js" -> new Response(200, Map.of("Content-Type", "text/javascript; charset=utf-8",
                    "Cache-Control", "no-cache"), SCRIPT);
            case "/_gazette/reload" -> reload(request.query());
            case "/_gazette/problems" -> problems();
            case "/_gazette/digest" -> digest();
            case "/_gazette/digest.html" -> digestHtml();
            default -> text(404, "Not found.");
        });
    }

    /** Answers {@code reload} once the page changed, {@code same} when the time is up. */
    private Response reload(String query) {
        Map<String, String> parameters;
        long since;
        try {
            parameters = parameters(query);
            since = Long.parseLong(parameters.getOrDefault("since", ""));
        } catch (IllegalArgumentException e) {
            return text(400, "Give since=<build> and page=<path> to wait for a change.");
        }
        String page = parameters.getOrDefault("page", "");
        Optional<Boolean> changed;
        try {
            changed = reloads.await(since, Set.of(page, PROBLEMS, PreviewBuild.BESIDE_POSTS));
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return text(503, "The preview is stopping.");
        }
        if (changed.isEmpty()) {
            return new Response(503, Map.of("Content-Type", "text/plain; charset=utf-8", "Cache-Control", "no-store",
                    "Retry-After", "2"), ("Already " + Reloads.MAX_WAITING + " pages wait for a change; ask again in"
                    + " a moment.\n").getBytes(StandardCharsets.UTF_8));
        }
        return text(200, changed.get() ? "reload" : "same");
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private Response problems() {
        PreviewBuild.Outcome outcome = latest.get();
        Document page = shell("Problems");
        Element body = page.body();
        body.appendElement("h1").text("Problems");
        List<String> errors = outcome.errors();
        List<String> warnings = outcome.warnings();
        body.appendElement("p").text(errors.isEmpty() && warnings.isEmpty()
                ? "None: every post is published as the writer meant."
                : errors.size() + " not published, " + warnings.size() + " published with a warning.");
        Element list = body.appendElement("ul");
        errors.forEach(error -> list.appendElement("li").appendElement("code").text(error));
        warnings.forEach(warning -> list.appendElement("li").appendElement("code").text(warning));
        return html(page, PROBLEMS, false);
    }

    private Response digest() {
        Document page = shell("Next digest");
        Element body = page.body();
        body.appendElement("h1").text("Next digest");
        Optional<NextDigest> next = latest.get().digest();
        if (next.isEmpty()) {
            body.appendElement("p").text("There is no post to put in a digest yet.");
            return html(page, DIGEST, true);
        }
        Email email = next.get().email();
        body.appendElement("p").text(next.get().due()
                ? "What " + NextDigest.SAMPLE.email() + " would get if you published now: the posts due for email."
                : "No post is due for email: this is the newest post, as a test send would mail it.");
        Element posts = body.appendElement("ul");
        next.get().posts().forEach(post -> posts.appendElement("li").appendElement("a").attr("href", post.url())
                .text(post.title()));
        Element head = body.appendElement("dl");
        head.appendElement("dt").text("From");
        head.appendElement("dd").text(email.from());
        head.appendElement("dt").text("To");
        head.appendElement("dd").text(email.toName() + " <" + email.to() + ">");
        head.appendElement("dt").text("Subject");
        head.appendElement("dd").text(email.subject());
        body.appendElement("h2").text("HTML");
        // Sandboxed: the email's links and scripts stay inert, as the preview sends nothing anywhere.
        body.appendElement("iframe").attr("src", "/_gazette/digest.html").attr("title", "The digest's HTML")
                .attr("sandbox", "").attr("style", "width:100%;height:70vh;border:1px solid #888");
        body.appendElement("h2").text("Text");
        body.appendElement("pre").attr("style", "white-space:pre-wrap").text(email.text());
        return html(page, DIGEST, true);
    }

    private Response digestHtml() {
        return latest.get().digest().map(digest -> new Response(200, Map.of("Content-Type", "text/html; charset=utf-8",
                        "Cache-Control", "no-cache"), digest.email().html().getBytes(StandardCharsets.UTF_8)))
                .orElseGet(() -> text(404, "There is no post to put in a digest yet."));
    }

    @Override
    public byte[] page(String path, byte[] html) {
        return inject(html, snippet(path, true));
    }

    /** The script that reloads the page, and the list of problems over it when there are any. */
    private String snippet(String key, boolean overlay) {
        StringBuilder snippet = new StringBuilder();
        PreviewBuild.Outcome outcome = latest.get();
        if (overlay && !outcome.errors().isEmpty()) {
            snippet.append(overlay(outcome.errors()).outerHtml());
        }
        snippet.append(new Element("script").attr("src", "/_gazette/reload.js").attr("data-page", key)
                .attr("data-since", String.valueOf(reloads.version())).outerHtml());
        return snippet.toString();
    }

    private static Element overlay(List<String> errors) {
        Element overlay = new Element("section").attr("id", "gazette-preview-problems").attr("role", "alert")
                .attr("style", "position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;"
                        + "z-index:2147483647;margin:0;padding:0.5em 1em;background:#fff0f0;color:#600;"
                        + "border-top:3px solid #c00;font:14px/1.4 monospace");
        overlay.appendElement("strong").text(errors.size() == 1 ? "1 post is not published:"
                : errors.size() + " posts are not published:");
        Element list = overlay.appendElement("ul");
        errors.stream().limit(SHOWN_PROBLEMS).forEach(error -> list.appendElement("li").text(error));
        if (errors.size() > SHOWN_PROBLEMS) {
            list.appendElement("li").appendElement("a").attr("href", "/" + PROBLEMS)
                    .text("and " + (errors.size() - SHOWN_PROBLEMS) + " more");
        }
        return overlay;
    }

    private Response html(Document page, String key, boolean overlay) {
        byte[] html = ("<!DOCTYPE html>\n" + page.outerHtml()).getBytes(StandardCharsets.UTF_8);
        return new Response(200, Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-cache"),
                inject(html, snippet(key, overlay)));
    }

    private static Document shell(String title) {
        Document page = Document.createShell("");
        page.selectFirst("html").attr("lang", "en");
        page.head().appendElement("meta").attr("charset", "utf-8");
        page.head().appendElement("meta").attr("name", "viewport").attr("content", "width=device-width");
        page.title(title + " · gazette preview");
        page.body().attr("style", "font:16px/1.5 system-ui,sans-serif;max-width:60em;margin:1em auto;padding:0 1em");
        return page;
    }

    /** The HTML with the snippet before its last {@code </body>}, or at its end; its bytes as they are otherwise. */
    static byte[] inject(byte[] html, String snippet) {
        byte[] inserted = snippet.getBytes(StandardCharsets.UTF_8);
        int at = lastBodyEnd(html);
        byte[] out = Arrays.copyOf(html, html.length + inserted.length);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(html, at, out, at + inserted.length, html.length - at);
        return out;
    }

    private static int lastBodyEnd(byte[] html) {
        byte[] tag = "</body".getBytes(StandardCharsets.US_ASCII);
        for (int at = html.length - tag.length; at >= 0; at--) {
            int matched = 0;
            while (matched < tag.length && Character.toLowerCase(html[at + matched]) == tag[matched]) {
                matched++;
            }
            if (matched == tag.length) {
                return at;
            }
        }
        return html.length;
    }

    private static Response text(int status, String message) {
        return new Response(status, Map.of("Content-Type", "text/plain; charset=utf-8", "Cache-Control", "no-store"),
                (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] script() {
        try (InputStream in = PreviewPages.class.getResourceAsStream("reload.js")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
