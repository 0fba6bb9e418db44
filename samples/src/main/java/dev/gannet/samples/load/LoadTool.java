package dev.gannet.samples.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the ten load workloads against one JMS provider and prints a table of medians: messages and megabytes per
 * second, latency percentiles where the workload measures them, and the peak used heap of this JVM during the runs
 * (for gannet-vm and gannet-tcp the broker lives in this JVM too).
 *
 * <p>Run (see {@link LoadOptions#USAGE}): {@code java -cp ... dev.gannet.samples.load.LoadTool --provider gannet-vm
 * --scale 0.05 --repeat 1}. Progress goes to stderr, the table to stdout.
 */
public final class LoadTool {

    private LoadTool() {
    }

    /** Every workload, numbered 1-10 in this order, with its message count at scale 1.0. */
    static List<Workload> workloads(double scale) {
        return List.of(
                new QueueSend(1, scaled(20_000, scale)),
                new QueueSend(4, scaled(40_000, scale)),
                new TransactedSend(scaled(50_000, scale)),
                new QueueConsume(1, scaled(50_000, scale)),
                new QueueConsume(4, scaled(50_000, scale)),
                new NonPersistentEndToEnd(scaled(200_000, scale)),
                new TopicFanOut(scaled(50_000, scale)),
                new RequestReply(scaled(10_000, scale)),
                new DeepBacklog(scaled(1_000_000, scale)),
                new SelectorMatch(scaled(100_000, scale)));
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        List<Workload> selected;
        try {
            options = LoadOptions.parse(args);
            selected = select(workloads(options.scale()), options.workloads());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(LoadOptions.USAGE);
            return;
        }
        Table table = new Table();
        try (Target target = open(options)) {
            System.err.printf("Load on %s: %d workload(s), %d run(s) each, scale %s%n", target.description(),
                    selected.size(), options.repeat(), options.scale());
            String session = Long.toString(System.currentTimeMillis(), 36);
            for (Workload workload : selected) {
                table.add(measure(workload, target, options.repeat(), session));
            }
        }
        table.print(System.out);
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

    private static Target open(LoadOptions options) throws Exception {
        return switch (options.provider()) {
            case "gannet-vm" -> Target.gannetVm(options.dataDirectory());
            case "gannet-tcp" -> Target.gannetTcp(options.dataDirectory());
            default -> Target.jndi(options.factoryName());
        };
    }

    /** @throws IllegalArgumentException if a name is neither a workload's name nor a number 1-10 */
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
