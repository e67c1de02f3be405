package dev.gazette.bench;

import dev.gazette.cli.Main;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** Runs the {@code gazette} command line, then prints the most heap it used at once, in MB, on stderr. */
public final class PeakHeap {
    private PeakHeap() {
    }

    public static void main(String[] args) {
        int exit = Main.run(args);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.err.println("peak-heap-mb " + peak / (1024 * 1024));
        System.exit(exit);
    }
}
