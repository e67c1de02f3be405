package dev.gazette.subscriber;

import dev.gazette.mail.Email;
import dev.gazette.mail.Mailer;
import dev.gazette.subscriber.SubscriptionChange.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Subscribing with double opt-in, confirming and unsubscribing. What a caller learns never tells whether an
 * address is on the list; that stays between the list and its owner's inbox.
 */
public final class Subscriptions {
    /** How long a confirmation link works. */
    public static final Duration CONFIRMATION_LIFETIME = Duration.ofHours(48);
    /** The least time between two confirmation emails to one address, so the form cannot bomb an inbox. */
    public static final Duration COOLDOWN = Duration.ofHours(1);
    /** How long a link to the preferences page works: an email a year old sends its reader to a newer one. */
    public static final Duration PREFERENCES_LIFETIME = Duration.ofDays(365);

    private final SubscriberStore store;
    private final Tokens tokens;
    private final ConfirmationEmail confirmation;
    private final Mailer mailer;
    private final WelcomeEmail welcome;
    private final ClientLimit clientLimit;

    /** Subscriptions that welcome no one and count no client: the list's owner's, such as an import's. */
    public Subscriptions(SubscriberStore store, Tokens tokens, ConfirmationEmail confirmation, Mailer mailer) {
        this(store, tokens, confirmation, mailer, null, null);
    }

    /**
     * @param welcome     the email a reader gets once they confirm; null for none
     * @param clientLimit how many confirmations one client may cause an hour through the form; null for no limit
     */
    public Subscriptions(SubscriberStore store, Tokens tokens, ConfirmationEmail confirmation, Mailer mailer,
                         WelcomeEmail welcome, ClientLimit clientLimit) {
        this.store = store;
        this.tokens = tokens;
        this.confirmation = confirmation;
        this.mailer = mailer;
        this.welcome = welcome;
        this.clientLimit = clientLimit;
    }

    /** What a request to subscribe led to: for logs and tests, never for the person who asked. */
    public enum Subscribed {
        CONFIRMATION_SENT, CONFIRMATION_NOT_SENT, COOLDOWN, CLIENT_LIMIT, ALREADY_CONFIRMED, SUPPRESSED
    }

    /** As the list's owner asks it, with no client to count. */
    public Subscribed subscribe(String address, String name, String endpoint, Instant now) throws IOException {
        return subscribe(address, name, List.of(), null, endpoint, now);
    }

    /**
     * @param address  a normalised address ({@link EmailAddress#normalise})
     * @param topics   the tags asked for, normalised ({@link Topics#normalise}); empty for every post
     * @param client   who asked, as the limit per client counts them (an IP address); null for the list's owner
     * @param endpoint where the confirmation link points: the endpoints' origin
     */
    public Subscribed subscribe(String address, String name, List<String> topics, String client, String endpoint,
                                Instant now) throws IOException {
        Subscribed settled = SubscriptionChange.apply(store, address, read -> {
            if (read.isEmpty()) {
                // Named by the first request only: a later one, from anyone, does not rename a pending reader.
                return Outcome.write(null, Subscription.pending(address, name, topics, now));
            }
            return switch (read.get().status()) {
                case CONFIRMED -> Outcome.answer(Subscribed.ALREADY_CONFIRMED);
                case SUPPRESSED -> Outcome.answer(Subscribed.SUPPRESSED);
                // Pending again, but remembered as having left: until confirmed, nobody's list brings them back.
                case UNSUBSCRIBED -> Outcome.write(null, read.get().withTopics(topics, now)
                        .to(Subscription.Status.PENDING, now, Subscription.LEFT_BEFORE));
                case PENDING -> Outcome.answer(null);
            };
        });
        if (settled != null) {
            return settled;
        }
        // Composed before the cooldown is claimed, so a template that fails leaves no cooldown behind.
        Email email = confirmation.compose(address, endpoint, now, now.plus(CONFIRMATION_LIFETIME));
        if (!store.claimConfirmation(address, now, COOLDOWN)) {
            return Subscribed.COOLDOWN;
        }
        if (client != null && clientLimit != null && !allowed(client, address, now)) {
            // Counted after the address's cooldown, so asking again for one address costs a client nothing; the
            // cooldown goes back, so the address's owner can still ask from elsewhere.
            store.releaseConfirmation(address, now);
            return Subscribed.CLIENT_LIMIT;
        }
        if (!sent(email)) {
            // Not sent: the cooldown must not stop the owner's next try. What the person who asked is told does
            // not change, so the answer never shows which addresses exist.
            store.releaseConfirmation(address, now);
            return Subscribed.CONFIRMATION_NOT_SENT;
        }
        return Subscribed.CONFIRMATION_SENT;
    }

    /**
     * Whether the client may cause one more confirmation. A count that cannot be kept gives the address's cooldown
     * back before it is told, so the person who is told to try again can.
     */
    private boolean allowed(String client, String address, Instant now) throws IOException {
        try {
            return clientLimit.allows(client, now);
        } catch (IOException | RuntimeException e) {
            store.releaseConfirmation(address, now);
            throw e;
        }
    }

