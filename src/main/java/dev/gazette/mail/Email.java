package dev.gazette.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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

    /**
     * The longest subject, in characters: mail clients show about 60 of them, and a title of any length must not
     * make a header line past the 998 characters RFC 5322 allows. A longer one is cut, with an ellipsis.
     */
    public static final int MAX_SUBJECT = 150;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]");
    /** A host name of dot-atom labels with a letter in its last one: not an IP address, which no list id may hold. */
    private static final Pattern DOMAIN = Pattern.compile("([A-Za-z0-9-]+\\.)*[A-Za-z0-9-]*[A-Za-z][A-Za-z0-9-]*");

    public Email {
        subject = oneLine(subject, MAX_SUBJECT);
        headers = Map.copyOf(headers);
        headers.forEach((name, value) -> {
            if (CONTROL.matcher(name + value).find()) {
                throw new IllegalArgumentException("the header " + name + " has a line break in it: " + value);
            }
        });
    }

    /**
     * The text on one line, as a header shows it: line breaks and other control characters are spaces (in a
     * header, a line break would start a header of the text's own), and text past {@code max} characters is cut at a
     * word where one is near, with an ellipsis.
     */
    public static String oneLine(String text, int max) {
        String line = CONTROL.matcher(text).replaceAll(" ");
        if (line.codePointCount(0, line.length()) <= max) {
            return line;
        }
        int end = line.offsetByCodePoints(0, max - 1);
        int space = line.lastIndexOf(' ', end);
        return (space > end - 20 ? line.substring(0, space) : line.substring(0, end)).stripTrailing() + "…";
    }

    /**
     * Who an address is, as the subscriber lists tell readers apart: {@code Ada@Example.com} and
     * {@code ada@example.com} are one reader, so whether a message went to them is decided on this, never on the
     * address as one list happens to spell it.
     */
    public static String recipient(String address) {
        return address.toLowerCase(Locale.ROOT);
    }

    /**
     * The {@code List-Id} header of a site's mailing list (RFC 2919): the site's title as its phrase, and
     * {@code newsletter.} before the site's host as its id, so mail programs file and filter the digests as one list
     * ({@code "Example Blog" <newsletter.example.com>}). A host that is an IP address gets the {@code localhost}
     * namespace that RFC 2919 sets aside for lists without a domain of their own.
     */
    public static String listId(String title, String host) {
        String namespace = host == null || !DOMAIN.matcher(host).matches() ? "localhost" : host.toLowerCase(Locale.ROOT);
        String phrase = oneLine(title, MimeWriter.MAX_NAME).strip();
        return (phrase.isEmpty() ? "" : MimeWriter.phrase(phrase) + " ") + "<newsletter." + namespace + ">";
    }

    /** {@link #recipient} of this message's address. */
    public String recipient() {
        return recipient(to);
    }

    /**
     * The Message-ID of a campaign's email to one address: the same each time it is made, whatever the address's
     * case, and with a hash where the address would be, since a Message-ID must not reveal it:
     * {@code 20240503-abc.1f2e3d4c5b6a7980@example.com}.
     */
    public static String messageId(String campaign, String address, String host) {
        return campaign + "." + hash(recipient(address)) + "@" + host;
    }

    /** The first 16 hex digits of the text's SHA-256: a short name for it that nothing else is given. */
    public static String hash(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
