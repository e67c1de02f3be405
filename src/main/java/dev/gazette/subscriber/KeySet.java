package dev.gazette.subscriber;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The keys that sign subscription links: one current key that signs, and the keys it replaced, which still verify
 * until their retire time, so that a rotation leaves the links in emails already sent working for a while. Key ids
 * are whole numbers; {@value #LEGACY_ID} is the one secret of the Gazette before key ids, under which tokens that
 * name no key are checked. Immutable.
 *
 * <p>As text, one key a line, the current one first: {@code id secret} and for a previous key {@code id secret
 * retire-time}, the secret in Base64. A text of one Base64 line, as the state folder's secret was written before
 * key ids, is the legacy key.
 */
public final class KeySet {
    /**
     * How long a replaced key keeps verifying, unless the rotation says otherwise: a year of unsubscribe links in old
     * emails, as readers open last year's email to leave, and a month more. Confirmation links expire in days anyway.
     */
    public static final Duration PREVIOUS_KEY_LIFETIME = Duration.ofDays(400);
    public static final String LEGACY_ID = "0";
    static final int MIN_BYTES = 16;
    private static final int NEW_KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ID = Pattern.compile("[0-9]{1,9}");

    /** @param retires when a previous key stops verifying; null for the current key */
    public record Key(String id, byte[] secret, Instant retires) {
        public Key {
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("a key id is a whole number, not \"" + id + "\"");
            }
            if (secret.length < MIN_BYTES) {
                throw new IllegalArgumentException("key " + id + " is " + secret.length + " bytes long; a key needs"
                        + " at least " + MIN_BYTES);
            }
            secret = secret.clone();
        }

        @Override
        public byte[] secret() {
            return secret.clone();
        }

        boolean verifiesAt(Instant now) {
            return retires == null || now.isBefore(retires);
        }
    }

    private final List<Key> keys;

    private KeySet(List<Key> keys) {
        if (keys.isEmpty() || keys.get(0).retires() != null
                || keys.stream().skip(1).anyMatch(key -> key.retires() == null)) {
            throw new IllegalArgumentException("the first key, and only it, is the current one, without a retire time");
        }
        if (keys.stream().map(Key::id).distinct().count() != keys.size()) {
            throw new IllegalArgumentException("two keys have one id");
        }
        this.keys = List.copyOf(keys);
    }

    /** The first key set of a stack or state folder: a random key, id 1. */
    public static KeySet random() {
        return new KeySet(List.of(new Key("1", newSecret(), null)));
    }

    /** A secret of the Gazette before key ids, signing as key {@value #LEGACY_ID} and checking tokens without an id. */
    public static KeySet legacy(byte[] secret) {
        return new KeySet(List.of(new Key(LEGACY_ID, secret, null)));
    }

    /** The key that signs. */
    public Key current() {
        return keys.get(0);
    }

    public List<Key> keys() {
        return keys;
    }

    /** The key named {@code id}, if it is in this set and not retired at {@code now}. */
    public Optional<Key> verifying(String id, Instant now) {
        return keys.stream().filter(key -> key.id().equals(id) && key.verifiesAt(now)).findFirst();
    }

    /** Whether {@code id} names a key newer than any in this set: a set read before a rotation does not know it. */
    boolean isNewer(String id) {
        return ID.matcher(id).matches() && keys.stream().allMatch(key -> Long.parseLong(key.id()) < Long.parseLong(id));
    }

    /**
     * A new current key, with the next id; the key it replaces verifies until {@code now + keepPrevious} (at once
     * for zero, as after a leak). Keys already retired are dropped.
     */
    public KeySet rotate(Instant now, Duration keepPrevious) {
        if (keepPrevious.isNegative()) {
            throw new IllegalArgumentException("the previous key cannot be kept for a negative time");
        }
        long next = keys.stream().mapToLong(key -> Long.parseLong(key.id())).max().orElse(0) + 1;
        List<Key> rotated = new ArrayList<>();
        rotated.add(new Key(Long.toString(next), newSecret(), null));
        rotated.add(new Key(current().id(), current().secret(), now.plus(keepPrevious)));
        keys.stream().skip(1).filter(key -> key.verifiesAt(now)).forEach(rotated::add);
        return new KeySet(rotated);
    }

    public String text() {
        StringBuilder text = new StringBuilder();
        for (Key key : keys) {
            text.append(key.id()).append(' ').append(Base64.getEncoder().encodeToString(key.secret));
            if (key.retires() != null) {
                text.append(' ').append(key.retires());
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** @throws IllegalArgumentException saying what is wrong, such as {@code line 2: ...} */
    public static KeySet parse(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                throw new IllegalArgumentException("is damaged (not text)");
            }
        }
        String text = new String(bytes, StandardCharsets.US_ASCII).strip();
        if (!text.contains(" ") && !text.contains("\n")) {
            byte[] secret;
            try {
                secret = decode(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("is damaged (" + e.getMessage() + ")");
            }
            if (secret.length < MIN_BYTES) {
                throw new IllegalArgumentException("holds a secret of " + secret.length + " bytes; it needs at least "
                        + MIN_BYTES);
            }
            return legacy(secret);
        }
        List<String> lines = text.lines().toList();
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = lines.get(i).strip().split(" +");
            try {
                if (fields.length < 2 || fields.length > 3) {
                    throw new IllegalArgumentException("is not 'id secret' or 'id secret retire-time'");
                }
                keys.add(new Key(fields[0], decode(fields[1]), fields.length == 3 ? Instant.parse(fields[2]) : null));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IllegalArgumentException("is damaged (line " + (i + 1) + ": " + e.getMessage() + ")");
            }
        }
        try {
            return new KeySet(keys);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is damaged (" + e.getMessage() + ")");
        }
    }

    /** @throws IllegalArgumentException saying what is wrong with the Base64 */
    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not Base64: " + e.getMessage());
        }
    }

    private static byte[] newSecret() {
        byte[] secret = new byte[NEW_KEY_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }
}
