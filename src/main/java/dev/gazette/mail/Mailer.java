package dev.gazette.mail;

import java.io.IOException;

/** Where emails go: an outbox folder locally, Amazon SES in the cloud. */
public interface Mailer {
    /** What became of one message. */
    enum Result {
        /** Sent now. */
        SENT,
        /** Sent before, by an earlier run, and not sent again. */
        SENT_BEFORE,
        /**
         * An earlier run began to send it and stopped before it could tell whether it went out. Not sent again,
         * since a second copy is worse than none; reported instead.
         */
        UNCERTAIN,
        /** The mail service refused this message for good, such as for an address it will not mail: reported. */
        REJECTED
    }

    /** Sends {@code email} unless a message with its id to its recipient was sent, or begun, before. */
    Result send(Email email) throws IOException;
}
