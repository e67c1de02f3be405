package dev.gazette.subscriber;

/**
 * A confirmed reader of the email digest.
 *
 * @param email the address exactly as it is mailed
 * @param name  the reader's name, or null
 */
public record Subscriber(String email, String name) {
}
