package dev.gannet.samples.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command line of {@link LoadTool}.
 *
 * @param providers     the providers to load, in order; more than one makes a comparison run, each in a child JVM
 * @param factoryName   JNDI name of the connection factory (jndi only)
 * @param dataDirectory Gannet data directory, or null for a temporary one deleted at the end
 * @param workloads     names or numbers (1-11) of the workloads to run; empty for all
 * @param repeat        runs per workload; the table shows medians
 * @param scale         multiplies every workload's message count
 * @param heap          maximum heap ({@code -Xmx}) of every child JVM but those of workloads with a heap of their own
 *                      ({@link Workload#heap()})
 * @param resultsFile   where a child JVM writes its medians ({@link ProviderResults}), or null
 */
record LoadOptions(List<Provider> providers, String factoryName, Path dataDirectory, List<String> workloads,
                   int repeat, double scale, String heap, Path resultsFile) {

    static final String DEFAULT_HEAP = "2g";
    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

    static final String USAGE = """
            Usage: LoadTool [--provider NAME[,NAME...]] [--factory JNDI_NAME] [--data-dir PATH]
                            [--workloads NAME_OR_NUMBER,...] [--repeat N] [--scale F] [--heap SIZE]
              --provider   one or more of (default gannet-vm):
                             gannet-vm            a fresh in-process Gannet broker
                             gannet-tcp           an in-process Gannet server on a free 127.0.0.1 port, used over tcp
                             jndi                 the factory --factory (default ConnectionFactory) from
                                                  new InitialContext()
                             artemis              embedded ActiveMQ Artemis, persistent (NIO file journal), in-vm
                             artemis-tcp          the same, used over tcp on 127.0.0.1 (Netty acceptor)
                             activemq-kahadb      embedded ActiveMQ Classic, persistent on KahaDB, vm://
                             activemq-jdbc-derby  embedded ActiveMQ Classic, persistent on its JDBC store in Derby
                           The last four keep their store in a temporary directory, deleted afterwards.
                           Several, comma-separated: each runs in turn in a child JVM of its own, then one table
                           compares them with the first Gannet provider named.
              --data-dir   Gannet store directory (default: a temporary directory, deleted afterwards); with
                           several providers each Gannet provider gets its own subdirectory
              --workloads  comma-separated names or numbers 1-11 (default: all):
                             1 send-1p            20,000 persistent sends, 1 producer
                             2 send-4p            40,000 persistent sends, 4 producers
                             3 tx-batch-100       70,000 persistent sends in transactions of 100
                             4 consume-1c         40,000 pre-filled persistent messages, 1 consumer (fill unmeasured)
                             5 consume-4c         the same, 4 consumers
                             6 nonpersistent-e2e  300,000 non-persistent, producer and consumer at once
                             7 topic-fanout-4     200,000 published to 4 subscribers
                             8 request-reply      20,000 round trips after 2,000 unmeasured warm-up ones
                             9 deep-backlog       1,000,000 x 100 bytes filled, then drained
                            10 selector-1pct      100,000 queued, a selector takes the 1% that match
                            11 deep-backlog-256m  deep-backlog in a JVM of its own with -Xmx256m, for every provider
                           1 KiB bodies but for the backlogs; counts at scale 1.0
              --repeat     runs per workload, the median is shown (default 3)
              --scale      multiplies message counts (default 1.0, the full scale; 0.01 for a smoke run)
              --heap       maximum heap of each child JVM, as for -Xmx (default 2g); deep-backlog-256m keeps 256m
            """;

    /** @throws IllegalArgumentException naming the bad option */
    static LoadOptions parse(String[] args) {
        List<Provider> providers = List.of(Provider.GANNET_VM);
        String factory = "ConnectionFactory";
        Path dataDirectory = null;
        List<String> workloads = List.of();
        int repeat = 3;
        double scale = 1.0;
        String heap = DEFAULT_HEAP;
        Path resultsFile = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--provider" -> providers = providers(value);
                case "--factory" -> factory = value;
                case "--data-dir" -> dataDirectory = Path.of(value);
                case "--workloads" -> workloads = names(value);
                case "--repeat" -> repeat = Integer.parseInt(value);
                case "--scale" -> scale = Double.parseDouble(value);
                case "--heap" -> heap = value;
                case "--results" -> resultsFile = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat " + repeat + ": must be at least 1");
        }
        if (!(scale > 0)) {
            throw new IllegalArgumentException("--scale " + scale + ": must be above 0");
        }
        if (!HEAP.matcher(heap).matches()) {
            throw new IllegalArgumentException("--heap " + heap + ": give a size as for -Xmx, e.g. 2g or 1536m");
        }
        if (resultsFile != null && providers.size() > 1) {
            throw new IllegalArgumentException("--results takes one provider, not " + providers.size());
        }
        return new LoadOptions(providers, factory, dataDirectory, workloads, repeat, scale, heap, resultsFile);
    }

    /** True when several providers are to be compared, each in a child JVM. */
    boolean isComparison() {
        return providers.size() > 1;
    }

    /**
     * The options of a child JVM that runs {@code workloads} (names) on {@code provider} and writes its medians to
     * {@code results}.
     */
    List<String> childArguments(Provider provider, List<String> workloads, Path results) {
        List<String> arguments = new ArrayList<>(List.of("--provider", provider.label(),
                "--repeat", Integer.toString(repeat), "--scale", Double.toString(scale),
                "--results", results.toString()));
        if (provider == Provider.JNDI) {
            arguments.addAll(List.of("--factory", factoryName));
        }
        arguments.addAll(List.of("--workloads", String.join(",", workloads)));
        if (dataDirectory != null && provider.isGannet()) {
            arguments.addAll(List.of("--data-dir", dataDirectory.resolve(provider.label()).toString()));
        }
        return arguments;
    }

    private static List<Provider> providers(String list) {
        List<Provider> providers = new ArrayList<>();
        for (String name : names(list)) {
            Provider provider = Provider.named(name);
            if (providers.contains(provider)) {
                throw new IllegalArgumentException("--provider " + list + ": " + name + " is named twice");
            }
            providers.add(provider);
        }
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("--provider: name at least one of " + Provider.labels());
        }
        return List.copyOf(providers);
    }

    private static List<String> names(String list) {
        List<String> names = new ArrayList<>();
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return List.copyOf(names);
    }
}
