package dev.gazette.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link SubscriberStore} must do: the local file and the DynamoDB table alike. */
public abstract class SubscriberStoreContract {
    protected static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");

    /** A new, empty store. */
    protected abstract SubscriberStore store() throws Exception;

    private static Subscription of(String email, Subscription.Status status) {
        return new Subscription(email, "Name of " + email, status, NOW, NOW, null, null, List.of());
    }

    @Test
    void keepsEverythingOfASubscription() throws Exception {
        SubscriberStore store = store();
        Subscription ada = new Subscription("ada@example.com", "Ada <Lovelace> & co", Subscription.Status.SUPPRESSED,
                NOW, NOW.plusSeconds(60), NOW.plusSeconds(30), "complained", List.of("d1", "d2"));
        store.put(ada);
        assertEquals(Optional.of(ada), store.get("ada@example.com"));
        assertEquals(Optional.empty(), store.get("grace@example.com"));
    }

    @Test
    void keepsTheTopicsAndTheWelcomeAndPagesReadersWithTheirTopics() throws Exception {
        SubscriberStore store = store();
        Subscription rust = new Subscription("rust@example.com", "Ferris", Subscription.Status.CONFIRMED, NOW, NOW,
                null, null, List.of(), List.of("c++", "rust"), NOW.plusSeconds(5));
        store.put(rust);
        store.put(Subscription.confirmed("all@example.com", null, NOW));

        assertEquals(Optional.of(rust), store.get("rust@example.com"));
        assertEquals(List.of(new Subscriber("all@example.com", null), new Subscriber("rust@example.com", "Ferris",
                List.of("c++", "rust"))), store.confirmed(null, 10).subscribers());
    }

    @Test
    void aTopicChangeDecidedOnAnOldReadingNeverUndoesOneMadeSince() throws Exception {
        SubscriberStore store = store();
        store.create(Subscription.confirmed("ada@example.com", null, NOW));
        Subscription read = store.get("ada@example.com").orElseThrow();
        Subscription rust = read.withTopics(List.of("rust"), NOW.plusSeconds(1));
        assertTrue(store.update(read, rust));

        assertFalse(store.update(read, read.withTopics(List.of("go"), NOW.plusSeconds(2))), "read before the change");
        assertFalse(store.update(rust.withTopics(List.of("rust", "zig"), NOW), rust), "as nobody read it");
        assertTrue(store.update(rust, rust.withTopics(List.of(), NOW.plusSeconds(3))), "back to everything");
        assertEquals(List.of(), store.get("ada@example.com").orElseThrow().topics());
    }

    @Test
    void aWelcomeIsClaimedOnce() throws Exception {
        SubscriberStore store = store();
        store.create(Subscription.confirmed("ada@example.com", null, NOW));
        Subscription read = store.get("ada@example.com").orElseThrow();

        assertTrue(store.update(read, read.welcomedAt(NOW.plusSeconds(1))));
        assertFalse(store.update(read, read.welcomedAt(NOW.plusSeconds(2))), "a second confirmation at once");
        assertEquals(NOW.plusSeconds(1), store.get("ada@example.com").orElseThrow().welcomed());
    }

