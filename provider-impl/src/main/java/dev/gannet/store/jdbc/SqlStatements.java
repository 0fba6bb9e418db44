package dev.gannet.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** The store's SQL, read from {@code sql.properties}: a dialect-prefixed key wins over the plain one. */
final class SqlStatements {

    private final Properties sql = new Properties();
    private final String dialect;

    SqlStatements(String dialect) {
        this.dialect = dialect;
        try (InputStream in = SqlStatements.class.getResourceAsStream("sql.properties")) {
            if (in == null) {
                throw new IllegalStateException("dev/gannet/store/jdbc/sql.properties is missing from the class path");
            }
            sql.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the store's SQL", e);
        }
    }

    String get(String key) {
        String value = sql.getProperty(dialect + "." + key, sql.getProperty(key));
        if (value == null) {
            throw new IllegalStateException("No SQL for key '" + key + "' (dialect " + dialect + ")");
        }
        return value;
    }

    /** The statements {@code prefix.1}, {@code prefix.2}, ... in order, as far as they go (e.g. a migration). */
    List<String> steps(String prefix) {
        List<String> steps = new ArrayList<>();
        for (int step = 1; sql.getProperty(prefix + "." + step) != null
                || sql.getProperty(dialect + "." + prefix + "." + step) != null; step++) {
            steps.add(get(prefix + "." + step));
        }
        return steps;
    }
}
