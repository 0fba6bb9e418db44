package dev.gannet.samples.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The table of a comparison run: per workload, one line per figure (main rate and its CPU microseconds per message,
 * second rate and its CPU, latency percentiles, peak heap), a column per provider, and after each provider other
 * than Gannet a ratio column comparing a Gannet provider with it, oriented so that above 1 means Gannet did better.
 * That Gannet provider is the first one named on the same transport (gannet-tcp for artemis-tcp, gannet-vm for the
 * in-JVM connectors), or the first one named if none is. A cell that has no figure
 * because the provider or the workload failed says {@code failed [N]}; footnote N under the table gives the reason.
 */
final class ComparisonTable {

    /** One figure of a workload: how to read it from a summary, and whether more is better. */
    private record Figure(String name, ToDoubleFunction<Summary> value, String format, boolean higherIsBetter) {
    }

    private final List<ProviderResults> results;
    private final Map<String, Integer> footnotes = new LinkedHashMap<>(); // footnote text -> its number

    /** @param results every provider's results, in the order named */
    ComparisonTable(List<ProviderResults> results) {
        this.results = List.copyOf(results);
    }

    /** Prints the table for {@code selected} workloads (in order), its legend and its footnotes. */
    void print(List<Workload> selected, LoadOptions options, PrintStream out) {
        List<String> workloads = selected.stream().map(Workload::name).toList();
        List<String> header = new ArrayList<>(List.of("workload", "figure"));
        Set<Integer> textColumns = new HashSet<>(Set.of(0, 1));
        for (ProviderResults provider : results) {
            header.add(provider.provider().label());
            if (hasRatio(provider)) {
                header.add("ratio");
            }
        }
        Table table = new Table(header, textColumns);
        for (String workload : workloads) {
            List<Figure> figures = figures(workload);
            for (int i = 0; i < figures.size(); i++) {
                table.add(line(i == 0 ? workload : "", workload, figures.get(i)));
            }
        }
        out.println();
        out.printf("Comparison: medians of %d run(s) per workload at scale %s, each provider alone in its own JVM"
                + " (-Xmx%s%s)%n", options.repeat(), options.scale(), options.heap(), ownHeaps(selected));
        table.print(out);
        String comparisons = comparisons();
        if (!comparisons.isEmpty()) {
            out.printf("ratio: Gannet compared with the provider to its left, above 1 means Gannet did better"
                    + " (throughput: Gannet/provider; CPU, latency and peak heap: provider/Gannet); %s%n", comparisons);
        }
        out.println("CPU us/msg: CPU microseconds of the provider's whole JVM (broker and clients) per message, over"
                + " the same interval as the rate above it; the OS counts process CPU in clock ticks (10 ms on Linux),"
                + " so the figure is close only over intervals of a second or more, as at full scale.");
        out.println("MB/s is msgs/s times the body size, the same for every provider: see each provider's own table.");
        for (Map.Entry<String, Integer> footnote : footnotes.entrySet()) {
            out.printf("[%d] %s%n", footnote.getValue(), footnote.getKey());
        }
    }

    /** The workloads that ran with a heap of their own, as the table's title names them; empty if none did. */
    private static String ownHeaps(List<Workload> selected) {
        StringBuilder text = new StringBuilder();
        for (Workload workload : selected) {
            if (workload.heap() != null) {
                text.append(String.format("; %s in a JVM of its own per provider with -Xmx%s", workload.name(),
                        workload.heap()));
            }
        }
        return text.toString();
    }

