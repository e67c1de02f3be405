package dev.gazette.publish;

import dev.gazette.mail.Mailer;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * How much of a digest may be mailed now: nothing while sending is paused (by the stack's flag, or by SES for the
 * whole account), and no more than what is left of the account's 24-hour quota. What may not go now waits for a
 * later try, which sends it: nothing fails, and nothing is sent twice, for a limit.
 */
public final class SendingLimits {
    /**
     * How long a batch waits while sending is paused before it looks again: a resume reaches the batches held
     * within the hour, at the cost of a look an hour for each.
     */
    public static final Duration PAUSED_WAIT = Duration.ofHours(1);
    /**
     * How long a batch waits for room in the 24-hour quota. The window rolls: what was sent a day ago drops out of
     * it as the hours pass, so an hour later there is room again for some.
     */
    public static final Duration QUOTA_WAIT = Duration.ofHours(1);

    private SendingLimits() {
    }

    /**
     * The account as the mail service reports it.
     *
     * @param max24HourSend   the most emails in any 24 hours; negative for no such quota
     * @param sentLast24Hours how many of them were sent in the last 24 hours, by anyone on the account
     * @param maxSendRate     the most emails a second
     */
    public record Account(boolean sendingEnabled, double max24HourSend, double sentLast24Hours, double maxSendRate) {
    }

    /**
     * What one batch may do now.
     *
     * @param emails how many emails may go now; when none, the batch waits {@code waitFor} and then tries again
     * @param reason why it waits; empty when it does not
     */
    public record Allowance(int emails, Duration waitFor, String reason) {
        public boolean waits() {
            return emails == 0;
        }

        /** The mailer that sends no more than this allows, then holds the rest. */
        public Mailer limit(Mailer mailer) {
            return emails == Integer.MAX_VALUE ? mailer : new QuotaMailer(mailer, emails);
        }
    }

    /** Where the account is read from: only when sending is not paused. */
    public interface Accounts {
        Account read() throws IOException;
    }

    /**
     * @param pause the stack's pause in force, if any
     * @return for a sender, what is left of the day: senders that together take more than that are held by the
     *         mail service itself ({@link Mailer.Held}), which keeps the quota to the email
     */
    public static Allowance allowance(Optional<SendingPause.Pause> pause, Accounts accounts) throws IOException {
        if (pause.isPresent()) {
            return new Allowance(0, PAUSED_WAIT, "sending is paused since " + pause.get().since() + ": "
                    + pause.get().reason());
        }
        Account account = accounts.read();
        if (!account.sendingEnabled()) {
            return new Allowance(0, PAUSED_WAIT, "SES has paused sending for the account");
        }
        if (account.max24HourSend() < 0) {
            return new Allowance(Integer.MAX_VALUE, Duration.ZERO, "");
        }
        long left = (long) Math.floor(account.max24HourSend() - account.sentLast24Hours());
        if (left <= 0) {
            return new Allowance(0, QUOTA_WAIT, "the 24-hour quota of " + (long) account.max24HourSend()
                    + " emails is used up");
        }
        return new Allowance((int) Math.min(Integer.MAX_VALUE, left), Duration.ZERO, "");
    }

    /** How long a batch the mail service held waits before it tries again. */
    public static Duration waitFor(Mailer.Held held) {
        return held.paused() ? PAUSED_WAIT : QUOTA_WAIT;
    }

    /**
     * The rate of one sender of digests: their share of the highest rate, so the rest stays free for
     * confirmation emails, split among the senders that may run at once.
     *
     * @param maxSendRate emails a second across all senders as configured; 0 or less for the account's own
     * @param share       the share of the rate digests may use, above 0 and at most 1
     */
    public static double digestRate(double maxSendRate, Account account, double share, int senders) {
        double rate = maxSendRate > 0 ? maxSendRate : account.maxSendRate();
        return rate * share / Math.max(1, senders);
    }
}
