package dev.gannet.samples.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One table row: the medians, column by column, of a workload's runs, or the first failure.
 *
 * @param workload the workload's name
 * @param runs     what each successful run measured, with its peak heap
 * @param failure  the first run's failure, or null
 */
record Row(String workload, List<Run> runs, Throwable failure) {

    /** One run's result and the peak used heap during it, in MiB. */
    record Run(Result result, double peakHeapMegabytes) {
    }

    double median(ToDoubleFunction<Run> column) {
        double[] values = runs.stream().mapToDouble(column).toArray();
        Arrays.sort(values);
        int n = values.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    List<String> cells() {
        List<String> cells = new ArrayList<>();
        cells.add(workload);
        if (failure != null) {
            cells.addAll(List.of("-", "-", "-", "-", "-", "-", "FAILED: " + failure));
            return cells;
        }
        Run first = runs.get(0);
        cells.add(String.format("%,.0f", median(r -> r.result().rate().messagesPerSecond())));
        cells.add(String.format("%.1f", median(r -> r.result().rate().megabytesPerSecond())));
        if (first.result().latency() != null) {
            for (double p : new double[] {50, 99, 99.9}) {
                cells.add(String.format("%.3f", median(r -> r.result().latency().percentileMillis(p))));
            }
        } else {
            cells.addAll(List.of("", "", ""));
        }
        cells.add(String.format("%.0f", median(Run::peakHeapMegabytes)));
        StringBuilder note = new StringBuilder(first.result().rate().label() + " "
                + String.format("%,d", first.result().rate().messages()));
        Rate secondary = first.result().secondary();
        if (secondary != null) {
            note.append(String.format("; %s %,.0f msgs/s, %.1f MB/s", secondary.label(),
                    median(r -> r.result().secondary().messagesPerSecond()),
                    median(r -> r.result().secondary().megabytesPerSecond())));
        }
        cells.add(note.toString());
        return cells;
    }
}
