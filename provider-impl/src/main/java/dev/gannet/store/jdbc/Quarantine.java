package dev.gannet.store.jdbc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sets rows aside that the broker cannot load or that break the schema's rules: each is copied to
 * GANNET_QUARANTINE (its table, key, the reason, the time, its columns as text and a message's body) and removed
 * from its table, so that the broker starts with everything else and an operator can still see what was there.
 * Works in the caller's transaction; counts and logs every row it sets aside. Column names in ROW_DATA are in upper
 * case whichever case the database reports them in. From schema version 4, prepared XA references (of a queue or a
 * message set aside) go to the quarantine as well; their branch keeps the rest.
 */
final class Quarantine {

    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);
    private static final int MAX_REASON = 2000;
    private static final int MAX_ROW_DATA = 32672;

    private final Connection connection;
    private final SqlStatements sql;
    private final String storeName;
    private final int version;
    private int rows; // rows set aside by this instance

    /** @param version the schema version of the tables it works on (the version a store is upgraded from) */
    Quarantine(Connection connection, SqlStatements sql, String storeName, int version) {
        this.connection = connection;
        this.sql = sql;
        this.storeName = storeName;
        this.version = version;
    }

    private boolean hasPreparedReferences() {
        return version >= 4;
    }

    /** How many rows GANNET_QUARANTINE holds. */
    static long count(Connection connection, SqlStatements sql) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery(sql.get("select.quarantineCount"))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Rows set aside so far by this quarantine. */
    int rows() {
        return rows;
    }

    /**
     * Sets aside the rows of a version 2 store that break the rules version 3 enforces: first the rows found
     * out of range or without their queue or message, then the reference counts are settled.
     */
    void rowsBreakingVersion3() throws SQLException {
        for (StoreCheck.Problem problem : StoreCheck.Problem.values()) {
            if (problem == StoreCheck.Problem.REFERENCE_COUNT_MISMATCH || !problem.appliesTo(3)) {
                continue;
            }
            for (StoreCheck.Finding finding : StoreCheck.find(connection, sql, problem, version)) {
                String reason = finding.toString();
                switch (problem) {
                    case QUEUE_OUT_OF_RANGE -> queue(finding.queueId(), reason);
                    case MESSAGE_OUT_OF_RANGE -> message(finding.messageId(), reason);
                    default -> reference(finding.queueId(), finding.messageId(), reason);
                }
            }
        }
        settleReferenceCounts();
    }

    /**
     * Sets a queue aside with every reference it holds, prepared ones too; messages no other queue holds go too.
     */
    void queue(long queueId, String reason) throws SQLException {
        for (long messageId : ids("select.queueReferences", queueId)) {
            reference(queueId, messageId, "its queue " + queueId + " was set aside: " + reason);
        }
        if (hasPreparedReferences()) {
            for (long messageId : ids("select.queuePreparedReferences", queueId)) {
                preparedReference(queueId, messageId, "its queue " + queueId + " was set aside: " + reason);
            }
        }
        move("GANNET_QUEUE", String.valueOf(queueId), reason, "select.queueRow", "delete.queue", queueId);
    }

    /**
     * Sets a reference aside and counts its message down; a message no queue holds any more is set aside as
     * well.
     */
    void reference(long queueId, long messageId, String reason) throws SQLException {
        move("GANNET_REFERENCE", queueId + "/" + messageId, reason, "select.referenceRow", "delete.reference",
                queueId, messageId);
        release(queueId, messageId);
    }

    /** Sets a prepared reference aside as {@link #reference} does a queue's. */
    void preparedReference(long queueId, long messageId, String reason) throws SQLException {
        move("GANNET_PREPARED_REFERENCE", queueId + "/" + messageId, reason, "select.preparedReferenceRow",
                "delete.preparedReference", queueId, messageId);
        release(queueId, messageId);
    }

    /** Counts a message down after its reference of {@code queueId} was set aside; the last one takes it along. */
    private void release(long queueId, long messageId) throws SQLException {
        Integer count = referenceCount(messageId);
        if (count == null) {
            return;
        }
        if (count <= 1) {
            message(messageId, "no queue holds it after its reference of queue " + queueId + " was set aside");
        } else {
            setReferenceCount(messageId, count - 1);
        }
    }

    /** Sets a message aside with every reference to it, prepared ones too. */
    void message(long messageId, String reason) throws SQLException {
        for (long queueId : ids("select.messageReferences", messageId)) {
            move("GANNET_REFERENCE", queueId + "/" + messageId, "its message " + messageId + " was set aside: "
                    + reason, "select.referenceRow", "delete.reference", queueId, messageId);
        }
        if (hasPreparedReferences()) {
            for (long queueId : ids("select.messagePreparedReferences", messageId)) {
                move("GANNET_PREPARED_REFERENCE", queueId + "/" + messageId, "its message " + messageId
                        + " was set aside: " + reason, "select.preparedReferenceRow", "delete.preparedReference",
                        queueId, messageId);
            }
        }
        move("GANNET_MESSAGE", String.valueOf(messageId), reason, "select.messageRow", "delete.message", messageId);
    }

    /**
     * Makes every message's REFERENCE_COUNT the number of references that hold it; a message no reference holds
     * is set aside.
     */
    void settleReferenceCounts() throws SQLException {
        for (StoreCheck.Finding finding : StoreCheck.find(connection, sql,
                StoreCheck.Problem.REFERENCE_COUNT_MISMATCH, version)) {
            int references = ids("select.messageReferences", finding.messageId()).size() + (hasPreparedReferences()
                    ? ids("select.messagePreparedReferences", finding.messageId()).size() : 0);
            if (references == 0) {
                message(finding.messageId(), finding.toString());
            } else {
                LOG.warn("Store {}: message {} is held by {} reference(s), not as its REFERENCE_COUNT said ({});"
                        + " corrected", storeName, finding.messageId(), references, finding.values());
                setReferenceCount(finding.messageId(), references);
            }
        }
    }

    private Integer referenceCount(long messageId) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql.get("select.referenceCount"))) {
            p.setLong(1, messageId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    private void setReferenceCount(long messageId, int count) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql.get("update.referenceCount"))) {
            p.setInt(1, count);
            p.setLong(2, messageId);
            p.executeUpdate();
        }
    }

    private List<Long> ids(String query, long key) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(sql.get(query))) {
            p.setLong(1, key);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Copies the row {@code select} finds to the quarantine, then deletes it with {@code delete}. */
    private void move(String table, String key, String reason, String select, String delete, long... keys)
            throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql.get(select))) {
            bind(p, keys);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                StringBuilder data = new StringBuilder();
                byte[] body = null;
                ResultSetMetaData columns = rs.getMetaData();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    if (isBinary(columns.getColumnType(i))) {
                        body = rs.getBytes(i);
                        continue;
                    }
                    data.append(data.isEmpty() ? "" : ", ")
                            .append(columns.getColumnName(i).toUpperCase(Locale.ROOT)).append('=')
                            .append(rs.getString(i));
                }
                try (PreparedStatement insert = connection.prepareStatement(sql.get("insert.quarantine"))) {
                    insert.setString(1, table);
                    insert.setString(2, key);
                    insert.setString(3, clip(reason, MAX_REASON));
                    insert.setString(4, clip(data.toString(), MAX_ROW_DATA));
                    insert.setBytes(5, body);
                    insert.executeUpdate();
                }
            }
        }
        try (PreparedStatement p = connection.prepareStatement(sql.get(delete))) {
            bind(p, keys);
            p.executeUpdate();
        }
        rows++;
        LOG.warn("Store {}: {} row {} set aside in GANNET_QUARANTINE: {}", storeName, table, key, reason);
    }

    /** A message body's column: BLOB in Derby, BYTEA (reported as BINARY) in PostgreSQL. */
    private static boolean isBinary(int type) {
        return type == Types.BLOB || type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY;
    }

    private static void bind(PreparedStatement p, long... keys) throws SQLException {
        for (int i = 0; i < keys.length; i++) {
            p.setLong(i + 1, keys[i]);
        }
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
