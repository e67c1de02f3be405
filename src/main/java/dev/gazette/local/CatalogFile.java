package dev.gazette.local;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import dev.gazette.digest.Digest;
import dev.gazette.publish.Entry;
import dev.gazette.publish.Mailing;
import dev.gazette.publish.Store;
import dev.gazette.publish.StoredTime;
import dev.gazette.render.RenderedPost;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The catalog's store in the state folder: {@code catalog.json} holds every record as of the start of a run, and
 * {@code catalog.log} each change since, one JSON line per write, appended before the write returns; each published
 * post's HTML is a file of its own under {@code html/}. Opening or closing the store folds the log into
 * {@code catalog.json} once the log has grown past a quarter of it, not after every run. So a run over a large
 * archive writes little more than what changed, and a run that stops half-way loses no write that returned. One run
 * at a time holds the state folder.
 */
public final class CatalogFile implements Store, Closeable {
    private static final int VERSION = 2;
    /** The log is folded into catalog.json once larger than this, and than a quarter of catalog.json. */
    private static final long LOG_FOLDED_AT = 64 * 1024;
    private static final String RESTORE = "restore it from a backup, or delete the state folder's catalog.json,"
            + " catalog.log and html/ to start afresh: the next run then publishes everything and emails nothing";
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
            .disableHtmlEscaping()
            .create();

    private final Path file;
    private final Path log;
    private final Path htmlFolder;
    private final Map<String, Entry> entries = new TreeMap<>();
    private final Map<String, Mailing> mailings = new TreeMap<>();
    private final Map<Note, Map<String, String>> notes = new EnumMap<>(Note.class);
    private final Map<String, Digest> digests = new TreeMap<>();
    private String settings;
    /** One run at a time holds the state folder: the count need not outlive it. */
    private long listings;

    private CatalogFile(Path file) {
        this.file = file;
        this.log = file.resolveSibling("catalog.log");
        this.htmlFolder = file.resolveSibling("html");
        for (Note note : Note.values()) {
            notes.put(note, new TreeMap<>());
        }
    }

    /** The store kept in {@code file} and the log beside it; an empty one when neither exists yet. */
    public static CatalogFile open(Path file) throws IOException {
        CatalogFile store = new CatalogFile(file);
        boolean whole = store.readAll();
        // A line cut off by a crash must go before the next is appended, or the two would make one damaged line.
        if (Files.exists(store.log) && (!whole || store.foldIsDue())) {
            store.fold();
        }
        return store;
    }

    /**
     * The store at {@code file} as it and its log are now, read without changing anything, for a reader beside the
     * run that holds the state folder, such as {@code gazette serve}: only to read, and never closed, which would
     * fold the log.
     */
    public static Store snapshot(Path file) throws IOException {
        CatalogFile store = new CatalogFile(file);
        store.readAll();
        return store;
    }

    /**
     * How many digests the store at {@code file} records as sent, its log included, read without changing anything:
     * each mailed links signed with the state folder's secret. 0 for a store that cannot be read, which publish
     * reports on its own.
     */
    public static long digestsSent(Path file) {
        CatalogFile store = new CatalogFile(file);
        try {
            store.readAll();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return store.digests.values().stream().filter(digest -> digest.sent() != null).count();
    }

    /**
     * Reads catalog.json and then the log, as they are, changing nothing.
     *
     * @return false when the log does not end with a whole line
     */
    private boolean readAll() throws IOException {
        if (Files.exists(file)) {
            read();
        }
        return !Files.exists(log) || replay();
    }

    private void read() throws IOException {
        Stored stored;
        try {
            stored = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Stored.class);
        } catch (IOException e) {
            throw FileErrors.naming(file, e);
        } catch (RuntimeException e) {
            throw new IOException(file + " is damaged (" + reason(e) + "); " + RESTORE, e);
        }
        if (stored == null || stored.version != VERSION) {
            throw new IOException(file + " was written by another version of Gazette (format "
                    + (stored == null ? "unknown" : stored.version) + ", this one reads " + VERSION
                    + "); delete the state folder's catalog.json, catalog.log and html/ to start afresh");
        }
        String problem = stored.problem();
        if (problem != null) {
            throw new IOException(file + " is damaged (" + problem + "); " + RESTORE);
        }
        stored.entries.forEach(entry -> entries.put(entry.source(), entry));
        stored.mailings.forEach(mailing -> mailings.put(mailing.postId(), mailing));
        notes.get(Note.CONTENT).putAll(Objects.requireNonNullElse(stored.lastPublished, Map.of()));
        notes.get(Note.MOVED).putAll(Objects.requireNonNullElse(stored.moves, Map.of()));
        notes.get(Note.PENDING).putAll(Objects.requireNonNullElse(stored.pending, Map.of()));
        stored.digests.forEach(digest -> digests.put(digest.id(), digest));
        settings = stored.settings;
    }

