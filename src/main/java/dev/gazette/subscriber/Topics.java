package dev.gazette.subscriber;

import dev.gazette.feed.Feeds;
import dev.gazette.post.OneLine;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
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
     * The topics as stored: the keys of the tags typed, each once, in order; blanks are left out. A topic typed is a
     * tag's name, never decoded again: {@code a%2Fb} is the tag {@code a%2Fb}, not {@code a/b}, whatever decoding
     * of its form or URL came before.
     *
     * @throws IllegalArgumentException saying which limit the topics pass
     */
    public static List<String> normalise(Collection<String> typed) {
        return keys(typed, Feeds::key);
    }

    /**
     * Topics as a file holds them, such as an import of an export: each a key as stored, taken as it is, or a tag
     * written by hand ({@code Go}), keyed.
     *
     * @throws IllegalArgumentException saying which limit the topics pass
     */
    public static List<String> stored(Collection<String> stored) {
        return keys(stored, Topics::key);
    }

    /**
     * The tag name a stored topic stands for, which {@link #normalise} makes into the same topic again: what a form
     * shows and sends back for a topic no post has now ({@code c%23} is {@code c#}).
     */
    public static String name(String stored) {
        return key(stored).equals(stored) && stored.indexOf('%') >= 0 ? percentDecoded(stored) : stored;
    }

    private static List<String> keys(Collection<String> topics, UnaryOperator<String> keyOf) {
        TreeSet<String> keys = new TreeSet<>();
        for (String topic : topics) {
            if (topic == null || topic.isBlank()) {
                continue;
            }
            if (topic.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("a topic can be at most " + MAX_LENGTH + " characters long");
            }
            checkCharacters(topic);
            keys.add(keyOf.apply(topic));
        }
        if (keys.size() > MAX_COUNT) {
            throw new IllegalArgumentException("a reader can choose at most " + MAX_COUNT + " topics");
        }
        return List.copyOf(keys);
    }

    /** As a post's tags: no tag holds a control or formatting character, so no topic of one would ever match. */
    private static void checkCharacters(String topic) {
        int c = OneLine.firstControl(topic);
        if (c >= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a topic cannot hold the control character U+%04X", c));
        }
    }

    /**
     * Whether a reader of {@code topics} gets a post tagged {@code tags}. Topics are keyed again ({@link #key}), so
     * one written by hand into a subscriber file as {@code Go} is the tag {@code go}.
     */
    public static boolean wants(List<String> topics, Collection<String> tags) {
        if (topics.isEmpty()) {
            return true;
        }
        Set<String> keys = topics.stream().map(Topics::key).collect(Collectors.toSet());
        return tags.stream().map(Feeds::key).anyMatch(keys::contains);
    }

    /**
     * The key of a stored topic: a tag's key is itself, though keying it again would not be ({@code C#} is
     * {@code c%23}, which keyed again is {@code c%2523}). So topics imported from an export or compared with a
     * post's tags stay the reader's tags. Only for what is stored: a topic typed is keyed ({@link #normalise}).
     */
    static String key(String stored) {
        String topic = stored.strip();
        String keyed = Feeds.key(topic);
        if (topic.indexOf('%') < 0) {
            return keyed;
        }
        String unkeyed = percentDecoded(topic);
        // Only a key exactly as made: a tag that merely holds a percent sign, such as "50%" or "a%2fb", is keyed.
        return unkeyed != null && Feeds.key(unkeyed).equals(topic) ? topic : keyed;
    }

    /** {@code text} with each {@code %XX} as its character, as {@link Feeds#key} encodes them; null if malformed. */
    private static String percentDecoded(String text) {
        StringBuilder decoded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                decoded.append(c);
                continue;
            }
            int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
            if (low < 0) {
                return null;
            }
            decoded.append((char) (high * 16 + low));
            i += 2;
        }
        return decoded.toString();
    }
}
