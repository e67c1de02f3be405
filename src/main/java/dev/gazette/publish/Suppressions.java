package dev.gazette.publish;

import dev.gazette.subscriber.Bounces;
import dev.gazette.subscriber.EmailAddress;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What bounces and complaints do to the subscribers, so mailbox providers keep taking the digest: a permanent
 * bounce or a complaint suppresses the address at once; a transient bounce counts only for a digest, never for a
 * confirmation email, and an address that soft-bounces on the last few digests in a row is suppressed too.
 */
public final class Suppressions {
    private static final String CONFIRMATION = "confirm-";

    private final Bounces bounces;
    private final Store catalog;

    public Suppressions(Bounces bounces, Store catalog) {
        this.bounces = bounces;
        this.catalog = catalog;
    }

    /**
     * @param recipients the valid addresses reported
     * @param suppressed those suppressed now
     */
    public record Result(List<String> recipients, List<String> suppressed) {
        public Result {
            recipients = List.copyOf(recipients);
            suppressed = List.copyOf(suppressed);
        }
    }

    public Result handle(MailFeedback feedback, Instant now) throws IOException {
        List<String> addresses = new ArrayList<>();
        feedback.recipients().forEach(address -> EmailAddress.normalise(address).ifPresent(addresses::add));
        List<String> suppressed = new ArrayList<>();
        switch (feedback.type()) {
            case PERMANENT_BOUNCE -> {
                for (String address : addresses) {
                    bounces.bounced(address, now);
                    suppressed.add(address);
                }
            }
            case COMPLAINT -> {
                for (String address : addresses) {
                    bounces.complained(address, now);
                    suppressed.add(address);
                }
            }
            case TRANSIENT_BOUNCE -> {
                String digest = feedback.campaign();
                if (digest != null && !digest.startsWith(CONFIRMATION) && !addresses.isEmpty()) {
                    List<String> recent = Catalog.recentlySent(catalog.digests(), Bounces.SOFT_BOUNCE_LIMIT);
                    for (String address : addresses) {
                        if (bounces.softBounced(address, digest, recent, now)) {
                            suppressed.add(address);
                        }
                    }
                }
            }
        }
        return new Result(addresses, suppressed);
    }
}
