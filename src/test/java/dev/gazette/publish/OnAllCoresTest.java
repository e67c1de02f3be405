package dev.gazette.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OnAllCoresTest {
    private static final List<Integer> ITEMS = IntStream.range(0, 2_000).boxed().toList();

    @Test
    void givesTheResultsInTheItemsOrder() {
        assertEquals(ITEMS.stream().map(i -> i * 2).toList(), OnAllCores.map(ITEMS, i -> i * 2));
    }

    @Test
    void aFailureOnAnotherThreadIsThrownAsItWasThrownWithItsMessage() {
        Thread caller = Thread.currentThread();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        IllegalArgumentException broken = new IllegalArgumentException("template post.html does not compile: line 3");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () ->
                OnAllCores.map(ITEMS, i -> {
                    threads.add(Thread.currentThread());
                    sleep();
                    if (Thread.currentThread() != caller) {
                        throw broken;
                    }
                    return i;
                }));
        assertTrue(threads.size() > 1, "the work ran on more than the caller's thread");
        assertSame(broken, thrown);
        assertEquals("template post.html does not compile: line 3", thrown.getMessage());
    }

    /** Long enough that the other threads take their share of the items. */
    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
