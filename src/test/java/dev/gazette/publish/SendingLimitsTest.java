package dev.gazette.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.mail.Email;
import dev.gazette.mail.Mailer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SendingLimitsTest {
    private static final SendingLimits.Account HEALTHY = new SendingLimits.Account(true, 50_000, 0, 14);

    private static SendingLimits.Account sent(double max, double sent) {
        return new SendingLimits.Account(true, max, sent, 14);
    }

    @Test
    void aPauseHoldsEveryBatchForAnHourWithoutReadingTheAccount() throws Exception {
        SendingPause.Pause pause = new SendingPause.Pause("BounceRateAlarm", Instant.parse("2024-05-10T12:00:00Z"));

        SendingLimits.Allowance allowance = SendingLimits.allowance(Optional.of(pause), () -> {
            throw new AssertionError("SES is not asked while paused");
        });

        assertTrue(allowance.waits());
        assertEquals(Duration.ofHours(1), allowance.waitFor());
        assertEquals("sending is paused since 2024-05-10T12:00:00Z: BounceRateAlarm", allowance.reason());
    }

    @Test
    void anAccountSesPausedIsAPauseToo() throws Exception {
        SendingLimits.Allowance allowance = SendingLimits.allowance(Optional.empty(),
                () -> new SendingLimits.Account(false, 50_000, 0, 14));

        assertEquals(0, allowance.emails());
        assertEquals(Duration.ofHours(1), allowance.waitFor());
    }

    @Test
    void aSenderMaySendWhatIsLeftOfTheDay() throws Exception {
        assertEquals(50_000, SendingLimits.allowance(Optional.empty(), () -> HEALTHY).emails());
        assertEquals(5, SendingLimits.allowance(Optional.empty(), () -> sent(200, 195)).emails());
        assertTrue(SendingLimits.allowance(Optional.empty(), () -> sent(200, 199.5)).waits(),
                "half an email left is none");
    }

    @Test
    void aUsedUpQuotaHoldsTheBatchForAnHour() throws Exception {
        SendingLimits.Allowance allowance = SendingLimits.allowance(Optional.empty(), () -> sent(200, 200));

        assertTrue(allowance.waits());
        assertEquals(Duration.ofHours(1), allowance.waitFor());
        assertEquals("the 24-hour quota of 200 emails is used up", allowance.reason());
        assertTrue(SendingLimits.allowance(Optional.empty(), () -> sent(200, 230)).waits(), "SES counts past it");
    }

    @Test
    void anAccountWithoutADailyQuotaIsNotHeld() throws Exception {
        SendingLimits.Allowance allowance = SendingLimits.allowance(Optional.empty(), () -> sent(-1, 1_000_000));

        assertFalse(allowance.waits());
        Mailer mailer = email -> Mailer.Result.SENT;
        assertEquals(mailer, allowance.limit(mailer), "nothing to count");
    }

    @Test
    void digestsTakeTheirShareOfTheRateSplitAmongTheSenders() {
        assertEquals(5.6, SendingLimits.digestRate(0, HEALTHY, 0.8, 2), 1e-9, "80% of SES's 14 a second, by two");
        assertEquals(4.0, SendingLimits.digestRate(10, HEALTHY, 0.8, 2), 1e-9, "80% of MaxSendRate, by two");
        assertEquals(10.0, SendingLimits.digestRate(10, HEALTHY, 1.0, 1), 1e-9);
    }

    @Test
    void aBatchSendsNoMoreNewEmailsThanAllowedThenHoldsTheRest() throws Exception {
        Set<String> sentBefore = Set.of("b@example.com");
        List<String> mailed = new ArrayList<>();
        Mailer service = email -> {
            if (sentBefore.contains(email.to())) {
                return Mailer.Result.SENT_BEFORE;
            }
            mailed.add(email.to());
            return Mailer.Result.SENT;
        };
        Mailer limited = new SendingLimits.Allowance(2, Duration.ZERO, "").limit(service);

        assertEquals(Mailer.Result.SENT, limited.send(email("a@example.com")));
        assertEquals(Mailer.Result.SENT_BEFORE, limited.send(email("b@example.com")), "not counted");
        assertEquals(Mailer.Result.SENT, limited.send(email("c@example.com")));
        Mailer.Held held = assertThrows(Mailer.Held.class, () -> limited.send(email("d@example.com")));

        assertEquals(List.of("a@example.com", "c@example.com"), mailed);
        assertFalse(held.paused());
        assertEquals(Duration.ofHours(1), SendingLimits.waitFor(held));
    }

    private static Email email(String to) {
        return new Email("news@blog.example.com", to, null, "Hello", "Hello.", "<p>Hello.</p>",
                Instant.parse("2024-05-10T12:00:00Z"), "<1@blog.example.com>", Map.of(), "20240510-digest");
    }
}
