package dev.gazette.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.local.OutboxMailer;
import dev.gazette.local.SubscriberFile;
import dev.gazette.mail.Mailer;
import dev.gazette.site.PermalinkPattern;
import dev.gazette.site.Site;
import dev.gazette.site.Templates;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionsTest {
    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");
    private static final Site SITE = new Site(URI.create("https://example.com/"), "Example Blog", "About", "en",
            ZoneOffset.UTC, PermalinkPattern.BEFORE_DATES, 20);
    private static final Pattern LINK = Pattern.compile("https://example\\.com/confirm\\?token=([A-Za-z0-9_.-]+)");

    @TempDir
    Path folder;

    private SubscriberFile store;
    private Tokens tokens;
    private Subscriptions subscriptions;

    @BeforeEach
    void setUp() {
        store = new SubscriberFile(folder.resolve("subscribers.json"), Clock.fixed(NOW, ZoneOffset.UTC));
        tokens = new Tokens("0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8));
        subscriptions = new Subscriptions(store, tokens,
                new ConfirmationEmail(SITE, Templates.bundled(), tokens, "Example Blog <news@example.com>"),
                new OutboxMailer(folder.resolve("outbox")));
    }

    private List<Path> outbox() throws IOException {
        if (!Files.exists(folder.resolve("outbox"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder.resolve("outbox"))) {
            return files.filter(file -> file.toString().endsWith(".eml")).sorted().toList();
        }
    }

    /** The confirmation token in the last email to arrive, as a reader would click it. */
    private String confirmationToken() throws Exception {
        List<Path> emails = outbox();
        try (InputStream in = Files.newInputStream(emails.get(emails.size() - 1))) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            String text = (String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent();
            Matcher link = LINK.matcher(text);
            assertTrue(link.find(), text);
            return link.group(1);
        }
    }

    private Subscription.Status status(String address) throws IOException {
        return store.get(address).orElseThrow().status();
    }

    @Test
    void subscribingSendsOneConfirmationWithASignedLink() throws Exception {
        assertEquals(Subscriptions.Subscribed.CONFIRMATION_SENT,
                subscriptions.subscribe("ada@example.com", "Ada", "https://example.com", NOW));
        assertEquals(Subscription.Status.PENDING, status("ada@example.com"));
        assertEquals(1, outbox().size());

        assertEquals(Subscriptions.Confirmed.CONFIRMED, subscriptions.confirm(confirmationToken(), NOW.plusSeconds(60)));
        assertEquals(Subscription.Status.CONFIRMED, status("ada@example.com"));
        assertEquals(Subscriptions.Confirmed.ALREADY_CONFIRMED,
                subscriptions.confirm(confirmationToken(), NOW.plusSeconds(120)));
        assertEquals("Ada", store.get("ada@example.com").orElseThrow().name());
    }

    @Test
    void aPendingReaderKeepsTheNameOfTheFirstRequest() throws Exception {
        subscriptions.subscribe("ada@example.com", "Ada", "https://example.com", NOW);
        subscriptions.subscribe("ada@example.com", "Claim your prize at evil.example", "https://example.com",
                NOW.plus(Subscriptions.COOLDOWN).plusSeconds(1));

        assertEquals(2, outbox().size());
        assertEquals("Ada", store.get("ada@example.com").orElseThrow().name());
    }

    @Test
    void tenRequestsInAnHourSendOneConfirmation() throws Exception {
        for (int i = 0; i < 10; i++) {
            subscriptions.subscribe("ada@example.com", null, "https://example.com", NOW.plusSeconds(i * 300L));
        }
        assertEquals(1, outbox().size());
        assertEquals(Subscriptions.Subscribed.CONFIRMATION_SENT,
                subscriptions.subscribe("ada@example.com", null, "https://example.com", NOW.plusSeconds(3601)));
        assertEquals(2, outbox().size());
    }

    @Test
    void aConfirmationTheMailServiceRefusesStartsNoCooldown() throws Exception {
        Subscriptions failing = new Subscriptions(store, tokens,
                new ConfirmationEmail(SITE, Templates.bundled(), tokens, "news@example.com"),
                email -> {
                    throw new IOException("the mail service is down");
                });

        assertEquals(Subscriptions.Subscribed.CONFIRMATION_NOT_SENT,
                failing.subscribe("ada@example.com", null, "https://example.com", NOW));
        assertEquals(Subscriptions.Subscribed.CONFIRMATION_SENT,
                subscriptions.subscribe("ada@example.com", null, "https://example.com", NOW.plusSeconds(60)));
        assertEquals(1, outbox().size());
    }

    @Test
    void anUnsubscriptionWhileAConfirmationFailsToGoStays() throws Exception {
        Subscriptions failing = new Subscriptions(store, tokens,
                new ConfirmationEmail(SITE, Templates.bundled(), tokens, "news@example.com"),
                email -> {
                    subscriptions.unsubscribe(tokens.unsubscribe(email.to()), NOW);
                    throw new IOException("the mail service is down");
                });

        assertEquals(Subscriptions.Subscribed.CONFIRMATION_NOT_SENT,
                failing.subscribe("ada@example.com", null, "https://example.com", NOW));
        assertEquals(Subscription.Status.UNSUBSCRIBED, status("ada@example.com"));
    }

    @Test
    void aMailerThatBreaksCountsAsNotSentAndStartsNoCooldown() throws Exception {
        Subscriptions breaking = new Subscriptions(store, tokens,
                new ConfirmationEmail(SITE, Templates.bundled(), tokens, "news@example.com"),
                email -> {
                    throw new IllegalStateException("cannot write the email");
                });

        assertEquals(Subscriptions.Subscribed.CONFIRMATION_NOT_SENT,
                breaking.subscribe("ada@example.com", null, "https://example.com", NOW));
        assertEquals(Subscriptions.Subscribed.CONFIRMATION_SENT,
                subscriptions.subscribe("ada@example.com", null, "https://example.com", NOW.plusSeconds(60)));
    }

    @Test
    void aBrokenConfirmTemplateFailsBeforeTheCooldownStarts() throws Exception {
        Path templates = Files.createDirectories(folder.resolve("templates"));
        Files.writeString(templates.resolve("confirm.txt.mustache"), "{{#link}} is never closed");
        Subscriptions broken = new Subscriptions(store, tokens,
                new ConfirmationEmail(SITE, Templates.from(templates), tokens, "news@example.com"),
                new OutboxMailer(folder.resolve("outbox")));

        assertThrows(IllegalArgumentException.class,
                () -> broken.subscribe("ada@example.com", null, "https://example.com", NOW));
        assertEquals(Subscriptions.Subscribed.CONFIRMATION_SENT,
                subscriptions.subscribe("ada@example.com", null, "https://example.com", NOW.plusSeconds(60)));
    }

    @Test
    void aConfirmedOrSuppressedAddressGetsNoEmail() throws Exception {
        store.put(Subscription.confirmed("ada@example.com", null, NOW));
        new Bounces(store).complained("eve@example.com", NOW);

        assertEquals(Subscriptions.Subscribed.ALREADY_CONFIRMED,
                subscriptions.subscribe("ada@example.com", null, "https://example.com", NOW));
        assertEquals(Subscriptions.Subscribed.SUPPRESSED,
                subscriptions.subscribe("eve@example.com", null, "https://example.com", NOW));
        assertEquals(List.of(), outbox());
    }

    @Test
    void expiredForgedAndCrossPurposeTokensChangeNothing() throws Exception {
        subscriptions.subscribe("ada@example.com", null, "https://example.com", NOW);
        String confirm = confirmationToken();

        assertEquals(Subscriptions.Confirmed.EXPIRED,
                subscriptions.confirm(confirm, NOW.plus(Subscriptions.CONFIRMATION_LIFETIME).plusSeconds(1)));
        assertEquals(Subscriptions.Confirmed.INVALID, subscriptions.confirm(confirm + "x", NOW));
        assertEquals(Subscriptions.Confirmed.INVALID,
                subscriptions.confirm(tokens.unsubscribe("ada@example.com"), NOW));
        assertEquals(Subscriptions.Unsubscribed.INVALID, subscriptions.unsubscribe(confirm, NOW));
        assertEquals(Subscription.Status.PENDING, status("ada@example.com"));
    }

    @Test
    void aConfirmationLinkDoesNotBringBackARemovedAddress() throws Exception {
        subscriptions.subscribe("ada@example.com", null, "https://example.com", NOW);
        store.remove("ada@example.com");

        assertEquals(Subscriptions.Confirmed.NOT_PENDING, subscriptions.confirm(confirmationToken(), NOW.plusSeconds(60)));
        assertEquals(Optional.empty(), store.get("ada@example.com"));
    }

    @Test
    void unsubscribingIsImmediateAndIdempotent() throws Exception {
        store.put(Subscription.confirmed("ada@example.com", null, NOW));
        String token = tokens.unsubscribe("ada@example.com");

        assertEquals(Subscriptions.Unsubscribed.UNSUBSCRIBED, subscriptions.unsubscribe(token, NOW));
        assertEquals(Subscription.Status.UNSUBSCRIBED, status("ada@example.com"));
        assertEquals(Subscriptions.Unsubscribed.ALREADY_UNSUBSCRIBED, subscriptions.unsubscribe(token, NOW));
        assertFalse(store.mailable(List.of("ada@example.com")).contains("ada@example.com"));
    }

    @Test
    void anUnsubscribedReaderMaySubscribeAgainWithANewConfirmation() throws Exception {
        store.put(Subscription.confirmed("ada@example.com", null, NOW));
        subscriptions.unsubscribe(tokens.unsubscribe("ada@example.com"), NOW);

        assertEquals(Subscriptions.Subscribed.CONFIRMATION_SENT,
                subscriptions.subscribe("ada@example.com", null, "https://example.com", NOW.plusSeconds(60)));
        assertEquals(Subscription.Status.PENDING, status("ada@example.com"));
        assertTrue(store.get("ada@example.com").orElseThrow().hasLeft(), "until confirmed, still counted as gone");
        assertEquals(Subscriptions.Confirmed.CONFIRMED, subscriptions.confirm(confirmationToken(), NOW.plusSeconds(120)));
        assertFalse(store.get("ada@example.com").orElseThrow().hasLeft());
    }

    @Test
    void anInvitationGoesToNewAddressesOnly() throws Exception {
        new Bounces(store).complained("eve@example.com", NOW);
        store.put(Subscription.confirmed("ada@example.com", null, NOW));

        assertEquals(Subscriptions.Invited.ALREADY_LISTED,
                subscriptions.invite(new Subscriber("eve@example.com", null), "https://example.com", NOW));
        assertEquals(Subscriptions.Invited.ALREADY_LISTED,
                subscriptions.invite(new Subscriber("ada@example.com", null), "https://example.com", NOW));
        assertEquals(Subscriptions.Invited.INVITED,
                subscriptions.invite(new Subscriber("grace@example.com", "Grace"), "https://example.com", NOW));
        assertEquals(Subscriptions.Invited.ALREADY_LISTED, subscriptions.invite(new Subscriber("grace@example.com",
                "Grace"), "https://example.com", NOW.plus(Subscriptions.COOLDOWN).plusSeconds(1)), "invited once");

        assertEquals(1, outbox().size());
        assertEquals(Subscription.Status.SUPPRESSED, status("eve@example.com"));
        assertEquals(Subscription.Status.PENDING, status("grace@example.com"));
    }

    @Test
    void anInvitationThatWasNotSentSaysSoAndIsSentNextTime() throws Exception {
        Subscriptions failing = new Subscriptions(store, tokens,
                new ConfirmationEmail(SITE, Templates.bundled(), tokens, "news@example.com"),
                email -> Mailer.Result.REJECTED);
        Subscriber grace = new Subscriber("grace@example.com", "Grace");

        assertEquals(Subscriptions.Invited.NOT_SENT, failing.invite(grace, "https://example.com", NOW));
        assertEquals(Subscriptions.Invited.INVITED, subscriptions.invite(grace, "https://example.com", NOW));
        assertEquals(1, outbox().size());
    }

    @Test
    void aClientPastItsLimitIsMailedNothingAndTheAddressStaysFreeForItsOwner() throws Exception {
        Subscriptions limited = new Subscriptions(store, tokens,
                new ConfirmationEmail(SITE, Templates.bundled(), tokens, "Example Blog <news@example.com>"),
                new OutboxMailer(folder.resolve("outbox")), null, new ClientLimit(new dev.gazette.local.ClientCounts(), 2));
        String bot = "198.51.100.7";
        assertEquals(Subscriptions.Subscribed.CONFIRMATION_SENT,
                limited.subscribe("a@example.com", null, List.of(), bot, "https://example.com", NOW));
        assertEquals(Subscriptions.Subscribed.CONFIRMATION_SENT,
                limited.subscribe("b@example.com", null, List.of(), bot, "https://example.com", NOW));
        assertEquals(Subscriptions.Subscribed.COOLDOWN,
                limited.subscribe("a@example.com", null, List.of(), bot, "https://example.com", NOW), "not counted");
        assertEquals(Subscriptions.Subscribed.CLIENT_LIMIT,
                limited.subscribe("c@example.com", null, List.of(), bot, "https://example.com", NOW));
        assertEquals(2, outbox().size());

        assertEquals(Subscriptions.Subscribed.CONFIRMATION_SENT,
                limited.subscribe("c@example.com", null, List.of(), "192.0.2.1", "https://example.com", NOW.plusSeconds(60)),
                "the owner, from elsewhere, within the hour");
        assertEquals(3, outbox().size());
    }
    @Test
    void aClientCountThatCannotBeKeptLeavesTheAddressFreeForTheNextTry() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        dev.gazette.local.ClientCounts counts = new dev.gazette.local.ClientCounts();
        Subscriptions limited = new Subscriptions(store, tokens,
                new ConfirmationEmail(SITE, Templates.bundled(), tokens, "Example Blog <news@example.com>"),
                new OutboxMailer(folder.resolve("outbox")), null, new ClientLimit((key, expires) -> {
                    if (down.get()) {
                        throw new IOException("the table is throttling");
                    }
                    return counts.increment(key, expires);
                }, 2));
        assertThrows(IOException.class,
                () -> limited.subscribe("ada@example.com", null, List.of(), "203.0.113.5", "https://example.com", NOW));
        assertEquals(0, outbox().size());

        down.set(false);
        assertEquals(Subscriptions.Subscribed.CONFIRMATION_SENT, limited.subscribe("ada@example.com", null, List.of(),
                "203.0.113.5", "https://example.com", NOW.plusSeconds(60)), "the reader's try a minute later");
        assertEquals(1, outbox().size());
    }
}
