package dev.gannet.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A table for people: a header line of column names, then one line per row, each column as wide as its widest cell
 * (cut at {@value #MAX_CELL} characters with {@code ...}), numbers aligned right, text left.
 */
final class Table {

    /** The most characters a cell shows. */
    static final int MAX_CELL = 60;

    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    Table(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Adds a row of cells, one per column in the columns' order. */
    Table row(List<Object> cells) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + columns.size() + " columns");
        }
        rows.add(cells);
        return this;
    }

    /** The table as lines of text, each ending with a line separator. */
    String render() {
        int[] widths = new int[columns.size()];
        boolean[] numeric = new boolean[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).length();
            numeric[c] = !rows.isEmpty();
        }
        List<List<String>> texts = new ArrayList<>();
        for (List<Object> row : rows) {
            List<String> line = new ArrayList<>();
            for (int c = 0; c < row.size(); c++) {
                Object cell = row.get(c);
                String text = cell(cell);
                numeric[c] &= cell instanceof Number;
                widths[c] = Math.max(widths[c], text.length());
                line.add(text);
            }
            texts.add(line);
        }
        StringBuilder out = new StringBuilder();
        line(columns, widths, numeric, out);
        for (List<String> line : texts) {
            line(line, widths, numeric, out);
        }
        return out.toString();
    }

    private static String cell(Object value) {
        String text = value == null ? "-" : value.toString().replace('\n', ' ').replace('\r', ' ');
        return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 3) + "..." : text;
    }

    private static void line(List<String> cells, int[] widths, boolean[] numeric, StringBuilder out) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append("  ");
            }
            String text = cells.get(c);
            String pad = " ".repeat(widths[c] - text.length());
            line.append(numeric[c] ? pad + text : text + pad);
        }
        out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
}
