package dev.gazette.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

/**
 * Writes an {@link Email} as an RFC 5322 message: {@code multipart/alternative} with a plain-text and an HTML part,
 * UTF-8 bodies, RFC 2047 encoded headers. Thread-safe.
 */
public final class MimeWriter {
    private final Session session = Session.getInstance(new Properties());

    public byte[] write(Email email) {
        try {
            MimeMessage message = new FixedIdMessage(session, email.messageId());
            message.setFrom(address(email.from(), null));
            message.setRecipient(MimeMessage.RecipientType.TO, address(email.to(), email.toName()));
            message.setSubject(email.subject(), "UTF-8");
            message.setSentDate(Date.from(email.date()));
            for (Map.Entry<String, String> header : email.headers().entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            MimeBodyPart text = new MimeBodyPart();
            text.setText(email.text(), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(email.html(), "UTF-8", "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (AddressException e) {
            throw new IllegalArgumentException("not an email address: " + e.getRef(), e);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot write the email to " + email.to() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The address with its name in RFC 2047 words: parsed, an address keeps a name as it was written, and a name
     * such as a site's title with an accent would go out as raw 8-bit text.
     *
     * @param name the name to give it instead of its own, unless null or blank
     */
    public static InternetAddress address(String address, String name)
            throws AddressException, UnsupportedEncodingException {
        InternetAddress parsed = new InternetAddress(address, true);
        String personal = name == null || name.isBlank() ? parsed.getPersonal() : name;
        return new InternetAddress(parsed.getAddress(), personal, "UTF-8");
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
