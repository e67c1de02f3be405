package dev.gazette.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.local.SubscriberFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BouncesTest {
    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");

    @TempDir
    Path folder;

    private SubscriberFile store;

    @BeforeEach
    void setUp() {
        store = new SubscriberFile(folder.resolve("subscribers.json"), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Subscription.Status status(String address) throws IOException {
        return store.get(address).orElseThrow().status();
    }

    @Test
    void bouncesAndComplaintsSuppressForGood() throws Exception {
        store.put(Subscription.confirmed("ada@example.com", null, NOW));
        store.put(Subscription.confirmed("grace@example.com", null, NOW));

        new Bounces(store).bounced("ada@example.com", NOW);
        new Bounces(store).complained("grace@example.com", NOW);

        assertEquals("bounced", store.get("ada@example.com").orElseThrow().reason());
        assertEquals("complained", store.get("grace@example.com").orElseThrow().reason());
        assertEquals(Subscription.Status.SUPPRESSED, status("ada@example.com"));
    }

    @Test
    void softBouncesOnThreeDigestsInARowSuppress() throws Exception {
        store.put(Subscription.confirmed("ada@example.com", null, NOW));
        store.put(Subscription.confirmed("grace@example.com", null, NOW));

        assertFalse(new Bounces(store).softBounced("ada@example.com", "d1", List.of("d1"), NOW));
        assertFalse(new Bounces(store).softBounced("ada@example.com", "d2", List.of("d1", "d2"), NOW));
        assertFalse(new Bounces(store).softBounced("ada@example.com", "d2", List.of("d1", "d2"), NOW), "one digest counts once");
        assertTrue(new Bounces(store).softBounced("ada@example.com", "d3", List.of("d1", "d2", "d3"), NOW));
        assertEquals(Subscription.Status.SUPPRESSED, status("ada@example.com"));

        new Bounces(store).softBounced("grace@example.com", "d1", List.of("d1"), NOW);
        assertFalse(new Bounces(store).softBounced("grace@example.com", "d3", List.of("d1", "d2", "d3"), NOW),
                "d2 went through: not in a row");
        assertEquals(Subscription.Status.CONFIRMED, status("grace@example.com"));
    }
}
