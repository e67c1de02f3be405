package dev.gazette.publish;

import dev.gazette.digest.Digest;
import dev.gazette.render.RenderedPost;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The publisher's memory between runs: every file of the posts folder as it was last read, the ledger of what
 * is to be emailed, and the digests. Locally a file in the state folder; in the cloud a table.
 */
public interface Catalog {
    Optional<Entry> entry(String source);

    /** The source of every entry. */
    Set<String> sources();

    /** The entries of one kind, in no particular order. */
    List<Entry> entries(Entry.Kind kind);

    void put(Entry entry);

    void remove(String source);

    /** The published post whose permalink has this path below the site root. */
    Optional<Entry> atPath(String path);

    /** The published post with this permalink. */
    Optional<RenderedPost> published(String url);

    /** Published posts, newest first, at most {@code limit} of them. */
    List<RenderedPost> newest(int limit);

    /** Published posts with a tag of this {@link dev.gazette.feed.Feeds#key key}, newest first. */
    List<RenderedPost> newestTagged(String tagKey, int limit);

    /** The published posts that link to the post file at {@code source}. */
    List<Entry> linkingTo(String source);

    /** Scheduled posts whose date is at or before {@code now}. */
    List<Entry> scheduledUntil(Instant now);

    Optional<Mailing> mailing(String postId);

    void putMailing(Mailing mailing);

    /** Posts waiting for a digest. */
    List<Mailing> due();

    /** The digest being sent, if one was started and not finished. */
    Optional<Digest> openDigest();

    void putDigest(Digest digest);

    /** The settings the published posts were rendered with; empty before the first run. */
    Optional<String> settings();

    void putSettings(String settings);
}
