package dev.gazette.publish;

import dev.gazette.digest.Digest;
import dev.gazette.render.RenderedPost;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The publisher's memory between runs: every file of the posts folder as it was last read, the ledger of what
 * is to be emailed, and the digests. Locally a file in the state folder; in the cloud a table that several
 * publishers may write at once, which is why the ledger changes are conditional.
 */
public interface Catalog {
    Optional<Entry> entry(String source);

    /** The source of every entry. */
    Set<String> sources();

    /** The entries of one kind, in no particular order. */
    List<Entry> entries(Entry.Kind kind);

    void put(Entry entry);

    void remove(String source);

    /** The source of the published post whose permalink has this path below the site root. */
    Optional<String> atPath(String path);

    /** Reads again what other publishers may have changed since this catalog was read. */
    void refresh() throws IOException;

    /** How many times the site's listings (home page, archive, feeds) have been written; 0 before the first. */
    long listingVersion();

    /**
     * Counts one more writing of the listings, if nobody else counted one since {@code seen}: this is how
     * publishers running at once take turns on the listings.
     *
     * @return false when another publisher wrote the listings meanwhile
     */
    boolean advanceListing(long seen);

    /** The published post with this permalink. */
    Optional<RenderedPost> published(String url);

    /** Published posts, newest first, at most {@code limit} of them. */
    List<RenderedPost> newest(int limit);

    /** Published posts with a tag of this {@link dev.gazette.feed.Feeds#key key}, newest first. */
    List<RenderedPost> newestTagged(String tagKey, int limit);

    /**
     * Every published post, newest first, for the index page: title, date, URL and summary. Their HTML may be
     * left out, so that a large archive is cheap to list.
     */
    List<RenderedPost> index();

    /** The published posts that link to any of the post files at {@code sources}. */
    List<Entry> linkingTo(Set<String> sources);

    /** Scheduled posts whose date is at or before {@code now}. */
    List<Entry> scheduledUntil(Instant now);

    /**
     * The permalink a post of exactly this content, by its file's {@link Entry#hash hash}, was last published at,
     * from whichever file: a post renamed or moved is the same post, in the email ledger too.
     */
    Optional<String> lastPublishedAt(String hash);

    /** Remembers that a post of this content is published at {@code url} now. */
    void notePublishedAt(String hash, String url);

    /** Where the post once at {@code url} moved to, so a digest that holds the old permalink finds it. */
    Optional<String> movedTo(String url);

    void noteMoved(String from, String to);

    Optional<Mailing> mailing(String postId);

    /**
     * Records whether a newly published post is to be emailed: the first decision stands for ever.
     *
     * @return false when the post had a decision already, which is kept
     */
    boolean addMailing(Mailing mailing);

    /** Posts waiting for a digest. */
    List<Mailing> due();

    /**
     * Takes a due post into a digest, so no other digest can take it.
     *
     * @return true when the post is in this digest now (also when it was already), false when it was not due
     */
    boolean claim(String postId, String digestId, Instant now);

    /**
     * Marks a due post as never to be emailed.
     *
     * @return false when it was not due, as when a digest took it meanwhile; then it stays as it is
     */
    boolean skip(String postId, String reason, Instant now);

    /**
     * Takes a due post out of the ledger, as when it moved to another permalink that is due in its place.
     *
     * @return false when it was not due, as when a digest took it meanwhile; then it stays as it is
     */
    boolean withdraw(String postId);

    /** The digests started and not yet sent, oldest first. */
    List<Digest> openDigests();

    void putDigest(Digest digest);

    /** The settings the published posts were rendered with; empty before the first run. */
    Optional<String> settings();

    void putSettings(String settings);
}
