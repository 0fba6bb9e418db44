package dev.gannet.samples.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@link LoadTool}.
 *
 * @param provider      {@code gannet-vm}, {@code gannet-tcp} or {@code jndi}
 * @param factoryName   JNDI name of the connection factory (jndi only)
 * @param dataDirectory Gannet data directory, or null for a temporary one deleted at the end
 * @param workloads     names or numbers (1-10) of the workloads to run; empty for all
 * @param repeat        runs per workload; the table shows medians
 * @param scale         multiplies every workload's message count
 */
record LoadOptions(String provider, String factoryName, Path dataDirectory, List<String> workloads, int repeat,
                   double scale) {

    static final String USAGE = """
            Usage: LoadTool [--provider gannet-vm|gannet-tcp|jndi] [--factory JNDI_NAME] [--data-dir PATH]
                            [--workloads NAME_OR_NUMBER,...] [--repeat N] [--scale F]
              --provider   gannet-vm (default): a fresh in-process broker; gannet-tcp: an in-process server on a free
                           127.0.0.1 port, used over tcp; jndi: the factory --factory (default ConnectionFactory)
                           from new InitialContext()
              --data-dir   Gannet store directory (default: a temporary directory, deleted afterwards)
              --workloads  comma-separated names or numbers 1-10 (default: all)
              --repeat     runs per workload, the median is shown (default 3)
              --scale      multiplies message counts (default 1.0; 0.01 for a smoke run)
            """;

    /** @throws IllegalArgumentException naming the bad option */
    static LoadOptions parse(String[] args) {
        String provider = "gannet-vm";
        String factory = "ConnectionFactory";
        Path dataDirectory = null;
        List<String> workloads = List.of();
        int repeat = 3;
        double scale = 1.0;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--provider" -> provider = value;
                case "--factory" -> factory = value;
                case "--data-dir" -> dataDirectory = Path.of(value);
                case "--workloads" -> workloads = names(value);
                case "--repeat" -> repeat = Integer.parseInt(value);
                case "--scale" -> scale = Double.parseDouble(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (!List.of("gannet-vm", "gannet-tcp", "jndi").contains(provider)) {
            throw new IllegalArgumentException("--provider " + provider + ": use gannet-vm, gannet-tcp or jndi");
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat " + repeat + ": must be at least 1");
        }
        if (!(scale > 0)) {
            throw new IllegalArgumentException("--scale " + scale + ": must be above 0");
        }
        return new LoadOptions(provider, factory, dataDirectory, workloads, repeat, scale);
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
