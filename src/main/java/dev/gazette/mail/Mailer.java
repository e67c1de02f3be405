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

    /**
     * Sends {@code email} unless a message of its campaign to its {@linkplain Email#recipient() recipient} was sent,
     * or begun, before.
     *
     * @throws Stopped when nothing can be sent to anyone until a person acts
     * @throws IOException when this message could not be sent now; a later attempt may send it
     */
    Result send(Email email) throws IOException;

    /** The mail service stopped sending for everyone, not only for one message: the rest would fail alike. */
    class Stopped extends IOException {
        public Stopped(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The mail service holds every message for now, and a later attempt sends them without anyone resending
     * anything: the account's sending is paused, or its 24-hour quota is used up. Those waiting are kept, not
     * failed.
     */
    class Held extends Stopped {
        private final boolean paused;

        public Held(boolean paused, String message, Throwable cause) {
            super(message, cause);
            this.paused = paused;
        }

        /** Paused until a person resumes it, rather than over the day's quota until the window moves on. */
        public boolean paused() {
            return paused;
        }
    }
}
