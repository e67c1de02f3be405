package dev.gazette.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands between the code and the SES emulator and passes every request through to it, except that it can answer
 * the next sends with the errors SES documents for throttling and a paused account, which the emulator never
 * gives. It makes no answer of its own otherwise: every email that goes out goes out through the emulator.
 */
public final class SesFaults implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "expect", "upgrade", "keep-alive");

    /**
     * An error as SES sends it: its status, its {@code x-amzn-ErrorType}, its message; and whether the email went
     * out all the same, as when SES sent it but its answer was lost on the way.
     */
    public record Fault(int status, String type, String message, boolean sent) {
        public static final Fault THROTTLED = new Fault(429, "TooManyRequestsException", "Maximum sending rate exceeded.",
                false);
        public static final Fault REJECTED = new Fault(400, "MessageRejected",
                "Email address is not verified. The following identities failed the check: reader2@example.com", false);
        public static final Fault PAUSED = new Fault(400, "SendingPausedException",
                "Email sending is disabled for your entire Amazon SES account.", false);
        /** The account's 24-hour quota is used up: a throttling error of its own words. */
        public static final Fault DAILY_QUOTA = new Fault(429, "TooManyRequestsException",
                "Daily message quota exceeded.", false);
        /** The stack's configuration set is gone: nothing can be sent until a person puts it back. */
        public static final Fault NO_CONFIGURATION_SET = new Fault(404, "NotFoundException",
                "Configuration set <gazette-digest> does not exist.", false);
        public static final Fault ANSWER_LOST = new Fault(503, "ServiceUnavailable", "Service unavailable.", true);
        /** SES sent it, and the connection broke before any answer: no status at all. */
        public static final Fault CONNECTION_CUT = new Fault(0, null, null, true);
    }

    private final HttpServer server;
    private final URI target;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ConcurrentLinkedQueue<Fault> next = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Fault> nextAccountReads = new ConcurrentLinkedQueue<>();
    private volatile Fault always;
    private final AtomicInteger faults = new AtomicInteger();

    public SesFaults(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next sends fail with these faults, one each, then pass through again. */
    public void failNext(List<Fault> faults) {
        next.addAll(faults);
    }

    /** The next reads of the account (GetAccount) fail with these faults, one each. */
    public void failNextAccountReads(List<Fault> faults) {
        nextAccountReads.addAll(faults);
    }

    /** Every send fails with this fault until {@link #clear()}. */
    public void failAll(Fault fault) {
        always = fault;
    }

    public void clear() {
        always = null;
        next.clear();
        nextAccountReads.clear();
    }

    /** How many faults were answered. */
    public int faults() {
        return faults.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            Fault fault = path.equals("/v2/email/outbound-emails") ? (always != null ? always : next.poll())
                    : path.equals("/v2/email/account") ? nextAccountReads.poll() : null;
            if (fault != null && fault.sent()) {
                forward(exchange, body);
            }
            if (fault != null && fault.status() == 0) {
                faults.incrementAndGet();
                throw new IOException("the connection is cut on purpose");
            }
            if (fault != null) {
                faults.incrementAndGet();
                byte[] error = ("{\"message\":\"" + fault.message() + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("x-amzn-ErrorType", fault.type());
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(fault.status(), error.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(error);
                }
                return;
            }
            HttpResponse<byte[]> response = forward(exchange, body);
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    values.forEach(value -> exchange.getResponseHeaders().add(name, value));
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
                header.getValue().forEach(value -> forward.header(header.getKey(), value));
            }
        }
        try {
            return http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
