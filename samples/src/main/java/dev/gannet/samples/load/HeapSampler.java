package dev.gannet.samples.load;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Samples used heap every {@value #PERIOD_MS} ms on a daemon thread and keeps the peak, until closed. */
final class HeapSampler implements AutoCloseable {

    static final long PERIOD_MS = 100;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread thread;
    private volatile long peak; // written by the sampling thread only

    HeapSampler() {
        peak = memory.getHeapMemoryUsage().getUsed();
        thread = new Thread(this::sample, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        try {
            while (true) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                Thread.sleep(PERIOD_MS);
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** The highest used heap seen so far, in MiB. */
    double peakMegabytes() {
        return peak / (1024.0 * 1024.0);
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }
}
