package dev.gazette.subscriber;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed tokens in subscription links: an address, what the link is for, and for a confirmation link when it
 * expires, with an HMAC-SHA256 of all three under the site's secret. A link is checked without a database
 * lookup, and a token made for one purpose is worthless for the other. Thread-safe.
 */
public final class Tokens {
    /** What a link does. */
    public enum Purpose { CONFIRM, UNSUBSCRIBE, PREFERENCES }

    /** What a token said when checked. */
    public sealed interface Check {
        /** A genuine token of the right purpose, in time. */
        record Valid(String address) implements Check {
        }

        /** A genuine token whose time has passed. */
        record Expired() implements Check {
        }

        /** Forged, altered, malformed, or made for another purpose. */
        record Invalid() implements Check {
        }
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_LENGTH = 2048;

    private final SecretKeySpec key;

    /** @param secret at least 16 bytes */
    public Tokens(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the token secret must be at least 16 bytes, not " + secret.length);
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The token of an unsubscribe link, valid for as long as the secret is kept. */
    public String unsubscribe(String address) {
        return sign(Purpose.UNSUBSCRIBE, address, 0);
    }

    /** The token of a confirmation link, valid until {@code expires}. */
    public String confirm(String address, Instant expires) {
        return sign(Purpose.CONFIRM, address, expires.getEpochSecond());
    }

    /**
     * The link that unsubscribes {@code address}.
     *
     * @param endpoint where the subscription endpoints are served, with or without a trailing slash:
     *                 {@code https://example.com}
     */
    public String unsubscribeLink(String endpoint, String address) {
        return link(endpoint, "/unsubscribe", unsubscribe(address));
    }

    /** The link that confirms {@code address}, until {@code expires}. @param endpoint as for {@link #unsubscribeLink} */
    public String confirmLink(String endpoint, String address, Instant expires) {
        return link(endpoint, "/confirm", confirm(address, expires));
    }

    /** The token of a link to the reader's preferences page, valid until {@code expires}. */
    public String preferences(String address, Instant expires) {
        return sign(Purpose.PREFERENCES, address, expires.getEpochSecond());
    }

    /** The link to {@code address}'s preferences page, until {@code expires}. @param endpoint as for {@link #unsubscribeLink} */
    public String preferencesLink(String endpoint, String address, Instant expires) {
        return link(endpoint, "/preferences", preferences(address, expires));
    }

    private static String link(String endpoint, String path, String token) {
        String origin = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        return origin + path + "?token=" + token;
    }

    public Check check(String token, Purpose purpose, Instant now) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            return new Check.Invalid();
        }
        int dot = token.indexOf('.');
        if (dot < 1) {
            return new Check.Invalid();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return new Check.Invalid();
        }
        if (!MessageDigest.isEqual(signature, mac(payload))) {
            return new Check.Invalid();
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 3 || !parts[0].equals(purpose.name())) {
            return new Check.Invalid();
        }
        long expires;
        try {
            expires = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return new Check.Invalid();
        }
        if (expires != 0 && now.getEpochSecond() > expires) {
            return new Check.Expired();
        }
        return new Check.Valid(parts[1]);
    }

    private String sign(Purpose purpose, String address, long expires) {
        byte[] payload = (purpose.name() + "\n" + address + "\n" + expires).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
