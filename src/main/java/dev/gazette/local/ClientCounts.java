package dev.gazette.local;

import dev.gazette.subscriber.ClientLimit;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The counts of a {@link ClientLimit} in memory, for the local server: they need not outlive it. Counts of hours
 * past are dropped as a later hour's come in, so memory holds one hour's clients at most.
 */
public final class ClientCounts implements ClientLimit.Counter {
    private record Count(long value, Instant expires) {
    }

    private final Map<String, Count> counts = new HashMap<>();

    @Override
    public synchronized long increment(String key, Instant expires) {
        counts.values().removeIf(count -> count.expires().isBefore(expires));
        Count count = counts.merge(key, new Count(1, expires), (was, one) -> new Count(was.value() + 1, expires));
        return count.value();
    }
}
