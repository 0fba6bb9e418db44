package dev.gannet.store.jdbc;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.StoreConfig;
import dev.gannet.store.MessageStore;
import dev.gannet.store.PagedMessage;
import dev.gannet.store.RecoveredBranch;
import dev.gannet.store.RecoveredState;
import dev.gannet.store.StoreException;
import dev.gannet.store.StoreOperation;
import dev.gannet.store.StoredDuplicate;
import dev.gannet.store.StoredQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@link MessageStore} over JDBC. One {@link GroupCommitWriter} owns the connection after recovery and applies
 * all units that arrive while it is busy in a single transaction; a {@link PageReader} reads the queues' stored
 * backlogs on a second connection meanwhile. Prepared XA branches live in tables of their own
 * ({@link PreparedBranches}, schema version 4).
 */
public final class JdbcMessageStore implements MessageStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcMessageStore.class);

    /** The schema this store creates, and upgrades older stores to. */
    static final int SCHEMA_VERSION = 4;

    private final Database database;
    private final SqlStatements sql;
    private final Connection connection;
    private final GroupCommitWriter writer;
    private final PageReader reader;
    private final String name;

    /** What distinguishes one database product from another for this store. */
    public interface Database {
        /** SQL dialect key used in {@code sql.properties}. */
        String dialect();

        /** Whether the database exists already (opening creates it). */
        boolean exists();

        Connection open() throws SQLException;

        /** Releases the database after the store's connection is closed. */
        void shutdown();

        /**
         * The database of the JDBC store {@code config} names: embedded Derby in {@code DATA_DIRECTORY/derby}, or a
         * database reached by URL or {@code DataSource}.
         *
         * @throws IllegalArgumentException if {@code config} names a store that is not a JDBC database
         */
        static Database of(BrokerConfig config) {
            StoreConfig store = config.store();
            if (store instanceof StoreConfig.EmbeddedDerby) {
                return new DerbyDatabase(config.dataDirectory().resolve("derby"));
            }
            if (store instanceof StoreConfig.Jdbc jdbc) {
                return ExternalDatabase.atUrl(jdbc.url(), jdbc.user(), jdbc.password(), jdbc.dialect().key());
            }
            if (store instanceof StoreConfig.JdbcDataSource source) {
                return ExternalDatabase.of(source.dataSource(), source.dialect().key());
            }
            throw new IllegalArgumentException("Broker " + config.name() + " keeps no JDBC store: its store is "
                    + store);
        }
    }

    /**
     * Opens (creating if needed) the store's schema, upgrading a store of an older version in place. Rows of an
     * old store that break the rules of the current version are set aside in GANNET_QUARANTINE.
     *
     * @throws StoreException if the database cannot be opened or holds an unknown schema version
     */
    public JdbcMessageStore(Database database, String name) {
        this.database = database;
        this.name = name;
        this.sql = new SqlStatements(database.dialect());
        try {
            this.connection = database.open();
            connection.setAutoCommit(false);
            createOrUpgradeSchema();
        } catch (SQLException e) {
            database.shutdown();
            throw new StoreException("Cannot open the " + database.dialect() + " store of broker " + name + ": "
                    + e.getMessage(), e);
        }
        this.writer = new GroupCommitWriter(name, connection, sql);
        this.reader = openReader();
    }

    private PageReader openReader() {
        Connection readerConnection = null;
        try {
            readerConnection = database.open();
            return new PageReader(name, readerConnection, sql);
        } catch (SQLException e) {
            writer.close();
            try {
                if (readerConnection != null) {
                    readerConnection.close();
                }
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            database.shutdown();
            throw new StoreException("Cannot open the " + database.dialect() + " store of broker " + name
                    + " for reading: " + e.getMessage(), e);
        }
    }

    private void createOrUpgradeSchema() throws SQLException {
        if (!tableExists("GANNET_VERSION")) {
            try (Statement s = connection.createStatement()) {
                for (String key : List.of("create.version", "create.queue", "create.message", "create.reference",
                        "create.referenceIndex", "create.duplicate", "create.quarantine")) {
                    s.execute(sql.get(key));
                }
            }
            createBranchTables();
            try (PreparedStatement p = connection.prepareStatement(sql.get("insert.version"))) {
                p.setInt(1, SCHEMA_VERSION);
                p.executeUpdate();
            }
            connection.commit();
            return;
        }
        int version = schemaVersion(connection, sql);
        if (version < 1 || version > SCHEMA_VERSION) {
            throw new SQLException("Store schema version " + version + " is not one this broker reads (1 to "
                    + SCHEMA_VERSION + ")");
        }
        if (version == 1) {
            migrateFromVersion1();
        }
        if (version <= 2) {
            migrateFromVersion2();
        }
        if (version <= 3) {
            migrateFromVersion3();
        }
        connection.commit();
    }

    /** The schema version the store's tables are at. */
    static int schemaVersion(Connection connection, SqlStatements sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql.get("select.version"))) {
            return rs.next() ? rs.getInt(1) : -1;
        }
    }

    /** Version 2 added what paging, shared-message counting and duplicate detection need. */
    private void migrateFromVersion1() throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String step : sql.steps("migrate.1")) {
                s.execute(step);
            }
            s.execute(sql.get("create.referenceIndex"));
            s.execute(sql.get("create.duplicate"));
        }
    }

    /**
     * Version 3 holds every value the broker accepts, and protects itself: checks of ranges, foreign keys from
     * references to their queue and message. Rows a version 2 store may hold against those rules (e.g. a priority
     * of 12, a reference left without its message by a failed group commit) are quarantined first.
     */
    private void migrateFromVersion2() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql.get("create.quarantine"));
            Quarantine quarantine = new Quarantine(connection, sql, name, 2);
            quarantine.rowsBreakingVersion3();
            for (String step : sql.steps("migrate.2")) {
                s.execute(step);
            }
            LOG.info("Store {}: upgraded to schema version 3; {} row(s) set aside in GANNET_QUARANTINE", name,
                    quarantine.rows());
        }
    }

    /** Version 4 keeps prepared XA branches, in tables of their own; nothing else changes. */
    private void migrateFromVersion3() throws SQLException {
        createBranchTables();
        try (Statement s = connection.createStatement()) {
            for (String step : sql.steps("migrate.3")) {
                s.execute(step);
            }
        }
        LOG.info("Store {}: upgraded to schema version 4", name);
    }

    /**
     * Creates the tables of prepared branches, each unless it is there already (a store someone took back to an
     * older version row by hand keeps them).
     */
    private void createBranchTables() throws SQLException {
        try (Statement s = connection.createStatement()) {
            if (!tableExists("GANNET_BRANCH")) {
                s.execute(sql.get("create.branch"));
            }
            if (!tableExists("GANNET_PREPARED_REFERENCE")) {
                s.execute(sql.get("create.preparedReference"));
                s.execute(sql.get("create.preparedReferenceByBranch"));
                s.execute(sql.get("create.preparedReferenceByMessage"));
            }
            if (!tableExists("GANNET_PREPARED_DUPLICATE")) {
                s.execute(sql.get("create.preparedDuplicate"));
            }
        }
    }

    private boolean tableExists(String table) throws SQLException {
        return tableExists(connection, table);
    }

    /**
     * Whether the connection's current schema (where the store's unqualified SQL creates its tables) holds
     * {@code table}, an unquoted name as the store's SQL writes it, whichever case the database folds unquoted names
     * to: upper (Derby) or lower (PostgreSQL).
     */
    static boolean tableExists(Connection connection, String table) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        String stored = metadata.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT)
                : metadata.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
        try (ResultSet rs = metadata.getTables(null, connection.getSchema(), stored,
                new String[]{"TABLE"})) {
            while (rs.next()) {
                if (table.equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    public RecoveredState recover() {
        return writer.callOnWriter(this::readState);
    }

    private RecoveredState readState() throws SQLException {
        List<StoredQueue> queues = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql.get("select.queues"))) {
            while (rs.next()) {
                queues.add(new StoredQueue(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getShort(5) != 0, rs.getShort(6) != 0));
            }
        }
        Map<Long, long[]> counts = new HashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery(sql.get("select.pendingCounts"))) {
            while (rs.next()) {
                counts.computeIfAbsent(rs.getLong(1), q -> new long[10])[rs.getShort(2)] = rs.getLong(3);
            }
        }
        List<StoredDuplicate> duplicates = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql.get("select.duplicates"))) {
            while (rs.next()) {
                duplicates.add(new StoredDuplicate(rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
        }
        long maxMessageId = maxOf("select.maxMessageId");
        long maxQueueId = maxOf("select.maxQueueId");
        long quarantined = Quarantine.count(connection, sql);
        List<RecoveredBranch> prepared = new PreparedBranches(connection, sql).recover();
        connection.commit();
        return new RecoveredState(queues, counts, duplicates, maxMessageId, maxQueueId, quarantined, prepared);
    }

    @Override
    public CompletableFuture<List<PagedMessage>> page(long queueId, int priority, long afterId, long beforeId,
                                                     int limit) {
        // a read sees every write submitted before it (a returned message's delivery count, a sweep's removals)
        return writer.afterSubmitted().thenCompose(written -> reader.page(queueId, priority, afterId, beforeId,
                limit));
    }

    private long maxOf(String key) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql.get(key))) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Override
    public CompletableFuture<Integer> quarantineQueue(long queueId, String reason) {
        return writer.submitTask(() -> {
            Quarantine quarantine = new Quarantine(connection, sql, name, SCHEMA_VERSION);
            quarantine.queue(queueId, reason);
            return quarantine.rows();
        });
    }

    @Override
    public CompletableFuture<Void> write(List<StoreOperation> operations) {
        return writer.submit(operations);
    }

    @Override
    public void close() {
        writer.close();
        reader.close();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("Cannot close the store connection", e);
        } finally {
            database.shutdown();
        }
    }
}
