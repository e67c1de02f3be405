package dev.gazette.subscriber;

import dev.gazette.subscriber.SubscriptionChange.Outcome;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What bounces and complaints do to an address, so mailbox providers keep taking the digest: a permanent bounce
 * or a complaint suppresses it for good, and so do soft bounces on several digests in a row.
 */
public final class Bounces {
    /** Soft bounces on this many digests in a row suppress an address. */
    public static final int SOFT_BOUNCE_LIMIT = 3;

    private final SubscriberStore store;

    public Bounces(SubscriberStore store) {
        this.store = store;
    }

    /** A permanent bounce: the address does not take mail, and is never mailed again. */
    public void bounced(String address, Instant now) throws IOException {
        suppress(address, "bounced", now);
    }

    /** A complaint: the reader marked a digest as spam, and is never mailed again. */
    public void complained(String address, Instant now) throws IOException {
        suppress(address, "complained", now);
    }

    /**
     * A transient bounce of one digest. An address that soft-bounces on each of the last
     * {@link #SOFT_BOUNCE_LIMIT} digests is suppressed.
     *
     * @param recentDigests the ids of the latest digests sent, the latest last
     * @return true when the address is suppressed now
     */
    public boolean softBounced(String address, String digest, List<String> recentDigests, Instant now)
            throws IOException {
        List<String> latest = recentDigests.subList(Math.max(0, recentDigests.size() - SOFT_BOUNCE_LIMIT),
                recentDigests.size());
        return SubscriptionChange.apply(store, address, read -> {
            if (read.isEmpty() || read.get().status() == Subscription.Status.SUPPRESSED) {
                return Outcome.answer(false);
            }
            List<String> bounces = new ArrayList<>(read.get().softBounces());
            if (!bounces.contains(digest)) {
                bounces.add(digest);
            }
            while (bounces.size() > SOFT_BOUNCE_LIMIT) {
                bounces.remove(0);
            }
            if (latest.size() == SOFT_BOUNCE_LIMIT && bounces.containsAll(latest)) {
                return Outcome.write(true, read.get().softBounced(bounces).to(Subscription.Status.SUPPRESSED, now,
                        "soft-bounced on " + SOFT_BOUNCE_LIMIT + " digests in a row"));
            }
            return Outcome.write(false, read.get().softBounced(bounces));
        });
    }

    private void suppress(String address, String reason, Instant now) throws IOException {
        SubscriptionChange.apply(store, address, read -> {
            if (read.isPresent() && read.get().status() == Subscription.Status.SUPPRESSED) {
                return Outcome.answer(null);
            }
            Subscription known = read.orElse(Subscription.pending(address, null, now));
            return Outcome.write(null, known.to(Subscription.Status.SUPPRESSED, now, reason));
        });
    }
}
