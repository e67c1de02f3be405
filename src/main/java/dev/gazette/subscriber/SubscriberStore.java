package dev.gazette.subscriber;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where subscriptions are kept: a file in the state folder locally, the DynamoDB table in the cloud. A pending
 * subscription is forgotten once its confirmation link has long expired, unless its address had left before.
 */
public interface SubscriberStore extends SubscriberList {
    /** How long an unconfirmed subscription is kept. */
    Duration PENDING_LIFETIME = Duration.ofDays(7);

    Optional<Subscription> get(String address) throws IOException;

    /** Adds a subscription unless the address has one. @return false when it had, and nothing changed */
    boolean create(Subscription subscription) throws IOException;

    /**
     * Adds each subscription whose address has none, as {@link #create} does one: an import of a list kept
     * elsewhere. A store may write them in one go.
     *
     * @return how many were added
     */
    default int createAll(Collection<Subscription> subscriptions) throws IOException {
        int created = 0;
        for (Subscription subscription : subscriptions) {
            if (create(subscription)) {
                created++;
            }
        }
        return created;
    }

    /**
     * Writes a change to a subscription: the fields in which {@code next} differs from {@code read}, and only if
     * the stored subscription still has the status and those fields as {@code read} had them (a compare-and-set),
     * so a change decided on an old reading never undoes one made since, such as an unsubscribe.
     *
     * @param read the subscription as the caller read it
     * @return false when it changed meanwhile or is gone, and nothing was written: read it again and decide again
     */
    boolean update(Subscription read, Subscription next) throws IOException;

    /**
     * Adds or replaces a subscription whole, whatever it was: for a list's owner setting up a list, never for a
     * change a reader, a bounce or a digest makes, which is an {@link #update}.
     */
    void put(Subscription subscription) throws IOException;

    /**
     * Notes that a confirmation email goes to {@code address} now, unless one went within {@code cooldown}: the
     * check and the note are one step, so two requests at once send one email.
     *
     * @return true when this caller may send it
     */
    boolean claimConfirmation(String address, Instant now, Duration cooldown) throws IOException;

    /**
     * Undoes a claim whose email did not go, so its owner may try again at once: forgets when a confirmation was
     * sent, if it is still {@code claimed}. Nothing else of the subscription changes, so a confirmation or an
     * unsubscription that came meanwhile stays, and so does a later claim.
     */
    void releaseConfirmation(String address, Instant claimed) throws IOException;

    /** Forgets an address altogether. @return false when it was not there */
    boolean remove(String address) throws IOException;

    /** Every subscription, in order of address. */
    List<Subscription> all() throws IOException;
}
