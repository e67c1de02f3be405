package dev.gazette.subscriber;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the readers of a list (a CSV file) on the subscriber list: confirmed at once when they opted in elsewhere,
 * else each invited to confirm. A reader already on the list keeps their state, so an import never brings back
 * one who left.
 */
public final class SubscriberImport {
    private SubscriberImport() {
    }

    /**
     * @param added   readers put on the list (confirmed, or invited)
     * @param kept    readers on the list already, left as they were
     * @param notSent readers whose confirmation email was not sent; importing the list again sends it
     */
    public record Outcome(int added, int kept, List<String> notSent) {
        public Outcome {
            notSent = List.copyOf(notSent);
        }
    }

    public static Outcome confirmed(SubscriberStore store, List<Subscriber> readers, Instant now) throws IOException {
        int added = store.createAll(readers.stream()
                .map(reader -> Subscription.confirmed(reader.email(), reader.name(), now)
                        .withTopics(reader.topics(), now)).toList());
        return new Outcome(added, readers.size() - added, List.of());
    }

    public static Outcome invited(Subscriptions subscriptions, List<Subscriber> readers, String endpoint, Instant now)
            throws IOException {
        int added = 0;
        int kept = 0;
        List<String> notSent = new ArrayList<>();
        for (Subscriber reader : readers) {
            switch (subscriptions.invite(reader, endpoint, now)) {
                case INVITED -> added++;
                case ALREADY_LISTED -> kept++;
                case NOT_SENT -> notSent.add(reader.email());
            }
        }
        return new Outcome(added, kept, notSent);
    }
}
