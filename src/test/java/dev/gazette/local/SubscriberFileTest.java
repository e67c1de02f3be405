package dev.gazette.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.subscriber.SubscriberStore;
import dev.gazette.subscriber.SubscriberStoreContract;
import dev.gazette.subscriber.Subscription;
import dev.gazette.subscriber.Subscriptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriberFileTest extends SubscriberStoreContract {
    @TempDir
    Path folder;

    @Override
    protected SubscriberStore store() {
        return new SubscriberFile(folder.resolve("state/subscribers.json"), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void forgetsPendingSubscriptionsThatWaitedTooLong() throws IOException {
        Path file = folder.resolve("subscribers.json");
        new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC)).put(new Subscription("ada@example.com", null,
                Subscription.Status.PENDING, NOW, NOW, NOW, null, List.of()));
        SubscriberFile later = new SubscriberFile(file,
                Clock.fixed(NOW.plus(SubscriberStore.PENDING_LIFETIME).plusSeconds(1), ZoneOffset.UTC));
        assertEquals(Optional.empty(), later.get("ada@example.com"));
    }

    @Test
    void aPendingSubscriptionLivesAsLongAsItsLatestConfirmationLink() throws IOException {
        Path file = folder.resolve("subscribers.json");
        Instant askedAgain = NOW.plus(Duration.ofDays(6));
        new SubscriberFile(file, Clock.fixed(NOW, ZoneOffset.UTC)).put(new Subscription("ada@example.com", null,
                Subscription.Status.PENDING, NOW, NOW, askedAgain, null, List.of()));

        SubscriberFile whileTheLinkWorks = new SubscriberFile(file,
                Clock.fixed(askedAgain.plus(Subscriptions.CONFIRMATION_LIFETIME), ZoneOffset.UTC));

        assertTrue(whileTheLinkWorks.get("ada@example.com").isPresent());
        assertEquals(Optional.empty(), new SubscriberFile(file, Clock.fixed(
                askedAgain.plus(SubscriberStore.PENDING_LIFETIME).plusSeconds(1), ZoneOffset.UTC)).get("ada@example.com"));
    }

    @Test
    void namesADamagedFile() throws IOException {
        Path file = folder.resolve("subscribers.json");
        Files.writeString(file, "{ not json");
        IOException e = assertThrows(IOException.class,
                () -> new SubscriberFile(file, Clock.systemUTC()).get("ada@example.com"));
        assertTrue(e.getMessage().startsWith(file + " is damaged"), e.getMessage());
    }
}
