package dev.gazette.subscriber;

import dev.gazette.feed.Feeds;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a reader reads: every post, or only the posts of the tags they chose. A topic is a tag's key
 * ({@link Feeds#key}), so {@code Rust} and {@code rust} are one topic, as they are one tag page and one feed.
 * No topics means every post: the default, and what a reader who confirmed before topics came has.
 */
public final class Topics {
    /** The most topics one reader may choose: more than any site's tags a person would pick one by one. */
    public static final int MAX_COUNT = 50;
    /** The longest topic, in characters. */
    public static final int MAX_LENGTH = 100;

    private Topics() {
    }

    /**
     * The topics as stored: the keys of the tags typed, each once, in order; blanks are left out.
     *
     * @throws IllegalArgumentException saying which limit the topics pass
     */
    public static List<String> normalise(Collection<String> typed) {
        TreeSet<String> keys = new TreeSet<>();
        for (String topic : typed) {
            if (topic == null || topic.isBlank()) {
                continue;
            }
            if (topic.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("a topic can be at most " + MAX_LENGTH + " characters long");
            }
            keys.add(Feeds.key(topic));
        }
        if (keys.size() > MAX_COUNT) {
            throw new IllegalArgumentException("a reader can choose at most " + MAX_COUNT + " topics");
        }
        return List.copyOf(keys);
    }

    /**
     * Whether a reader of {@code topics} gets a post tagged {@code tags}. Topics are keyed again, so one written by
     * hand into a subscriber file as {@code Go} is the tag {@code go}.
     */
    public static boolean wants(List<String> topics, Collection<String> tags) {
        if (topics.isEmpty()) {
            return true;
        }
        Set<String> keys = topics.stream().map(Feeds::key).collect(Collectors.toSet());
        return tags.stream().map(Feeds::key).anyMatch(keys::contains);
    }
}
