package dev.gazette.publish;

import dev.gazette.digest.Digest;
import dev.gazette.render.RenderedPost;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The publisher's memory between runs: every file of the posts folder as it was last read, the ledger of what is
 * to be emailed, where posts moved, and the digests. Read from its {@link Store} once, answered from memory, and
 * written through at once; the ledger's rules ({@link Ledger}) are applied here with conditional replaces, so
 * publishers and digests running at once, locally or in the cloud, never undo each other.
 */
public final class Catalog {
    /** How often a ledger change is tried again after others changed the record first, before the run gives up. */
    private static final int MAX_CONFLICTS = 10;
    /** The prefix of the ledger records of texts, beside those of posts by permalink. */
    private static final String TEXT = "text:";
    /** The prefix of the ledger records of which run queues a digest. */
    private static final String QUEUING = "queuing:";

    private final Store store;
    private Entries entries;
    private Map<String, Mailing> mailings;
    private Map<String, String> content;
    private Map<String, String> moves;
    private Map<String, String> pending;
    private Map<String, Digest> digests;
    private String settings;
    private long listingVersion;
    /** The HTML of published posts read or written so far: only the posts a feed or digest shows are read. */
    private final Map<String, String> html = new ConcurrentHashMap<>();

    private Catalog(Store store) {
        this.store = store;
    }

    /** The catalog as its store holds it now. */
    public static Catalog open(Store store) throws IOException {
        Catalog catalog = new Catalog(store);
        catalog.refresh();
        return catalog;
    }

    /** Reads again what other publishers may have changed since this catalog was read. */
    void refresh() throws IOException {
        Store.Snapshot snapshot = store.load();
        listingVersion = snapshot.listingVersion();
        settings = snapshot.settings();
        entries = new Entries(snapshot.entries());
        mailings = byPost(snapshot.mailings());
        content = new HashMap<>(snapshot.notes().get(Store.Note.CONTENT));
        moves = new HashMap<>(snapshot.notes().get(Store.Note.MOVED));
        pending = new HashMap<>(snapshot.notes().get(Store.Note.PENDING));
        digests = new TreeMap<>();
        snapshot.digests().forEach(digest -> digests.put(digest.id(), digest));
        html.clear();
    }

    public Optional<Entry> entry(String source) {
        return entries.entry(source);
    }

    /** The source of every entry. */
    public Set<String> sources() {
        return entries.sources();
    }

    /** The entries of one kind, by source. */
    public List<Entry> entries(Entry.Kind kind) {
        return entries.ofKind(kind);
    }

    public void put(Entry entry) throws IOException {
        store.save(entry);
        entries.put(entry);
        if (entry.post() != null) {
            html.put(entry.source(), entry.post().html());
        } else {
            html.remove(entry.source());
        }
    }

    public void remove(String source) throws IOException {
        store.delete(source);
        entries.remove(source);
        html.remove(source);
    }

    /** The source of the published post whose permalink has this path below the site root. */
    Optional<String> atPath(String path) {
        return entries.atPath(path);
    }

    /**
     * The published post with this permalink, without its HTML: most callers want only where it is; {@link #withHtml}
     * reads the HTML of those that are sent.
     */
    Optional<RenderedPost> published(String url) {
        return entries.published(url);
    }

    /** Published posts, newest first, at most {@code limit} of them. */
    public List<RenderedPost> newest(int limit) throws IOException {
        return withHtml(entries.newest(limit));
    }

    /** Published posts with a tag of this {@link dev.gazette.feed.Feeds#key key}, newest first. */
    List<RenderedPost> newestTagged(String tagKey, int limit) throws IOException {
        return withHtml(entries.newestTagged(tagKey, limit));
    }

    /** Every published post, newest first, without its HTML, so that a large archive is cheap to list. */
    public List<RenderedPost> index() {
        return entries.index();
    }

    /** The published posts that link to any of the post files at {@code sources}. */
    List<Entry> linkingTo(Set<String> sources) {
        return entries.linkingTo(sources);
    }

    /** Scheduled posts whose date is at or before {@code now}. */
    List<Entry> scheduledUntil(Instant now) {
        return entries.scheduledUntil(now);
    }

    /**
     * The permalink a post of exactly this content, by its file's {@link Entry#hash hash}, was last published at,
     * from whichever file: a post renamed or moved is the same post, in the email ledger too.
     */
    Optional<String> lastPublishedAt(String hash) {
        return Optional.ofNullable(content.get(hash));
    }

    /** Remembers that a post of this content is published at {@code url} now. */
    void notePublishedAt(String hash, String url) throws IOException {
        note(Store.Note.CONTENT, content, hash, url);
    }

    /** Where the post once at {@code url} moved to, so a digest that holds the old permalink finds it. */
    Optional<String> movedTo(String url) {
        return Optional.ofNullable(moves.get(url));
    }