    /**
     * Applies the log's lines; a last line cut off by a crash is a write that never returned, and is left out.
     *
     * @return false when the log does not end with a whole line
     */
    private boolean replay() throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        int whole = bytes.length;
        while (whole > 0 && bytes[whole - 1] != '\n') {
            whole--;
        }
        String text = utf8(bytes, 0, whole);
        try {
            text += utf8(bytes, whole, bytes.length - whole);
        } catch (CharacterCodingException e) {
            // A full disk or a crash may cut the last line inside a character: a write that never returned too.
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            boolean last = i == lines.length - 1;
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                Line line = GSON.fromJson(lines[i], Line.class);
                String problem = line == null ? "an empty line" : line.problem();
                if (problem != null) {
                    throw new JsonParseException(problem);
                }
                apply(line);
            } catch (RuntimeException e) {
                if (!last) {
                    throw new IOException(log + ":" + (i + 1) + ": damaged (" + reason(e) + "); " + RESTORE, e);
                }
            }
        }
        return whole == bytes.length;
    }

    /** The bytes as UTF-8, refused when they are not: never a replacement character in a record. */
    private static String utf8(byte[] bytes, int from, int length) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, from, length)).toString();
    }

    /**
     * Whether the log is to be folded: it has grown past a quarter of catalog.json (or past {@link #LOG_FOLDED_AT}
     * when that is small), or there is no catalog.json yet, which the first run makes.
     */
    private boolean foldIsDue() throws IOException {
        return !Files.exists(file) || Files.size(log) > Math.max(LOG_FOLDED_AT, Files.size(file) / 4);
    }

    /** Writes every record into catalog.json, whole, and only then drops the log: a crash between leaves both. */
    private void fold() throws IOException {
        Stored stored = new Stored(VERSION, settings, List.copyOf(entries.values()), List.copyOf(mailings.values()),
                List.copyOf(digests.values()), notes.get(Note.CONTENT), notes.get(Note.MOVED), notes.get(Note.PENDING));
        AtomicFiles.write(file, GSON.toJson(stored).getBytes(StandardCharsets.UTF_8));
        Files.deleteIfExists(log);
    }

    /**
     * Folds the log into {@code catalog.json} once it has grown large. Nothing depends on it: a store that is never
     * closed is folded when next opened.
     */
    @Override
    public void close() throws IOException {
        if (Files.exists(log) && foldIsDue()) {
            fold();
        }
    }

    @Override
    public Snapshot load() {
        return new Snapshot(listings, settings, List.copyOf(entries.values()), List.copyOf(mailings.values()), notes,
                List.copyOf(digests.values()));
    }

    @Override
    public Map<String, String> html(Collection<String> sources) throws IOException {
        Map<String, String> html = new HashMap<>();
        for (String source : sources) {
            if (entries.containsKey(source)) {
                try {
                    html.put(source, Files.readString(htmlFile(source), StandardCharsets.UTF_8));
                } catch (NoSuchFileException e) {
                    throw new IOException("the HTML of " + source + " is missing from " + htmlFolder
                            + "; publish with --rebuild after deleting the state folder's catalog.json", e);
                }
            }
        }
        return html;
    }

    /** The HTML goes first, so the catalog never names HTML that is not there. */
    @Override
    public void save(Entry entry) throws IOException {
        Entry stored = entry;
        if (entry.post() != null) {
            AtomicFiles.write(htmlFile(entry.source()), entry.post().html().getBytes(StandardCharsets.UTF_8));
            stored = new Entry(entry.source(), entry.hash(), entry.kind(), entry.date(), entry.post().withHtml(""));
        }
        write(new Line(Line.ENTRY, stored, null, null, null, null, null));
    }

    @Override
    public void delete(String source) throws IOException {
        write(new Line(Line.DELETED, null, null, null, source, null, null));
        Files.deleteIfExists(htmlFile(source));
    }

    @Override
    public boolean replace(String postId, Mailing expected, Mailing next) throws IOException {
        if (!Objects.equals(mailings.get(postId), expected)) {
            return false;
        }
        write(next == null ? new Line(Line.UNMAILED, null, null, null, postId, null, null)
                : new Line(Line.MAILING, null, next, null, null, null, null));
        return true;
    }

    @Override
    public Optional<Mailing> mailing(String postId) {
        return Optional.ofNullable(mailings.get(postId));
    }

    @Override
    public void note(Note note, String key, String value) throws IOException {
        write(new Line(Line.NOTE, null, null, null, key, value, note));
    }

    @Override
    public boolean advanceListing(long seen) {
        if (listings != seen) {
            return false;
        }
        listings++;
        return true;
    }

    @Override
    public void save(Digest digest) throws IOException {
        write(new Line(Line.DIGEST, null, null, digest, null, null, null));
    }

    @Override
    public List<Digest> digests() {
        return List.copyOf(digests.values());
    }

    @Override
    public void savePosts(String digestId, List<RenderedPost> posts) throws IOException {
        AtomicFiles.write(postsFile(digestId), GSON.toJson(posts.toArray(RenderedPost[]::new))
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public List<RenderedPost> posts(String digestId) throws IOException {
        Path file = postsFile(digestId);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return List.of(GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), RenderedPost[].class));
        } catch (RuntimeException e) {
            throw new IOException(file + " is damaged (" + reason(e) + "); delete it, and the digest's emails not"
                    + " sent yet carry its posts as they are now", e);
        }
    }

    /** A digest's posts beside the catalog, under a name any digest id maps to safely. */
    private Path postsFile(String digestId) {
        return file.resolveSibling("digests").resolve(
                Entry.hashOf(digestId.getBytes(StandardCharsets.UTF_8)).substring(0, 40) + ".json");
    }

    @Override
    public void saveSettings(String settings) throws IOException {
        write(new Line(Line.SETTINGS, null, null, null, null, settings, null));
    }

    private void write(Line line) throws IOException {
        String text = GSON.toJson(line) + "\n";
        try {
            Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (NoSuchFileException e) {
            // The folder is made when missing, not checked before every line: a run writes several a post.
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        apply(line);
    }

    private void apply(Line line) {
        switch (line.type) {
            case Line.ENTRY -> entries.put(line.entry.source(), line.entry);
            case Line.DELETED -> entries.remove(line.key);
            case Line.MAILING -> mailings.put(line.mailing.postId(), line.mailing);
            case Line.UNMAILED -> mailings.remove(line.key);
            case Line.NOTE -> {
                if (line.value == null) {
                    notes.get(line.note).remove(line.key);
                } else {
                    notes.get(line.note).put(line.key, line.value);
                }
            }
            case Line.DIGEST -> digests.put(line.digest.id(), line.digest);
            case Line.SETTINGS -> settings = line.value;
            default -> throw new IllegalStateException("unknown line " + line.type);
        }
    }

    /** A file name for a post's HTML that any source path maps to safely, and no two to the same. */
    private Path htmlFile(String source) {
        return htmlFolder.resolve(Entry.hashOf(source.getBytes(StandardCharsets.UTF_8)).substring(0, 40) + ".html");
    }

    /**
     * What went wrong, in the words closest to the file: Gson wraps a record's own complaint in a message that
     * names the record's constructor, which tells the reader nothing.
     */
    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause.getMessage() != null && !cause.getMessage().startsWith("Failed to invoke constructor")) {
            return cause.getMessage();
        }
        return "a record with a field missing or of the wrong type";
    }

    private static String entryProblem(Entry entry) {
        if (entry == null || entry.source() == null) {
            return "an entry without its source";
        }
        if (entry.hash() == null || entry.kind() == null) {
            return "the entry of " + entry.source() + " lacks its hash or kind";
        }
        if ((entry.kind() == Entry.Kind.SCHEDULED || entry.kind() == Entry.Kind.PUBLISHED) && entry.date() == null) {
            return "the entry of " + entry.source() + " lacks its date";
        }
        if (entry.post() != null && (entry.post().url() == null || entry.post().path() == null
                || entry.post().date() == null || entry.post().updated() == null)) {
            return "the post of " + entry.source() + " lacks its permalink or dates";
        }
        return null;
    }

    private static String mailingProblem(Mailing mailing) {
        return mailing == null || mailing.postId() == null || mailing.state() == null || mailing.since() == null
                ? "an email record without its post, state or time" : null;
    }

    private static String digestProblem(Digest digest) {
        return digest == null || digest.id() == null || digest.created() == null
                ? "a digest without its id or time" : null;
    }

    /**
     * @param lastPublished the {@link Note#CONTENT} notes; they, {@code moves} and {@code pending} are absent from
     *                      catalogs written before they were kept
     */
    private record Stored(int version, String settings, List<Entry> entries, List<Mailing> mailings,
                          List<Digest> digests, Map<String, String> lastPublished, Map<String, String> moves,
                          Map<String, String> pending) {
        String problem() {
            if (entries == null || mailings == null || digests == null) {
                return "its entries, email records or digests are missing";
            }
            return entries.stream().map(CatalogFile::entryProblem)
                    .filter(Objects::nonNull).findFirst()
                    .or(() -> mailings.stream().map(CatalogFile::mailingProblem).filter(Objects::nonNull).findFirst())
                    .or(() -> digests.stream().map(CatalogFile::digestProblem).filter(Objects::nonNull).findFirst())
                    .orElse(null);
        }
    }

    /** One write in the log: its type says which of the other fields it carries. */
    private record Line(String type, Entry entry, Mailing mailing, Digest digest, String key, String value,
                        Note note) {
        static final String ENTRY = "entry";
        static final String DELETED = "deleted";
        static final String MAILING = "mailing";
        static final String UNMAILED = "unmailed";
        static final String NOTE = "note";
        static final String DIGEST = "digest";
        static final String SETTINGS = "settings";

        String problem() {
            if (type == null) {
                return "a line without its type";
            }
            return switch (type) {
                case ENTRY -> entryProblem(entry);
                case MAILING -> mailingProblem(mailing);
                case DIGEST -> digestProblem(digest);
                case DELETED, UNMAILED -> key == null ? "a line without its key" : null;
                case NOTE -> key == null || note == null ? "a note without its kind or key" : null;
                case SETTINGS -> value == null ? "settings without a value" : null;
                default -> "a line of unknown type " + type;
            };
        }
    }

    private static final class InstantAdapter extends TypeAdapter<Instant> {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            out.value(value.toString());
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.STRING) {
                throw new JsonParseException("expected a time at " + in.getPath());
            }
            String path = in.getPath();
            String text = in.nextString();
            try {
                return StoredTime.parse(text);
            } catch (DateTimeException e) {
                throw new JsonParseException("'" + text + "' at " + path + " is not a time such as"
                        + " 2024-05-01T09:00:00Z");
            }
        }
    }
}