    @Test
    void aTopicChangeNeverUndoesAnUnsubscribeBetweenItsReadAndItsWrite() throws Exception {
        SubscriberStore store = store();
        store.create(Subscription.confirmed("ada@example.com", null, NOW));
        Tokens tokens = new Tokens("a test secret of enough length".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        SubscriberStore racing = new Interleaved(store, () -> new Subscriptions(store, tokens, null, null)
                .unsubscribe(tokens.unsubscribe("ada@example.com"), NOW));

        Subscriptions.Changed changed = new Subscriptions(racing, tokens, null, null)
                .changeTopics(tokens.preferences("ada@example.com", NOW.plusSeconds(60)), List.of("rust"), NOW);

        assertEquals(Subscriptions.Changed.NOT_SUBSCRIBED, changed);
        Subscription stored = store.get("ada@example.com").orElseThrow();
        assertEquals(Subscription.Status.UNSUBSCRIBED, stored.status());
        assertEquals(List.of(), stored.topics());
    }

    @Test
    void anAddressIsOneSubscriberWhateverItsCase() throws Exception {
        SubscriberStore store = store();
        store.put(Subscription.confirmed("Ada.Lovelace@example.com", null, NOW));
        assertEquals("Ada.Lovelace@example.com", store.get("ada.lovelace@example.com").orElseThrow().email());
        assertFalse(store.create(of("ADA.LOVELACE@example.com", Subscription.Status.PENDING)));
        assertEquals(Set.of("ADA.lovelace@example.com"), store.mailable(List.of("ADA.lovelace@example.com")));
        assertEquals(1, store.all().size());
    }

    @Test
    void createsOnlyWhatIsNotThere() throws Exception {
        SubscriberStore store = store();
        assertTrue(store.create(of("ada@example.com", Subscription.Status.PENDING)));
        assertFalse(store.create(of("ada@example.com", Subscription.Status.CONFIRMED)));
        assertEquals(Subscription.Status.PENDING, store.get("ada@example.com").orElseThrow().status());
    }

    @Test
    void aConfirmationGoesOncePerCooldown() throws Exception {
        SubscriberStore store = store();
        Duration hour = Duration.ofHours(1);
        assertFalse(store.claimConfirmation("ada@example.com", NOW, hour), "nobody to confirm");
        store.create(of("ada@example.com", Subscription.Status.PENDING));
        assertTrue(store.claimConfirmation("ada@example.com", NOW, hour));
        assertFalse(store.claimConfirmation("ada@example.com", NOW.plusSeconds(59 * 60), hour));
        assertTrue(store.claimConfirmation("ada@example.com", NOW.plusSeconds(61 * 60), hour));
        assertEquals(NOW.plusSeconds(61 * 60), store.get("ada@example.com").orElseThrow().confirmationSent());
    }

    @Test
    void aReleaseUndoesOnlyItsOwnClaim() throws Exception {
        SubscriberStore store = store();
        Duration hour = Duration.ofHours(1);
        store.create(of("ada@example.com", Subscription.Status.PENDING));
        store.claimConfirmation("ada@example.com", NOW, hour);
        // Confirmed meanwhile, by an earlier link.
        Subscription pending = store.get("ada@example.com").orElseThrow();
        assertTrue(store.update(pending, pending.to(Subscription.Status.CONFIRMED, NOW, null)));

        store.releaseConfirmation("ada@example.com", NOW);
        assertEquals(Subscription.Status.CONFIRMED, store.get("ada@example.com").orElseThrow().status());
        assertNull(store.get("ada@example.com").orElseThrow().confirmationSent());
        assertTrue(store.claimConfirmation("ada@example.com", NOW.plusSeconds(60), hour), "the next try may send");

        store.releaseConfirmation("ada@example.com", NOW);
        assertEquals(NOW.plusSeconds(60), store.get("ada@example.com").orElseThrow().confirmationSent(),
                "a later claim stands");
        store.releaseConfirmation("grace@example.com", NOW);
        assertEquals(Optional.empty(), store.get("grace@example.com"));
    }

    @Test
    void pagesThroughTheConfirmedOnly() throws Exception {
        SubscriberStore store = store();
        for (int i = 0; i < 7; i++) {
            store.put(of("reader" + i + "@example.com", Subscription.Status.CONFIRMED));
        }
        store.put(of("pending@example.com", Subscription.Status.PENDING));
        store.put(of("left@example.com", Subscription.Status.UNSUBSCRIBED));
        store.put(of("bounced@example.com", Subscription.Status.SUPPRESSED));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            SubscriberList.Page page = store.confirmed(cursor, 3);
            page.subscribers().forEach(subscriber -> seen.add(subscriber.email()));
            cursor = page.next();
            pages++;
        } while (cursor != null && pages < 10);

        assertEquals(List.of("reader0@example.com", "reader1@example.com", "reader2@example.com",
                "reader3@example.com", "reader4@example.com", "reader5@example.com", "reader6@example.com"),
                seen.stream().sorted().toList());
        assertEquals(7, Set.copyOf(seen).size());
        assertEquals(Set.of("reader1@example.com"), store.mailable(List.of("reader1@example.com",
                "pending@example.com", "left@example.com", "bounced@example.com", "stranger@example.com")));
    }

