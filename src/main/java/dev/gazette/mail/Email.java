package dev.gazette.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * One email to one person, before it is put into MIME.
 *
 * @param from      the sender, as {@code Name <address>} or a bare address
 * @param toName    the recipient's name, or null
 * @param messageId a globally unique id without angle brackets: {@code digest-…@example.com}
 * @param headers   further headers, such as {@code List-Unsubscribe}
 * @param campaign  what the message belongs to, such as a digest's id: SES tags the message with it,
 *                  the local outbox files it in a folder of that name
 */
public record Email(String from, String to, String toName, String subject, String text, String html,
                    Instant date, String messageId, Map<String, String> headers, String campaign) {

    public Email {
        headers = Map.copyOf(headers);
    }

    /**
     * The Message-ID of a campaign's email to one address: the same each time it is made, and with a hash where
     * the address would be, since a Message-ID must not reveal it: {@code 20240503-abc.1f2e3d4c5b6a7980@example.com}.
     */
    public static String messageId(String campaign, String address, String host) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8));
            return campaign + "." + HexFormat.of().formatHex(hash, 0, 8) + "@" + host;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
