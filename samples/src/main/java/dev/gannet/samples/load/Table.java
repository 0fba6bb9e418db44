package dev.gannet.samples.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints rows as a plain-text table with aligned columns. */
final class Table {

    static final List<String> HEADER = List.of("workload", "msgs/s", "MB/s", "p50 ms", "p99 ms", "p99.9 ms",
            "peak heap MB", "notes");

    private final List<List<String>> lines = new ArrayList<>();

    Table() {
        lines.add(HEADER);
    }

    void add(Row row) {
        lines.add(row.cells());
    }

    void print(PrintStream out) {
        int[] widths = new int[HEADER.size()];
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
                boolean last = i == line.size() - 1;
                if (i == 0 || last) {
                    text.append(last ? cell : String.format("%-" + widths[i] + "s", cell));
                } else {
                    text.append(String.format("%" + widths[i] + "s", cell));
                }
                if (!last) {
                    text.append("  ");
                }
            }
            out.println(text.toString().stripTrailing());
            if (n == 0) {
                out.println("-".repeat(text.length()));
            }
        }
    }
}
