package dev.gazette.subscriber;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        Optional<Subscription> subscription = store.get(address);
        if (subscription.isEmpty() || subscription.get().status() == Subscription.Status.SUPPRESSED) {
            return false;
        }
        List<String> bounces = new ArrayList<>(subscription.get().softBounces());
        if (!bounces.contains(digest)) {
            bounces.add(digest);
        }
        while (bounces.size() > SOFT_BOUNCE_LIMIT) {
            bounces.remove(0);
        }
        List<String> latest = recentDigests.subList(Math.max(0, recentDigests.size() - SOFT_BOUNCE_LIMIT),
                recentDigests.size());
        if (latest.size() == SOFT_BOUNCE_LIMIT && bounces.containsAll(latest)) {
            store.put(subscription.get().softBounced(bounces).to(Subscription.Status.SUPPRESSED, now,
                    "soft-bounced on " + SOFT_BOUNCE_LIMIT + " digests in a row"));
            return true;
        }
        store.put(subscription.get().softBounced(bounces));
        return false;
    }

    private void suppress(String address, String reason, Instant now) throws IOException {
        Subscription subscription = store.get(address)
                .orElse(Subscription.pending(address, null, now));
        store.put(subscription.to(Subscription.Status.SUPPRESSED, now, reason));
    }
}
