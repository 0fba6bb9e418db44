package dev.gannet.cli;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes values as JSON (RFC 8259): maps as objects (keys in the map's order), collections as arrays, numbers and
 * booleans as they are, null as {@code null}, anything else as a string. Small on purpose: the command-line tool's
 * output is all it writes, and nothing on Gannet's class path reads or writes JSON.
 */
final class Json {

    private Json() {
    }

    /** {@code value} as one JSON document, indented by two spaces per level. */
    static String write(Object value) {
        StringBuilder json = new StringBuilder();
        write(value, json, 0);
        return json.toString();
    }

    private static void write(Object value, StringBuilder json, int depth) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            json.append(value);
        } else if (value instanceof Number number) {
            double d = number.doubleValue();
            if (Double.isFinite(d)) {
                json.append(number);
            } else {
                string(number.toString(), json);
            }
        } else if (value instanceof Map<?, ?> map) {
            object(map, json, depth);
        } else if (value instanceof Collection<?> collection) {
            array(collection, json, depth);
        } else {
            string(value.toString(), json);
        }
    }

    private static void object(Map<?, ?> map, StringBuilder json, int depth) {
        if (map.isEmpty()) {
            json.append("{}");
            return;
        }
        json.append('{');
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<?, ?> entry = entries.next();
            newLine(json, depth + 1);
            string(String.valueOf(entry.getKey()), json);
            json.append(": ");
            write(entry.getValue(), json, depth + 1);
            if (entries.hasNext()) {
                json.append(',');
            }
        }
        newLine(json, depth);
        json.append('}');
    }

    private static void array(Collection<?> values, StringBuilder json, int depth) {
        if (values.isEmpty()) {
            json.append("[]");
            return;
        }
        json.append('[');
        Iterator<?> items = values.iterator();
        while (items.hasNext()) {
            newLine(json, depth + 1);
            write(items.next(), json, depth + 1);
            if (items.hasNext()) {
                json.append(',');
            }
        }
        newLine(json, depth);
        json.append(']');
    }

    private static void newLine(StringBuilder json, int depth) {
        json.append('\n');
        json.append("  ".repeat(depth));
    }

    private static void string(String text, StringBuilder json) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
