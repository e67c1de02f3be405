package dev.gazette.subscriber;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The confirmed subscribers a digest goes to, read a page at a time so a long list never sits in memory. */
public interface SubscriberList {
    /**
     * @param cursor where the previous page ended; null for the first page
     */
    Page confirmed(String cursor, int limit) throws IOException;

    /**
     * The addresses among {@code addresses} that may be mailed now: still confirmed, not unsubscribed, bounced or
     * complained since the digest was queued.
     */
    Set<String> mailable(Collection<String> addresses) throws IOException;

    /** @param next where the next page starts; null after the last page */
    record Page(List<Subscriber> subscribers, String next) {
        public Page {
            subscribers = List.copyOf(subscribers);
        }
    }
}
