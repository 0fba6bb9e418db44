package dev.gannet.store.jdbc;

import dev.gannet.store.PagedMessage;
import dev.gannet.store.RecoveredBranch;
import dev.gannet.store.RecoveredBranch.PreparedReference;
import dev.gannet.store.StoreOperation;
import dev.gannet.store.StoredBranch;
import dev.gannet.store.StoredDuplicate;
import dev.gannet.store.StoredMessage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prepared XA branches of a JDBC store (GANNET_BRANCH, GANNET_PREPARED_REFERENCE, GANNET_PREPARED_DUPLICATE):
 * writes the rows of a prepare and the outcome of a branch in the writer's transaction, and reads the branches back
 * on recovery. A prepared reference counts in its message's REFERENCE_COUNT and is in no queue's backlog; a prepared
 * duplicate ID is a row of GANNET_DUPLICATE marked as the branch's. The outcome of a branch that is not stored
 * changes nothing, as removing a reference that is not stored does; so does acknowledging a reference a queue does
 * not hold.
 */
final class PreparedBranches {

    private static final String SEND = "SEND";
    private static final String ACKNOWLEDGE = "ACKNOWLEDGE";

    private final Connection connection;
    private final SqlStatements sql;

    PreparedBranches(Connection connection, SqlStatements sql) {
        this.connection = connection;
        this.sql = sql;
    }

    /** Whether {@code operation} is about a prepared branch (such a unit gets a transaction of its own). */
    static boolean concerns(StoreOperation operation) {
        return operation instanceof StoreOperation.AddPreparedBranch
                || operation instanceof StoreOperation.AddPreparedSend
                || operation instanceof StoreOperation.AddPreparedAcknowledge
                || operation instanceof StoreOperation.AddPreparedDuplicate
                || operation instanceof StoreOperation.CommitPreparedBranch
                || operation instanceof StoreOperation.RollbackPreparedBranch;
    }

    /**
     * Applies the branch operations of a unit, after its other operations (so a prepare's messages are stored): the
     * branches, their sends, their acknowledgements (each moves the queue's reference aside), their duplicate IDs,
     * then the outcomes in the unit's order.
     */
    void apply(List<StoreOperation> operations) throws SQLException {
        if (operations.stream().noneMatch(PreparedBranches::concerns)) {
            return;
        }
        try (PreparedStatement branches = connection.prepareStatement(sql.get("insert.branch"));
             PreparedStatement sends = connection.prepareStatement(sql.get("insert.preparedSend"));
             PreparedStatement acknowledgements = connection.prepareStatement(sql.get("insert.preparedAcknowledge"));
             PreparedStatement movedReferences = connection.prepareStatement(sql.get("delete.reference"));
             PreparedStatement duplicates = connection.prepareStatement(sql.get("insert.duplicate"));
             PreparedStatement marks = connection.prepareStatement(sql.get("insert.preparedDuplicate"))) {
            for (StoreOperation operation : operations) {
                if (operation instanceof StoreOperation.AddPreparedBranch add) {
                    StoredBranch branch = add.branch();
                    branches.setLong(1, branch.id());
                    branches.setInt(2, branch.formatId());
                    branches.setBytes(3, branch.globalTransactionId());
                    branches.setBytes(4, branch.branchQualifier());
                    branches.addBatch();
                } else if (operation instanceof StoreOperation.AddPreparedSend send) {
                    sends.setLong(1, send.branchId());
                    sends.setLong(2, send.queueId());
                    sends.setLong(3, send.messageId());
                    sends.setShort(4, (short) send.priority());
                    sends.addBatch();
                } else if (operation instanceof StoreOperation.AddPreparedAcknowledge acknowledge) {
                    acknowledgements.setLong(1, acknowledge.branchId());
                    acknowledgements.setLong(2, acknowledge.queueId());
                    acknowledgements.setLong(3, acknowledge.messageId());
                    acknowledgements.addBatch();
                    movedReferences.setLong(1, acknowledge.queueId());
                    movedReferences.setLong(2, acknowledge.messageId());
                    movedReferences.addBatch();
                } else if (operation instanceof StoreOperation.AddPreparedDuplicate add) {
                    duplicates.setLong(1, add.duplicate().sequence());
                    duplicates.setString(2, add.duplicate().destination());
                    duplicates.setString(3, add.duplicate().duplicateId());
                    duplicates.addBatch();
                    marks.setLong(1, add.duplicate().sequence());
                    marks.setLong(2, add.branchId());
                    marks.addBatch();
                }
            }
            for (PreparedStatement batch : List.of(branches, sends, acknowledgements, movedReferences, duplicates,
                    marks)) {
                batch.executeBatch();
            }
        }
        for (StoreOperation operation : operations) {
            if (operation instanceof StoreOperation.CommitPreparedBranch commit) {
                conclude(commit.branchId(), SEND, ACKNOWLEDGE, false);
            } else if (operation instanceof StoreOperation.RollbackPreparedBranch rollback) {
                conclude(rollback.branchId(), ACKNOWLEDGE, SEND, true);
            }
        }
    }

