package dev.gazette.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TokensTest {
    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");
    private static final byte[] OLD_SECRET = "0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8);
    /** An unsubscribe token for ada@example.com as Gazette made them before key ids, under {@link #OLD_SECRET}. */
    private static final String SENT_BEFORE_KEY_IDS =
            "VU5TVUJTQ1JJQkUKYWRhQGV4YW1wbGUuY29tCjA.UaY9hjrfPTJnsq13qlDYiqdcykPcAB_2IqQbUXeLDQc";
    private static final Tokens.Check ADA = new Tokens.Check.Valid("ada@example.com");

    private static Tokens.Check unsubscribe(Tokens tokens, String token, Instant now) {
        return tokens.check(token, Tokens.Purpose.UNSUBSCRIBE, now);
    }

    @Test
    void aTokenNamesTheKeyThatSignedIt() {
        KeySet keys = KeySet.random();
        String token = new Tokens(keys).unsubscribe("ada@example.com");
        assertTrue(token.startsWith("1."), token);
        assertEquals(ADA, unsubscribe(new Tokens(keys), token, NOW));
    }

    @Test
    void aTokenOfThePreviousKeyVerifiesDuringTheRotationPeriodAndNotAfter() {
        KeySet before = KeySet.random();
        String sent = new Tokens(before).unsubscribe("ada@example.com");
        KeySet after = before.rotate(NOW, Duration.ofDays(400));
        Tokens rotated = new Tokens(after);

        assertTrue(rotated.unsubscribe("ada@example.com").startsWith("2."), "the new key signs");
        assertEquals(ADA, unsubscribe(rotated, sent, NOW.plus(Duration.ofDays(399))));
        assertEquals(new Tokens.Check.Invalid(), unsubscribe(rotated, sent, NOW.plus(Duration.ofDays(400))));
        assertEquals(new Tokens.Check.Invalid(), unsubscribe(new Tokens(before.rotate(NOW, Duration.ZERO)), sent, NOW),
                "retired at once, as after a leak");
    }

    @Test
    void aTokenOfAnUnknownKeyIsRefused() {
        KeySet keys = KeySet.random();
        String token = new Tokens(keys).unsubscribe("ada@example.com");
        assertEquals(new Tokens.Check.Invalid(), unsubscribe(new Tokens(keys), "7" + token.substring(1), NOW));
        assertEquals(new Tokens.Check.Invalid(), unsubscribe(new Tokens(keys), "x" + token.substring(1), NOW));
        assertEquals(new Tokens.Check.Invalid(), unsubscribe(new Tokens(KeySet.random()), token, NOW),
                "another key of the same id");
    }

    @Test
    void aTokenSentBeforeKeyIdsVerifiesUnderTheLegacyKeyOnly() {
        assertEquals(ADA, unsubscribe(new Tokens(OLD_SECRET), SENT_BEFORE_KEY_IDS, NOW));
        KeySet rotated = KeySet.legacy(OLD_SECRET).rotate(NOW, Duration.ofDays(400));
        assertEquals(ADA, unsubscribe(new Tokens(rotated), SENT_BEFORE_KEY_IDS, NOW.plus(Duration.ofDays(10))));
        assertEquals(new Tokens.Check.Invalid(),
                unsubscribe(new Tokens(rotated), SENT_BEFORE_KEY_IDS, NOW.plus(Duration.ofDays(401))));
        assertEquals(new Tokens.Check.Invalid(), unsubscribe(new Tokens(KeySet.random()), SENT_BEFORE_KEY_IDS, NOW),
                "a key set without the old secret");
    }

    @Test
    void aKeyNewerThanThoseKnownIsReadFromTheStore() {
        AtomicReference<KeySet> store = new AtomicReference<>(KeySet.random());
        Tokens warm = new Tokens(store.get(), store::get);
        store.set(store.get().rotate(NOW, KeySet.PREVIOUS_KEY_LIFETIME));
        String signedElsewhere = new Tokens(store.get()).unsubscribe("ada@example.com");

        assertEquals(ADA, unsubscribe(warm, signedElsewhere, NOW));
        assertTrue(warm.unsubscribe("ada@example.com").startsWith("2."), "and signs with it from then on");
    }

    @Test
    void forgedTokensNamingUnknownKeysDoNotEachReadTheStore() {
        KeySet keys = KeySet.random();
        AtomicInteger reads = new AtomicInteger();
        Tokens warm = new Tokens(keys, () -> {
            reads.incrementAndGet();
            return keys;
        });
        String genuine = warm.unsubscribe("ada@example.com");
        String payloadAndSignature = genuine.substring(genuine.indexOf('.') + 1);

        for (int id = 2; id < 200; id++) {
            assertEquals(new Tokens.Check.Invalid(), unsubscribe(warm, id + "." + payloadAndSignature, NOW));
        }
        assertEquals(1, reads.get(), "a stream of forged key ids costs one read of the keys, not one each");
    }

    @Test
    void aTokenOfOnePurposeIsWorthlessForTheOther() {
        Tokens tokens = new Tokens(KeySet.random());
        String confirm = tokens.confirm("ada@example.com", NOW.plusSeconds(60));
        assertEquals(new Tokens.Check.Invalid(), unsubscribe(tokens, confirm, NOW));
        assertEquals(ADA, tokens.check(confirm, Tokens.Purpose.CONFIRM, NOW));
        assertEquals(new Tokens.Check.Expired(), tokens.check(confirm, Tokens.Purpose.CONFIRM, NOW.plusSeconds(61)));
    }
}