    /** The figures a workload has, read from the first provider that ran it without failing. */
    private List<Figure> figures(String workload) {
        Summary model = results.stream().map(r -> r.summary(workload))
                .filter(s -> s != null && !s.isFailed()).findFirst().orElse(null);
        List<Figure> figures = new ArrayList<>();
        String rateLabel = model == null ? "" : model.rate().label() + " ";
        figures.add(new Figure(rateLabel + "msgs/s", s -> s.rate().messagesPerSecond(), "%,.0f", true));
        figures.add(new Figure(rateLabel + "CPU us/msg", s -> s.rate().cpuMicrosPerMessage(), "%.1f", false));
        if (model != null && model.secondary() != null) {
            String label = model.secondary().label() + " ";
            figures.add(new Figure(label + "msgs/s",
                    s -> s.secondary() == null ? Double.NaN : s.secondary().messagesPerSecond(), "%,.0f", true));
            figures.add(new Figure(label + "CPU us/msg",
                    s -> s.secondary() == null ? Double.NaN : s.secondary().cpuMicrosPerMessage(), "%.1f", false));
        }
        if (model != null && model.latency() != null) {
            figures.add(new Figure("p50 ms", s -> latency(s).p50(), "%.3f", false));
            figures.add(new Figure("p99 ms", s -> latency(s).p99(), "%.3f", false));
            figures.add(new Figure("p99.9 ms", s -> latency(s).p999(), "%.3f", false));
        }
        if (model != null) {
            figures.add(new Figure("peak heap MB", Summary::peakHeapMegabytes, "%.0f", false));
        }
        return figures;
    }

    private static Summary.Percentiles latency(Summary summary) {
        return summary.latency() == null ? new Summary.Percentiles(Double.NaN, Double.NaN, Double.NaN)
                : summary.latency();
    }

    private List<String> line(String first, String workload, Figure figure) {
        List<String> cells = new ArrayList<>(List.of(first, figure.name()));
        for (ProviderResults provider : results) {
            String failure = failure(provider, workload);
            double value = value(provider, workload, figure);
            cells.add(failure != null ? "failed [" + footnote(failure) + "]" : format(figure.format(), value));
            if (hasRatio(provider)) {
                cells.add(ratio(figure, value(reference(provider), workload, figure), value));
            }
        }
        return cells;
    }

    private boolean hasRatio(ProviderResults provider) {
        return !provider.provider().isGannet() && reference(provider) != null;
    }

    /**
     * The Gannet results {@code provider} is compared with: the first Gannet provider on the same transport, else the
     * first Gannet provider; null if there is none.
     */
    private ProviderResults reference(ProviderResults provider) {
        List<ProviderResults> gannet = results.stream().filter(r -> r.provider().isGannet()).toList();
        return gannet.stream().filter(r -> r.provider().isOverTcp() == provider.provider().isOverTcp()).findFirst()
                .orElse(gannet.isEmpty() ? null : gannet.get(0));
    }

    /** Which Gannet provider each ratio column compares, e.g. "gannet-tcp with artemis-tcp"; empty if none. */
    private String comparisons() {
        Map<String, List<String>> compared = new LinkedHashMap<>();
        for (ProviderResults provider : results) {
            if (hasRatio(provider)) {
                compared.computeIfAbsent(reference(provider).provider().label(), g -> new ArrayList<>())
                        .add(provider.provider().label());
            }
        }
        List<String> parts = new ArrayList<>();
        compared.forEach((gannet, others) -> parts.add(gannet + " with " + String.join(", ", others)));
        return String.join("; ", parts);
    }

    /** Why {@code provider} has no figures for {@code workload}, as a footnote says it; null if it has them. */
    private static String failure(ProviderResults provider, String workload) {
        if (provider.isFailed()) {
            return provider.provider().label() + ": failed: " + provider.failure();
        }
        Summary summary = provider.summary(workload);
        if (summary == null) {
            return provider.provider().label() + ", " + workload + ": failed: no result";
        }
        if (summary.isFailed()) {
            return provider.provider().label() + ", " + workload + ": failed: " + summary.failure();
        }
        return null;
    }

    private static double value(ProviderResults provider, String workload, Figure figure) {
        Summary summary = provider.isFailed() ? null : provider.summary(workload);
        return summary == null || summary.isFailed() ? Double.NaN : figure.value().applyAsDouble(summary);
    }

    private int footnote(String text) {
        return footnotes.computeIfAbsent(text, t -> footnotes.size() + 1);
    }

    private static String format(String format, double value) {
        return Double.isNaN(value) ? "-" : String.format(format, value);
    }

    /**
     * Reference over provider for throughput, provider over reference for CPU, latency and heap: above 1, Gannet won.
     */
    private static String ratio(Figure figure, double referenceValue, double value) {
        double ratio = figure.higherIsBetter() ? referenceValue / value : value / referenceValue;
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "-" : String.format("x%.2f", ratio);
    }
}