    void noteMoved(String from, String to) throws IOException {
        note(Store.Note.MOVED, moves, from, to);
    }

    /**
     * The files a run began to publish or take off and did not finish, as a run that failed half-way leaves them:
     * the next run publishes them again, whatever their hash.
     */
    public Set<String> pending() {
        return Set.copyOf(pending.keySet());
    }

    /**
     * The pending files another run began before {@code before}, and so must have stopped; those begun later may
     * be in the hands of a run still under way.
     */
    Set<String> pendingSince(Instant before) {
        Set<String> stale = new HashSet<>();
        pending.forEach((source, note) -> {
            int at = note.lastIndexOf(' ');
            if (at < 0 || Instant.parse(note.substring(at + 1)).isBefore(before)) {
                stale.add(source);
            }
        });
        return stale;
    }

    /** Notes that this run is about to change what is published of {@code source}, whose content has this hash. */
    void begin(String source, String hash, Instant now) throws IOException {
        note(Store.Note.PENDING, pending, source, hash + " " + now);
    }

    /** Notes that the run finished with {@code source}: its pages and listings are written. */
    void finish(String source) throws IOException {
        note(Store.Note.PENDING, pending, source, null);
    }

    private void note(Store.Note note, Map<String, String> notes, String key, String value) throws IOException {
        if (!Objects.equals(value, notes.get(key))) {
            store.note(note, key, value);
            if (value == null) {
                notes.remove(key);
            } else {
                notes.put(key, value);
            }
        }
    }

    public Optional<Mailing> mailing(String postId) {
        return Optional.ofNullable(mailings.get(postId));
    }

    /** Posts waiting for a digest. */
    List<Mailing> due() {
        return mailings.values().stream().filter(Mailing::isDue).toList();
    }

    /**
     * Records whether a newly published post is to be emailed: the first decision stands for ever.
     *
     * @return false when the post had a decision already, which is kept
     */
    public boolean addMailing(Mailing mailing) throws IOException {
        return apply(mailing.postId(), Ledger.add(mailing));
    }

    /**
     * Takes a due post into a digest, so no other digest can take it.
     *
     * @return true when the post is in this digest now (also when it was already), false when it was not due
     */
    public boolean claim(String postId, String digestId, Instant now) throws IOException {
        return apply(postId, Ledger.claim(postId, digestId, now));
    }

    /**
     * Marks a due post as never to be emailed.
     *
     * @return false when it was not due, as when a digest took it meanwhile; then it stays as it is
     */
    public boolean skip(String postId, String reason, Instant now) throws IOException {
        return apply(postId, Ledger.skip(postId, reason, now));
    }

    /**
     * Takes a due post out of the ledger, as when it moved to another permalink that is due in its place.
     *
     * @return false when it was not due, as when a digest took it meanwhile; then it stays as it is
     */
    public boolean withdraw(String postId) throws IOException {
        return apply(postId, Ledger.withdraw());
    }

    /**
     * Takes the text of a due post into a digest, so that no other digest sends the same text from another file.
     *
     * @return false when another digest has this text
     */
    boolean claimText(String hash, String digestId, Instant now) throws IOException {
        return apply(TEXT + hash, Ledger.claimText(TEXT + hash, digestId, now));
    }

    /** Gives back a text a digest claimed and will not send after all, as when its post was taken off the site. */
    void releaseText(String hash, String digestId) throws IOException {
        apply(TEXT + hash, Ledger.release(digestId));
    }

    /** The digest that took this text, if one did. */
    Optional<String> textClaimedBy(String hash) {
        return Optional.ofNullable(mailings.get(TEXT + hash)).map(Mailing::detail);
    }

    /**
     * Takes the queuing of a digest for one run, so two runs at once never queue its readers twice.
     *
     * @param longestRun how long a run may take at most: a claim older than this is a run that stopped
     * @return false when another run is queuing it now
     */
    boolean claimQueuing(String digestId, String runId, Instant now, Duration longestRun) throws IOException {
        return apply(QUEUING + digestId, Ledger.claimQueuing(QUEUING + digestId, runId, now, longestRun));
    }

    /** Gives back the queuing of a digest that this run could not finish, so a retry takes it at once. */
    void releaseQueuing(String digestId, String runId) throws IOException {
        apply(QUEUING + digestId, Ledger.release(runId));
    }

    /** The hash of the file of the post published at {@code url}. */
    Optional<String> textOf(String url) {
        return entries.published(url).flatMap(post -> entries.entry(post.source())).map(Entry::hash);
    }

