package dev.gazette.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Writes an {@link Email} as an RFC 5322 message: {@code multipart/alternative} with a plain-text and an HTML part,
 * UTF-8 bodies, RFC 2047 encoded headers folded to lines of at most 78 characters where they can be, every line
 * ended by CRLF. Thread-safe.
 */
public final class MimeWriter {
    /** The longest display name, in characters, so that no {@code From} or {@code To} line runs past 998. */
    public static final int MAX_NAME = 100;
    /** RFC 5322's limit for any line of a message, without its CRLF. */
    static final int MAX_LINE = 998;
    /** A word longer than this cannot be folded onto a line of 78 as it is, so the subject goes in encoded words. */
    private static final int LONGEST_FOLDABLE_WORD = 60;
    /**
     * The UTF-8 bytes in one encoded word: 39 make 52 characters of Base64, 64 with the word's frame, which fits
     * on the subject's first line within 78.
     */
    private static final int WORD_BYTES = 39;
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // Jakarta Mail looks its stream provider up through the ServiceLoader for every part it writes, which took
        // half the time of a digest to many readers; named, the provider is loaded directly.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    /**
     * Made with the first message, not with the writer: reading the mail library's settings takes a moment that a
     * run which sends nothing need not spend. A session only makes messages here, so one serves every writer.
     */
    private static final class Sessions {
        static final Session SESSION = Session.getInstance(new Properties());
    }

