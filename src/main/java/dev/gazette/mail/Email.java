package dev.gazette.mail;

import java.time.Instant;
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
}
