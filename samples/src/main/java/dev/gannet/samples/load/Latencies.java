package dev.gannet.samples.load;

import java.util.Arrays;

/** Latency samples in nanoseconds, sorted once, read as percentiles. */
public final class Latencies {

    private final long[] sorted;

    Latencies(long[] samples, int count) {
        this.sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
    }

    /** The sample at percentile {@code p} (0-100), nearest-rank, in milliseconds. */
    public double percentileMillis(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
