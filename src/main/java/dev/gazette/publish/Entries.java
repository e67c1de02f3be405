package dev.gazette.publish;

import dev.gazette.feed.Feeds;
import dev.gazette.render.RenderedPost;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The catalog's entries in memory, with the indexes its queries need. Published posts are kept without their HTML.
 * Safe to read from several threads while nothing writes.
 */
final class Entries {
    /** The order of every feed, listing and digest. */
    static final Comparator<RenderedPost> NEWEST_FIRST =
            Comparator.comparing(RenderedPost::date).reversed().thenComparing(RenderedPost::url);

    private final Map<String, Entry> bySource = new TreeMap<>();
    /** The published posts in feed order, so a feed reads its newest posts without sorting them all. */
    private final NavigableSet<RenderedPost> published = new TreeSet<>(NEWEST_FIRST);
    private final Map<String, String> byPath = new HashMap<>();
    private final Map<String, RenderedPost> byUrl = new HashMap<>();
    /** For each post file, the published posts that link to it, so a moved post finds them without a search. */
    private final Map<String, Set<String>> linkedFrom = new HashMap<>();

    Entries(Collection<Entry> entries) {
        entries.forEach(this::put);
    }

    void put(Entry entry) {
        remove(entry.source());
        RenderedPost post = entry.post() == null ? null : entry.post().withHtml("");
        bySource.put(entry.source(), new Entry(entry.source(), entry.hash(), entry.kind(), entry.date(), post));
        if (post != null) {
            published.add(post);
            byPath.put(Permalinks.key(post.path()), entry.source());
            byUrl.put(post.url(), post);
            for (String target : post.linkedPosts()) {
                linkedFrom.computeIfAbsent(target, key -> new HashSet<>()).add(entry.source());
            }
        }
    }

    void remove(String source) {
        Entry entry = bySource.remove(source);
        if (entry == null || entry.post() == null) {
            return;
        }
        RenderedPost post = entry.post();
        published.remove(post);
        byPath.remove(Permalinks.key(post.path()), source);
        byUrl.remove(post.url(), post);
        for (String target : post.linkedPosts()) {
            Set<String> linking = linkedFrom.get(target);
            if (linking != null && linking.remove(source) && linking.isEmpty()) {
                linkedFrom.remove(target);
            }
        }
    }

    Optional<Entry> entry(String source) {
        return Optional.ofNullable(bySource.get(source));
    }

    Set<String> sources() {
        return Set.copyOf(bySource.keySet());
    }

    List<Entry> ofKind(Entry.Kind kind) {
        return bySource.values().stream().filter(entry -> entry.kind() == kind).toList();
    }

    Optional<String> atPath(String path) {
        // By the file that holds the page, in any case: a/, a/index.html and A/ are one page on macOS and Windows.
        return Optional.ofNullable(byPath.get(Permalinks.key(path)));
    }

    Optional<RenderedPost> published(String url) {
        return Optional.ofNullable(byUrl.get(url));
    }

    List<RenderedPost> newest(int limit) {
        return published.stream().limit(limit).toList();
    }

    List<RenderedPost> newestTagged(String tagKey, int limit) {
        return published.stream().filter(post -> post.tags().stream().anyMatch(tag -> Feeds.key(tag).equals(tagKey)))
                .limit(limit).toList();
    }

    List<RenderedPost> index() {
        return List.copyOf(published);
    }

    List<Entry> linkingTo(Set<String> sources) {
        Set<String> linking = new TreeSet<>();
        for (String source : sources) {
            linking.addAll(linkedFrom.getOrDefault(source, Set.of()));
        }
        return linking.stream().map(bySource::get).toList();
    }

    List<Entry> scheduledUntil(Instant now) {
        return bySource.values().stream()
                .filter(entry -> entry.kind() == Entry.Kind.SCHEDULED && !entry.date().isAfter(now))
                .toList();
    }
}
