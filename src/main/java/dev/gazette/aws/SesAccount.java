package dev.gazette.aws;

import dev.gazette.mail.Mailer;
import dev.gazette.publish.SendingLimits;
import java.io.IOException;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;
import software.amazon.awssdk.services.sesv2.model.SendQuota;

/**
 * The SES account as GetAccount reports it: whether it may send, its 24-hour quota and its rate. Read again
 * after a few seconds only: held batches come back together, and GetAccount takes few calls a second.
 */
public final class SesAccount implements SendingLimits.Accounts {
    /** How long a reading is used: the quota's count moves little meanwhile, and SES refuses past it anyway. */
    static final Duration KEPT = Duration.ofSeconds(10);

    private final SesV2Client ses;
    private SendingLimits.Account last;
    private long readAt;
    /** Emails sent through {@link #counting} since the last reading, which SES had not counted in it. */
    private long sentSince;

    public SesAccount(SesV2Client ses) {
        this.ses = ses;
    }

    /**
     * The SES client retries nothing (see {@code Clients.ses}), and senders starting together may be throttled
     * here: a read, so tried again for a few seconds.
     */
    @Override
    public synchronized SendingLimits.Account read() throws IOException {
        if (last != null && System.nanoTime() - readAt < KEPT.toNanos()) {
            return new SendingLimits.Account(last.sendingEnabled(), last.max24HourSend(),
                    last.sentLast24Hours() + sentSince, last.maxSendRate());
        }
        Pacer patience = new Pacer(0, Duration.ofSeconds(5));
        for (int attempt = 1; ; attempt++) {
            try {
                last = account(ses.getAccount(request -> { }));
                readAt = System.nanoTime();
                sentSince = 0;
                return last;
            } catch (SdkException e) {
                if (!patience.backOff(attempt)) {
                    throw e;
                }
            }
        }
    }

    /** Sends through {@code mailer}, counting each email sent in the reading kept, for the batches after. */
    public Mailer counting(Mailer mailer) {
        return email -> {
            Mailer.Result result = mailer.send(email);
            if (result == Mailer.Result.SENT) {
                synchronized (this) {
                    sentSince++;
                }
            }
            return result;
        };
    }

    private static SendingLimits.Account account(GetAccountResponse response) {
        SendQuota quota = response.sendQuota();
        // SES reports -1 for a quota it does not enforce.
        return new SendingLimits.Account(!Boolean.FALSE.equals(response.sendingEnabled()),
                quota == null || quota.max24HourSend() == null ? -1 : quota.max24HourSend(),
                quota == null || quota.sentLast24Hours() == null ? 0 : quota.sentLast24Hours(),
                quota == null || quota.maxSendRate() == null ? 0 : quota.maxSendRate());
    }
}
