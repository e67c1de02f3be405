package dev.gazette.local;

import dev.gazette.web.Request;
import dev.gazette.web.Response;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 on loopback, one request per connection, every step bounded: how long a request may take to arrive
 * (a client that dribbles bytes or sends nothing is cut off), how long its answer may take to leave, how large its
 * head may be, how many connections are served at once. Whatever a client sends, it gets a status and a short page,
 * or, when it stops sending, the connection closed.
 *
 * <p>The JDK's {@code com.sun.net.httpserver} was not enough here: its timeouts are JVM-wide system properties read
 * once, a thread waits on each slow client without them, and it answers a path it cannot parse, such as
 * {@code /%zz}, with a page of its own ("URISyntaxException thrown"). An embedded server such as Jetty would add
 * megabytes to the jar that also ships to Lambda, for a command that only ever runs on the writer's machine.
 */
final class HttpListener implements AutoCloseable {
    /** The bounds a client is held to; {@link #DEFAULT} for {@code gazette serve}. */
    record Limits(Duration request, Duration response, int connections, int body) {
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(10), Duration.ofSeconds(60), 64, 64 * 1024);
    }

    /** What to send: a response, with its body read from an open file when there is one, which is then closed. */
    record Reply(Response response, FileChannel file) {
        static Reply of(Response response) {
            return new Reply(response, null);
        }
    }

    interface Handler {
        Reply handle(Request request) throws Exception;
    }

    /** The longest request line, and the most bytes of header lines. */
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEAD = 16 * 1024;
    private static final int MAX_HEADERS = 100;
    /** What is read and thrown away of a body refused for its size, so that the client gets to read the answer. */
    private static final long MAX_DRAIN = 16L * 1024 * 1024;
    /** How long the rest of a request is read after the answer, at most. */
    private static final Duration MAX_LINGER = Duration.ofSeconds(2);
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern TARGET = Pattern.compile("/[\\x21-\\x7e]*");
    private static final Pattern VERSION = Pattern.compile("HTTP/1\\.[01]");
    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"),
            Map.entry(204, "No Content"), Map.entry(301, "Moved Permanently"), Map.entry(400, "Bad Request"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(409, "Conflict"), Map.entry(410, "Gone"), Map.entry(411, "Length Required"),
            Map.entry(413, "Content Too Large"), Map.entry(414, "URI Too Long"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
            Map.entry(503, "Service Unavailable"), Map.entry(505, "HTTP Version Not Supported"));

    private final ServerSocket socket;
    private final Limits limits;
    private final Handler handler;
    private final Consumer<String> log;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService cutoffs = Executors.newSingleThreadScheduledExecutor(daemon("cutoff"));
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    /**
     * @param port 0 for any free one
     * @param log  told of every request that failed, one line each, with what the client sent escaped
     */
    HttpListener(int port, Limits limits, Handler handler, Consumer<String> log) throws IOException {
        this.socket = new ServerSocket(port, 128, InetAddress.getLoopbackAddress());
        this.limits = limits;
        this.handler = handler;
        this.log = log;
        this.workers = new ThreadPoolExecutor(0, limits.connections(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemon("request"));
        daemon("accept").newThread(this::accept).start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, "gazette-serve-" + name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private void accept() {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    // Out of file descriptors, say: wait for connections to end rather than spin.
                    log.accept("cannot accept connections: " + e.getMessage());
                    pause();
                }
                continue;
            }
            try {
                workers.execute(() -> serve(client));
            } catch (RejectedExecutionException busy) {
                // Every worker is taken: say so at once rather than keep the client waiting.
                log.accept("busy: " + limits.connections() + " connections already; answered 503");
                try (client) {
                    send(client.getOutputStream(), status(503, "The server is busy. Try again in a moment."), null,
                            false);
                    client.shutdownOutput();
                } catch (IOException gone) {
                    // The client left; nothing to answer.
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(Socket client) {
        // However the client behaves, the connection ends: the request has this long to arrive, the answer to leave.
        var cutoff = cutoffs.schedule(() -> closeQuietly(client),
                limits.request().plus(limits.response()).toMillis(), TimeUnit.MILLISECONDS);
        open.add(client);
        try (client) {
            long deadline = System.nanoTime() + limits.request().toNanos();
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            if (exchange(new BufferedInputStream(new Deadline(client, deadline)), out)) {
                out.flush();
                linger(client);
            }
        } catch (IOException gone) {
            // The client left, or was cut off: nobody is waiting for an answer.
        } finally {
            cutoff.cancel(false);
            open.remove(client);
        }
    }

    /**
     * Reads and throws away what the client still sends, such as the rest of a body too large, until it closes:
     * closing first would reset the connection, and the client might lose the answer before reading it.
     */
    private void linger(Socket client) throws IOException {
        client.shutdownOutput();
        InputStream in = client.getInputStream();
        long end = System.nanoTime() + Math.min(limits.request().toNanos(), MAX_LINGER.toNanos());
        byte[] buffer = new byte[8192];
        for (long read = 0; read < MAX_DRAIN; ) {
            long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            if (left <= 0) {
                return;
            }
            client.setSoTimeout((int) left);
            int count = in.read(buffer);
            if (count < 0) {
                return;
            }
            read += count;
        }
    }

    /** Reads a request and answers it; false when there was nothing to answer. */
    private boolean exchange(InputStream in, OutputStream out) throws IOException {
        String line = null;
        Request request;
        try {
            line = line(in, MAX_LINE, 414, "The address of this request is too long.");
            if (line == null) {
                return false;
            }
            request = request(line, in, out);
        } catch (Refused refused) {
            log.accept(refused.status + " " + (line == null ? "(a request line too long)" : loggable(line)) + ": "
                    + refused.getMessage());
            send(out, status(refused.status, refused.getMessage()), null, false);
            return true;
        } catch (SocketTimeoutException slow) {
            if (line == null) {
                // Browsers open connections ahead of need and may never use them: no request, nothing to say.
                return false;
            }
            log.accept("408 " + loggable(line) + ": not all sent in " + limits.request().toSeconds() + " s");
            send(out, status(408, "The request took too long to arrive."), null, false);
            return true;
        }
        Reply reply = answer(request);
        if (reply.file() == null) {
            send(out, reply.response(), null, request.method().equals("HEAD"));
            return true;
        }
        try (FileChannel file = reply.file()) {
            send(out, reply.response(), file, request.method().equals("HEAD"));
        }
        return true;
    }

    /** The request line, headers and body, or what is wrong with them. */
    private Request request(String line, InputStream in, OutputStream out) throws IOException, Refused {
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !TOKEN.matcher(parts[0]).matches() || !TARGET.matcher(parts[1]).matches()) {
            throw new Refused(400, "This is not an HTTP request this server can read.");
        }
        if (!VERSION.matcher(parts[2]).matches()) {
            throw new Refused(505, "Send the request as HTTP/1.1.");
        }
        Map<String, String> headers = headers(in);
        if (headers.containsKey("transfer-encoding")) {
            throw new Refused(411, "Send the body with a Content-Length.");
        }
        long length = length(headers.get("content-length"));
        if (length > 0 && headers.getOrDefault("expect", "").equalsIgnoreCase("100-continue")) {
            // Even a body too large is read, as far as the endpoints need, so they answer with their own page.
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        byte[] body = in.readNBytes((int) Math.min(length, limits.body() + 1L));
        if (body.length < Math.min(length, limits.body() + 1L)) {
            throw new Refused(400, "The body is shorter than its Content-Length.");
        }
        int query = parts[1].indexOf('?');
        String path = query < 0 ? parts[1] : parts[1].substring(0, query);
        return new Request(parts[0], path, query < 0 ? "" : parts[1].substring(query + 1), headers, body);
    }

    private Reply answer(Request request) {
        try {
            return handler.handle(request);
        } catch (Exception | StackOverflowError e) {
            // The path without the query, which may hold a subscriber's token.
            log.accept("500 " + printable(request.method() + " " + request.path()) + ": " + printable(String.valueOf(e)));
            return Reply.of(status(500, "Something went wrong on this server; it is reported where gazette serve"
                    + " runs."));
        }
    }

    private static Map<String, String> headers(InputStream in) throws IOException, Refused {
        Map<String, String> headers = new LinkedHashMap<>();
        int bytes = 0;
        for (int count = 0; ; count++) {
            String line = line(in, MAX_LINE, 431, "A header of this request is too long.");
            if (line == null) {
                throw new Refused(400, "The request ended before its headers did.");
            }
            if (line.isEmpty()) {
                return headers;
            }
            bytes += line.length();
            if (count == MAX_HEADERS || bytes > MAX_HEAD) {
                throw new Refused(431, "This request has too many headers.");
            }
            int colon = line.indexOf(':');
            String value = colon < 0 ? "" : line.substring(colon + 1).strip();
            if (colon < 0 || !TOKEN.matcher(line.substring(0, colon)).matches()
                    || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new Refused(400, "A header of this request is malformed.");
            }
            headers.merge(line.substring(0, colon).toLowerCase(Locale.ROOT), value, (a, b) -> a + ", " + b);
        }
    }

    private static long length(String header) throws Refused {
        if (header == null) {
            return 0;
        }
        if (!header.matches("[0-9]{1,18}")) {
            throw new Refused(400, "The Content-Length of this request is not a number.");
        }
        return Long.parseLong(header);
    }

    /** One line without its CR LF, as Latin-1; null at the end of the stream before any byte. */
    private static String line(InputStream in, int max, int status, String tooLong) throws IOException, Refused {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
            }
            if (bytes.size() == max) {
                throw new Refused(status, tooLong);
            }
            bytes.write(b);
        }
        String line = bytes.toString(StandardCharsets.ISO_8859_1);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static void send(OutputStream out, Response response, FileChannel file, boolean head)
            throws IOException {
        long length = file == null ? response.body().length : file.size();
        StringBuilder text = new StringBuilder("HTTP/1.1 ").append(response.status()).append(' ')
                .append(REASONS.getOrDefault(response.status(), "Status")).append("\r\n");
        response.headers().forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        text.append("Content-Length: ").append(length).append("\r\nConnection: close\r\n\r\n");
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        if (head || response.status() == 204 || response.status() == 304) {
            return;
        }
        if (file == null) {
            out.write(response.body());
            return;
        }
        // A file that changes while it is sent ends the connection short of its Content-Length: the client sees it.
        long sent = Channels.newInputStream(file).transferTo(out);
        if (sent != length) {
            throw new IOException("the file changed while it was sent");
        }
    }

    static Response status(int status, String message) {
        return status(status, message, Map.of());
    }

    /** A short plain-text page. */
    static Response status(int status, String message, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("Content-Type", "text/plain; charset=utf-8");
        headers.put("Cache-Control", "no-store");
        return new Response(status, headers, (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The request line for the log, without its query: a confirmation or unsubscribe token is a key. */
    private static String loggable(String line) {
        return printable(line.replaceFirst("\\?[^ ]*", ""));
    }

    /**
     * Text from a client, fit for one line of a log: every character outside printable ASCII, and the backslash,
     * as a {@code \}{@code uXXXX} escape, so no request can write a line of its own or hide what it sent.
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(300).forEach(c -> {
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                out.append((char) c);
            } else {
                Character.toString(c).chars().forEach(unit -> out.append(String.format("\\u%04x", unit)));
            }
        });
        return text.codePointCount(0, text.length()) > 300 ? out + "…" : out.toString();
    }

    private static void closeQuietly(Socket client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // Closing is all that was asked.
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
        open.forEach(HttpListener::closeQuietly);
        workers.shutdownNow();
        cutoffs.shutdownNow();
    }

    /** What the request may not do; the message is the page the client gets. */
    private static final class Refused extends Exception {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** The socket's input, which a read may wait on until the request's deadline and no longer. */
    private static final class Deadline extends FilterInputStream {
        private final Socket socket;
        private final long deadline;

        Deadline(Socket socket, long deadline) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            timeLeft(1);
            return super.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            timeLeft(length);
            return super.read(buffer, offset, length);
        }

        private void timeLeft(int length) throws IOException {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 && length > 0) {
                throw new SocketTimeoutException("the request's time is up");
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(left, Integer.MAX_VALUE)));
        }
    }
}
