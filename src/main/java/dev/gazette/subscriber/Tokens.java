package dev.gazette.subscriber;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed tokens in subscription links: an address, what the link is for, and for a confirmation link when it
 * expires, with an HMAC-SHA256 of all three under the site's current key, and that key's id in front
 * ({@code id.payload.signature}). A link is checked without a database lookup, and a token made for one purpose is
 * worthless for the other. A token without a key id ({@code payload.signature}), as Gazette made them before key
 * ids, is checked under the legacy key {@value KeySet#LEGACY_ID}, if the key set has it. Thread-safe.
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

    /** How long a key set read from the store signs before it is read again, so a rotation reaches every signer. */
    public static final Duration REREAD = Duration.ofMinutes(5);

    /**
     * The least time between two reads that a token naming an unknown key asks for: anyone can write such a token,
     * and a stream of them must not read the store once each. A key made by a rotation is found within it.
     */
    static final Duration FORCED_REREAD_GAP = Duration.ofSeconds(10);

    private final Supplier<KeySet> store;
    private volatile KeySet keys;
    private volatile long readAt = System.nanoTime();
    private volatile long forcedAt = System.nanoTime() - FORCED_REREAD_GAP.toNanos();

    /** A single secret, the legacy key: @param secret at least 16 bytes */
    public Tokens(byte[] secret) {
        this(KeySet.legacy(checked(secret)));
    }

    public Tokens(KeySet keys) {
        this(keys, () -> keys);
    }

    /**
     * @param store reads the key set again, {@link #REREAD} after it was last read, or at once when a token names a
     *              key newer than those known (one made by a rotation since), at most once a
     *              {@link #FORCED_REREAD_GAP}
     */
    public Tokens(KeySet keys, Supplier<KeySet> store) {
        this.keys = keys;
        this.store = store;
    }

    private static byte[] checked(byte[] secret) {
        if (secret.length < KeySet.MIN_BYTES) {
            throw new IllegalArgumentException("the token secret must be at least 16 bytes, not " + secret.length);
        }
        return secret;
    }

    /** The token of an unsubscribe link, valid for as long as the key that signs it verifies. */
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
        String[] fields = token.split("\\.", -1);
        if (fields.length < 2 || fields.length > 3) {
            return new Check.Invalid();
        }
        String id = fields.length == 3 ? fields[0] : KeySet.LEGACY_ID;
        Optional<KeySet.Key> key = key(id, now);
        if (key.isEmpty()) {
            return new Check.Invalid();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(fields[fields.length - 2]);
            signature = DECODER.decode(fields[fields.length - 1]);
        } catch (IllegalArgumentException e) {
            return new Check.Invalid();
        }
        if (payload.length == 0 || !MessageDigest.isEqual(signature, mac(key.get(), payload))) {
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

    /**
     * The key {@code id} names, reading the key set again if it is newer than any known here and no such read was
     * made in the last {@link #FORCED_REREAD_GAP}.
     */
    private Optional<KeySet.Key> key(String id, Instant now) {
        KeySet known = keys(false);
        if (known.isNewer(id) && System.nanoTime() - forcedAt >= FORCED_REREAD_GAP.toNanos()) {
            forcedAt = System.nanoTime();
            known = keys(true);
        }
        return known.verifying(id, now);
    }

    /**
     * The keys, read again when asked or when last read {@link #REREAD} ago: a rotation reaches signers, and a key
     * retired at once after a leak stops verifying, within that time.
     */
    private KeySet keys(boolean reread) {
        if (reread || System.nanoTime() - readAt > REREAD.toNanos()) {
            keys = store.get();
            readAt = System.nanoTime();
        }
        return keys;
    }

    private String sign(Purpose purpose, String address, long expires) {
        byte[] payload = (purpose.name() + "\n" + address + "\n" + expires).getBytes(StandardCharsets.UTF_8);
        KeySet.Key key = keys(false).current();
        return key.id() + "." + ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(key, payload));
    }

    private static byte[] mac(KeySet.Key key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
