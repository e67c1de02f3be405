package dev.gazette.local;

import dev.gazette.site.MediaTypes;
import dev.gazette.web.Request;
import dev.gazette.web.Response;
import dev.gazette.web.SubscriptionApi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code gazette serve}: the built site and the subscription endpoints on loopback, so a writer can try the
 * whole flow on their own machine. Hidden files (any path segment starting with {@code .}) are never served, nor
 * is anything a link inside the site points to outside it.
 */
public final class LocalServer implements AutoCloseable {
    /** The page Gazette writes for missing paths, and the most of it served: it is a page, not a download. */
    private static final String NOT_FOUND_PAGE = "404.html";
    private static final int NOT_FOUND_PAGE_LIMIT = 1024 * 1024;
    private static final Set<String> ENDPOINTS = Set.of("/subscribe", "/confirm", "/unsubscribe", "/preferences");
    /**
     * The files of Gazette's state folder, and the outbox's emails: never served, wherever they are, should an older
     * version have left a state folder or an outbox inside the site.
     */
    private static final Set<String> STATE_FILES = Set.of("secret", "subscribers.json", "catalog.json", "files.json",
            "lock");

    /** The largest page the preview puts its script in; a larger one is served as it is. */
    private static final long MAX_PREVIEW_PAGE = 16L << 20;

    private final Path site;
    private final SubscriptionApi api;
    private final Preview preview;
    private final String endpoint;
    private final HttpListener listener;
    private final Consumer<String> log;

    /**
     * @param port     the loopback port; 0 for any free one
     * @param endpoint the origin links in emails point at
     * @param log      told of every request that failed, one line each
     */
    public LocalServer(Path site, SubscriptionApi api, String endpoint, int port, Consumer<String> log)
            throws IOException {
        this(site, api, endpoint, port, log, HttpListener.Limits.DEFAULT);
    }

    LocalServer(Path site, SubscriptionApi api, String endpoint, int port, Consumer<String> log,
                HttpListener.Limits limits) throws IOException {
        this(site, api, endpoint, null, port, log, limits);
    }

    /**
     * What {@code gazette serve --watch} adds to the site it serves: pages of its own, which take the place of the
     * subscription endpoints too, and a script in every page.
     */
    public interface Preview {
        /** The preview's own answer to this request; empty for a file of the site. */
        Optional<Response> answer(Request request) throws IOException;

        /** A page of the site as the preview serves it; {@code path} is its file's, relative to the site. */
        byte[] page(String path, byte[] html);
    }

    /** The site folder with a preview's pages, and no subscription endpoints. */
    public LocalServer(Path site, Preview preview, int port, Consumer<String> log) throws IOException {
        this(site, null, null, preview, port, log, HttpListener.Limits.DEFAULT);
    }

    private LocalServer(Path site, SubscriptionApi api, String endpoint, Preview preview, int port,
                        Consumer<String> log, HttpListener.Limits limits) throws IOException {
        this.site = RealPath.of(site);
        this.api = api;
        this.endpoint = endpoint;
        this.preview = preview;
        this.log = log;
        this.listener = new HttpListener(port, limits, this::handle, log);
    }

    public int port() {
        return listener.port();
    }

    /** Whether a path, with or without a final slash, is one of the subscription endpoints. */
    public static boolean isEndpoint(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return ENDPOINTS.contains(trimmed);
    }

    private HttpListener.Reply handle(Request request) throws IOException {
        if (preview != null) {
            Optional<Response> own = preview.answer(request);
            if (own.isPresent()) {
                return HttpListener.Reply.of(own.get());
            }
        }
        if (api != null && isEndpoint(request.path())) {
            return HttpListener.Reply.of(api.handle(request, endpoint));
        }
        return file(request);
    }