    /** @throws IllegalArgumentException when the sender or the recipient is not one email address */
    public byte[] write(Email email) {
        try {
            MimeMessage message = new FixedIdMessage(Sessions.SESSION, email.messageId());
            message.setFrom(address(email.from(), null));
            message.setRecipient(MimeMessage.RecipientType.TO, address(email.to(), email.toName()));
            message.setHeader("Subject", subject(email.subject()));
            message.setSentDate(Date.from(email.date()));
            for (Map.Entry<String, String> header : email.headers().entrySet()) {
                message.setHeader(header.getKey(), MimeUtility.fold(header.getKey().length() + 2, header.getValue()));
            }
            MimeBodyPart text = new MimeBodyPart();
            text.setText(crlf(email.text()), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(crlf(email.html()), "UTF-8", "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return checkLines(out.toByteArray(), email);
        } catch (AddressException e) {
            throw new IllegalArgumentException("not an email address: " + e.getRef(), e);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot write the email to " + email.to() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The address with its name in RFC 2047 words: parsed, an address keeps a name as it was written, and a name
     * such as a site's title with an accent would go out as raw 8-bit text. A name past {@link #MAX_NAME} characters
     * is cut.
     *
     * @param name the name to give it instead of its own, unless null or blank
     * @throws AddressException unless {@code address} is exactly one address, with no line break in it
     */
    public static InternetAddress address(String address, String name)
            throws AddressException, UnsupportedEncodingException {
        if (CONTROL.matcher(address).find()) {
            throw new AddressException("a line break or control character in the address", address);
        }
        InternetAddress parsed = new InternetAddress(address, true);
        String personal = name == null || name.isBlank() ? parsed.getPersonal() : name;
        String shown = personal == null ? null : Email.oneLine(personal, MAX_NAME);
        if (shown != null && looksEncoded(shown)) {
            // Jakarta Mail would only quote it, and many mail programs decode encoded words even in quotes.
            return new InternetAddress(encodedWords(shown) + " <" + parsed.getAddress() + ">", true);
        }
        return new InternetAddress(parsed.getAddress(), shown, "UTF-8");
    }

    /**
     * Text for a header that a mail program shows decoded, such as the subject: as it is, unless a mail program
     * would take part of it for an RFC 2047 encoded word ({@code =?utf-8?B?SGVsbG8=?=} shows as "Hello") and so
     * show other text than written; then all of it in encoded words of its own. For SES, which encodes only text
     * outside ASCII.
     */
    public static String headerText(String text) {
        return looksEncoded(text) ? encodedWords(text) : text;
    }

    /**
     * Text as an RFC 5322 phrase, such as the name before an address in a header that Jakarta Mail does not write
     * itself: a quoted string when it is ASCII, else RFC 2047 words, so the header stays ASCII through SES too.
     */
    public static String phrase(String text) {
        boolean ascii = text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return ascii && !looksEncoded(text)
                ? "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                : encodedWords(text);
    }

    private static boolean looksEncoded(String text) {
        return text.contains("=?");
    }

    /**
     * Checks the sender a person configured: exactly one address, with or without a name. A line break in it would
     * start a header of its own, such as a {@code Bcc}, so it is refused rather than cut off.
     *
     * @throws IllegalArgumentException saying what is wrong, with the control characters shown as {@code \\u000d}
     */
    public static void checkSender(String from) {
        String shown = "\"" + CONTROL.matcher(from).replaceAll(c -> String.format("\\\\u%04x",
                (int) c.group().charAt(0))) + "\"";
        if (CONTROL.matcher(from).find()) {
            throw new IllegalArgumentException(shown + " has a line break or control character in it: give one"
                    + " address, such as 'Ada <ada@example.com>'");
        }
        try {
            new InternetAddress(from, true).validate();
        } catch (AddressException e) {
            throw new IllegalArgumentException(shown + " is not an email address such as 'Ada <ada@example.com>'");
        }
    }

    /**
     * The subject, encoded and folded. Folding breaks lines at spaces only, and Jakarta Mail leaves ASCII as it is:
     * a subject with a word too long for one line goes in encoded words, which may be broken between; so does one
     * with text that reads as an encoded word ({@link #headerText}).
     */
    private static String subject(String subject) throws UnsupportedEncodingException {
        boolean longWord = Arrays.stream(subject.split(" ")).anyMatch(word -> word.length() > LONGEST_FOLDABLE_WORD);
        return MimeUtility.fold("Subject: ".length(), longWord || looksEncoded(subject) ? encodedWords(subject)
                : MimeUtility.encodeText(subject, "UTF-8", null));
    }

    /**
     * The text as RFC 2047 "B" words of at most 64 characters ({@code =?UTF-8?B?…?=} around 39 bytes of UTF-8),
     * cut between characters, with a space between them to fold at.
     */
    private static String encodedWords(String text) {
        StringBuilder words = new StringBuilder();
        int start = 0;
        while (start < text.length()) {
            int end = start;
            int bytes = 0;
            while (end < text.length()) {
                int next = text.offsetByCodePoints(end, 1);
                bytes += text.substring(end, next).getBytes(StandardCharsets.UTF_8).length;
                if (bytes > WORD_BYTES) {
                    break;
                }
                end = next;
            }
            words.append(words.isEmpty() ? "" : " ").append("=?UTF-8?B?").append(Base64.getEncoder()
                    .encodeToString(text.substring(start, end).getBytes(StandardCharsets.UTF_8))).append("?=");
            start = end;
        }
        return words.toString();
    }

    /** Every line ended by CRLF, as RFC 5322 has it: a body of plain ASCII is written as it is given. */
    private static String crlf(String text) {
        return LINE_BREAK.matcher(text).replaceAll("\r\n");
    }

    /** The message, once no line of it is past RFC 5322's limit, which a header that cannot be folded may be. */
    private static byte[] checkLines(byte[] message, Email email) {
        int start = 0;
        for (int i = 0; i <= message.length; i++) {
            if (i == message.length || message[i] == '\n') {
                int length = i - start - (i > start && message[i - 1] == '\r' ? 1 : 0);
                if (length > MAX_LINE) {
                    String line = new String(message, start, Math.min(length, 60), StandardCharsets.UTF_8);
                    throw new IllegalStateException("cannot write the email to " + email.to() + ": the line \""
                            + line + "…\" would be " + length + " characters long, and mail allows " + MAX_LINE);
                }
                start = i + 1;
            }
        }
        return message;
    }

    /** Keeps our Message-ID, which {@code saveChanges} would otherwise replace with a random one. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + messageId + ">");
        }
    }
}
