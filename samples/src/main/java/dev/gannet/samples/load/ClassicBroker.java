package dev.gannet.samples.load;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.apache.activemq.store.PersistenceAdapter;
import org.apache.activemq.store.jdbc.JDBCPersistenceAdapter;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.derby.jdbc.EmbeddedDataSource;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Apache ActiveMQ Classic (6.1, the jakarta.jms line) embedded in the tool's JVM as a comparison broker, on KahaDB
 * ({@code --provider activemq-kahadb}) or on its JDBC store in embedded Derby ({@code --provider activemq-jdbc-derby}).
 *
 * <p>Fairness, against Gannet's vm transport on its Derby store:
 * <ul>
 *   <li>Persistent broker, its store in a fresh temporary directory deleted afterwards. KahaDB with its defaults:
 *       journal disk sync strategy {@code always} (every store write is synced; concurrent writers share a sync),
 *       {@code concurrentStoreAndDispatchQueues=true}. JDBC: Derby 10.16 (the version Gannet uses) with Derby's
 *       defaults, as under Gannet (the data source ActiveMQ builds by itself would also shrink Derby's page cache to
 *       100 pages); like that default, a plain {@link EmbeddedDataSource} without a pool; no database lock (one
 *       broker per store).</li>
 *   <li>{@code vm://} transport to the broker by name: no sockets and no marshalling between client and broker, as
 *       with Gannet's vm transport.</li>
 *   <li>No JMX, advisory messages off (Gannet has none to send), scheduler off, no shutdown hook.</li>
 *   <li>Client: {@code useAsyncSend=false} and {@code alwaysSyncSend=false}, so a persistent send outside a
 *       transaction waits for the broker's store (Classic's default) and a non-persistent one does not; a transacted
 *       session's sends go ahead and its commit waits. {@code watchTopicAdvisories=false} to match the broker.
 *       Prefetch defaults: 1,000 messages for queues (Gannet: 1,000), 32,767 for topic subscribers.</li>
 *   <li>Broker memory limit default (1 GiB of message memory, fitted to the heap), producer flow control on. One
 *       deviation from the defaults: destinations page in up to {@link Drain#BATCH} messages at a time instead of 200
 *       ({@link #pageSizeForTransactions()}), or a consumer committing every {@link Drain#BATCH} stalls.</li>
 * </ul>
 *
 * <p>Known limit, left as it is: a queue dispatches only among the messages it has paged in, so once non-matching
 * messages fill a page, a consumer whose selector matches 1% of a deep queue (selector-1pct) receives nothing more
 * until those are consumed, and that workload fails after {@link Drain#IDLE_LIMIT} once the queue is more than a
 * couple of pages deep (it passes at scale 0.01, 1,000 messages, and fails at 0.05). Paging the whole queue into
 * memory would hide it, but is not how Classic is run.
 */
final class ClassicBroker {

    static final String NAME = "activemq-load";
    /** Connects to the broker started here by name; never starts one of its own. */
    static final String URL = "vm://" + NAME + "?create=false";
    /** Derby's SQL state when a database has shut down as asked. */
    private static final String DERBY_DATABASE_SHUT_DOWN = "08006";

    private ClassicBroker() {
    }

    /**
     * Starts the broker on KahaDB in a fresh temporary directory.
     *
     * @throws Exception whatever ActiveMQ throws when it cannot start; the directory is deleted again
     */
    static Target kahaDb() throws Exception {
        return Target.inTemporaryDirectory("activemq-kahadb", directory -> {
            KahaDBPersistenceAdapter kahaDb = new KahaDBPersistenceAdapter();
            kahaDb.setDirectory(directory.resolve("kahadb").toFile());
            return start("activemq-kahadb", "KahaDB", directory, kahaDb, () -> {
            });
        });
    }

    /**
     * Starts the broker on its JDBC store in an embedded Derby database in a fresh temporary directory; the database
     * is shut down when the broker stops. Derby's log goes to that directory unless a {@code derby.stream.error.*}
     * system property already says where.
     *
     * @throws Exception whatever ActiveMQ or Derby throws when it cannot start; the directory is deleted again
     */
    static Target jdbcDerby() throws Exception {
        return Target.inTemporaryDirectory("activemq-jdbc-derby", directory -> {
            if (System.getProperty("derby.stream.error.file") == null
                    && System.getProperty("derby.stream.error.method") == null
                    && System.getProperty("derby.stream.error.field") == null) {
                System.setProperty("derby.stream.error.file", directory.resolve("derby.log").toString());
            }
            String database = directory.resolve("derby").toAbsolutePath().toString();
            EmbeddedDataSource dataSource = new EmbeddedDataSource();
            dataSource.setDatabaseName(database);
            dataSource.setCreateDatabase("create");
            JDBCPersistenceAdapter jdbc = new JDBCPersistenceAdapter();
            jdbc.setDataSource(dataSource);
            jdbc.setDataDirectoryFile(directory.toFile());
            jdbc.setUseLock(false);
            return start("activemq-jdbc-derby", "JDBC store on Derby", directory, jdbc,
                    () -> shutDownDerby(database));
        });
    }

    /**
     * Starts a broker on {@code store}; {@code afterStop} runs once the broker has stopped, or has failed to start.
     */
    private static Target start(String label, String storeName, Path directory, PersistenceAdapter store,
                                AutoCloseable afterStop) throws Exception {
        BrokerService broker = new BrokerService();
        broker.setBrokerName(NAME);
        broker.setPersistent(true);
        broker.setUseJmx(false);
        broker.setAdvisorySupport(false);
        broker.setSchedulerSupport(false);
        broker.setUseShutdownHook(false);
        broker.setDataDirectoryFile(directory.toFile());
        broker.setTmpDataDirectory(directory.resolve("tmp").toFile());
        broker.setPersistenceAdapter(store);
        broker.setDestinationPolicy(pageSizeForTransactions());
        try {
            broker.start();
            if (!broker.waitUntilStarted()) {
                throw new IllegalStateException("ActiveMQ broker " + NAME + " stopped while starting");
            }
        } catch (Exception e) {
            try {
                stop(broker, afterStop);
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(URL);
        factory.setUseAsyncSend(false);
        factory.setAlwaysSyncSend(false);
        factory.setWatchTopicAdvisories(false);
        return new Target(label + " " + URL + " (embedded ActiveMQ Classic, " + storeName + " in " + directory + ")",
                factory, () -> stop(broker, afterStop), directory);
    }

    /**
     * Every destination pages in up to {@link Drain#BATCH} messages instead of 200: a queue does not dispatch beyond
     * its paged-in messages until some are acknowledged, so a consumer taking {@link Drain#BATCH} messages per
     * transaction would wait at message 200 until the 30 s expiry scan pages in more.
     */
    private static PolicyMap pageSizeForTransactions() {
        PolicyEntry entry = new PolicyEntry();
        entry.setMaxPageSize(Drain.BATCH);
        PolicyMap policies = new PolicyMap();
        policies.setDefaultEntry(entry);
        return policies;
    }

    private static void stop(BrokerService broker, AutoCloseable afterStop) throws Exception {
        try {
            broker.stop();
            broker.waitUntilStopped();
        } finally {
            afterStop.close();
        }
    }

    /** @throws SQLException if Derby does not report the database as shut down */
    private static void shutDownDerby(String database) throws SQLException {
        EmbeddedDataSource shutdown = new EmbeddedDataSource();
        shutdown.setDatabaseName(database);
        shutdown.setShutdownDatabase("shutdown");
        try {
            shutdown.getConnection().close();
        } catch (SQLException e) {
            if (DERBY_DATABASE_SHUT_DOWN.equals(e.getSQLState())) {
                return;
            }
            throw e;
        }
        throw new SQLException("Derby database " + database + " is still open after shutdown=true");
    }
}
