package dev.gazette.preview;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Which pages each build of the preview changed, and the browsers waiting to hear it: an open page asks, with the
 * build it was served from, and its answer waits until a later build changes that page, or the time is up.
 */
final class Reloads {
    /**
     * How many requests wait at once: each holds one of the server's connections, which must be left for the pages
     * themselves. Over it, a request is answered at once, and its page asks again a moment later.
     */
    static final int MAX_WAITING = 8;
    /** How long a request waits, well within the time the server gives an answer to leave. */
    static final Duration WAIT = Duration.ofSeconds(25);
    /** How many builds are remembered; a page served before them is reloaded. */
    private static final int KEPT = 100;

    private final Semaphore waiting = new Semaphore(MAX_WAITING);
    private final Duration wait;
    private final TreeMap<Long, Set<String>> builds = new TreeMap<>();
    private long version;

    Reloads() {
        this(WAIT);
    }

    Reloads(Duration wait) {
        this.wait = wait;
    }

    /** The latest build, which a page served now comes from. */
    synchronized long version() {
        return version;
    }

    /** How many requests wait now. */
    int waiting() {
        return MAX_WAITING - waiting.availablePermits();
    }

    /** A build is done, and changed these pages. */
    synchronized void built(Set<String> changed) {
        version++;
        builds.put(version, changed);
        if (builds.size() > KEPT) {
            builds.pollFirstEntry();
        }
        notifyAll();
    }

    /**
     * Waits until a build after {@code since} changes one of {@code pages}.
     *
     * @return whether one did, or else the time was up; empty when too many requests wait already
     */
    Optional<Boolean> await(long since, Set<String> pages) throws InterruptedException {
        if (!waiting.tryAcquire()) {
            return Optional.empty();
        }
        try {
            synchronized (this) {
                long end = System.nanoTime() + wait.toNanos();
                while (!changed(since, pages)) {
                    long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                    if (left <= 0) {
                        return Optional.of(false);
                    }
                    wait(left);
                }
                return Optional.of(true);
            }
        } finally {
            waiting.release();
        }
    }

    /** A page from a build this preview did not make, or has forgotten, is reloaded to be sure. */
    private boolean changed(long since, Set<String> pages) {
        if (since > version || !builds.isEmpty() && since < builds.firstKey() - 1) {
            return true;
        }
        for (Map.Entry<Long, Set<String>> build : builds.tailMap(since, false).entrySet()) {
            if (pages.stream().anyMatch(build.getValue()::contains)) {
                return true;
            }
        }
        return false;
    }
}
