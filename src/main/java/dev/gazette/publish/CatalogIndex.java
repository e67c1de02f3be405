package dev.gazette.publish;

import dev.gazette.feed.Feeds;
import dev.gazette.render.RenderedPost;
import dev.gazette.subscriber.PostIndex;
import java.io.IOException;
import java.util.List;
import java.util.TreeMap;

/** The site's posts and tags as the catalog has them, read afresh each time, so a page shows the latest publish. */
public final class CatalogIndex implements PostIndex {
    /** Opens the store as it is now. */
    public interface Opener {
        Store open() throws IOException;
    }

    private final Opener store;

    public CatalogIndex(Opener store) {
        this.store = store;
    }

    @Override
    public List<RenderedPost> newest(int limit) throws IOException {
        return Catalog.open(store.open()).index().stream().limit(limit).toList();
    }

    @Override
    public List<String> tags() throws IOException {
        TreeMap<String, String> byKey = new TreeMap<>();
        for (RenderedPost post : Catalog.open(store.open()).index()) {
            for (String tag : post.tags()) {
                byKey.putIfAbsent(Feeds.key(tag), tag);
            }
        }
        return byKey.values().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }
}
