package dev.gannet.samples.load;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What one provider's part of a run came to: a summary per workload, or why the provider could not be used at all.
 * A child JVM of a comparison {@link #store stores} it as a properties file, the parent {@link #load loads} it.
 *
 * @param provider    the provider
 * @param description how it was reached, as the progress line says; null if it did not start
 * @param failure     why it did not start or its JVM gave no results, or null
 * @param summaries   one per workload run, in order; empty if it did not start
 */
record ProviderResults(Provider provider, String description, String failure, List<Summary> summaries) {

    ProviderResults {
        summaries = List.copyOf(summaries);
    }

    static ProviderResults failed(Provider provider, String failure) {
        return new ProviderResults(provider, null, failure, List.of());
    }

    boolean isFailed() {
        return failure != null;
    }

    /** The summary of the workload named {@code workload}, or null if it was not run. */
    Summary summary(String workload) {
        return summaries.stream().filter(s -> s.workload().equals(workload)).findFirst().orElse(null);
    }

    /** Writes these results to {@code file}, replacing it. */
    void store(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("provider", provider.label());
        set(properties, "description", description);
        set(properties, "failure", failure);
        List<String> names = new ArrayList<>();
        for (Summary summary : summaries) {
            names.add(summary.workload());
            String key = "workload." + summary.workload() + ".";
            set(properties, key + "failure", summary.failure());
            if (summary.isFailed()) {
                continue;
            }
            setFigure(properties, key + "rate.", summary.rate());
            setFigure(properties, key + "secondary.", summary.secondary());
            if (summary.latency() != null) {
                properties.setProperty(key + "latency.p50", Double.toString(summary.latency().p50()));
                properties.setProperty(key + "latency.p99", Double.toString(summary.latency().p99()));
                properties.setProperty(key + "latency.p99.9", Double.toString(summary.latency().p999()));
            }
            properties.setProperty(key + "peakHeapMegabytes", Double.toString(summary.peakHeapMegabytes()));
        }
        properties.setProperty("workloads", String.join(",", names));
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "Gannet load tool: medians of one provider's runs");
        }
    }

    /**
     * Reads results written by {@link #store}.
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if it is not such results
     */
    static ProviderResults load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        Provider provider = Provider.named(required(properties, "provider", file));
        List<Summary> summaries = new ArrayList<>();
        for (String workload : required(properties, "workloads", file).split(",")) {
            if (workload.isEmpty()) {
                continue;
            }
            String key = "workload." + workload + ".";
            String failure = properties.getProperty(key + "failure");
            if (failure != null) {
                summaries.add(Summary.failed(workload, failure));
                continue;
            }
            Summary.Percentiles latency = properties.getProperty(key + "latency.p50") == null ? null
                    : new Summary.Percentiles(number(properties, key + "latency.p50", file),
                    number(properties, key + "latency.p99", file), number(properties, key + "latency.p99.9", file));
            summaries.add(new Summary(workload, figure(properties, key + "rate.", file),
                    figure(properties, key + "secondary.", file), latency,
                    number(properties, key + "peakHeapMegabytes", file), null));
        }
        return new ProviderResults(provider, properties.getProperty("description"),
                properties.getProperty("failure"), summaries);
    }

    private static void set(Properties properties, String key, String value) {
        if (value != null) {
            properties.setProperty(key, value);
        }
    }

    private static void setFigure(Properties properties, String key, Summary.Figure figure) {
        if (figure != null) {
            properties.setProperty(key + "label", figure.label());
            properties.setProperty(key + "messages", Long.toString(figure.messages()));
            properties.setProperty(key + "messagesPerSecond", Double.toString(figure.messagesPerSecond()));
            properties.setProperty(key + "megabytesPerSecond", Double.toString(figure.megabytesPerSecond()));
            properties.setProperty(key + "cpuMicrosPerMessage", Double.toString(figure.cpuMicrosPerMessage()));
        }
    }

    private static Summary.Figure figure(Properties properties, String key, Path file) {
        String label = properties.getProperty(key + "label");
        if (label == null) {
            return null;
        }
        return new Summary.Figure(label, (long) number(properties, key + "messages", file),
                number(properties, key + "messagesPerSecond", file),
                number(properties, key + "megabytesPerSecond", file),
                number(properties, key + "cpuMicrosPerMessage", file));
    }

    private static double number(Properties properties, String key, Path file) {
        String value = required(properties, key, file);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("results file " + file + ": " + key + " is not a number: " + value, e);
        }
    }

    private static String required(Properties properties, String key, Path file) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("results file " + file + " has no " + key);
        }
        return value;
    }
}
