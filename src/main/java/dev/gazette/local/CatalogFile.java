package dev.gazette.local;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import dev.gazette.digest.Digest;
import dev.gazette.feed.Feeds;
import dev.gazette.publish.Catalog;
import dev.gazette.publish.Entry;
import dev.gazette.publish.Mailing;
import dev.gazette.render.RenderedPost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The catalog of a local run: held in memory, kept as one JSON file in the state folder. */
public final class CatalogFile implements Catalog {
    private static final int VERSION = 1;
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
            .disableHtmlEscaping()
            .create();
    private static final Comparator<RenderedPost> NEWEST_FIRST =
            Comparator.comparing(RenderedPost::date).reversed().thenComparing(RenderedPost::url);

    private final Path file;
    private final boolean existed;
    private final Map<String, Entry> entries = new TreeMap<>();
    /** The published posts, kept in feed order, so a feed reads its newest posts without sorting them all. */
    private final NavigableSet<RenderedPost> published = new TreeSet<>(NEWEST_FIRST);
    private final Map<String, Mailing> mailings = new TreeMap<>();
    private final Map<String, Digest> digests = new TreeMap<>();
    private String settings;

    private CatalogFile(Path file, boolean existed) {
        this.file = file;
        this.existed = existed;
    }

    /** The catalog kept in {@code file}; an empty one when the file does not exist yet. */
    public static CatalogFile load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new CatalogFile(file, false);
        }
        CatalogFile catalog = new CatalogFile(file, true);
        Stored stored;
        try {
            stored = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Stored.class);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + "); restore it from a backup, or delete"
                    + " it to start afresh: the next run then publishes everything and emails nothing", e);
        }
        if (stored == null || stored.version != VERSION) {
            throw new IOException(file + " was written by another version of Gazette (format "
                    + (stored == null ? "unknown" : stored.version) + ", this one reads " + VERSION + ")");
        }
        stored.entries.forEach(catalog::put);
        stored.mailings.forEach(mailing -> catalog.mailings.put(mailing.postId(), mailing));
        stored.digests.forEach(digest -> catalog.digests.put(digest.id(), digest));
        catalog.settings = stored.settings;
        return catalog;
    }

    /** Whether the file existed when loaded: false on the first run in a state folder. */
    public boolean existed() {
        return existed;
    }

    /** Writes the catalog to its file, whole: a crash leaves the previous version or this one, never half. */
    public void save() throws IOException {
        Stored stored = new Stored(VERSION, settings, List.copyOf(entries.values()), List.copyOf(mailings.values()),
                List.copyOf(digests.values()));
        AtomicFiles.write(file, GSON.toJson(stored).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<Entry> entry(String source) {
        return Optional.ofNullable(entries.get(source));
    }

    @Override
    public Set<String> sources() {
        return Set.copyOf(entries.keySet());
    }

    @Override
    public List<Entry> entries(Entry.Kind kind) {
        return entries.values().stream().filter(entry -> entry.kind() == kind).toList();
    }

    @Override
    public void put(Entry entry) {
        unlist(entries.put(entry.source(), entry));
        if (entry.post() != null) {
            published.add(entry.post());
        }
    }

    @Override
    public void remove(String source) {
        unlist(entries.remove(source));
    }

    private void unlist(Entry entry) {
        if (entry != null && entry.post() != null) {
            published.remove(entry.post());
        }
    }

    @Override
    public Optional<RenderedPost> published(String url) {
        return published.stream().filter(post -> post.url().equals(url)).findFirst();
    }

    @Override
    public List<RenderedPost> newest(int limit) {
        return published.stream().limit(limit).toList();
    }

    @Override
    public List<RenderedPost> newestTagged(String tagKey, int limit) {
        return published.stream().filter(post -> post.tags().stream().anyMatch(tag -> Feeds.key(tag).equals(tagKey)))
                .limit(limit).toList();
    }

    @Override
    public List<RenderedPost> index() {
        return newest(Integer.MAX_VALUE);
    }

    /** Nothing to read again: one run at a time holds the state folder. */
    @Override
    public void refresh() {
    }

    @Override
    public List<Entry> linkingTo(Set<String> sources) {
        return entries.values().stream()
                .filter(entry -> entry.post() != null
                        && entry.post().linkedPosts().stream().anyMatch(sources::contains))
                .toList();
    }

    @Override
    public List<Entry> scheduledUntil(Instant now) {
        return entries.values().stream()
                .filter(entry -> entry.kind() == Entry.Kind.SCHEDULED && !entry.date().isAfter(now))
                .toList();
    }

    @Override
    public Optional<Mailing> mailing(String postId) {
        return Optional.ofNullable(mailings.get(postId));
    }

    @Override
    public boolean addMailing(Mailing mailing) {
        return mailings.putIfAbsent(mailing.postId(), mailing) == null;
    }

    @Override
    public boolean claim(String postId, String digestId, Instant now) {
        Mailing mailing = mailings.get(postId);
        if (mailing == null) {
            return false;
        }
        if (mailing.state() == Mailing.State.IN_DIGEST) {
            return digestId.equals(mailing.detail());
        }
        if (mailing.state() != Mailing.State.DUE) {
            return false;
        }
        mailings.put(postId, new Mailing(postId, Mailing.State.IN_DIGEST, digestId, now));
        return true;
    }

    @Override
    public void skip(String postId, String reason, Instant now) {
        Mailing mailing = mailings.get(postId);
        if (mailing != null && mailing.state() == Mailing.State.DUE) {
            mailings.put(postId, new Mailing(postId, Mailing.State.SKIPPED, reason, now));
        }
    }

    @Override
    public List<Mailing> due() {
        return mailings.values().stream().filter(mailing -> mailing.state() == Mailing.State.DUE).toList();
    }

    @Override
    public List<Digest> openDigests() {
        return digests().stream().filter(digest -> !digest.isSent()).toList();
    }

    @Override
    public void putDigest(Digest digest) {
        digests.put(digest.id(), digest);
    }

    /** Every digest, oldest first. */
    public List<Digest> digests() {
        List<Digest> all = new ArrayList<>(digests.values());
        all.sort(Comparator.comparing(Digest::created));
        return all;
    }

    @Override
    public Optional<String> settings() {
        return Optional.ofNullable(settings);
    }

    @Override
    public void putSettings(String settings) {
        this.settings = settings;
    }

    private record Stored(int version, String settings, List<Entry> entries, List<Mailing> mailings,
                          List<Digest> digests) {
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
            return Instant.parse(in.nextString());
        }
    }
}
