package dev.gazette.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnsubscribeTokenTest {
    private final UnsubscribeToken tokens = new UnsubscribeToken("a secret of 32 bytes, give or take".getBytes(StandardCharsets.UTF_8));

    @Test
    void aTokenNamesItsAddress() {
        String token = tokens.of("ada@example.com");
        assertEquals(Optional.of("ada@example.com"), tokens.addressOf(token));
        assertTrue(token.matches("[A-Za-z0-9_.-]+"), "safe in a URL: " + token);
    }

    @Test
    void aTokenIsTheSameEveryTime() {
        assertEquals(tokens.of("ada@example.com"), tokens.of("ada@example.com"));
        assertNotEquals(tokens.of("ada@example.com"), tokens.of("grace@example.com"));
    }

    @Test
    void rejectsForgedAlteredAndMalformedTokens() {
        String token = tokens.of("ada@example.com");
        String otherAddress = tokens.of("eve@example.com").split("\\.")[0];
        assertEquals(Optional.empty(), tokens.addressOf(otherAddress + "." + token.split("\\.")[1]));
        assertEquals(Optional.empty(), tokens.addressOf(token.substring(0, token.length() - 2) + "xx"));
        assertEquals(Optional.empty(), new UnsubscribeToken(new byte[32]).addressOf(token));
        assertEquals(Optional.empty(), tokens.addressOf(""));
        assertEquals(Optional.empty(), tokens.addressOf(null));
        assertEquals(Optional.empty(), tokens.addressOf("no-dot"));
        assertEquals(Optional.empty(), tokens.addressOf("!!!.???"));
    }

    @Test
    void wantsASecretOfAtLeast16Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new UnsubscribeToken(new byte[15]));
    }
}
