package dev.gazette.aws;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Spaces sends evenly so a sender never goes faster than its share of the account's rate, and never bursts.
 * Thread-safe.
 */
public final class Pacer {
    private final long intervalNanos;
    private final Sleeper sleeper;
    private long next;

    /** Waits; in tests, the real clock. */
    interface Sleeper {
        long nanoTime();

        void sleep(long nanos) throws InterruptedException;
    }

    /** @param perSecond the highest rate, messages per second; 0 or less for no limit */
    public Pacer(double perSecond) {
        this(perSecond, new Sleeper() {
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

    Pacer(double perSecond, Sleeper sleeper) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
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

    /** Waits longer after being throttled: 0.5 s, 1 s, 2 s, … up to 16 s. */
    public void backOff(int attempt) throws IOException {
        sleep(Math.min(16_000_000_000L, 500_000_000L << Math.min(attempt - 1, 5)));
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
