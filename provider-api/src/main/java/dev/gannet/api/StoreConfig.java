package dev.gannet.api;

import javax.sql.DataSource;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a broker keeps its durable queues, durable subscriptions and persistent messages: one of
 * <ul>
 *   <li>{@link #embeddedDerby()} — an embedded Apache Derby database in {@code DATA_DIRECTORY/derby}, which the
 *       broker creates, runs and shuts down itself (the default);</li>
 *   <li>{@link #jdbc(String, String, String, Dialect)} or {@link #jdbc(DataSource, Dialect)} — a database the broker
 *       reaches over JDBC and does not run: it creates its tables there on first start (all named
 *       {@code GANNET_...}) and upgrades them in place, speaking the SQL of the given {@link Dialect};</li>
 *   <li>{@link #inMemory()} — the broker's heap, nothing on disk. Not durable: persistent messages, durable
 *       subscriptions and queues survive neither a broker restart nor a crash, like ActiveMQ Artemis with
 *       {@code persistence-enabled=false}. For tests and for brokers whose messages may be lost.</li>
 * </ul>
 * Values are immutable; a {@link Jdbc} store holds the password it is given, which its {@code toString} hides.
 */
public sealed interface StoreConfig permits StoreConfig.EmbeddedDerby, StoreConfig.Jdbc, StoreConfig.JdbcDataSource,
        StoreConfig.InMemory {

    /** The SQL a JDBC store speaks; its name is the prefix of its keys in the store's SQL resource. */
    enum Dialect {
        /** Apache Derby 10.16, embedded or network server. */
        DERBY,
        /** PostgreSQL 12 or later. */
        POSTGRESQL;

        /** The dialect's name in lower case, as configuration files write it ({@code derby}, {@code postgresql}). */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The dialect named {@code key}, in any case.
         *
         * @throws IllegalArgumentException naming the known dialects if there is none of that name
         */
        public static Dialect of(String key) {
            for (Dialect dialect : values()) {
                if (dialect.key().equalsIgnoreCase(key)) {
                    return dialect;
                }
            }
            throw new IllegalArgumentException("Store dialect '" + key + "' is not one of derby, postgresql");
        }
    }

    /** The default: embedded Derby in {@code DATA_DIRECTORY/derby}. */
    static StoreConfig embeddedDerby() {
        return EmbeddedDerby.INSTANCE;
    }

    /**
     * A non-durable store in the broker's heap: everything it holds is lost when the broker stops.
     */
    static StoreConfig inMemory() {
        return InMemory.INSTANCE;
    }

    /**
     * A database reached by JDBC URL, e.g. {@code jdbc:postgresql://db:5432/gannet}; its driver must be on the class
     * path.
     *
     * @param user     the database user, or null to connect without one (the URL may name it)
     * @param password the user's password, or null
     * @throws IllegalArgumentException if the URL does not start with {@code jdbc:}, or a password is given without a
     *                                  user
     * @throws NullPointerException     if the URL or dialect is null
     */
    static StoreConfig jdbc(String url, String user, String password, Dialect dialect) {
        return new Jdbc(url, user, password, dialect);
    }

    /**
     * A database reached through {@code dataSource} (e.g. a pool the application server provides). The broker takes
     * one connection from it and holds it while it runs.
     *
     * @throws NullPointerException if either argument is null
     */
    static StoreConfig jdbc(DataSource dataSource, Dialect dialect) {
        return new JdbcDataSource(dataSource, dialect);
    }

    /** Embedded Derby in the broker's data directory: see {@link #embeddedDerby()}. */
    final class EmbeddedDerby implements StoreConfig {
        private static final EmbeddedDerby INSTANCE = new EmbeddedDerby();

        private EmbeddedDerby() {
        }

        @Override
        public String toString() {
            return "embedded Derby";
        }
    }

    /** The broker's heap, not durable: see {@link #inMemory()}. */
    final class InMemory implements StoreConfig {
        private static final InMemory INSTANCE = new InMemory();

        private InMemory() {
        }

        @Override
        public String toString() {
            return "in memory (not durable)";
        }
    }

    /**
     * A database reached by JDBC URL: see {@link #jdbc(String, String, String, Dialect)}.
     *
     * @param user     the database user, or null
     * @param password the user's password, or null
     */
    record Jdbc(String url, String user, String password, Dialect dialect) implements StoreConfig {

        /** @throws IllegalArgumentException as {@link StoreConfig#jdbc(String, String, String, Dialect)} */
        public Jdbc {
            Objects.requireNonNull(url, "JDBC URL");
            Objects.requireNonNull(dialect, "store dialect");
            if (!url.startsWith("jdbc:")) {
                throw new IllegalArgumentException("Store URL '" + url + "' is not a JDBC URL (jdbc:...)");
            }
            if (password != null && user == null) {
                throw new IllegalArgumentException("Store URL '" + url + "': a password needs a user");
            }
        }

        /** The URL, user and dialect; never the password. */
        @Override
        public String toString() {
            return dialect.key() + " store at " + url + (user == null ? "" : " as " + user);
        }
    }

    /** A database reached through a {@link DataSource}: see {@link #jdbc(DataSource, Dialect)}. */
    record JdbcDataSource(DataSource dataSource, Dialect dialect) implements StoreConfig {

        public JdbcDataSource {
            Objects.requireNonNull(dataSource, "data source");
            Objects.requireNonNull(dialect, "store dialect");
        }

        @Override
        public String toString() {
            return dialect.key() + " store from " + dataSource;
        }
    }
}
