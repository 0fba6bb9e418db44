package dev.gannet.samples.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the eleven load workloads against a JMS provider and prints a table of medians: messages and megabytes per
 * second, the CPU microseconds the whole JVM spent per message over the same interval, latency percentiles where the
 * workload measures them, and the peak used heap of the JVM during the runs (for every provider but jndi the broker
 * lives in that JVM too). The sizes at scale 1.0 (the default) are those of issue 15's full-scale table; see
 * {@link #workloads}.
 *
 * <p>Given several providers ({@code --provider gannet-vm,gannet-tcp,artemis,artemis-tcp,activemq-kahadb,
 * activemq-jdbc-derby}) it runs each in turn, never two at once, in a child JVM of its own ({@link ChildJvm}: same
 * class path, same {@code -Xmx}), then prints one table comparing each with the Gannet provider on the same transport
 * ({@link ComparisonTable}). A workload with a heap of its own (deep-backlog-256m) runs in a further child JVM with
 * that {@code -Xmx}, for every provider and also when only one provider is named ({@link ProviderRun}).
 *
 * <p>What makes the comparison fair: every provider runs the same workload code, so the same bodies (1 KiB bytes
 * messages; 100 bytes for deep-backlog), the same acknowledge modes (auto-acknowledge, or transacted where the
 * workload says) and the same delivery modes. Every comparison broker is embedded in the measuring JVM, so its peak
 * heap and CPU count broker and clients as gannet-vm's do; artemis and the Classic providers are reached without
 * sockets, as gannet-vm is (Artemis in-vm, Classic vm://), artemis-tcp over Netty on 127.0.0.1, as gannet-tcp is over
 * its tcp transport. Each persists to a fresh store on local disk and syncs
 * it before a persistent send outside a transaction returns (Gannet always; Artemis by its default
 * {@code blockOnDurableSend=true}; Classic by its default for persistent sends, with {@code useAsyncSend=false}); a
 * commit waits for the store everywhere. Consumers keep each provider's default window: Gannet 1,000 messages,
 * Artemis 1 MiB of message data, Classic 1,000 messages for queues and 32,767 for topic subscribers. The settings of
 * each comparison broker are listed on {@link ArtemisBroker} and {@link ClassicBroker}.
 *
 * <p>Run (see {@link LoadOptions#USAGE}): {@code java -cp ... dev.gannet.samples.load.LoadTool --provider gannet-vm
 * --scale 0.01 --repeat 1} for a smoke run. Progress goes to stderr, the tables to stdout.
 */
public final class LoadTool {

    private LoadTool() {
    }

    /**
     * Every workload, numbered 1-11 in this order, with its message count at scale 1.0, the full scale of issue 15:
     * persistent sends by 1 and 4 producers (20,000 and 40,000), transacted batches of 100 to 70,000, consuming a
     * queue pre-filled with 40,000 (1 and 4 consumers; the fill is not measured), non-persistent end to end 300,000,
     * topic fan-out of 200,000 published to 4 subscribers, 20,000 request/reply round trips after 2,000 unmeasured
     * warm-up ones, the 1,000,000-message backlog of 100-byte bodies with the run's heap, a 1% selector over 100,000,
     * and the same backlog again under {@value DeepBacklog#SMALL_HEAP} of heap.
     */
    static List<Workload> workloads(double scale, ProcessClock clock) {
        return List.of(
                new QueueSend(clock, 1, scaled(20_000, scale)),
                new QueueSend(clock, 4, scaled(40_000, scale)),
                new TransactedSend(clock, scaled(70_000, scale)),
                new QueueConsume(clock, 1, scaled(40_000, scale)),
                new QueueConsume(clock, 4, scaled(40_000, scale)),
                new NonPersistentEndToEnd(clock, scaled(300_000, scale)),
                new TopicFanOut(clock, scaled(200_000, scale)),
                new RequestReply(clock, scaled(20_000, scale), scaled(2_000, scale)),
                new DeepBacklog(clock, scaled(1_000_000, scale), null),
                new SelectorMatch(clock, scaled(100_000, scale)),
                new DeepBacklog(clock, scaled(1_000_000, scale), DeepBacklog.SMALL_HEAP));
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        List<Workload> selected;
        try {
            options = LoadOptions.parse(args);
            selected = select(workloads(options.scale(), new ProcessClock()), options.workloads());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(LoadOptions.USAGE);
            return;
        }
        Provider provider = options.providers().get(0);
        ProviderResults results;
        if (options.resultsFile() != null) {
            // A child JVM: it was given exactly the workloads for its heap.
            results = measureHere(provider, options, selected);
            results.store(options.resultsFile());
        } else if (options.isComparison()) {
            compare(options, selected);
            return;
        } else {
            results = new ProviderRun(provider, options, selected)
                    .run(workloads -> measureHere(provider, options, workloads));
        }
        if (results.isFailed()) {
            System.out.printf("%s failed: %s%n", provider.label(), results.failure());
            return;
        }
        Table table = Table.ofSummaries();
        results.summaries().forEach(table::add);
        System.out.printf("%n%s%n", results.description());
        table.print(System.out);
    }

    /** Runs every provider of the comparison in child JVMs of its own, one after the other, and compares them. */
    private static void compare(LoadOptions options, List<Workload> selected) throws InterruptedException {
        List<ProviderResults> results = new ArrayList<>();
        for (Provider provider : options.providers()) {
            results.add(new ProviderRun(provider, options, selected).run(null));
        }
        new ComparisonTable(results).print(selected, options, System.out);
    }

    /**
     * Starts {@code provider} in this JVM, runs the workloads on it and stops it. A provider that does not start, or a
     * workload that fails, is reported in the results (and on stderr) instead of ending the run.
     */
    private static ProviderResults measureHere(Provider provider, LoadOptions options, List<Workload> selected)
            throws InterruptedException {
        Target target;
        try {
            target = provider.open(options);
        } catch (Exception e) {
            System.err.printf("%s failed to start: %s%n", provider.label(), e);
            e.printStackTrace();
            return ProviderResults.failed(provider, e.toString());
        }
        List<Summary> summaries = new ArrayList<>();
        try {
            System.err.printf("Load on %s: %d workload(s), %d run(s) each, scale %s%n", target.description(),
                    selected.size(), options.repeat(), options.scale());
            String session = Long.toString(System.currentTimeMillis(), 36);
            for (Workload workload : selected) {
                summaries.add(measure(workload, target, options.repeat(), session).summary());
            }
        } finally {
            try {
                target.close();
            } catch (Exception e) {
                System.err.printf("%s did not stop cleanly: %s%n", provider.label(), e);
                e.printStackTrace();
            }
        }
        return new ProviderResults(provider, String.format("%s, JVM max heap %,d MiB", target.description(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024)), null, summaries);
    }

    private static Row measure(Workload workload, Target target, int repeat, String session)
            throws InterruptedException {
        List<Row.Run> runs = new ArrayList<>();
        for (int run = 1; run <= repeat; run++) {
            System.gc();
            Result result;
            HeapSampler heap = new HeapSampler();
            try {
                result = workload.run(target.factory(), new Destinations(workload.name(), session + "-" + run));
            } catch (Exception e) {
                System.err.printf("%s run %d/%d FAILED: %s%n", workload.name(), run, repeat, e);
                e.printStackTrace();
                return new Row(workload.name(), runs, e);
            } finally {
                heap.close();
            }
            runs.add(new Row.Run(result, heap.peakMegabytes()));
            System.err.printf("%s run %d/%d: %,d %s at %,.0f msgs/s, peak heap %.0f MB%n", workload.name(), run,
                    repeat, result.rate().messages(), result.rate().label(), result.rate().messagesPerSecond(),
                    heap.peakMegabytes());
        }
        return new Row(workload.name(), runs, null);
    }

    /** @throws IllegalArgumentException if a name is neither a workload's name nor its number (1-11) */
    static List<Workload> select(List<Workload> all, List<String> names) {
        if (names.isEmpty()) {
            return all;
        }
        Map<String, Workload> byName = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            byName.put(Integer.toString(i + 1), all.get(i));
            byName.put(all.get(i).name(), all.get(i));
        }
        List<Workload> selected = new ArrayList<>();
        for (String name : names) {
            Workload workload = byName.get(name);
            if (workload == null) {
                throw new IllegalArgumentException("--workloads: unknown workload '" + name + "' (known: "
                        + String.join(", ", byName.keySet()) + ")");
            }
            selected.add(workload);
        }
        return selected;
    }

    private static long scaled(long count, double scale) {
        return Math.max(1, Math.round(count * scale));
    }
}
