package dev.gazette.publish;

import dev.gazette.mail.Email;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.SubscriberStore;
import dev.gazette.subscriber.Subscription;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The emails a sender claimed and could not tell whether it sent: its answer from the mail service was lost, or it
 * was stopped between its claim and the call. Never sent again on their own, since a second copy is worse than
 * none; listed here for a person, who settles each one after looking (in the mail service's logs, or by asking the
 * reader): it went out, or it did not and may be sent.
 */
public final class UncertainSends {
    /**
     * How long a claim may belong to a send still under way rather than one cut off: longer than the Send
     * function's timeout.
     */
    public static final Duration IN_FLIGHT = Duration.ofMinutes(15);

    /** The send records: claimed before each email, completed after it. */
    public interface Records {
        /** The claims without an outcome, of one digest or (null) of all. */
        List<Send> unsettled(String digest) throws IOException;

        /** The claim of this digest and address without an outcome, if there is one. */
        Optional<Send> unsettled(String digest, String address) throws IOException;

        /** Records that the email went out; false when the claim changed meanwhile. */
        boolean markSent(Send send, Instant now) throws IOException;

        /** Takes the claim away, so the email may be sent; false when the claim changed meanwhile. */
        boolean release(Send send) throws IOException;

        /** Puts a claim taken away back as it was, when the email could not be queued after all. */
        void restore(Send send) throws IOException;
    }

    /** One uncertain email: a digest to one address, claimed at a time. */
    public record Send(String digest, String address, Instant claimed) {
    }

    /** What became of a request to settle one send. */
    public enum Outcome {
        /** Settled as asked. */
        SETTLED,
        /** Released, and not queued: the reader no longer gets the digest. */
        RELEASED_NOT_QUEUED,
        /** No such send, or it has an outcome already. */
        NOT_UNCERTAIN,
        /** Claimed too recently to tell from a send under way: try again later. */
        IN_FLIGHT
    }

    private final Records records;

    public UncertainSends(Records records) {
        this.records = records;
    }

    /** The uncertain sends, of one digest or (null) of all, oldest first; claims still in flight are left out. */
    public List<Send> list(String digest, Instant now) throws IOException {
        return records.unsettled(digest).stream()
                .filter(send -> !inFlight(send, now))
                .sorted(Comparator.comparing(Send::claimed).thenComparing(Send::digest).thenComparing(Send::address))
                .toList();
    }

    /** Settles a send as gone out: the reader had it, and is never sent it again. */
    public Outcome markSent(String digest, String address, Instant now) throws IOException {
        Optional<Send> send = records.unsettled(digest, Email.recipient(address));
        if (send.isEmpty()) {
            return Outcome.NOT_UNCERTAIN;
        }
        if (inFlight(send.get(), now)) {
            return Outcome.IN_FLIGHT;
        }
        return records.markSent(send.get(), now) ? Outcome.SETTLED : Outcome.NOT_UNCERTAIN;
    }

    /**
     * Settles a send as never gone out: the claim is let go and the reader, if still subscribed, put on the queue
     * again in a batch of one, which the senders mail as any other.
     */
    public Outcome release(String digest, String address, Instant now, SubscriberStore subscribers,
                           DigestQueue queue) throws IOException {
        Optional<Send> send = records.unsettled(digest, Email.recipient(address));
        if (send.isEmpty()) {
            return Outcome.NOT_UNCERTAIN;
        }
        if (inFlight(send.get(), now)) {
            return Outcome.IN_FLIGHT;
        }
        if (!records.release(send.get())) {
            return Outcome.NOT_UNCERTAIN;
        }
        Optional<Subscription> reader = subscribers.get(address)
                .filter(subscription -> subscription.status() == Subscription.Status.CONFIRMED);
        if (reader.isEmpty()) {
            return Outcome.RELEASED_NOT_QUEUED;
        }
        try {
            queue.enqueue(digest, List.of(new Subscriber(reader.get().email(), reader.get().name())));
        } catch (IOException | RuntimeException e) {
            // Neither queued nor claimed, the reader would be mailed by nobody and listed nowhere.
            records.restore(send.get());
            throw e;
        }
        return Outcome.SETTLED;
    }

    private static boolean inFlight(Send send, Instant now) {
        return send.claimed().isAfter(now.minus(IN_FLIGHT));
    }
}