    /**
     * Ends a branch: the references of kind {@code queued} become their queues' references (with their delivery
     * counts), those of kind {@code released} let go of their messages (a message no reference holds any more goes),
     * the branch's duplicate IDs stay as plain ones or go ({@code forgetDuplicates}), and so does the branch.
     */
    private void conclude(long branchId, String queued, String released, boolean forgetDuplicates)
            throws SQLException {
        update("insert.branchReferences", branchId, queued);
        List<Long> releasedMessages = ids("select.branchReferences", branchId, released);
        List<Long> duplicateIds = forgetDuplicates ? ids("select.branchDuplicates", branchId, null) : List.of();
        batch("release.message", releasedMessages);
        update("delete.branchReferences", branchId, null);
        batch("delete.releasedMessage", releasedMessages);
        update("delete.branchDuplicates", branchId, null);
        batch("delete.duplicate", duplicateIds);
        update("delete.branch", branchId, null);
    }

    private void update(String key, long branchId, String kind) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql.get(key))) {
            bind(p, branchId, kind);
            p.executeUpdate();
        }
    }

    private List<Long> ids(String key, long branchId, String kind) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(sql.get(key))) {
            bind(p, branchId, kind);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private static void bind(PreparedStatement p, long branchId, String kind) throws SQLException {
        p.setLong(1, branchId);
        if (kind != null) {
            p.setString(2, kind);
        }
    }

    /** Runs {@code key} once per id, as one batch (once per row: a message two references release counts twice). */
    private void batch(String key, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement p = connection.prepareStatement(sql.get(key))) {
            for (long id : ids) {
                p.setLong(1, id);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** The stored branches in id order, each with its references (by message, then queue) and duplicate IDs. */
    List<RecoveredBranch> recover() throws SQLException {
        Map<Long, Rows> branches = new LinkedHashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql.get("select.branches"))) {
            while (rs.next()) {
                StoredBranch branch = new StoredBranch(rs.getLong(1), rs.getInt(2), rs.getBytes(3), rs.getBytes(4));
                branches.put(branch.id(), new Rows(branch));
            }
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery(sql.get("select.preparedReferences"))) {
            while (rs.next()) {
                Rows rows = branches.get(rs.getLong(1));
                StoredMessage message = new StoredMessage(rs.getLong(5), rs.getShort(6), rs.getLong(7),
                        rs.getLong(8), rs.getString(9), rs.getBytes(10), rs.getInt(11));
                PreparedReference reference = new PreparedReference(rs.getLong(3),
                        new PagedMessage(message, rs.getInt(4)));
                (SEND.equals(rs.getString(2)) ? rows.sends : rows.acknowledged).add(reference);
            }
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery(sql.get("select.preparedDuplicates"))) {
            while (rs.next()) {
                branches.get(rs.getLong(1)).duplicates.add(new StoredDuplicate(rs.getLong(2), rs.getString(3),
                        rs.getString(4)));
            }
        }
        return branches.values().stream().map(r -> new RecoveredBranch(r.branch, List.copyOf(r.sends),
                List.copyOf(r.acknowledged), List.copyOf(r.duplicates))).toList();
    }

    /** A branch's rows as recovery collects them. */
    private static final class Rows {
        final StoredBranch branch;
        final List<PreparedReference> sends = new ArrayList<>();
        final List<PreparedReference> acknowledged = new ArrayList<>();
        final List<StoredDuplicate> duplicates = new ArrayList<>();

        Rows(StoredBranch branch) {
            this.branch = branch;
        }
    }
}
