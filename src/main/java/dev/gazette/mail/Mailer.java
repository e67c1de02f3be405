package dev.gazette.mail;

import java.io.IOException;

/** Where emails go: an outbox folder locally, Amazon SES in the cloud. */
public interface Mailer {
    /**
     * Sends {@code email} unless a message with its id was sent already.
     *
     * @return false when the message had been sent before and was not sent again
     */
    boolean send(Email email) throws IOException;
}
