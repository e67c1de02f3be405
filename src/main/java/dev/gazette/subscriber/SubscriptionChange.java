package dev.gazette.subscriber;

import java.io.IOException;
import java.util.Optional;

/**
 * One change to a subscription, decided on what was read and written only if nothing changed meanwhile; else
 * read and decided again. So a soft bounce, a confirmation or an unsubscribe that lands between another's read
 * and write is never undone by it.
 */
final class SubscriptionChange {
    /** Conflicts are two people or services acting on one address at once: a few tries settle them. */
    private static final int ATTEMPTS = 10;

    /** What to answer, and the subscription to write, or null to write nothing. */
    record Outcome<T>(T result, Subscription next) {
        static <T> Outcome<T> answer(T result) {
            return new Outcome<>(result, null);
        }

        static <T> Outcome<T> write(T result, Subscription next) {
            return new Outcome<>(result, next);
        }
    }

    @FunctionalInterface
    interface Decision<T> {
        Outcome<T> decide(Optional<Subscription> read);
    }

    private SubscriptionChange() {
    }

    static <T> T apply(SubscriberStore store, String address, Decision<T> decision) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Optional<Subscription> read = store.get(address);
            Outcome<T> outcome = decision.decide(read);
            if (outcome.next() == null || read.isPresent() && read.get().equals(outcome.next())) {
                return outcome.result();
            }
            boolean written = read.isEmpty() ? store.create(outcome.next()) : store.update(read.get(), outcome.next());
            if (written) {
                return outcome.result();
            }
            if (attempt == ATTEMPTS) {
                throw new IOException("the subscription of " + address + " changed " + ATTEMPTS
                        + " times while it was being changed; nothing was written, try again");
            }
        }
    }
}
