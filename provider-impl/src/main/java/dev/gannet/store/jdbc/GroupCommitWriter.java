package dev.gannet.store.jdbc;

import dev.gannet.store.StoreException;
import dev.gannet.store.StoreOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The store's only writer. It takes every unit that queued up while it was busy and applies them all in one
 * JDBC transaction (group commit), then completes their futures in arrival order. Durability is never
 * weakened: a future completes only after the commit that holds its unit. Units are isolated: one that fails
 * fails alone, and leaves nothing behind in the store or in the writer (see {@link #apply}).
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    /** Upper bound of units per transaction, so one commit never holds an unbounded amount of work. */
    private static final int MAX_UNITS_PER_COMMIT = 1000;

    private final Connection connection; // used by the writer thread only
    private final Statements statements;
    private final LinkedBlockingQueue<Unit> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;
    /** The completion of the unit queued last. */
    private CompletableFuture<Object> lastQueued = CompletableFuture.completedFuture(null); // guarded by this

    private record Unit(List<StoreOperation> operations, Task task, CompletableFuture<Object> done) {
        /**
         * Whether the unit needs a transaction of its own: it changes queues, or it is about prepared XA branches
         * (whose rows depend on the queue references the units before it left: a prepare moves them, an outcome
         * restores them).
         */
        boolean standsAlone() {
            return operations.stream().anyMatch(o -> o instanceof StoreOperation.AddQueue
                    || o instanceof StoreOperation.RemoveQueue || PreparedBranches.concerns(o));
        }
    }

    /** Work run on the writer thread with its connection, outside of group commits. */
    @FunctionalInterface
    interface Task {
        Object run() throws SQLException;
    }

    GroupCommitWriter(String storeName, Connection connection, SqlStatements sql) {
        this.connection = connection;
        this.statements = new Statements(connection, sql);
        this.thread = new Thread(this::loop, "gannet-store-" + storeName);
        thread.setDaemon(true);
        thread.start();
    }

    CompletableFuture<Void> submit(List<StoreOperation> operations) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        enqueue(new Unit(List.copyOf(operations), null, done));
        return done.thenApply(o -> null);
    }

    /** Runs {@code task} on the writer thread after every unit submitted before it. */
    @SuppressWarnings("unchecked")
    <T> CompletableFuture<T> submitTask(Task task) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        enqueue(new Unit(List.of(), task, done));
        return (CompletableFuture<T>) done;
    }

    <T> T callOnWriter(Task task) {
        CompletableFuture<T> done = submitTask(task);
        try {
            return done.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof StoreException s ? s : new StoreException("Store task failed", e.getCause());
        }
    }

    private void enqueue(Unit unit) {
        if (closing) {
            unit.done.completeExceptionally(new StoreException("The store is closed", null));
            return;
        }
        synchronized (this) {
            queue.add(unit);
            lastQueued = unit.done;
        }
    }

    /**
     * Completes once every unit submitted before this call is applied (committed, or failed), without adding a unit
     * of its own: units keep committing in groups meanwhile.
     */
    synchronized CompletableFuture<Void> afterSubmitted() {
        return lastQueued.handle((result, failure) -> null);
    }

    private void loop() {
        List<Unit> group = new ArrayList<>();
        while (true) {
            Unit first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                break;
            }
            if (first.task == null && first.operations.isEmpty() && first.done == null) {
                break; // the close marker
            }
            group.add(first);
            if (first.task == null && !first.standsAlone()) {
                drainPlainUnits(group);
            }
            apply(group);
            group.clear();
        }
        failRemaining();
    }

    /**
     * Adds queued units that carry only message operations; queue changes and prepared branches get a transaction
     * of their own.
     */
    private void drainPlainUnits(List<Unit> group) {
        Unit next;
        while (group.size() < MAX_UNITS_PER_COMMIT && (next = queue.peek()) != null
                && next.task == null && next.done != null && !next.standsAlone()) {
            group.add(queue.poll());
        }
    }

    /**
     * Applies a group in one transaction. If it fails because of what one of its units holds (a value the schema
     * refuses, a reference to a row that does not exist), the group is rolled back and its halves are applied
     * apart, down to single units: only the units that fail alone fail, every other one commits, in order. A
     * failure of the database itself fails the whole group at once.
     */
    private void apply(List<Unit> group) {
        Object result;
        try {
            result = applyInOneTransaction(group);
        } catch (SQLException | RuntimeException e) {
            rollBack(e);
            if (group.size() > 1 && causedByData(e)) {
                LOG.debug("Store transaction of {} units failed ({}); applying them apart", group.size(),
                        e.getMessage());
                int half = group.size() / 2;
                apply(group.subList(0, half));
                apply(group.subList(half, group.size()));
                return;
            }
            if (group.size() == 1) {
                LOG.warn("Store unit failed and was rolled back: {}", e.getMessage());
                LOG.debug("Store unit failure", e);
            } else {
                LOG.error("Store transaction of {} units failed; rolling back", group.size(), e);
            }
            StoreException failure = new StoreException("Store write failed: " + e.getMessage(), e);
            for (Unit unit : group) {
                unit.done.completeExceptionally(failure);
            }
            return;
        }
        for (Unit unit : group) {
            unit.done.complete(result);
        }
    }

    private Object applyInOneTransaction(List<Unit> group) throws SQLException {
        Object result = null;
        if (group.size() == 1 && group.get(0).task != null) {
            result = group.get(0).task.run();
        } else {
            statements.apply(group.stream().flatMap(u -> u.operations.stream()).toList());
        }
        connection.commit();
        return result;
    }

    /** Undoes a failed transaction, and drops whatever its statements still held (batched rows not executed). */
    private void rollBack(Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
        statements.close();
    }

    /**
     * Whether a failure lies in the data of some unit: a data exception (SQLState class 22, e.g. a value too long
     * for its column) or an integrity constraint violation (class 23: a check, a key, a foreign key), or a runtime
     * exception while binding a unit's values. Anything else (a lost connection, a full disk) is the database's.
     */
    private static boolean causedByData(Exception failure) {
        if (!(failure instanceof SQLException)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getSQLState() != null
                    && (e.getSQLState().startsWith("22") || e.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private void failRemaining() {
        Unit unit;
        while ((unit = queue.poll()) != null) {
            if (unit.done != null) {
                unit.done.completeExceptionally(new StoreException("The store is closed", null));
            }
        }
    }

    /** Lets queued units commit, then stops the writer thread. */
    @Override
    public void close() {
        closing = true;
        queue.add(new Unit(List.of(), null, null));
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        statements.close();
    }

    /** The writer's prepared statements, applied phase by phase so that each phase runs as one JDBC batch. */
    private static final class Statements {
        private final Connection connection;
        private final SqlStatements sql;
        private final PreparedBranches branches;
        private PreparedStatement insertMessage;
        private PreparedStatement insertReference;
        private PreparedStatement updateDeliveryCount;
        private PreparedStatement deleteReference;
        private PreparedStatement deleteMessage;
        private PreparedStatement releaseMessage;
        private PreparedStatement deleteReleasedMessage;
        private PreparedStatement insertDuplicate;
        private PreparedStatement deleteDuplicate;
        private PreparedStatement deletePreparedDuplicate;

        Statements(Connection connection, SqlStatements sql) {
            this.connection = connection;
            this.sql = sql;
            this.branches = new PreparedBranches(connection, sql);
        }

        private PreparedStatement prepared(PreparedStatement existing, String key) throws SQLException {
            return existing != null ? existing : connection.prepareStatement(sql.get(key));
        }

        /**
         * Applies the operations of a group. Queue changes come in a group of their own (see drainPlainUnits).
         * Message operations run phase by phase, each phase one JDBC batch: inserts, updates (delivery counts,
         * reference counts), deletes. The order is safe because a message is removed only after it was added, in an
         * earlier group or, within one group, in the insert phase that runs first; a duplicate ID is removed only
         * once a newer one was added (a prepared branch's duplicate ID as well: its mark goes first). The operations of
         * prepared branches come last (see {@link PreparedBranches#apply}), in a group of their own.
         */
        void apply(List<StoreOperation> operations) throws SQLException {
            insertMessage = prepared(insertMessage, "insert.message");
            insertReference = prepared(insertReference, "insert.reference");
            updateDeliveryCount = prepared(updateDeliveryCount, "update.deliveryCount");
            deleteReference = prepared(deleteReference, "delete.reference");
            deleteMessage = prepared(deleteMessage, "delete.message");
            releaseMessage = prepared(releaseMessage, "release.message");
            deleteReleasedMessage = prepared(deleteReleasedMessage, "delete.releasedMessage");
            insertDuplicate = prepared(insertDuplicate, "insert.duplicate");
            deleteDuplicate = prepared(deleteDuplicate, "delete.duplicate");
            deletePreparedDuplicate = prepared(deletePreparedDuplicate, "delete.preparedDuplicate");
            int inserts = 0;
            int references = 0;
            int updates = 0;
            int releases = 0;
            int referenceDeletes = 0;
            int messageDeletes = 0;
            int duplicates = 0;
            int duplicateDeletes = 0;
            for (StoreOperation operation : operations) {
                if (operation instanceof StoreOperation.AddQueue add) {
                    addQueue(add);
                } else if (operation instanceof StoreOperation.RemoveQueue remove) {
                    removeQueue(remove.queueId());
                } else if (operation instanceof StoreOperation.AddMessage add) {
                    insertMessage.setLong(1, add.message().id());
                    insertMessage.setShort(2, (short) add.message().priority());
                    insertMessage.setLong(3, add.message().expiration());
                    insertMessage.setLong(4, add.message().deliveryTime());
                    insertMessage.setString(5, add.message().groupId());
                    byte[] body = add.message().encoded();
                    insertMessage.setBinaryStream(6, new ByteArrayInputStream(body), body.length);
                    insertMessage.setInt(7, add.message().references());
                    insertMessage.addBatch();
                    inserts++;
                } else if (operation instanceof StoreOperation.AddReference add) {
                    insertReference.setLong(1, add.queueId());
                    insertReference.setLong(2, add.messageId());
                    insertReference.setShort(3, (short) add.priority());
                    insertReference.addBatch();
                    references++;
                } else if (operation instanceof StoreOperation.SetDeliveryCount set) {
                    updateDeliveryCount.setInt(1, set.deliveryCount());
                    updateDeliveryCount.setLong(2, set.queueId());
                    updateDeliveryCount.setLong(3, set.messageId());
                    updateDeliveryCount.addBatch();
                    updates++;
                } else if (operation instanceof StoreOperation.RemoveReference remove) {
                    deleteReference.setLong(1, remove.queueId());
                    deleteReference.setLong(2, remove.messageId());
                    deleteReference.addBatch();
                    referenceDeletes++;
                } else if (operation instanceof StoreOperation.RemoveMessage remove) {
                    deleteMessage.setLong(1, remove.messageId());
                    deleteMessage.addBatch();
                    messageDeletes++;
                } else if (operation instanceof StoreOperation.ReleaseMessage release) {
                    releaseMessage.setLong(1, release.messageId());
                    releaseMessage.addBatch();
                    deleteReleasedMessage.setLong(1, release.messageId());
                    deleteReleasedMessage.addBatch();
                    releases++;
                } else if (operation instanceof StoreOperation.AddDuplicate add) {
                    insertDuplicate.setLong(1, add.duplicate().sequence());
                    insertDuplicate.setString(2, add.duplicate().destination());
                    insertDuplicate.setString(3, add.duplicate().duplicateId());
                    insertDuplicate.addBatch();
                    duplicates++;
                } else if (operation instanceof StoreOperation.RemoveDuplicate remove) {
                    deletePreparedDuplicate.setLong(1, remove.sequence());
                    deletePreparedDuplicate.addBatch();
                    deleteDuplicate.setLong(1, remove.sequence());
                    deleteDuplicate.addBatch();
                    duplicateDeletes++;
                }
            }
            executeIf(inserts, insertMessage);
            executeIf(references, insertReference);
            executeIf(duplicates, insertDuplicate);
            executeIf(updates, updateDeliveryCount);
            executeIf(releases, releaseMessage);
            executeIf(referenceDeletes, deleteReference);
            executeIf(messageDeletes, deleteMessage);
            executeIf(releases, deleteReleasedMessage);
            executeIf(duplicateDeletes, deletePreparedDuplicate);
            executeIf(duplicateDeletes, deleteDuplicate);
            branches.apply(operations);
        }

        private static void executeIf(int count, PreparedStatement statement) throws SQLException {
            if (count > 0) {
                statement.executeBatch();
            }
        }

        private void addQueue(StoreOperation.AddQueue add) throws SQLException {
            try (PreparedStatement p = connection.prepareStatement(sql.get("insert.queue"))) {
                p.setLong(1, add.queue().id());
                p.setString(2, add.queue().name());
                p.setString(3, add.queue().topic());
                p.setString(4, add.queue().selector());
                p.setShort(5, (short) (add.queue().noLocal() ? 1 : 0));
                p.setShort(6, (short) (add.queue().shared() ? 1 : 0));
                p.executeUpdate();
            }
        }

        /** Removes a queue with its references, prepared ones too (their branches keep the rest). */
        private void removeQueue(long queueId) throws SQLException {
            for (String key : List.of("release.queueMessages", "delete.queueReferences",
                    "release.queuePreparedMessages", "delete.queuePreparedReferences", "delete.queue")) {
                try (PreparedStatement p = connection.prepareStatement(sql.get(key))) {
                    p.setLong(1, queueId);
                    p.executeUpdate();
                }
            }
            try (PreparedStatement p = connection.prepareStatement(sql.get("delete.releasedMessages"))) {
                p.executeUpdate();
            }
        }

        /** Closes the statements, and with them any rows batched and not executed; the next apply prepares anew. */
        void close() {
            for (PreparedStatement p : new PreparedStatement[]{insertMessage, insertReference, updateDeliveryCount,
                    deleteReference, deleteMessage, releaseMessage, deleteReleasedMessage, insertDuplicate,
                    deleteDuplicate, deletePreparedDuplicate}) {
                if (p != null) {
                    try {
                        p.close();
                    } catch (SQLException e) {
                        LOG.debug("Closing a statement failed", e);
                    }
                }
            }
            insertMessage = null;
            insertReference = null;
            updateDeliveryCount = null;
            deleteReference = null;
            deleteMessage = null;
            releaseMessage = null;
            deleteReleasedMessage = null;
            insertDuplicate = null;
            deleteDuplicate = null;
            deletePreparedDuplicate = null;
        }
    }
}
