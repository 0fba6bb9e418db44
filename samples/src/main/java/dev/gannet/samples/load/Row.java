package dev.gannet.samples.load;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The runs of one workload on one provider, or the first failure, summed up as medians by {@link #summary()}.
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

    /** The median of every figure over the runs, or the failure. */
    Summary summary() {
        if (failure != null) {
            return Summary.failed(workload, failure.toString());
        }
        Result first = runs.get(0).result();
        Summary.Percentiles latency = first.latency() == null ? null : new Summary.Percentiles(
                median(r -> r.result().latency().percentileMillis(50)),
                median(r -> r.result().latency().percentileMillis(99)),
                median(r -> r.result().latency().percentileMillis(99.9)));
        return new Summary(workload, figure(Result::rate),
                first.secondary() == null ? null : figure(Result::secondary), latency,
                median(Run::peakHeapMegabytes), null);
    }

    private Summary.Figure figure(Function<Result, Rate> rate) {
        Rate first = rate.apply(runs.get(0).result());
        return new Summary.Figure(first.label(), first.messages(),
                median(r -> rate.apply(r.result()).messagesPerSecond()),
                median(r -> rate.apply(r.result()).megabytesPerSecond()),
                median(r -> rate.apply(r.result()).cpuMicrosPerMessage()));
    }
}