    /** Whether the mail service took {@code email}; a failure of any kind on the way is a no. */
    private boolean sent(Email email) {
        return result(email) == Mailer.Result.SENT;
    }

    /** What the mail service did with {@code email}; null for a failure of any kind on the way. */
    private Mailer.Result result(Email email) {
        try {
            return mailer.send(email);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public enum Confirmed { CONFIRMED, ALREADY_CONFIRMED, EXPIRED, INVALID, NOT_PENDING }

    /** Confirms the address a confirmation link was made for. Again and again, it stays confirmed. */
    public Confirmed confirm(String token, Instant now) throws IOException {
        Tokens.Check check = tokens.check(token, Tokens.Purpose.CONFIRM, now);
        if (check instanceof Tokens.Check.Expired) {
            return Confirmed.EXPIRED;
        }
        if (!(check instanceof Tokens.Check.Valid valid)) {
            return Confirmed.INVALID;
        }
        return SubscriptionChange.apply(store, valid.address(), read -> {
            if (read.isEmpty()) {
                // Removed by the list's owner since the link was sent: an old link does not bring the address back.
                return Outcome.answer(Confirmed.NOT_PENDING);
            }
            return switch (read.get().status()) {
                case PENDING -> Outcome.write(Confirmed.CONFIRMED,
                        read.get().to(Subscription.Status.CONFIRMED, now, null));
                case CONFIRMED -> Outcome.answer(Confirmed.ALREADY_CONFIRMED);
                case UNSUBSCRIBED, SUPPRESSED -> Outcome.answer(Confirmed.NOT_PENDING);
            };
        });
    }

    /**
     * Welcomes the reader a confirmation link was made for, once, ever, once they are confirmed: the welcome is
     * claimed on the subscription before it is sent, and a claim whose email did not go is given back, so the next
     * click on the link sends it.
     *
     * @param endpoint where the welcome's links point
     * @throws IOException when the newest posts cannot be read; nothing is claimed
     * @throws IllegalArgumentException when the welcome's template fails; nothing is claimed
     */
    public Welcomed welcome(String token, String endpoint, Instant now) throws IOException {
        if (welcome == null || !(tokens.check(token, Tokens.Purpose.CONFIRM, now) instanceof Tokens.Check.Valid valid)) {
            return Welcomed.NOT_CONFIRMED;
        }
        return welcomeOnce(valid.address(), endpoint, now);
    }

    /** What became of a welcome: for logs and tests. */
    public enum Welcomed { SENT, NOT_SENT, ALREADY_WELCOMED, NOT_CONFIRMED }

    private Welcomed welcomeOnce(String address, String endpoint, Instant now) throws IOException {
        Optional<Subscription> read = store.get(address);
        if (read.isEmpty() || read.get().status() != Subscription.Status.CONFIRMED) {
            return Welcomed.NOT_CONFIRMED;
        }
        if (read.get().welcomed() != null) {
            return Welcomed.ALREADY_WELCOMED;
        }
        // Composed before the claim, so a template that fails leaves no claim behind.
        Email email = welcome.compose(read.get().subscriber(), endpoint, now);
        boolean claimed = SubscriptionChange.apply(store, address, current -> current
                .filter(subscription -> subscription.welcomed() == null
                        && subscription.status() == Subscription.Status.CONFIRMED)
                .map(subscription -> Outcome.write(true, subscription.welcomedAt(now)))
                .orElse(Outcome.answer(false)));
        if (!claimed) {
            return Welcomed.ALREADY_WELCOMED;
        }
        Mailer.Result result = result(email);
        if (result == Mailer.Result.SENT_BEFORE || result == Mailer.Result.UNCERTAIN) {
            // The mail service has it from before, such as for an address the owner removed and that came back:
            // welcomed, and the claim kept, so no click tries again.
            return Welcomed.ALREADY_WELCOMED;
        }
        if (result != Mailer.Result.SENT) {
            SubscriptionChange.apply(store, address, current -> current
                    .filter(subscription -> now.equals(subscription.welcomed()))
                    .map(subscription -> Outcome.write(null, subscription.welcomedAt(null)))
                    .orElse(Outcome.answer(null)));
            return Welcomed.NOT_SENT;
        }
        return Welcomed.SENT;
    }

    public enum Unsubscribed { UNSUBSCRIBED, ALREADY_UNSUBSCRIBED, INVALID }

    /** Takes the address an unsubscribe link was made for off the list, at once. Again and again, it stays off. */
    public Unsubscribed unsubscribe(String token, Instant now) throws IOException {
        if (!(tokens.check(token, Tokens.Purpose.UNSUBSCRIBE, now) instanceof Tokens.Check.Valid valid)) {
            return Unsubscribed.INVALID;
        }
        return SubscriptionChange.apply(store, valid.address(), read -> {
            if (read.isEmpty()) {
                // Kept, so an address on a subscriber file elsewhere is left out too.
                return Outcome.write(Unsubscribed.UNSUBSCRIBED, Subscription.pending(valid.address(), null, now)
                        .to(Subscription.Status.UNSUBSCRIBED, now, null));
            }
            return switch (read.get().status()) {
                case PENDING, CONFIRMED -> Outcome.write(Unsubscribed.UNSUBSCRIBED,
                        read.get().to(Subscription.Status.UNSUBSCRIBED, now, null));
                case UNSUBSCRIBED, SUPPRESSED -> Outcome.answer(Unsubscribed.ALREADY_UNSUBSCRIBED);
            };
        });
    }

    /** What a preferences link shows: the reader's topics, or why it shows nothing. */
    public sealed interface Preferences {
        /** @param subscribed whether the address gets the digest now; else it has nothing to change */
        record Shown(String address, List<String> topics, boolean subscribed) implements Preferences {
        }

        record Expired() implements Preferences {
        }

        record Invalid() implements Preferences {
        }
    }

    /**
     * The preferences of the address a preferences link was made for. Only the address's owner has such a link,
     * so telling them whether it is subscribed tells no one else anything.
     */
    public Preferences preferences(String token, Instant now) throws IOException {
        Tokens.Check check = tokens.check(token, Tokens.Purpose.PREFERENCES, now);
        if (check instanceof Tokens.Check.Expired) {
            return new Preferences.Expired();
        }
        if (!(check instanceof Tokens.Check.Valid valid)) {
            return new Preferences.Invalid();
        }
        Optional<Subscription> read = store.get(valid.address());
        return new Preferences.Shown(valid.address(), read.map(Subscription::topics).orElse(List.of()),
                read.filter(subscription -> subscription.status() == Subscription.Status.CONFIRMED).isPresent());
    }

    public enum Changed { CHANGED, NOT_SUBSCRIBED, EXPIRED, INVALID }

    /**
     * Sets the topics of the address a preferences link was made for, from the next digest on: a digest already
     * being sent keeps the topics it read (see {@link dev.gazette.publish.Digests}).
     *
     * @param topics normalised ({@link Topics#normalise}); empty for every post
     */
    public Changed changeTopics(String token, List<String> topics, Instant now) throws IOException {
        Tokens.Check check = tokens.check(token, Tokens.Purpose.PREFERENCES, now);
        if (check instanceof Tokens.Check.Expired) {
            return Changed.EXPIRED;
        }
        if (!(check instanceof Tokens.Check.Valid valid)) {
            return Changed.INVALID;
        }
        return SubscriptionChange.apply(store, valid.address(), read -> read
                .filter(subscription -> subscription.status() == Subscription.Status.CONFIRMED)
                .map(subscription -> Outcome.write(Changed.CHANGED, subscription.topics().equals(topics)
                        ? subscription : subscription.withTopics(topics, now)))
                .orElse(Outcome.answer(Changed.NOT_SUBSCRIBED)));
    }

    /** The token of the unsubscribe link for the address a valid preferences link was made for. */
    public Optional<String> unsubscribeToken(String preferencesToken, Instant now) {
        return tokens.check(preferencesToken, Tokens.Purpose.PREFERENCES, now) instanceof Tokens.Check.Valid valid
                ? Optional.of(tokens.unsubscribe(valid.address())) : Optional.empty();
    }

    public enum Invited { INVITED, NOT_SENT, ALREADY_LISTED }

    /**
     * Invites an address from a list kept elsewhere, as the form would: a confirmation email, unless the address
     * is here already, so an unsubscribed or suppressed reader is never mailed by an import. An address still
     * pending that no confirmation went to, such as after an invitation that was not sent, is invited again.
     */
    public Invited invite(Subscriber subscriber, String endpoint, Instant now) throws IOException {
        Optional<Subscription> here = store.get(subscriber.email());
        if (here.isPresent() && !invitationNotSent(here.get())) {
            return Invited.ALREADY_LISTED;
        }
        return switch (subscribe(subscriber.email(), subscriber.name(), subscriber.topics(), null, endpoint, now)) {
            case CONFIRMATION_SENT -> Invited.INVITED;
            case CONFIRMATION_NOT_SENT, CLIENT_LIMIT -> Invited.NOT_SENT;
            // Confirmed, suppressed or sent a confirmation by someone else meanwhile.
            case ALREADY_CONFIRMED, SUPPRESSED, COOLDOWN -> Invited.ALREADY_LISTED;
        };
    }

    /** Pending with no confirmation sent, as an invitation that did not go leaves it; never one that had left. */
    private static boolean invitationNotSent(Subscription subscription) {
        return subscription.status() == Subscription.Status.PENDING && !subscription.hasLeft()
                && subscription.confirmationSent() == null;
    }
}
