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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The catalog of a local run, held in memory and kept in the state folder: {@code catalog.json} for what is known
 * of every file and the ledger, and each published post's HTML in a file of its own under {@code html/}, read
 * only when a feed shows the post. So a run over a large archive reads and writes little more than what changed.
 */
public final class CatalogFile implements Catalog {
    private static final int VERSION = 2;
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
            .disableHtmlEscaping()
            .create();
    private static final Comparator<RenderedPost> NEWEST_FIRST =
            Comparator.comparing(RenderedPost::date).reversed().thenComparing(RenderedPost::url);

    private final Path file;
    private final Path htmlFolder;
    private final boolean existed;
    /** The entries, their posts without HTML: that is in {@link #html}, or in its file. */
    private final Map<String, Entry> entries = new TreeMap<>();
    /** The published posts, kept in feed order, so a feed reads its newest posts without sorting them all. */
    private final NavigableSet<RenderedPost> published = new TreeSet<>(NEWEST_FIRST);
    /** The published posts by their permalink's path. */
    private final Map<String, String> byPath = new HashMap<>();
    /** For each post file, the published posts that link to it, so a moved post finds them without a search. */
    private final Map<String, Set<String>> linkedFrom = new HashMap<>();
    private final Map<String, String> html = new HashMap<>();
    private final Set<String> htmlToWrite = new HashSet<>();
    private final Set<String> htmlToDelete = new HashSet<>();
    private final Map<String, Mailing> mailings = new TreeMap<>();
    /** The permalink each post content was last published at, by hash. */
    private final Map<String, String> lastPublished = new TreeMap<>();
    /** Where posts moved, by their earlier permalink. */
    private final Map<String, String> moves = new TreeMap<>();
    private final Map<String, Digest> digests = new TreeMap<>();
    private String settings;
    private boolean changed;
    /** One run at a time holds the state folder: the count need not outlive it. */
    private long listings;

