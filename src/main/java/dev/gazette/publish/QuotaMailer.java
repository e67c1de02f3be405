package dev.gazette.publish;

import dev.gazette.mail.Email;
import dev.gazette.mail.Mailer;
import java.io.IOException;

/**
 * Mails through another mailer until a number of new emails have gone, then holds the rest: the part of the
 * 24-hour quota a batch may use. Emails sent before do not count, since the other mailer sends nothing for them.
 */
final class QuotaMailer implements Mailer {
    private final Mailer mailer;
    private final int allowed;
    private int sent;

    QuotaMailer(Mailer mailer, int allowed) {
        this.mailer = mailer;
        this.allowed = allowed;
    }

    @Override
    public Result send(Email email) throws IOException {
        if (sent >= allowed) {
            throw new Held(false, "the 24-hour quota left room for " + allowed + " emails now", null);
        }
        Result result = mailer.send(email);
        if (result == Result.SENT) {
            sent++;
        }
        return result;
    }
}
