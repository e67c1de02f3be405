package dev.gazette.local;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.gazette.mail.Email;
import dev.gazette.subscriber.EmailAddress;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.SubscriberStore;
import dev.gazette.subscriber.Subscription;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subscribers of a local site, in one file of the state folder: a log of changes, one JSON object a line,
 * appended under a lock so {@code gazette serve} and the other commands can share it. Each instance keeps the
 * list in memory and reads only what others appended since; so a change costs one short write, whatever the
 * list's length. The log is rewritten whole, without what later lines replaced, once it holds more lines
 * replaced than live. A file of the first version (one JSON document) is read and rewritten as a log.
 */
public final class SubscriberFile implements SubscriberStore {
    private static final int VERSION = 2;
    private static final int LEGACY_VERSION = 1;
    /** Lines replaced by later ones that a log may carry before it is compacted, beyond one per subscriber. */
    private static final int SLACK = 10_000;
    /** The bytes read from the log at a time. */
    private static final int CHUNK = 64 * 1024;
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(Subscription.class, new SubscriptionJson().nullSafe())
            .disableHtmlEscaping()
            .create();

    /**
     * One monitor per lock file in this JVM, by its real path (a symbolic link to the state folder is the same
     * file): a file lock keeps other processes out, but two instances of one process asking for it at once would
     * fail rather than wait.
     */
    private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private final Path file;
    private final Path lock;
    private final Clock clock;
    /** By {@link #key}, as of {@link #end}. */
    private final TreeMap<String, Subscription> subscribers = new TreeMap<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    /**
     * The first line of the file read, null before one is: each rewrite gives the file a header of its own, so
     * another process's compaction is told from an append.
     */
    private byte[] header;
    /** Where the last whole line read ends. */
    private long end;
    private long lines;

    /** @param clock tells when a pending subscription has waited too long */
    public SubscriberFile(Path file, Clock clock) {
        this.file = file;
        this.lock = file.resolveSibling(file.getFileName() + ".lock");
        this.clock = clock;
    }

    /** One line of the log: the header, a subscription as it is now, or an address forgotten. */
    private record Line(Integer version, String generation, Subscription set, String removed) {
        static Line set(Subscription subscription) {
            return new Line(null, null, subscription, null);
        }
    }

    /** The first version's file: one document. */
    private record Legacy(int version, List<Subscription> subscribers) {
    }

    @FunctionalInterface
    private interface Change<T> {
        T apply() throws IOException;
    }

