package dev.gazette.subscriber;

import java.util.List;

/**
 * A confirmed reader of the email digest.
 *
 * @param email  the address exactly as it is mailed
 * @param name   the reader's name, or null
 * @param topics the tags whose posts the reader gets ({@link Topics}); empty for every post
 */
public record Subscriber(String email, String name, List<String> topics) {
    public Subscriber {
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    /** A reader of every post. */
    public Subscriber(String email, String name) {
        this(email, name, List.of());
    }
}
