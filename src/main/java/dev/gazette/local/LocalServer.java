package dev.gazette.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gazette.site.MediaTypes;
import dev.gazette.web.Request;
import dev.gazette.web.Response;
import dev.gazette.web.SubscriptionApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code gazette serve}: the built site and the subscription endpoints on loopback, so a writer can try the
 * whole flow on their own machine.
 */
public final class LocalServer implements AutoCloseable {
    private static final Set<String> ENDPOINTS = Set.of("/subscribe", "/confirm", "/unsubscribe");

    private final Path site;
    private final SubscriptionApi api;
    private final String endpoint;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    /**
     * @param port     the loopback port; 0 for any free one
     * @param endpoint the origin links in emails point at
     */
    public LocalServer(Path site, SubscriptionApi api, String endpoint, int port) throws IOException {
        this.site = site.toAbsolutePath().normalize();
        this.api = api;
        this.endpoint = endpoint;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            Response response = ENDPOINTS.contains(trimmed) ? endpoint(exchange, path) : file(exchange, path);
            response.headers().forEach(exchange.getResponseHeaders()::add);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.status(), head || response.body().length == 0 ? -1 : response.body().length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (RuntimeException e) {
            // The path only: the query may hold a subscriber's token.
            System.err.println("gazette serve: " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                    + ": " + e);
            throw e;
        }
    }

    private Response endpoint(HttpExchange exchange, String path) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            // One byte over the limit is enough for the endpoints to refuse it.
            body = in.readNBytes(64 * 1024 + 1);
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        return api.handle(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                headers, body), endpoint);
    }

    private Response file(HttpExchange exchange, String rawPath) throws IOException {
        if (!List.of("GET", "HEAD").contains(exchange.getRequestMethod())) {
            return text(405, "Only GET and HEAD here.", Map.of("Allow", "GET, HEAD"));
        }
        String path;
        try {
            path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text(400, "Not a path.", Map.of());
        }
        Path file = site.resolve(path.substring(1)).normalize();
        if (!file.startsWith(site)) {
            return text(404, "Not found.", Map.of());
        }
        if (Files.isDirectory(file)) {
            if (!rawPath.endsWith("/")) {
                return new Response(301, Map.of("Location", rawPath + "/"), new byte[0]);
            }
            file = file.resolve("index.html");
        }
        if (!Files.isRegularFile(file)) {
            return text(404, "Not found.", Map.of());
        }
        return new Response(200, Map.of("Content-Type", MediaTypes.of(file.getFileName().toString()),
                "Cache-Control", "no-cache"), Files.readAllBytes(file));
    }

    private static Response text(int status, String message, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", "text/plain; charset=utf-8");
        return new Response(status, all, message.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
