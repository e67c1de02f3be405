package dev.gazette.aws;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * Spaces sends evenly so a sender never goes faster than its share of the account's rate, and never bursts.
 * Thread-safe.
 */
public final class Pacer {
    /** How long a sender waits out throttling in all, unless told otherwise: well within Send's timeout. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final long FIRST_BACK_OFF = 250_000_000L;
    private static final long LONGEST_BACK_OFF = 8_000_000_000L;

    private final long intervalNanos;
    private final long patienceNanos;
    private final Sleeper sleeper;
    private long next;

    /** Waits; in tests, the real clock. */
    interface Sleeper {
        long nanoTime();

        void sleep(long nanos) throws InterruptedException;
    }

    /** @param perSecond the highest rate, messages per second; 0 or less for no limit */
    public Pacer(double perSecond) {
        this(perSecond, PATIENCE);
    }

    /**
     * @param perSecond the highest rate, messages per second; 0 or less for no limit
     * @param patience  how long to wait out throttling in all before giving up on a message
     */
    public Pacer(double perSecond, Duration patience) {
        this(perSecond, patience, new Sleeper() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        });
    }

    Pacer(double perSecond, Duration patience, Sleeper sleeper) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
        this.patienceNanos = patience.toNanos();
        this.sleeper = sleeper;
        this.next = sleeper.nanoTime();
    }

    /** Returns when the next send may go. */
    public void await() throws IOException {
        long wait;
        synchronized (this) {
            long now = sleeper.nanoTime();
            long slot = Math.max(next, now);
            next = slot + intervalNanos;
            wait = slot - now;
        }
        sleep(wait);
    }

    /**
     * Waits longer after each time a message was throttled: 0.25 s, 0.5 s, 1 s, … up to 8 s.
     *
     * @param attempt how many times this message was throttled
     * @return false, without waiting, when this wait would take the waits for the message past the patience
     */
    public boolean backOff(int attempt) throws IOException {
        long waited = 0;
        for (int before = 1; before < attempt; before++) {
            waited += backOffNanos(before);
        }
        if (waited + backOffNanos(attempt) > patienceNanos) {
            return false;
        }
        sleep(backOffNanos(attempt));
        return true;
    }

    private static long backOffNanos(int attempt) {
        return Math.min(LONGEST_BACK_OFF, FIRST_BACK_OFF << Math.min(attempt - 1, 5));
    }

    private void sleep(long nanos) throws IOException {
        if (nanos <= 0) {
            return;
        }
        try {
            sleeper.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while pacing sends");
        }
    }
}
