package dev.gazette.subscriber;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything kept of one address: who, in which state, since when, and why when it was suppressed.
 *
 * @param changed          when it came to its state
 * @param confirmationSent when the last confirmation email went, for the cooldown; null before the first, and
 *                         when the last one tried did not go
 * @param reason           why it is suppressed; {@link #LEFT_BEFORE} for a pending address that had unsubscribed;
 *                         else null
 * @param softBounces      the digests it soft-bounced on, the latest last
 * @param topics           the tags the reader chose ({@link Topics}); empty for everything
 * @param welcomed         when the welcome email was claimed for this address; null before, for good once sent
 */
public record Subscription(String email, String name, Status status, Instant created, Instant changed,
                           Instant confirmationSent, String reason, List<String> softBounces, List<String> topics,
                           Instant welcomed) {

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

    /** What a change may write; the address is the subscription's key and never changes. */
    public enum Field {
        NAME, STATUS, CHANGED, CONFIRMATION_SENT, REASON, SOFT_BOUNCES, TOPICS, WELCOMED;

        public Object of(Subscription subscription) {
            return switch (this) {
                case NAME -> subscription.name();
                case STATUS -> subscription.status();
                case CHANGED -> subscription.changed();
                case CONFIRMATION_SENT -> subscription.confirmationSent();
                case REASON -> subscription.reason();
                case SOFT_BOUNCES -> subscription.softBounces();
                case TOPICS -> subscription.topics();
                case WELCOMED -> subscription.welcomed();
            };
        }
    }

    /** The reason of a pending subscription whose address had unsubscribed before. */
    public static final String LEFT_BEFORE = "unsubscribed before";

    public Subscription {
        softBounces = softBounces == null ? List.of() : List.copyOf(softBounces);
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    /** A subscription to everything that was never welcomed: as lists kept before topics came. */
    public Subscription(String email, String name, Status status, Instant created, Instant changed,
                        Instant confirmationSent, String reason, List<String> softBounces) {
        this(email, name, status, created, changed, confirmationSent, reason, softBounces, List.of(), null);
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
        return pending(email, name, List.of(), now);
    }

    /** @param topics normalised ({@link Topics#normalise}) */
    static Subscription pending(String email, String name, List<String> topics, Instant now) {
        return new Subscription(email, SubscriberName.normalise(name), Status.PENDING, now, now, null, null, List.of(),
                topics, null);
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
        return new Subscriber(email, name, topics);
    }

    Subscription to(Status status, Instant now, String reason) {
        return new Subscription(email, name, status, created, now, confirmationSent, reason, softBounces, topics,
                welcomed);
    }

    /**
     * When a pending subscription may be forgotten: long after its latest confirmation link expired, counted from
     * the latest of when it came to its state and when a confirmation went.
     */
    public Instant forgettableAfter() {
        Instant last = confirmationSent != null && confirmationSent.isAfter(changed) ? confirmationSent : changed;
        return last.plus(SubscriberStore.PENDING_LIFETIME);
    }

    /** The fields in which {@code next} differs from this. */
    public Set<Field> changesTo(Subscription next) {
        Set<Field> fields = EnumSet.noneOf(Field.class);
        for (Field field : Field.values()) {
            if (!Objects.equals(field.of(this), field.of(next))) {
                fields.add(field);
            }
        }
        return fields;
    }

    /**
     * Whether a change made from {@code read} may be written over this, as stored now: it has the status read, and
     * the fields the change writes are as read. Any other field may have changed meanwhile; the change keeps it.
     */
    public boolean unchangedSince(Subscription read, Set<Field> fields) {
        return status == read.status && fields.stream().allMatch(field -> Objects.equals(field.of(this), field.of(read)));
    }

    /** This, with {@code fields} taken from {@code next}. */
    public Subscription with(Set<Field> fields, Subscription next) {
        return new Subscription(email,
                (String) pick(Field.NAME, fields, next), (Status) pick(Field.STATUS, fields, next),
                created, (Instant) pick(Field.CHANGED, fields, next),
                (Instant) pick(Field.CONFIRMATION_SENT, fields, next), (String) pick(Field.REASON, fields, next),
                (fields.contains(Field.SOFT_BOUNCES) ? next : this).softBounces(),
                (fields.contains(Field.TOPICS) ? next : this).topics(), (Instant) pick(Field.WELCOMED, fields, next));
    }

    private Object pick(Field field, Set<Field> fields, Subscription next) {
        return field.of(fields.contains(field) ? next : this);
    }

    Subscription softBounced(List<String> digests) {
        return new Subscription(email, name, status, created, changed, confirmationSent, reason, digests, topics,
                welcomed);
    }

    /** This, reading only the posts of {@code topics} from now on. @param topics normalised */
    Subscription withTopics(List<String> topics, Instant now) {
        return new Subscription(email, name, status, created, now, confirmationSent, reason, softBounces, topics,
                welcomed);
    }

    /** This, with its welcome email claimed at {@code at}, or the claim given back for null. */
    Subscription welcomedAt(Instant at) {
        return new Subscription(email, name, status, created, changed, confirmationSent, reason, softBounces, topics,
                at);
    }

    /** This, with when the last confirmation email went. */
    public Subscription withConfirmationSent(Instant sent) {
        return new Subscription(email, name, status, created, changed, sent, reason, softBounces, topics, welcomed);
    }
}
