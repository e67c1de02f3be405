package dev.gazette.publish;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Work of a run whose items need nothing of each other (rendering posts, making the listings' files), done on all
 * cores at once. A failure is thrown as it was thrown: a parallel stream rethrows another thread's exception as a
 * copy whose message may be lost, and the message is what the writer reads.
 */
final class OnAllCores {
    private OnAllCores() {
    }

    /** {@code work} applied to each item, in the items' order. */
    static <T, R> List<R> map(Collection<T> items, Function<T, R> work) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<R> results = items.parallelStream().map(item -> {
            try {
                return work.apply(item);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                return null;
            }
        }).toList();
        if (failure.get() != null) {
            throw failure.get();
        }
        return results;
    }
}
