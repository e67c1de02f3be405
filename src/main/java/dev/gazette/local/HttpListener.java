package dev.gazette.local;

import dev.gazette.web.Client;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
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
    /**
     * The bounds a client is held to; {@link #DEFAULT} for {@code gazette serve}.
     *
     * @param spared how long a new connection is spared from being closed for a newer one, to send its request
     */
    record Limits(Duration request, Duration response, int connections, int body, Duration spared) {
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(10), Duration.ofSeconds(60), 64, 64 * 1024);

        Limits(Duration request, Duration response, int connections, int body) {
            this(request, response, connections, body, Duration.ofSeconds(1));
        }
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
    private static final Pattern ABSOLUTE = Pattern.compile("(?i)https?://[^/?#]*([\\x21-\\x7e]*)");
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
    /** Answers 503 off the accept thread, which a client slow to read it must not hold up. */
    private final ThreadPoolExecutor refusals;
    private final ScheduledThreadPoolExecutor cutoffs = new ScheduledThreadPoolExecutor(1, daemon("cutoff"));
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    /**
     * @param port 0 for any free one
     * @param log  told of every request that failed, one line each, with what the client sent escaped
     */
    HttpListener(int port, Limits limits, Handler handler, Consumer<String> log) throws IOException {
        this.socket = new ServerSocket(port, 128, InetAddress.getLoopbackAddress());
        this.limits = limits;
        this.handler = handler;
        this.log = log;
        // Room for the threads of connections dropped for newer ones, which end as soon as their socket is closed.
        this.workers = new ThreadPoolExecutor(0, 2 * limits.connections(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemon("request"));
        this.refusals = new ThreadPoolExecutor(0, 2, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(limits.connections()), daemon("busy"));
        cutoffs.setRemoveOnCancelPolicy(true);
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
            if (!admit(new Connection(client))) {
                log.accept("busy: " + limits.connections() + " connections already, none that can make room;"
                        + " answered 503");
                try {
                    refusals.execute(() -> refuse(client));
                } catch (RejectedExecutionException full) {
                    closeQuietly(client);
                }
            }
        }
    }

    /**
     * Serves a new connection. At the limit, the oldest connection still sending its request is closed to make room,
     * else the oldest still being sent its answer: clients that send nothing, or read nothing, are those that fill
     * the server, and they never shut out one that asks and reads at once. Connections in their handler stay, and so
     * do those younger than {@link Limits#spared}: else clients that came back at once whenever closed would close,
     * one after the other, a connection that had had no time to send its request.
     */
    private boolean admit(Connection connection) {
        if (open.size() >= limits.connections()) {
            Optional<Connection> oldest = oldest(Phase.READING).or(() -> oldest(Phase.SENDING));
            if (oldest.isEmpty()) {
                return false;
            }
            open.remove(oldest.get());
            closeQuietly(oldest.get().socket);
        }
        open.add(connection);
        try {
            workers.execute(() -> serve(connection));
            return true;
        } catch (RejectedExecutionException busy) {
            open.remove(connection);
            return false;
        }
    }

    private Optional<Connection> oldest(Phase phase) {
        long spared = System.nanoTime() - limits.spared().toNanos();
        return open.stream().filter(connection -> connection.phase == phase && connection.accepted - spared < 0)
                .min(Comparator.comparingLong(connection -> connection.accepted));
    }

    /** Says the server is busy, and closes only once the client read it or the moment is past. */
    private void refuse(Socket client) {
        try (client) {
            send(client.getOutputStream(), status(503, "The server is busy. Try again in a moment."), null, false);
            linger(client);
        } catch (IOException gone) {
            // The client left, or took too long; nothing more to say.
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(Connection connection) {
        Socket client = connection.socket;
        // However the client behaves, the connection ends: the request has this long to arrive, the answer to leave.
        var cutoff = cutoffs.schedule(() -> closeQuietly(client),
                limits.request().plus(limits.response()).toMillis(), TimeUnit.MILLISECONDS);
        try (client) {
            long deadline = System.nanoTime() + limits.request().toNanos();
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            if (exchange(connection, new Deadline(client, deadline), out)) {
                out.flush();
                linger(client);
            }
        } catch (IOException gone) {
            // The client left, or was cut off: nobody is waiting for an answer.
        } finally {
            cutoff.cancel(false);
            open.remove(connection);
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
    private boolean exchange(Connection connection, Deadline received, OutputStream out) throws IOException {
        InputStream in = new BufferedInputStream(received);
        String line = null;
        Request request;
        try {
            line = line(in, MAX_LINE, 414, "The address of this request is too long.");
            if (line == null) {
                return false;
            }
            request = request(line, in, out, connection.socket.getInetAddress().getHostAddress());
        } catch (Refused refused) {
            log.accept(refused.status + " " + (line == null ? "(a request line too long)" : loggable(line)) + ": "
                    + refused.getMessage());
            send(out, status(refused.status, refused.getMessage()), null, false);
            return true;
        } catch (SocketTimeoutException slow) {
            if (received.count == 0) {
                // Browsers open connections ahead of need and may never use them: no request, nothing to say.
                return false;
            }
            log.accept("408 " + (line == null ? "(a request line cut off)" : loggable(line)) + ": not all sent in "
                    + limits.request().toSeconds() + " s");
            send(out, status(408, "The request took too long to arrive."), null, false);
            return true;
        }
        connection.phase = Phase.HANDLING;
        Reply reply = answer(request);
        connection.phase = Phase.SENDING;
        // Methods are case-sensitive, but the endpoints take "head" for HEAD: no body for it either.
        boolean head = request.method().equalsIgnoreCase("HEAD");
        if (reply.file() == null) {
            send(out, reply.response(), null, head);
            return true;
        }
        try (FileChannel file = reply.file()) {
            send(out, reply.response(), file, head);
        }
        return true;
    }

    /**
     * The request line, headers and body, or what is wrong with them.
     *
     * @param source the address the connection came from: on loopback, with no proxy in front, the client
     */
    private Request request(String line, InputStream in, OutputStream out, String source)
            throws IOException, Refused {
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !TOKEN.matcher(parts[0]).matches()
                || !TARGET.matcher(originForm(parts[1])).matches()) {
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
        String target = originForm(parts[1]);
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        return new Request(parts[0], path, query < 0 ? "" : target.substring(query + 1), headers, body,
                Client.of(source, headers, null).address());
    }

    /** The path and query of a target, also when sent whole ({@code http://host/path}), as RFC 9112 lets clients. */
    private static String originForm(String target) {
        Matcher absolute = ABSOLUTE.matcher(target);
        if (!absolute.matches()) {
            return target;
        }
        return absolute.group(1).startsWith("/") ? absolute.group(1) : "/" + absolute.group(1);
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
            if (count == MAX_HEADERS) {
                throw new Refused(431, "This request has too many headers.");
            }
            if (bytes > MAX_HEAD) {
                throw new Refused(431, "The headers of this request are too large.");
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
        // Exactly the length promised: a file that shrinks while it is sent ends the connection short of it, which the
        // client sees, and what a file grew by is not sent.
        InputStream in = Channels.newInputStream(file);
        byte[] buffer = new byte[1 << 16];
        long sent = 0;
        while (sent < length) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, length - sent));
            if (read < 0) {
                throw new IOException("the file changed while it was sent");
            }
            out.write(buffer, 0, read);
            sent += read;
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
        open.forEach(connection -> closeQuietly(connection.socket));
        workers.shutdownNow();
        refusals.shutdownNow();
        cutoffs.shutdownNow();
    }

    /** How far a connection got: whether closing it for another would free its thread at once. */
    private enum Phase { READING, HANDLING, SENDING }

    /** A client's connection, from when it was accepted. */
    private static final class Connection {
        final Socket socket;
        final long accepted = System.nanoTime();
        volatile Phase phase = Phase.READING;

        Connection(Socket socket) {
            this.socket = socket;
        }
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
        /** How many bytes the client sent: any at all, and one cut off mid-line still gets its 408. */
        long count;

        Deadline(Socket socket, long deadline) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            timeLeft(1);
            int read = super.read();
            count += read < 0 ? 0 : 1;
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            timeLeft(length);
            int read = super.read(buffer, offset, length);
            count += Math.max(read, 0);
            return read;
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