    private CatalogFile(Path file, boolean existed) {
        this.file = file;
        this.htmlFolder = file.resolveSibling("html");
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
        } catch (IOException e) {
            throw FileErrors.naming(file, e);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + "); restore it from a backup, or delete"
                    + " it to start afresh: the next run then publishes everything and emails nothing", e);
        }
        if (stored == null || stored.version != VERSION) {
            throw new IOException(file + " was written by another version of Gazette (format "
                    + (stored == null ? "unknown" : stored.version) + ", this one reads " + VERSION
                    + "); delete the state folder's catalog.json and html/ to start afresh");
        }
        for (Entry entry : stored.entries) {
            catalog.list(entry);
        }
        stored.mailings.forEach(mailing -> catalog.mailings.put(mailing.postId(), mailing));
        if (stored.lastPublished != null) {
            catalog.lastPublished.putAll(stored.lastPublished);
        }
        if (stored.moves != null) {
            catalog.moves.putAll(stored.moves);
        }
        stored.digests.forEach(digest -> catalog.digests.put(digest.id(), digest));
        catalog.settings = stored.settings;
        return catalog;
    }

    /** Whether the file existed when loaded: false on the first run in a state folder. */
    public boolean existed() {
        return existed;
    }

    /**
     * Writes what changed since the catalog was read or last saved. Each file is written whole, so a crash leaves
     * the previous version or this one, never half; the HTML goes first, so the catalog never names HTML that is
     * not there.
     */
    public void save() throws IOException {
        if (!changed && existed) {
            return;
        }
        for (String source : htmlToWrite) {
            AtomicFiles.write(htmlFile(source), html.get(source).getBytes(StandardCharsets.UTF_8));
        }
        Stored stored = new Stored(VERSION, settings, List.copyOf(entries.values()), List.copyOf(mailings.values()),
                List.copyOf(digests.values()), lastPublished, moves);
        AtomicFiles.write(file, GSON.toJson(stored).getBytes(StandardCharsets.UTF_8));
        for (String source : htmlToDelete) {
            Files.deleteIfExists(htmlFile(source));
        }
        htmlToWrite.clear();
        htmlToDelete.clear();
        changed = false;
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
        RenderedPost post = entry.post();
        if (post != null) {
            html.put(entry.source(), post.html());
            htmlToWrite.add(entry.source());
            htmlToDelete.remove(entry.source());
            post = withHtml(post, "");
        } else {
            dropHtml(entry.source());
        }
        list(new Entry(entry.source(), entry.hash(), entry.kind(), entry.date(), post));
        changed = true;
    }

    @Override
    public void remove(String source) {
        unlist(entries.remove(source));
        dropHtml(source);
        changed = true;
    }

    private void list(Entry entry) {
        unlist(entries.put(entry.source(), entry));
        if (entry.post() != null) {
            published.add(entry.post());
            byPath.put(entry.post().path(), entry.source());
            for (String target : entry.post().linkedPosts()) {
                linkedFrom.computeIfAbsent(target, key -> new HashSet<>()).add(entry.source());
            }
        }
    }

    private void unlist(Entry entry) {
        if (entry != null && entry.post() != null) {
            published.remove(entry.post());
            byPath.remove(entry.post().path(), entry.source());
            for (String target : entry.post().linkedPosts()) {
                Set<String> linking = linkedFrom.get(target);
                if (linking != null && linking.remove(entry.source()) && linking.isEmpty()) {
                    linkedFrom.remove(target);
                }
            }
        }
    }

    private void dropHtml(String source) {
        html.remove(source);
        htmlToWrite.remove(source);
        htmlToDelete.add(source);
    }

    @Override
    public Optional<String> atPath(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** Nothing to read again: one run at a time holds the state folder. */
    @Override
    public void refresh() {
    }

    @Override
    public long listingVersion() {
        return listings;
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
    public Optional<RenderedPost> published(String url) {
        return published.stream().filter(post -> post.url().equals(url)).findFirst().map(this::withHtml);
    }

    @Override
    public List<RenderedPost> newest(int limit) {
        return published.stream().limit(limit).map(this::withHtml).toList();
    }

    @Override
    public List<RenderedPost> newestTagged(String tagKey, int limit) {
        return published.stream().filter(post -> post.tags().stream().anyMatch(tag -> Feeds.key(tag).equals(tagKey)))
                .limit(limit).map(this::withHtml).toList();
    }

    /** Without their HTML: the index shows titles and summaries only. */
    @Override
    public List<RenderedPost> index() {
        return List.copyOf(published);
    }

    @Override
    public List<Entry> linkingTo(Set<String> sources) {
        Set<String> linking = new TreeSet<>();
        for (String source : sources) {
            linking.addAll(linkedFrom.getOrDefault(source, Set.of()));
        }
        return linking.stream().map(entries::get).toList();
    }

    @Override
    public List<Entry> scheduledUntil(Instant now) {
        return entries.values().stream()
                .filter(entry -> entry.kind() == Entry.Kind.SCHEDULED && !entry.date().isAfter(now))
                .toList();
    }

    @Override
    public Optional<String> lastPublishedAt(String hash) {
        return Optional.ofNullable(lastPublished.get(hash));
    }

    @Override
    public void notePublishedAt(String hash, String url) {
        if (!url.equals(lastPublished.put(hash, url))) {
            changed = true;
        }
    }

    @Override
    public Optional<Mailing> mailing(String postId) {
        return Optional.ofNullable(mailings.get(postId));
    }

    @Override
    public boolean addMailing(Mailing mailing) {
        boolean added = mailings.putIfAbsent(mailing.postId(), mailing) == null;
        changed |= added;
        return added;
    }

    @Override
    public List<Mailing> due() {
        return mailings.values().stream().filter(mailing -> mailing.state() == Mailing.State.DUE).toList();
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
        changed = true;
        return true;
    }

    @Override
    public Optional<String> movedTo(String url) {
        return Optional.ofNullable(moves.get(url));
    }

    @Override
    public void noteMoved(String from, String to) {
        if (!to.equals(moves.put(from, to))) {
            changed = true;
        }
    }

    @Override
    public boolean withdraw(String postId) {
        Mailing mailing = mailings.get(postId);
        if (mailing == null || mailing.state() != Mailing.State.DUE) {
            return false;
        }
        mailings.remove(postId);
        changed = true;
        return true;
    }

    @Override
    public boolean skip(String postId, String reason, Instant now) {
        Mailing mailing = mailings.get(postId);
        if (mailing == null || mailing.state() != Mailing.State.DUE) {
            return false;
        }
        mailings.put(postId, new Mailing(postId, Mailing.State.SKIPPED, reason, now));
        changed = true;
        return true;
    }

    @Override
    public List<Digest> openDigests() {
        return digests.values().stream().filter(digest -> !digest.isSent())
                .sorted(Comparator.comparing(Digest::created)).toList();
    }

    @Override
    public void putDigest(Digest digest) {
        digests.put(digest.id(), digest);
        changed = true;
    }

    @Override
    public Optional<String> settings() {
        return Optional.ofNullable(settings);
    }

    @Override
    public void putSettings(String settings) {
        changed |= !settings.equals(this.settings);
        this.settings = settings;
    }

    /** The post with its HTML, read from its file the first time it is asked for. */
    private RenderedPost withHtml(RenderedPost post) {
        String content = html.computeIfAbsent(post.source(), source -> {
            try {
                return Files.readString(htmlFile(source), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("the HTML of " + source + " is missing from " + htmlFolder
                        + "; publish with --rebuild after deleting the state folder's catalog.json", e);
            }
        });
        return withHtml(post, content);
    }

    private static RenderedPost withHtml(RenderedPost post, String content) {
        return new RenderedPost(post.source(), post.url(), post.path(), post.title(), post.date(), post.updated(),
                post.summary(), post.tags(), post.authors(), post.image(), content, post.email(), post.linkedPosts());
    }

    /** A file name for a post's HTML that any source path maps to safely, and no two to the same. */
    private Path htmlFile(String source) {
        return htmlFolder.resolve(Entry.hashOf(source.getBytes(StandardCharsets.UTF_8)).substring(0, 40) + ".html");
    }

    /** @param lastPublished and {@code moves} are absent from catalogs written before they were kept */
    private record Stored(int version, String settings, List<Entry> entries, List<Mailing> mailings,
                          List<Digest> digests, Map<String, String> lastPublished, Map<String, String> moves) {
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
