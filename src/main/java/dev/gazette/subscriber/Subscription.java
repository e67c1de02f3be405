package dev.gazette.subscriber;

import java.time.Instant;
import java.util.List;

/**
 * Everything kept of one address: who, in which state, since when, and why when it was suppressed.
 *
 * @param changed          when it came to its state
 * @param confirmationSent when the last confirmation email went, for the cooldown; null before the first, and
 *                         when the last one tried did not go
 * @param reason           why it is suppressed; {@link #LEFT_BEFORE} for a pending address that had unsubscribed;
 *                         else null
 * @param softBounces      the digests it soft-bounced on, the latest last
 */
public record Subscription(String email, String name, Status status, Instant created, Instant changed,
                           Instant confirmationSent, String reason, List<String> softBounces) {

    public enum Status {
        /** Asked to subscribe and has not confirmed yet; mailed nothing but the confirmation. */
        PENDING,
        /** Gets the digest. */
        CONFIRMED,
        /** Left; may subscribe again. */
        UNSUBSCRIBED,
        /** Bounced for good or complained: never mailed again. */
        SUPPRESSED
    }

    /** The reason of a pending subscription whose address had unsubscribed before. */
    public static final String LEFT_BEFORE = "unsubscribed before";

    public Subscription {
        softBounces = softBounces == null ? List.of() : List.copyOf(softBounces);
    }

    /**
     * A subscriber who confirmed, here or on a list kept elsewhere.
     *
     * @throws IllegalArgumentException for a name the form would refuse ({@link SubscriberName})
     */
    public static Subscription confirmed(String email, String name, Instant now) {
        return new Subscription(email, SubscriberName.normalise(name), Status.CONFIRMED, now, now, null, null, List.of());
    }

    static Subscription pending(String email, String name, Instant now) {
        return new Subscription(email, SubscriberName.normalise(name), Status.PENDING, now, now, null, null, List.of());
    }

    /**
     * Whether the address must not be mailed on anyone's say-so: it unsubscribed or was suppressed, and has not
     * confirmed since. Such a subscription is never forgotten.
     */
    public boolean hasLeft() {
        return status == Status.UNSUBSCRIBED || status == Status.SUPPRESSED
                || status == Status.PENDING && LEFT_BEFORE.equals(reason);
    }

    public Subscriber subscriber() {
        return new Subscriber(email, name);
    }

    Subscription to(Status status, Instant now, String reason) {
        return new Subscription(email, name, status, created, now, confirmationSent, reason, softBounces);
    }

    /**
     * When a pending subscription may be forgotten: long after its latest confirmation link expired, counted from
     * the latest of when it came to its state and when a confirmation went.
     */
    public Instant forgettableAfter() {
        Instant last = confirmationSent != null && confirmationSent.isAfter(changed) ? confirmationSent : changed;
        return last.plus(SubscriberStore.PENDING_LIFETIME);
    }

    Subscription softBounced(List<String> digests) {
        return new Subscription(email, name, status, created, changed, confirmationSent, reason, digests);
    }
}