    @Test
    void listsAndForgets() throws Exception {
        SubscriberStore store = store();
        store.put(of("b@example.com", Subscription.Status.CONFIRMED));
        store.put(of("a@example.com", Subscription.Status.UNSUBSCRIBED));
        assertEquals(List.of("a@example.com", "b@example.com"), store.all().stream().map(Subscription::email).toList());
        assertTrue(store.remove("a@example.com"));
        assertFalse(store.remove("a@example.com"));
        assertEquals(List.of("b@example.com"), store.all().stream().map(Subscription::email).toList());
    }

    @Test
    void anUpdateDecidedOnAnOldReadingNeverUndoesOneMadeSince() throws Exception {
        SubscriberStore store = store();
        store.create(Subscription.confirmed("ada@example.com", "Ada", NOW));
        Subscription read = store.get("ada@example.com").orElseThrow();
        Subscription unsubscribed = read.to(Subscription.Status.UNSUBSCRIBED, NOW.plusSeconds(1), null);
        assertTrue(store.update(read, unsubscribed), "the reader unsubscribes");

        assertFalse(store.update(read, read.softBounced(List.of("d1"))), "a soft bounce read before");
        assertFalse(store.update(read, read.to(Subscription.Status.CONFIRMED, NOW.plusSeconds(2), null)));

        assertEquals(Optional.of(unsubscribed), store.get("ada@example.com"));
        assertFalse(store.update(read, unsubscribed), "gone from the list meanwhile");
    }

    @Test
    void anUpdateWritesOnlyTheFieldsItChangesAndKeepsTheRest() throws Exception {
        SubscriberStore store = store();
        store.create(of("ada@example.com", Subscription.Status.PENDING));
        Subscription read = store.get("ada@example.com").orElseThrow();
        assertTrue(store.claimConfirmation("ada@example.com", NOW.plusSeconds(5), Duration.ofHours(1)));

        assertTrue(store.update(read, read.to(Subscription.Status.CONFIRMED, NOW.plusSeconds(10), null)));

        Subscription stored = store.get("ada@example.com").orElseThrow();
        assertEquals(Subscription.Status.CONFIRMED, stored.status());
        assertEquals(NOW.plusSeconds(10), stored.changed());
        assertEquals(NOW.plusSeconds(5), stored.confirmationSent(), "the claim made meanwhile stays");
        assertEquals(Set.of("ada@example.com"), store.mailable(List.of("ada@example.com")));
    }

    @Test
    void softBouncesOnThreeDigestsInARowSuppress() throws Exception {
        SubscriberStore store = store();
        store.create(Subscription.confirmed("ada@example.com", null, NOW));
        Bounces bounces = new Bounces(store);

        assertFalse(bounces.softBounced("ada@example.com", "d1", List.of("d1"), NOW));
        assertFalse(bounces.softBounced("ada@example.com", "d2", List.of("d1", "d2"), NOW));
        assertTrue(bounces.softBounced("ada@example.com", "d3", List.of("d1", "d2", "d3"), NOW));

        Subscription stored = store.get("ada@example.com").orElseThrow();
        assertEquals(List.of("d1", "d2", "d3"), stored.softBounces());
        assertEquals(Subscription.Status.SUPPRESSED, stored.status());
    }