    private HttpListener.Reply file(Request request) throws IOException {
        if (!List.of("GET", "HEAD").contains(request.method())) {
            return HttpListener.Reply.of(HttpListener.status(405, "Only GET and HEAD here.",
                    Map.of("Allow", "GET, HEAD")));
        }
        String path;
        try {
            path = request.decodedPath();
        } catch (IllegalArgumentException e) {
            return invalid(request, e.getMessage());
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return invalid(request, "it holds a control character");
        }
        List<String> segments = Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
        if (segments.stream().anyMatch(LocalServer::hidden)) {
            return notFound();
        }
        Path file;
        try {
            file = site.resolve(String.join("/", segments));
        } catch (InvalidPathException e) {
            return notFound();
        }
        if (Files.isDirectory(file)) {
            if (!path.endsWith("/")) {
                // One leading slash: "//example.com/" would send the browser to another host.
                return HttpListener.Reply.of(new Response(301,
                        Map.of("Location", "/" + request.path().replaceFirst("^/+", "") + "/"), new byte[0]));
            }
            file = file.resolve("index.html");
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (STATE_FILES.contains(name) || name.endsWith(".eml")) {
            return notFound();
        }
        Optional<Path> real = realFileInSite(file);
        if (real.isEmpty()) {
            return notFound();
        }
        FileChannel content;
        try {
            // The path checked, with no link followed again: one swapped in meanwhile is not opened.
            content = FileChannel.open(real.get(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            // Deleted since it was looked at, as a publish running beside may do.
            return notFound();
        } catch (FileSystemException e) {
            if (String.valueOf(e.getReason()).startsWith("Too many levels of symbolic links")) {
                // Replaced by a link since it was looked at.
                return notFound();
            }
            throw e;
        }
        if (preview != null && MediaTypes.of(name).startsWith("text/html") && content.size() <= MAX_PREVIEW_PAGE) {
            return previewPage(real.get(), content);
        }
        return new HttpListener.Reply(new Response(200, Map.of("Content-Type",
                MediaTypes.of(file.getFileName().toString()), "Cache-Control", "no-cache"), new byte[0]), content);
    }

    private HttpListener.Reply previewPage(Path real, FileChannel content) throws IOException {
        byte[] html;
        try (InputStream in = Channels.newInputStream(content)) {
            html = in.readNBytes((int) MAX_PREVIEW_PAGE);
        }
        String path = site.toRealPath().relativize(real).toString().replace(real.getFileSystem().getSeparator(), "/");
        return HttpListener.Reply.of(new Response(200, Map.of("Content-Type", MediaTypes.of(path),
                "Cache-Control", "no-cache"), preview.page(path, html)));
    }

    private static boolean hidden(String segment) {
        return segment.startsWith(".");
    }

    /**
     * The file with its links followed, when it is a regular file in the site and not hidden: a link may point
     * anywhere, and a named pipe would hold the request until a writer came.
     */
    private Optional<Path> realFileInSite(Path file) throws IOException {
        Path root = site.toRealPath();
        Path real;
        try {
            real = file.toRealPath();
            if (!Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile()) {
                return Optional.empty();
            }
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
        if (!real.startsWith(root)) {
            return Optional.empty();
        }
        for (Path segment : root.relativize(real)) {
            if (hidden(segment.toString())) {
                return Optional.empty();
            }
        }
        return Optional.of(real);
    }

    /** A 400 for a path that is no path, told on the log as the listener tells its own. */
    private HttpListener.Reply invalid(Request request, String reason) {
        log.accept("400 " + HttpListener.printable(request.method() + " " + request.path()) + ": " + reason);
        return text(400, "This address is not valid: " + reason + ".");
    }

    /** The site's own 404 page, as CloudFront serves it on AWS; a line of text when the site has none. */
    private HttpListener.Reply notFound() throws IOException {
        Optional<Path> page = realFileInSite(site.resolve(NOT_FOUND_PAGE));
        if (page.isPresent()) {
            try (InputStream in = Files.newInputStream(page.get(), LinkOption.NOFOLLOW_LINKS)) {
                byte[] html = in.readNBytes(NOT_FOUND_PAGE_LIMIT);
                return HttpListener.Reply.of(new Response(404, Map.of("Content-Type", MediaTypes.of(NOT_FOUND_PAGE),
                        "Cache-Control", "no-cache"), html));
            } catch (NoSuchFileException gone) {
                // Deleted since it was looked at: the plain answer.
            }
        }
        return text(404, "Not found.");
    }

    private static HttpListener.Reply text(int status, String message) {
        return HttpListener.Reply.of(HttpListener.status(status, message, Map.of()));
    }

    @Override
    public void close() {
        listener.close();
    }
}