    /**
     * Applies a ledger rule to the record as the store holds it: the rule sees the record as this catalog read it,
     * and the store replaces it only if it is still so; when others changed it, or when the rule refuses, that
     * record alone is read again and the rule applied to what is there now.
     */
    private boolean apply(String postId, Ledger.Rule rule) throws IOException {
        boolean fresh = false;
        for (int attempt = 1; ; attempt++) {
            Mailing current = mailings.get(postId);
            Ledger.Step step = rule.apply(Optional.ofNullable(current));
            if (!step.accepted() && !fresh) {
                reread(postId);
                fresh = true;
                continue;
            }
            if (!step.write()) {
                return step.accepted();
            }
            if (store.replace(postId, current, step.next())) {
                if (step.next() == null) {
                    mailings.remove(postId);
                } else {
                    mailings.put(postId, step.next());
                }
                return true;
            }
            if (attempt == MAX_CONFLICTS) {
                throw new IOException("the email record of " + postId + " changed " + MAX_CONFLICTS
                        + " times during this run; try again");
            }
            reread(postId);
            fresh = true;
        }
    }

    /** Reads one ledger record again as the store holds it now: another run may have changed it. */
    private void reread(String postId) throws IOException {
        store.mailing(postId).ifPresentOrElse(mailing -> mailings.put(postId, mailing),
                () -> mailings.remove(postId));
    }

    /** The digests started and not yet sent, oldest first. */
    List<Digest> openDigests() {
        return digests.values().stream().filter(digest -> !digest.isSent())
                .sorted(Comparator.comparing(Digest::created)).toList();
    }

    /** The digests whose web copy is in the archive of past issues, newest first. */
    List<Digest> archived() {
        return digests.values().stream().filter(Digest::archived)
                .sorted(Comparator.comparing(Digest::created).reversed().thenComparing(Digest::id)).toList();
    }

    /**
     * The posts of a digest that are still published, without their HTML: what the archive lists of an issue. A post
     * taken off the site since is left out.
     */
    List<RenderedPost> listed(Digest digest) {
        return digest.postIds().stream().map(entries::published).flatMap(Optional::stream).toList();
    }

    /** A digest by its id, sent or not. */
    public Optional<Digest> digest(String id) {
        return Optional.ofNullable(digests.get(id));
    }

    /** The ids of the latest digests sent, the latest last: to tell soft bounces in a row. */
    public List<String> recentlySent(int count) {
        return recentlySent(digests.values(), count);
    }

    /** The ids of the latest {@code count} of these digests that were sent, the latest last. */
    static List<String> recentlySent(Collection<Digest> digests, int count) {
        List<Digest> sent = new ArrayList<>(digests.stream().filter(Digest::isSent).toList());
        sent.sort(Comparator.comparing(Digest::sent));
        return sent.subList(Math.max(0, sent.size() - count), sent.size()).stream().map(Digest::id).toList();
    }

    /**
     * The posts a digest sends: as they were when it was first sent or queued, kept then, so that every reader
     * gets the same text whatever is edited or taken off meanwhile.
     */
    List<RenderedPost> postsOf(Digest digest, PostsNow now) throws IOException {
        List<RenderedPost> kept = new ArrayList<>(store.posts(digest.id()));
        if (kept.isEmpty()) {
            kept.addAll(now.posts());
            store.savePosts(digest.id(), kept);
        }
        kept.sort(Entries.NEWEST_FIRST);
        return kept;
    }

    /** The posts of a digest as they are on the site now. */
    public interface PostsNow {
        List<RenderedPost> posts() throws IOException;
    }

    void putDigest(Digest digest) throws IOException {
        store.save(digest);
        digests.put(digest.id(), digest);
    }

    /** The settings the published posts were rendered with; empty before the first run. */
    public Optional<String> settings() {
        return Optional.ofNullable(settings);
    }

    public void putSettings(String settings) throws IOException {
        if (!settings.equals(this.settings)) {
            store.saveSettings(settings);
            this.settings = settings;
        }
    }

    /** How many times the site's listings (home page, archive, feeds) had been written when this catalog was read. */
    long listingVersion() {
        return listingVersion;
    }

    /**
     * Counts one more writing of the listings, if nobody else counted one since {@code seen}: this is how
     * publishers running at once take turns on the listings.
     *
     * @return false when another publisher wrote the listings meanwhile
     */
    boolean advanceListing(long seen) throws IOException {
        if (!store.advanceListing(seen)) {
            return false;
        }
        listingVersion = seen + 1;
        return true;
    }

    /** The posts with their HTML, read from the store at once for those not read before. */
    List<RenderedPost> withHtml(List<RenderedPost> posts) throws IOException {
        List<String> missing = posts.stream().map(RenderedPost::source).filter(source -> !html.containsKey(source))
                .toList();
        if (!missing.isEmpty()) {
            html.putAll(store.html(missing));
        }
        return posts.stream().map(post -> post.withHtml(html.getOrDefault(post.source(), ""))).toList();
    }

    private static Map<String, Mailing> byPost(List<Mailing> mailings) {
        Map<String, Mailing> byPost = new TreeMap<>();
        mailings.forEach(mailing -> byPost.put(mailing.postId(), mailing));
        return byPost;
    }
}