    /** Runs {@code change} on the list as the file has it now, and appends what it wrote, under the lock. */
    private <T> T locked(Change<T> change) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        notADirectory(file);
        notADirectory(lock);
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            synchronized (MONITORS.computeIfAbsent(lock.toRealPath(), path -> new Object())) {
                return lockedFile(channel, change);
            }
        }
    }

    private <T> T lockedFile(FileChannel channel, Change<T> change) throws IOException {
        try (FileLock held = channel.lock()) {
            catchUp();
            pending.reset();
            T result;
            try {
                result = change.apply();
            } catch (RuntimeException | IOException e) {
                forget();
                throw e;
            }
            if (pending.size() > 0) {
                try {
                    append();
                } catch (IOException | RuntimeException e) {
                    forget();
                    throw e;
                }
            }
            if (lines > 2L * subscribers.size() + SLACK) {
                try {
                    compact();
                } catch (IOException e) {
                    // The log is whole without it; the next change tries again.
                    forget();
                }
            }
            return result;
        }
    }

    private static void notADirectory(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new FileSystemException(path.toString(), null, "Is a directory");
        }
    }

    /** Reads what was appended since the last read, or the whole file when another process rewrote it. */
    private void catchUp() throws IOException {
        if (!Files.exists(file)) {
            forget();
            return;
        }
        long size = Files.size(file);
        if (header == null || size < end || !Arrays.equals(header, firstLine())) {
            forget();
        }
        if (size > end) {
            try {
                readFrom();
            } catch (IOException | RuntimeException e) {
                forget();
                throw e;
            }
        }
    }

    private byte[] firstLine() throws IOException {
        ByteBuffer start = ByteBuffer.allocate(header.length);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (start.hasRemaining() && in.read(start) >= 0) {
                // Until the buffer is full or the file ends.
            }
        }
        return start.array();
    }

    private void forget() {
        subscribers.clear();
        header = null;
        end = 0;
        lines = 0;
    }

    /**
     * Reads the lines appended since {@link #end}, one at a time: a log of any length is read in the memory of its
     * longest line.
     */
    private void readFrom() throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            if (end == 0 && !isLog(in)) {
                readLegacy(Files.readAllBytes(file));
                return;
            }
            in.position(end);
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (in.read(chunk) >= 0) {
                byte[] bytes = chunk.array();
                int start = 0;
                for (int at = 0; at < chunk.position(); at++) {
                    if (bytes[at] == '\n') {
                        line.write(bytes, start, at - start);
                        wholeLine(line.toByteArray(), utf8);
                        line.reset();
                        start = at + 1;
                    }
                }
                line.write(bytes, start, chunk.position() - start);
                chunk.clear();
            }
            // What follows the last line break is a line cut short by a crash: never acknowledged, so dropped.
        }
    }

    /** Whether the file starts as a log does, not as a file of the first version. */
    private static boolean isLog(FileChannel in) throws IOException {
        ByteBuffer start = ByteBuffer.allocate(16);
        while (start.hasRemaining() && in.read(start, start.position()) > 0) {
            // Until the buffer is full or the file ends.
        }
        return new String(start.array(), 0, start.position(), StandardCharsets.US_ASCII)
                .startsWith("{\"version\":" + VERSION);
    }

    /** Reads one line of the log, without its line break. */
    private void wholeLine(byte[] bytes, CharsetDecoder utf8) throws IOException {
        String text;
        try {
            text = utf8.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw damaged(lines + 1, "not UTF-8 text");
        }
        line(text, lines + 1);
        if (lines == 0) {
            header = Arrays.copyOf(bytes, bytes.length + 1);
            header[bytes.length] = '\n';
        }
        lines++;
        end += bytes.length + 1;
    }

    private void line(String text, long number) throws IOException {
        Line line;
        try {
            line = GSON.fromJson(text, Line.class);
        } catch (IllegalArgumentException e) {
            // A field of the record that is not what Gazette writes there, said plainly by SubscriptionJson.
            throw damaged(number, e.getMessage());
        } catch (JsonParseException | IllegalStateException e) {
            // Gson's own message speaks of parser states and links to its troubleshooting guide.
            throw damaged(number, "not a subscriber record: each line is one JSON object, as Gazette writes it");
        }
        if (number == 1) {
            if (line == null || line.version() == null || line.version() != VERSION) {
                throw new IOException(file + ":1: not a subscriber file of this version of Gazette (" + text
                        + "); use the version that wrote it, or restore the file from a backup");
            }
            return;
        }
        if (line != null && line.set() != null && line.removed() == null) {
            String problem = problem(line.set());
            if (problem != null) {
                throw damaged(number, problem);
            }
            Subscription subscription = normalised(line.set());
            subscribers.put(key(subscription.email()), subscription);
        } else if (line != null && line.removed() != null && line.set() == null) {
            subscribers.remove(key(EmailAddress.normalise(line.removed()).orElse(line.removed())));
        } else {
            throw damaged(number, "not a subscriber record: " + text);
        }
    }

    /** What makes a stored subscription unusable, or null. */
    private static String problem(Subscription subscription) {
        if (subscription.email() == null || subscription.email().isBlank()) {
            return "a subscriber without an address";
        }
        if (EmailAddress.normalise(subscription.email()).isEmpty()) {
            return "not an email address: \"" + subscription.email() + "\"";
        }
        if (subscription.status() == null) {
            return subscription.email() + " has no state (pending, confirmed, unsubscribed or suppressed)";
        }
        if (subscription.created() == null || subscription.changed() == null) {
            return subscription.email() + " has no date of creation or change";
        }
        return null;
    }

    /**
     * The subscription with its address as the form stores it (the domain in lower case), whatever a hand-mended
     * line wrote: the address mailed is always one {@link EmailAddress} accepted.
     */
    private static Subscription normalised(Subscription stored) {
        String address = EmailAddress.normalise(stored.email()).orElseThrow();
        return address.equals(stored.email()) ? stored : new Subscription(address, stored.name(), stored.status(),
                stored.created(), stored.changed(), stored.confirmationSent(), stored.reason(), stored.softBounces(),
                stored.topics(), stored.welcomed());
    }

    private IOException damaged(long line, String problem) {
        return new IOException(file + ":" + line + ": " + problem + "; the subscriber file is damaged: restore it"
                + " from a backup, or mend that line");
    }

    /** Reads a file of the first version and rewrites it as a log, so the migration happens once. */
    private void readLegacy(byte[] read) throws IOException {
        Legacy legacy;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(read)).toString();
            legacy = GSON.fromJson(text, Legacy.class);
        } catch (CharacterCodingException e) {
            throw new IOException(file + " is damaged (not UTF-8 text); restore it from a backup", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + "); restore it from a backup", e);
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + " is damaged (not the JSON document Gazette writes); restore it from a"
                    + " backup", e);
        }
        if (legacy == null || legacy.version() != LEGACY_VERSION || legacy.subscribers() == null) {
            throw new IOException(file + " is not a subscriber file of this version of Gazette; use the version"
                    + " that wrote it, or restore the file from a backup");
        }
        for (int i = 0; i < legacy.subscribers().size(); i++) {
            Subscription subscription = legacy.subscribers().get(i);
            String problem = subscription == null ? "an empty entry" : problem(subscription);
            if (problem != null) {
                throw new IOException(file + ": subscriber " + (i + 1) + " of the list: " + problem
                        + "; the file is damaged: restore it from a backup, or mend that entry");
            }
            subscribers.put(key(subscription.email()), normalised(subscription));
        }
        compact();
    }

    private void append() throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (end == 0) {
                header = newHeader();
                out.truncate(0);
                out.write(ByteBuffer.wrap(header));
                lines = 1;
            } else if (out.size() > end) {
                // A line cut short by a crash: the next one must start on a line of its own.
                out.truncate(end);
            }
            out.position(out.size());
            ByteBuffer written = ByteBuffer.wrap(pending.toByteArray());
            while (written.hasRemaining()) {
                out.write(written);
            }
            out.force(false);
            end = out.position();
        }
        lines += countLines(pending.toByteArray());
    }

    private static long countLines(byte[] bytes) {
        long count = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                count++;
            }
        }
        return count;
    }

    /** Rewrites the log with a line per live subscriber, whole or not at all. */
    private void compact() throws IOException {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        byte[] rewritten = newHeader();
        whole.writeBytes(rewritten);
        Instant now = clock.instant();
        subscribers.values().removeIf(subscription -> expired(subscription, now));
        for (Subscription subscription : subscribers.values()) {
            whole.writeBytes(line(Line.set(subscription)));
        }
        AtomicFiles.write(file, whole.toByteArray());
        header = rewritten;
        end = whole.size();
        lines = subscribers.size() + 1L;
    }

    private static byte[] newHeader() {
        return line(new Line(VERSION, UUID.randomUUID().toString(), null, null));
    }

    private static byte[] line(Line line) {
        return (GSON.toJson(line) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void write(Subscription subscription) {
        subscribers.put(key(subscription.email()), subscription);
        pending.writeBytes(line(Line.set(subscription)));
    }

    private boolean expired(Subscription subscription, Instant now) {
        return subscription.status() == Subscription.Status.PENDING && !subscription.hasLeft()
                && !subscription.forgettableAfter().isAfter(now);
    }

    /** The subscription of {@code address}, unless it is a pending one that waited too long. */
    private Subscription find(String address) {
        Subscription subscription = subscribers.get(key(address));
        return subscription == null || expired(subscription, clock.instant()) ? null : subscription;
    }

    /** Addresses that differ only in case are one subscriber: people type their address either way. */
    private static String key(String address) {
        return Email.recipient(address);
    }

    @Override
    public Optional<Subscription> get(String address) throws IOException {
        return locked(() -> Optional.ofNullable(find(address)));
    }

    @Override
    public boolean create(Subscription subscription) throws IOException {
        return locked(() -> {
            if (find(subscription.email()) != null) {
                return false;
            }
            write(subscription);
            return true;
        });
    }

    /** Adds them all in one write: an import of a long list. */
    @Override
    public int createAll(Collection<Subscription> subscriptions) throws IOException {
        return locked(() -> {
            int created = 0;
            for (Subscription subscription : subscriptions) {
                if (find(subscription.email()) == null) {
                    write(subscription);
                    created++;
                }
            }
            return created;
        });
    }

    @Override
    public void put(Subscription subscription) throws IOException {
        locked(() -> {
            write(subscription);
            return null;
        });
    }

    @Override
    public boolean update(Subscription read, Subscription next) throws IOException {
        Set<Subscription.Field> fields = read.changesTo(next);
        return locked(() -> {
            Subscription stored = find(read.email());
            if (stored == null || !stored.unchangedSince(read, fields)) {
                return false;
            }
            write(stored.with(fields, next));
            return true;
        });
    }

    @Override
    public boolean claimConfirmation(String address, Instant now, Duration cooldown) throws IOException {
        return locked(() -> {
            Subscription subscription = find(address);
            if (subscription == null || subscription.confirmationSent() != null
                    && subscription.confirmationSent().isAfter(now.minus(cooldown))) {
                return false;
            }
            write(subscription.withConfirmationSent(now));
            return true;
        });
    }

    @Override
    public void releaseConfirmation(String address, Instant claimed) throws IOException {
        locked(() -> {
            Subscription subscription = find(address);
            if (subscription != null && claimed.equals(subscription.confirmationSent())) {
                write(subscription.withConfirmationSent(null));
            }
            return null;
        });
    }

    @Override
    public boolean remove(String address) throws IOException {
        return locked(() -> {
            Subscription removed = subscribers.remove(key(address));
            if (removed == null) {
                return false;
            }
            pending.writeBytes(line(new Line(null, null, null, removed.email())));
            return true;
        });
    }

    @Override
    public List<Subscription> all() throws IOException {
        return locked(() -> {
            Instant now = clock.instant();
            return subscribers.values().stream().filter(subscription -> !expired(subscription, now)).toList();
        });
    }

    @Override
    public Page confirmed(String cursor, int limit) throws IOException {
        return locked(() -> {
            List<Subscriber> page = new ArrayList<>();
            String next = null;
            Map<String, Subscription> after = cursor == null ? subscribers : subscribers.tailMap(key(cursor), false);
            for (Subscription subscription : after.values()) {
                if (subscription.status() != Subscription.Status.CONFIRMED) {
                    continue;
                }
                if (page.size() == limit) {
                    next = key(page.get(page.size() - 1).email());
                    break;
                }
                page.add(subscription.subscriber());
            }
            return new Page(page, next);
        });
    }

    @Override
    public Set<String> mailable(Collection<String> addresses) throws IOException {
        return locked(() -> {
            Set<String> mailable = new HashSet<>();
            for (String address : addresses) {
                Subscription subscription = subscribers.get(key(address));
                if (subscription != null && subscription.status() == Subscription.Status.CONFIRMED) {
                    mailable.add(address);
                }
            }
            return mailable;
        });
    }
}
