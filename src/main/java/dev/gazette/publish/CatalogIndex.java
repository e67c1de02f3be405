package dev.gazette.publish;

import dev.gazette.feed.Feeds;
import dev.gazette.render.RenderedPost;
import dev.gazette.subscriber.PostIndex;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/**
 * The site's posts and tags as the catalog has them, for the subscription pages: read afresh each time, or, where
 * anyone may ask for a page and the catalog is costly to read whole, once per reuse time.
 */
public final class CatalogIndex implements PostIndex {
    /** Opens the store as it is now. */
    public interface Opener {
        Store open() throws IOException;
    }

    private final Opener store;
    private final Duration reuse;
    private final Clock clock;
    private Read read;

    /** One read of the catalog: its posts, the tags they carry, and when it was made. */
    private record Read(List<RenderedPost> posts, List<String> tags, Instant at) {
        static Read of(List<RenderedPost> posts, Instant at) {
            TreeMap<String, String> byKey = new TreeMap<>();
            for (RenderedPost post : posts) {
                for (String tag : post.tags()) {
                    byKey.putIfAbsent(Feeds.key(tag), tag);
                }
            }
            return new Read(posts, byKey.values().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), at);
        }
    }

    /** Read afresh each time, so a page shows the latest publish. */
    public CatalogIndex(Opener store) {
        this(store, Duration.ZERO, Clock.systemUTC());
    }

    /**
     * @param reuse how long one read of the catalog answers every page: a page shows a publish within it, and
     *              requests for pages, which anyone may send, read the whole catalog no more often
     */
    public CatalogIndex(Opener store, Duration reuse, Clock clock) {
        this.store = store;
        this.reuse = reuse;
        this.clock = clock;
    }

    @Override
    public List<RenderedPost> newest(int limit) throws IOException {
        return read().posts().stream().limit(limit).toList();
    }

    /** The tags as of the last read: made with it, so a page costs no walk of every post. */
    @Override
    public List<String> tags() throws IOException {
        return read().tags();
    }

    private synchronized Read read() throws IOException {
        Instant now = clock.instant();
        if (read == null || !now.isBefore(read.at().plus(reuse))) {
            read = Read.of(Catalog.open(store.open()).index(), now);
        }
        return read;
    }
}
