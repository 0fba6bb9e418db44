package dev.gannet.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command prints on its standard output: for people, a table, {@code name: value} lines or a sentence; with
 * {@code --json}, one JSON document of the same data (every field, where the table shows the main ones).
 */
final class Output {

    private final PrintWriter out;
    private final boolean json;

    Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /**
     * Rows of fields: a JSON array of objects, or a table of the fields {@code columns} names, headed by those names
     * in upper case ({@code deadLettered}: {@code DEAD_LETTERED}).
     */
    void rows(List<Map<String, Object>> rows, List<String> columns) {
        if (json) {
            print(Json.write(rows));
            return;
        }
        List<String> headers = new ArrayList<>();
        columns.forEach(column -> headers.add(header(column)));
        Table table = new Table(headers);
        for (Map<String, Object> row : rows) {
            List<Object> cells = new ArrayList<>();
            columns.forEach(column -> cells.add(row.get(column)));
            table.row(cells);
        }
        out.print(table.render());
        out.flush();
    }

    /** One thing's fields: a JSON object, or one {@code name: value} line per field. */
    void record(Map<String, Object> fields) {
        if (json) {
            print(Json.write(fields));
            return;
        }
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        fields.forEach((name, value) -> out.println(name + ":" + " ".repeat(width - name.length() + 1)
                + (value == null ? "-" : value)));
        out.flush();
    }

    /** What an operation did: a JSON object of {@code fields}, or {@code sentence}. */
    void result(Map<String, Object> fields, String sentence) {
        print(json ? Json.write(fields) : sentence);
    }

    private void print(String text) {
        out.println(text);
        out.flush();
    }

    private static String header(String field) {
        StringBuilder header = new StringBuilder();
        for (char c : field.toCharArray()) {
            if (Character.isUpperCase(c) && !header.isEmpty()) {
                header.append('_');
            }
            header.append(Character.toUpperCase(c));
        }
        return header.toString();
    }

    /** A time in milliseconds since the epoch as ISO-8601 text; null for 0 (not set). */
    static String time(long millis) {
        return millis == 0 ? null : Instant.ofEpochMilli(millis).toString();
    }

    /** Alternating names and values, in order. */
    static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