    @Test
    void aSoftBounceNeverUndoesAnUnsubscribeBetweenItsReadAndItsWrite() throws Exception {
        SubscriberStore store = store();
        store.create(Subscription.confirmed("ada@example.com", null, NOW));
        SubscriberStore racing = new Interleaved(store, () -> {
            Subscription read = store.get("ada@example.com").orElseThrow();
            store.update(read, read.to(Subscription.Status.UNSUBSCRIBED, NOW.plusSeconds(1), null));
        });

        new Bounces(racing).softBounced("ada@example.com", "d1", List.of("d1"), NOW.plusSeconds(2));

        Subscription stored = store.get("ada@example.com").orElseThrow();
        assertEquals(Subscription.Status.UNSUBSCRIBED, stored.status());
        assertEquals(List.of("d1"), stored.softBounces(), "decided again on the new reading");
        assertEquals(Set.of(), store.mailable(List.of("ada@example.com")));
    }

    @Test
    void aSoftBounceNeverUndoesASuppressionBetweenItsReadAndItsWrite() throws Exception {
        SubscriberStore store = store();
        store.create(Subscription.confirmed("ada@example.com", null, NOW));
        SubscriberStore racing = new Interleaved(store, () -> new Bounces(store).bounced("ada@example.com", NOW));

        assertFalse(new Bounces(racing).softBounced("ada@example.com", "d1", List.of("d1"), NOW));

        assertEquals("bounced", store.get("ada@example.com").orElseThrow().reason());
        assertEquals(Subscription.Status.SUPPRESSED, store.get("ada@example.com").orElseThrow().status());
    }

    @Test
    void aConfirmationNeverUndoesAnUnsubscribeBetweenItsReadAndItsWrite() throws Exception {
        SubscriberStore store = store();
        store.create(of("ada@example.com", Subscription.Status.PENDING));
        Tokens tokens = new Tokens("a test secret of enough length".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        SubscriberStore racing = new Interleaved(store, () -> new Subscriptions(store, tokens, null, null)
                .unsubscribe(tokens.unsubscribe("ada@example.com"), NOW));

        Subscriptions.Confirmed confirmed = new Subscriptions(racing, tokens, null, null)
                .confirm(tokens.confirm("ada@example.com", NOW.plusSeconds(3600)), NOW);

        assertEquals(Subscriptions.Confirmed.NOT_PENDING, confirmed);
        assertEquals(Subscription.Status.UNSUBSCRIBED, store.get("ada@example.com").orElseThrow().status());
    }

    /** A store that lets another change land just after its first read, as a concurrent request would. */
    private static final class Interleaved implements SubscriberStore {
        interface Meanwhile {
            void happen() throws Exception;
        }

        private final SubscriberStore store;
        private Meanwhile meanwhile;

        Interleaved(SubscriberStore store, Meanwhile meanwhile) {
            this.store = store;
            this.meanwhile = meanwhile;
        }

        @Override
        public Optional<Subscription> get(String address) throws java.io.IOException {
            Optional<Subscription> read = store.get(address);
            if (meanwhile != null) {
                Meanwhile now = meanwhile;
                meanwhile = null;
                try {
                    now.happen();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            return read;
        }

        @Override
        public boolean create(Subscription subscription) throws java.io.IOException {
            return store.create(subscription);
        }

        @Override
        public boolean update(Subscription read, Subscription next) throws java.io.IOException {
            return store.update(read, next);
        }

        @Override
        public void put(Subscription subscription) {
            throw new AssertionError("a change went through put, unconditionally: " + subscription);
        }

        @Override
        public boolean claimConfirmation(String address, Instant now, Duration cooldown) throws java.io.IOException {
            return store.claimConfirmation(address, now, cooldown);
        }

        @Override
        public void releaseConfirmation(String address, Instant claimed) throws java.io.IOException {
            store.releaseConfirmation(address, claimed);
        }

        @Override
        public boolean remove(String address) throws java.io.IOException {
            return store.remove(address);
        }

        @Override
        public List<Subscription> all() throws java.io.IOException {
            return store.all();
        }

        @Override
        public Page confirmed(String cursor, int limit) throws java.io.IOException {
            return store.confirmed(cursor, limit);
        }

        @Override
        public java.util.Set<String> mailable(java.util.Collection<String> addresses) throws java.io.IOException {
            return store.mailable(addresses);
        }
    }
}
