package dev.gazette.publish;

import java.util.List;

/**
 * What the mail service reported of one message: a bounce or a complaint, for some of its recipients.
 *
 * @param recipients the addresses as the mail service gave them
 * @param campaign   the tag the message was sent with: a digest's id, {@code confirm-…} for a confirmation email, or
 *                   null when the message carried none
 */
public record MailFeedback(Type type, List<String> recipients, String campaign) {
    public MailFeedback {
        recipients = List.copyOf(recipients);
    }

    public enum Type {
        PERMANENT_BOUNCE("permanent bounce"),
        TRANSIENT_BOUNCE("transient bounce"),
        COMPLAINT("complaint");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        /** How the logs name it. */
        public String label() {
            return label;
        }
    }
}
