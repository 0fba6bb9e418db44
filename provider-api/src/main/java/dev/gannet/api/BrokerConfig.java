package dev.gannet.api;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable configuration of one Gannet broker.
 *
 * <p>A broker is identified by its {@link #name()} (the {@code NAME} in {@code vm://NAME}), keeps its
 * persistent state in the {@link #store()} (by default an embedded Derby database under {@link #dataDirectory()};
 * or a database reached over JDBC; or, not durable, its heap), and treats each destination
 * according to the {@link DestinationSettings} that {@link #destinations()} resolves for its name (redelivery and
 * dead-lettering, expiry, limits, paging):
 *
 * <pre>{@code
 * BrokerConfig config = BrokerConfig.builder().name("orders")
 *         .destination("#", DestinationSettings.builder().maxDeliveryAttempts(5).build())
 *         .destination("orders.*", DestinationSettings.builder().redeliveryDelayMillis(1000)
 *                 .redeliveryMultiplier(2.0).deadLetterQueue("orders.DLQ").build())
 *         .build();
 * }</pre>
 *
 * @param name          broker name; letters, digits, '.', '_' and '-' only
 * @param dataDirectory directory holding the broker's embedded Derby store (created when missing); unused by the
 *                      other stores
 * @param destinations  per-destination settings by name pattern; {@link DestinationPolicies#none()} gives every
 *                      destination {@link DestinationSettings#defaults()}
 * @param store         where persistent state is kept; {@link StoreConfig#embeddedDerby()} by default
 * @param transactionTimeout how long an XA transaction branch may go unprepared when its transaction manager gives
 *                      it no timeout of its own (an {@code XAResource} timeout of 0): past it the broker rolls the
 *                      branch back; {@link #DEFAULT_TRANSACTION_TIMEOUT} by default
 * @param security      who may connect and what each may do; {@link SecurityConfig#DISABLED} by default
 * @param jmxEnabled    whether the broker's MXBeans ({@link dev.gannet.api.management}) are registered in the
 *                      platform MBean server while it runs; true by default
 * @param memoryBudgetBytes the heap, in bytes, that the messages waiting in all queues and subscriptions together
 *                      may take before durable queues page their persistent backlog to the store (they read it back
 *                      as the budget frees up); {@link #DEFAULT_MEMORY_BUDGET} (-1) for half the JVM's maximum heap.
 *                      A destination's {@link DestinationSettings#memoryWindowBytes()} caps one queue below it
 */
public record BrokerConfig(String name, Path dataDirectory, DestinationPolicies destinations, StoreConfig store,
                           Duration transactionTimeout, SecurityConfig security, boolean jmxEnabled,
                           long memoryBudgetBytes) {

    /** Name of the broker that {@code new GannetConnectionFactory()} connects to. */
    public static final String DEFAULT_NAME = "localhost";

    /** The XA transaction timeout unless configured otherwise: 300 seconds. */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(300);

    /** The memory budget unless configured otherwise: -1, half the JVM's maximum heap ({@code -Xmx}). */
    public static final long DEFAULT_MEMORY_BUDGET = -1;

    /**
     * @throws IllegalArgumentException if the name is empty or holds other characters than letters, digits,
     *                                  '.', '_' and '-'; or the transaction timeout is not at least one millisecond;
     *                                  or the memory budget is neither -1 nor at least 1
     * @throws NullPointerException     if any component is null
     */
    public BrokerConfig {
        Objects.requireNonNull(name, "broker name");
        Objects.requireNonNull(dataDirectory, "data directory");
        Objects.requireNonNull(destinations, "destinations");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(transactionTimeout, "transaction timeout");
        Objects.requireNonNull(security, "security");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("Broker name '" + name
                    + "' must be non-empty and use only letters, digits, '.', '_' and '-'");
        }
        if (transactionTimeout.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("Transaction timeout " + transactionTimeout
                    + " must be at least one millisecond");
        }
        if (memoryBudgetBytes != DEFAULT_MEMORY_BUDGET && memoryBudgetBytes < 1) {
            throw new IllegalArgumentException("Memory budget " + memoryBudgetBytes
                    + " must be -1 (half the maximum heap) or at least 1 byte");
        }
    }

    /**
     * A broker with the {@link #DEFAULT_MEMORY_BUDGET}.
     *
     * @throws IllegalArgumentException as {@link #BrokerConfig(String, Path, DestinationPolicies, StoreConfig,
     *                                  Duration, SecurityConfig, boolean, long)}
     */
    public BrokerConfig(String name, Path dataDirectory, DestinationPolicies destinations, StoreConfig store,
                        Duration transactionTimeout, SecurityConfig security, boolean jmxEnabled) {
        this(name, dataDirectory, destinations, store, transactionTimeout, security, jmxEnabled,
                DEFAULT_MEMORY_BUDGET);
    }

    /**
     * The memory budget in bytes this configuration gives a broker in this JVM: {@link #memoryBudgetBytes()}, or
     * half of {@link Runtime#maxMemory()} for {@link #DEFAULT_MEMORY_BUDGET}.
     */
    public long effectiveMemoryBudgetBytes() {
        return memoryBudgetBytes != DEFAULT_MEMORY_BUDGET ? memoryBudgetBytes
                : Runtime.getRuntime().maxMemory() / 2;
    }

    /**
     * A broker with {@code security} and its MXBeans registered while it runs.
     *
     * @throws IllegalArgumentException as {@link #BrokerConfig(String, Path, DestinationPolicies, StoreConfig,
     *                                  Duration, SecurityConfig, boolean, long)}
     */
    public BrokerConfig(String name, Path dataDirectory, DestinationPolicies destinations, StoreConfig store,
                        Duration transactionTimeout, SecurityConfig security) {
        this(name, dataDirectory, destinations, store, transactionTimeout, security, true);
    }

    /**
     * A broker without security, with its MXBeans registered while it runs.
     *
     * @throws IllegalArgumentException as {@link #BrokerConfig(String, Path, DestinationPolicies, StoreConfig,
     *                                  Duration, SecurityConfig, boolean, long)}
     */
    public BrokerConfig(String name, Path dataDirectory, DestinationPolicies destinations, StoreConfig store,
                        Duration transactionTimeout) {
        this(name, dataDirectory, destinations, store, transactionTimeout, SecurityConfig.DISABLED);
    }

    /**
     * A broker on {@code store} with the {@link #DEFAULT_TRANSACTION_TIMEOUT}.
     *
     * @throws IllegalArgumentException as {@link #BrokerConfig(String, Path, DestinationPolicies, StoreConfig,
     *                                  Duration, SecurityConfig, boolean, long)}
     */
    public BrokerConfig(String name, Path dataDirectory, DestinationPolicies destinations, StoreConfig store) {
        this(name, dataDirectory, destinations, store, DEFAULT_TRANSACTION_TIMEOUT);
    }

    /**
     * A broker on its embedded Derby store in {@code dataDirectory}.
     *
     * @throws IllegalArgumentException as {@link #BrokerConfig(String, Path, DestinationPolicies, StoreConfig,
     *                                  Duration, SecurityConfig, boolean, long)}
     */
    public BrokerConfig(String name, Path dataDirectory, DestinationPolicies destinations) {
        this(name, dataDirectory, destinations, StoreConfig.embeddedDerby());
    }

    /**
     * A broker on its embedded Derby store in {@code dataDirectory}, whose destinations all have
     * {@link DestinationSettings#defaults()}.
     *
     * @throws IllegalArgumentException as {@link #BrokerConfig(String, Path, DestinationPolicies, StoreConfig,
     *                                  Duration, SecurityConfig, boolean, long)}
     */
    public BrokerConfig(String name, Path dataDirectory) {
        this(name, dataDirectory, DestinationPolicies.none());
    }

    /**
     * A builder starting from the defaults: name {@value #DEFAULT_NAME}, data directory
     * {@link #defaultDataDirectory(String)}, no destination patterns, the embedded Derby store, the
     * {@link #DEFAULT_TRANSACTION_TIMEOUT}, no security, MXBeans registered, the {@link #DEFAULT_MEMORY_BUDGET}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Where a broker keeps its store unless told otherwise: {@code gannet-data/NAME} under the system property
     * {@code gannet.data.dir} if set, else under the working directory.
     */
    public static Path defaultDataDirectory(String brokerName) {
        String base = System.getProperty("gannet.data.dir");
        return (base == null ? Path.of("gannet-data") : Path.of(base)).resolve(brokerName);
    }

    /** Builds {@link BrokerConfig} values. */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private Path dataDirectory;
        private DestinationPolicies.Builder destinations = DestinationPolicies.builder();
        private StoreConfig store = StoreConfig.embeddedDerby();
        private Duration transactionTimeout = DEFAULT_TRANSACTION_TIMEOUT;
        private SecurityConfig security = SecurityConfig.DISABLED;
        private boolean jmxEnabled = true;
        private long memoryBudgetBytes = DEFAULT_MEMORY_BUDGET;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** Replaces the destination patterns given so far with those of {@code destinations}. */
        public Builder destinations(DestinationPolicies destinations) {
            this.destinations = DestinationPolicies.builder().addAll(destinations);
            return this;
        }

        /**
         * Adds one destination pattern to those given so far, as {@link DestinationPolicies.Builder#add} does
         * (adding a pattern again merges, the later settings winning).
         *
         * @throws IllegalArgumentException naming the pattern if it is not a valid pattern
         */
        public Builder destination(String pattern, DestinationSettings settings) {
            destinations.add(pattern, settings);
            return this;
        }

        /**
         * Where the broker keeps its persistent state (default {@link StoreConfig#embeddedDerby()}).
         *
         * @throws NullPointerException if {@code store} is null
         */
        public Builder store(StoreConfig store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Keeps everything in the broker's heap ({@link StoreConfig#inMemory()}): nothing survives the broker's stop,
         * persistent messages included.
         */
        public Builder inMemoryStore() {
            return store(StoreConfig.inMemory());
        }

        /**
         * Keeps persistent state in the database at the JDBC {@code url} ({@link StoreConfig#jdbc(String, String,
         * String, StoreConfig.Dialect)}).
         *
         * @param user     the database user, or null
         * @param password the user's password, or null
         * @throws IllegalArgumentException if the URL does not start with {@code jdbc:}, or a password is given
         *                                  without a user
         */
        public Builder jdbcStore(String url, String user, String password, StoreConfig.Dialect dialect) {
            return store(StoreConfig.jdbc(url, user, password, dialect));
        }

        /**
         * Keeps persistent state in the database of {@code dataSource}
         * ({@link StoreConfig#jdbc(DataSource, StoreConfig.Dialect)}).
         */
        public Builder jdbcStore(DataSource dataSource, StoreConfig.Dialect dialect) {
            return store(StoreConfig.jdbc(dataSource, dialect));
        }

        /**
         * How long an XA branch may go unprepared when its transaction manager sets no timeout (default
         * {@link #DEFAULT_TRANSACTION_TIMEOUT}); checked by {@link #build()}.
         */
        public Builder transactionTimeout(Duration transactionTimeout) {
            this.transactionTimeout = transactionTimeout;
            return this;
        }

        /**
         * Who may connect and what each may do (default {@link SecurityConfig#DISABLED}).
         *
         * @throws NullPointerException if {@code security} is null
         */
        public Builder security(SecurityConfig security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /**
         * Whether the broker registers its MXBeans in the platform MBean server while it runs (default true); see
         * {@link dev.gannet.api.management}.
         */
        public Builder jmxEnabled(boolean jmxEnabled) {
            this.jmxEnabled = jmxEnabled;
            return this;
        }

        /**
         * The heap the waiting messages of all queues together may take before durable queues page (default
         * {@link BrokerConfig#DEFAULT_MEMORY_BUDGET}, half the maximum heap); checked by {@link #build()}.
         */
        public Builder memoryBudgetBytes(long memoryBudgetBytes) {
            this.memoryBudgetBytes = memoryBudgetBytes;
            return this;
        }

        /**
         * @throws IllegalArgumentException as {@link #BrokerConfig(String, Path, DestinationPolicies, StoreConfig,
         *                                  Duration, SecurityConfig, boolean, long)}
         * @throws NullPointerException     if the transaction timeout is null
         */
        public BrokerConfig build() {
            return new BrokerConfig(name, dataDirectory != null ? dataDirectory : defaultDataDirectory(name),
                    destinations.build(), store, transactionTimeout, security, jmxEnabled, memoryBudgetBytes);
        }
    }
}
