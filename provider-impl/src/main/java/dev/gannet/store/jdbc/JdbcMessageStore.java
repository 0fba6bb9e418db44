package dev.gannet.store.jdbc;

import dev.gannet.store.MessageStore;
import dev.gannet.store.RecoveredState;
import dev.gannet.store.StoreException;
import dev.gannet.store.StoreOperation;
import dev.gannet.store.StoredMessage;
import dev.gannet.store.StoredQueue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@link MessageStore} over JDBC. One {@link GroupCommitWriter} owns the connection after recovery and applies
 * all units that arrive while it is busy in a single transaction.
 */
public final class JdbcMessageStore implements MessageStore {

    private static final int SCHEMA_VERSION = 1;

    private final Database database;
    private final SqlStatements sql;
    private final Connection connection;
    private final GroupCommitWriter writer;

    /** What distinguishes one database product from another for this store. */
    public interface Database {
        /** SQL dialect key used in {@code sql.properties}. */
        String dialect();

        Connection open() throws SQLException;

        /** Releases the database after the store's connection is closed. */
        void shutdown();
    }

    /**
     * Opens (creating if needed) the store's schema.
     *
     * @throws StoreException if the database cannot be opened or holds an unknown schema version
     */
    public JdbcMessageStore(Database database, String name) {
        this.database = database;
        this.sql = new SqlStatements(database.dialect());
        try {
            this.connection = database.open();
            connection.setAutoCommit(false);
            createOrCheckSchema();
        } catch (SQLException e) {
            database.shutdown();
            throw new StoreException("Cannot open the " + database.dialect() + " store of broker " + name, e);
        }
        this.writer = new GroupCommitWriter(name, connection, sql);
    }

    private void createOrCheckSchema() throws SQLException {
        if (!tableExists("GANNET_VERSION")) {
            try (Statement s = connection.createStatement()) {
                for (String key : List.of("create.version", "create.queue", "create.message", "create.reference")) {
                    s.execute(sql.get(key));
                }
            }
            try (PreparedStatement p = connection.prepareStatement(sql.get("insert.version"))) {
                p.setInt(1, SCHEMA_VERSION);
                p.executeUpdate();
            }
            connection.commit();
            return;
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql.get("select.version"))) {
            int version = rs.next() ? rs.getInt(1) : -1;
            if (version != SCHEMA_VERSION) {
                throw new SQLException("Store schema version " + version + " is not the supported version "
                        + SCHEMA_VERSION);
            }
        }
        connection.commit();
    }

    private boolean tableExists(String table) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getTables(null, null, table, null)) {
            return rs.next();
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
        Map<Long, List<RecoveredState.Pending>> pending = new LinkedHashMap<>();
        Map<Long, StoredMessage> messages = new HashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql.get("select.pending"))) {
            while (rs.next()) {
                long messageId = rs.getLong(3);
                StoredMessage message = messages.get(messageId);
                if (message == null) {
                    message = new StoredMessage(messageId, rs.getShort(4), rs.getLong(5), rs.getLong(6), rs.getString(7),
                            rs.getBytes(8));
                    messages.put(messageId, message);
                }
                pending.computeIfAbsent(rs.getLong(1), q -> new ArrayList<>())
                        .add(new RecoveredState.Pending(message, rs.getInt(2)));
            }
        }
        long maxMessageId = maxOf("select.maxMessageId");
        long maxQueueId = maxOf("select.maxQueueId");
        connection.commit();
        return new RecoveredState(queues, pending, maxMessageId, maxQueueId);
    }

    private long maxOf(String key) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql.get(key))) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Override
    public CompletableFuture<Void> write(List<StoreOperation> operations) {
        return writer.submit(operations);
    }

    @Override
    public void close() {
        writer.close();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("Cannot close the store connection", e);
        } finally {
            database.shutdown();
        }
    }
}
