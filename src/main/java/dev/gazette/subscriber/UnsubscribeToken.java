package dev.gazette.subscriber;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A subscriber's personal unsubscribe token: the address and an HMAC-SHA256 of it under the site's secret,
 * so a link can be checked without a database lookup. Thread-safe.
 */
public final class UnsubscribeToken {
    private static final String PURPOSE = "unsubscribe\n";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    /** @param secret at least 16 bytes */
    public UnsubscribeToken(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the unsubscribe secret must be at least 16 bytes, not " + secret.length);
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The token for {@code address}, safe in a URL. */
    public String of(String address) {
        byte[] bytes = address.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    /** The address a genuine token was made for; empty for a forged, altered or malformed one. */
    public Optional<String> addressOf(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        try {
            byte[] address = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            return MessageDigest.isEqual(signature, mac(address))
                    ? Optional.of(new String(address, StandardCharsets.UTF_8))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] address) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(PURPOSE.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(address);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
