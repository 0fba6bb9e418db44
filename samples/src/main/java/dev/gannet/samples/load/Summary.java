package dev.gannet.samples.load;

import java.util.ArrayList;
import java.util.List;

/**
 * What a workload's runs on one provider come to: the median of each figure over the runs, or why a run failed. It
 * is what a provider's table row shows and what a child JVM of a comparison hands back ({@link ProviderResults}).
 *
 * @param workload          the workload's name
 * @param rate              the main throughput; null if the workload failed
 * @param secondary         a second throughput (fan-out deliveries, backlog drain), or null
 * @param latency           round-trip latency percentiles, or null when the workload measures none
 * @param peakHeapMegabytes the peak used heap of the JVM during a run, in MiB
 * @param failure           why the first failing run failed, or null
 */
record Summary(String workload, Figure rate, Figure secondary, Percentiles latency, double peakHeapMegabytes,
               String failure) {

    /**
     * A throughput and its CPU cost, medians over the runs.
     *
     * @param label               what moved, e.g. {@code "sent"}
     * @param messages            messages moved in one run
     * @param cpuMicrosPerMessage CPU microseconds of the whole JVM per message moved, NaN if unknown
     */
    record Figure(String label, long messages, double messagesPerSecond, double megabytesPerSecond,
                  double cpuMicrosPerMessage) {
    }

    /** Latency percentiles in milliseconds, medians over the runs. */
    record Percentiles(double p50, double p99, double p999) {
    }

    static Summary failed(String workload, String failure) {
        return new Summary(workload, null, null, null, Double.NaN, failure);
    }

    boolean isFailed() {
        return failure != null;
    }

    /** The cells of this workload's row in a provider's own table ({@link Table#HEADER}). */
    List<String> cells() {
        List<String> cells = new ArrayList<>();
        cells.add(workload);
        if (isFailed()) {
            cells.addAll(List.of("-", "-", "-", "-", "-", "-", "-", "FAILED: " + failure));
            return cells;
        }
        cells.add(String.format("%,.0f", rate.messagesPerSecond()));
        cells.add(cpu(rate));
        cells.add(String.format("%.1f", rate.megabytesPerSecond()));
        if (latency != null) {
            cells.add(String.format("%.3f", latency.p50()));
            cells.add(String.format("%.3f", latency.p99()));
            cells.add(String.format("%.3f", latency.p999()));
        } else {
            cells.addAll(List.of("", "", ""));
        }
        cells.add(String.format("%.0f", peakHeapMegabytes));
        StringBuilder note = new StringBuilder(rate.label() + " " + String.format("%,d", rate.messages()));
        if (secondary != null) {
            note.append(String.format("; %s %,.0f msgs/s, CPU %s us/msg, %.1f MB/s", secondary.label(),
                    secondary.messagesPerSecond(), cpu(secondary), secondary.megabytesPerSecond()));
        }
        cells.add(note.toString());
        return cells;
    }

    private static String cpu(Figure figure) {
        return Double.isNaN(figure.cpuMicrosPerMessage()) ? "-"
                : String.format("%.1f", figure.cpuMicrosPerMessage());
    }
}
