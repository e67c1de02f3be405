package dev.gazette.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gazette.publish.SendingLimits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {
    /** A clock that moves only when slept on. */
    private static final class Clock implements Pacer.Sleeper {
        long now;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(long nanos) {
            sleeps.add(nanos / 1_000_000);
            now += nanos;
        }
    }

    @Test
    void sendsAreSpacedEvenly() throws IOException {
        Clock clock = new Clock();
        Pacer pacer = new Pacer(4, Pacer.PATIENCE, clock);

        for (int send = 0; send < 3; send++) {
            pacer.await();
        }

        assertEquals(List.of(250L, 250L), clock.sleeps, "the first goes at once, the next a quarter second apart");
    }

    @Test
    void throttlingIsWaitedOutLongerEachTimeUntilThePatienceRunsOut() throws IOException {
        Clock clock = new Clock();
        Pacer pacer = new Pacer(0, Duration.ofSeconds(4), clock);

        assertTrue(pacer.backOff(1));
        assertTrue(pacer.backOff(2));
        assertTrue(pacer.backOff(3));
        assertTrue(pacer.backOff(4));
        assertFalse(pacer.backOff(5), "3.75 s waited, and 4 s more would be past the patience");
        assertEquals(List.of(250L, 500L, 1000L, 2000L), clock.sleeps);
    }

    @Test
    void sendersOfDigestsAtTheirShareLeaveAFifthOfEachSecondForConfirmations() throws IOException {
        SendingLimits.Account account = new SendingLimits.Account(true, 50_000, 0, 10);
        double rate = SendingLimits.digestRate(0, account, 0.8, 2);
        int sentInASecond = 0;
        for (int sender = 0; sender < 2; sender++) {
            Clock clock = new Clock();
            Pacer pacer = new Pacer(rate, Pacer.PATIENCE, clock);
            while (true) {
                pacer.await();
                if (clock.now >= 1_000_000_000L) {
                    break;
                }
                sentInASecond++;
            }
        }

        assertEquals(8, sentInASecond, "two senders at 4 a second each, of SES's 10");
    }
}
