package dev.gannet.samples.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Prints rows as a plain-text table with aligned columns: text columns to the left, figures to the right. */
final class Table {

    /** The columns of one provider's table, one row per {@link Summary}. */
    static final List<String> HEADER = List.of("workload", "msgs/s", "CPU us/msg", "MB/s", "p50 ms", "p99 ms",
            "p99.9 ms", "peak heap MB", "notes");

    private final List<List<String>> lines = new ArrayList<>();
    private final Set<Integer> textColumns;

    /** @param textColumns indexes of the columns aligned to the left */
    Table(List<String> header, Set<Integer> textColumns) {
        this.textColumns = Set.copyOf(textColumns);
        lines.add(List.copyOf(header));
    }

    /** An empty table of {@link #HEADER}. */
    static Table ofSummaries() {
        return new Table(HEADER, Set.of(0, HEADER.size() - 1));
    }

    void add(Summary summary) {
        add(summary.cells());
    }

    void add(List<String> cells) {
        lines.add(List.copyOf(cells));
    }

    void print(PrintStream out) {
        int[] widths = new int[lines.get(0).size()];
        Arrays.fill(widths, 1);
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        for (int n = 0; n < lines.size(); n++) {
            List<String> line = lines.get(n);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                String cell = line.get(i);
                text.append(String.format("%" + (textColumns.contains(i) ? "-" : "") + widths[i] + "s", cell));
                if (i < line.size() - 1) {
                    text.append("  ");
                }
            }
            String printed = text.toString().stripTrailing();
            out.println(printed);
            if (n == 0) {
                out.println("-".repeat(printed.length()));
            }
        }
    }
}
