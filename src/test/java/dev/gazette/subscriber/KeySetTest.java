package dev.gazette.subscriber;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeySetTest {
    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");

    private static List<String> ids(KeySet keys) {
        return keys.keys().stream().map(KeySet.Key::id).toList();
    }

    @Test
    void aRotationKeepsThePreviousKeyForItsPeriodAndDropsRetiredOnes() {
        KeySet once = KeySet.random().rotate(NOW, Duration.ofDays(400));
        assertEquals(List.of("2", "1"), ids(once));
        assertEquals(NOW.plus(Duration.ofDays(400)), once.keys().get(1).retires());

        KeySet twice = once.rotate(NOW.plus(Duration.ofDays(30)), Duration.ofDays(400));
        assertEquals(List.of("3", "2", "1"), ids(twice));
        assertEquals(List.of("4", "3"), ids(twice.rotate(NOW.plus(Duration.ofDays(500)), Duration.ofDays(400))),
                "1 and 2 retired by then");
    }

    @Test
    void whichKeysVerifyWhen() {
        KeySet keys = KeySet.random().rotate(NOW, Duration.ofDays(1));
        assertTrue(keys.verifying("2", NOW.plus(Duration.ofDays(1000))).isPresent(), "the current key");
        assertTrue(keys.verifying("1", NOW).isPresent());
        assertTrue(keys.verifying("1", NOW.plus(Duration.ofDays(1))).isEmpty());
        assertTrue(keys.verifying("3", NOW).isEmpty());
    }

    @Test
    void itsTextReadsBackAsTheSameKeys() {
        KeySet keys = KeySet.random().rotate(NOW, Duration.ofDays(400));
        KeySet read = KeySet.parse(keys.text().getBytes(StandardCharsets.US_ASCII));
        assertEquals(keys.text(), read.text());
        assertArrayEquals(keys.current().secret(), read.current().secret());
    }

    @Test
    void aSecretOfOneLineIsTheLegacyKey() {
        KeySet keys = KeySet.parse("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODk=\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of(KeySet.LEGACY_ID), ids(keys));
        assertArrayEquals("0123456789abcdef0123456789".getBytes(StandardCharsets.US_ASCII), keys.current().secret());
    }

    @Test
    void damageIsNamed() {
        String key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODk=";
        assertEquals("is damaged (line 2: is not 'id secret' or 'id secret retire-time')", assertThrows(
                IllegalArgumentException.class, () -> KeySet.parse(("2 " + key + "\n1\n").getBytes())).getMessage());
        assertEquals("is damaged (line 2: Text 'soon' could not be parsed at index 0)", assertThrows(
                IllegalArgumentException.class, () -> KeySet.parse(("2 " + key + "\n1 " + key + " soon\n").getBytes()))
                .getMessage());
        assertEquals("is damaged (the first key, and only it, is the current one, without a retire time)",
                assertThrows(IllegalArgumentException.class,
                        () -> KeySet.parse(("2 " + key + "\n1 " + key + "\n").getBytes())).getMessage());
        assertEquals("is damaged (two keys have one id)", assertThrows(IllegalArgumentException.class,
                () -> KeySet.parse(("1 " + key + "\n1 " + key + " " + NOW + "\n").getBytes())).getMessage());
        assertEquals("holds a secret of 3 bytes; it needs at least 16", assertThrows(IllegalArgumentException.class,
                () -> KeySet.parse("YWJj".getBytes())).getMessage());
    }
}
