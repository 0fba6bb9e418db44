package dev.gannet.broker;

import dev.gannet.message.GannetDestination;
import dev.gannet.store.StoreOperation;
import dev.gannet.store.StoredBranch;
import jakarta.jms.JMSException;
import jakarta.jms.TransactionRolledBackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.transaction.xa.XAResource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A broker-side transaction: the sends staged until commit, the references it consumes (the acknowledged
 * deliveries, removed at commit), whether it may only roll back and why, and what its owner wants done once it
 * committed or rolled back. Commit applies it in one store unit. A session's local transaction is one of these; so
 * is an XA branch, which may also be prepared (made durable in one store unit, its outcome written in a later one)
 * and committed in one phase (as a local transaction commits).
 *
 * <p>What a local transaction consumed is learned at commit: the client names the deliveries its application took
 * only in {@code Commit} (a {@code Credit} says how many, not which), so the session hands them over then.
 *
 * <p>Its state is guarded by its own monitor; the after-commit and after-rollback actions run outside it, once,
 * and never throw (a failing one is logged).
 */
final class Transaction {

    private static final Logger LOG = LoggerFactory.getLogger(Transaction.class);

    /**
     * Where a transaction is in its life; {@link #mayBecome} says which moves are legal. Whether sessions work in an
     * XA branch now (are associated with it) is not its state: the {@link ResourceManager} keeps that.
     */
    enum State {
        /** Taking sends and acknowledgements. */
        ACTIVE,
        /** Something it did failed: it takes more work, but can only roll back. */
        ROLLBACK_ONLY,
        /** XA: its prepare is being written. */
        PREPARING,
        /** XA: durable, its sends and acknowledgements waiting for the outcome. */
        PREPARED,
        /** Being applied to the store (a prepared branch: its commit being written). */
        COMMITTING,
        /** XA: a prepared branch's rollback being written. */
        ROLLING_BACK,
        /** Applied; final. */
        COMMITTED,
        /** Dropped (asked for, refused at commit, or failed while committing or preparing); final. */
        ROLLED_BACK;

        /**
         * Whether a transaction in this state may move to {@code next}. A prepared branch whose outcome could not be
         * written is prepared still (COMMITTING or ROLLING_BACK back to PREPARED).
         */
        boolean mayBecome(State next) {
            return switch (this) {
                case ACTIVE -> next == ROLLBACK_ONLY || next == PREPARING || next == COMMITTING
                        || next == ROLLED_BACK;
                case ROLLBACK_ONLY -> next == ROLLED_BACK;
                case PREPARING -> next == PREPARED || next == ROLLED_BACK;
                case PREPARED -> next == COMMITTING || next == ROLLING_BACK;
                case COMMITTING -> next == COMMITTED || next == ROLLED_BACK || next == PREPARED;
                case ROLLING_BACK -> next == ROLLED_BACK || next == PREPARED;
                case COMMITTED, ROLLED_BACK -> false;
            };
        }
    }

    final TransactionId id;
    private State state = State.ACTIVE; // guarded by this
    private final List<StagedSend> sends = new ArrayList<>(); // guarded by this
    private final List<MessageRef> acknowledged = new ArrayList<>(); // guarded by this
    private final List<Runnable> afterCommit = new ArrayList<>(); // guarded by this
    private final List<Runnable> afterRollback = new ArrayList<>(); // guarded by this
    private RollbackOnly rollbackOnly; // guarded by this; set with state ROLLBACK_ONLY
    /** XA: the references a prepared branch sends when it commits, routed when it prepared. Guarded by this. */
    private List<MessageRef> preparedSends = List.of();
    /** XA: the id the store knows the prepared branch by; 0 until prepared. Guarded by this. */
    private long storedBranchId;

    /** A send waiting for commit. */
    private record StagedSend(ServerMessage message, GannetDestination destination) {
    }

    /** Why the transaction can only roll back. */
    private record RollbackOnly(String reason, Throwable cause) {
    }

    Transaction(TransactionId id) {
        this.id = id;
    }

    synchronized State state() {
        return state;
    }

    /**
     * Stages a send until commit; a transaction that may only roll back drops it at once.
     *
     * @throws IllegalStateException if the transaction is committing or over
     */
    synchronized void stage(ServerMessage message, GannetDestination destination) {
        if (requireOpen("stage a send") == State.ACTIVE) {
            sends.add(new StagedSend(message, destination));
        }
    }

    /**
     * A delivery was consumed in this transaction: its reference leaves its queue (and the store) at commit. Whoever
     * hands it over says through {@link #afterRollback} what becomes of it otherwise.
     *
     * @throws IllegalStateException if the transaction is committing or over
     */
    synchronized void acknowledge(MessageRef ref) {
        requireOpen("acknowledge a delivery");
        acknowledged.add(ref);
    }

    /**
     * Runs {@code action} once the transaction committed (after its messages reached their queues).
     *
     * @throws IllegalStateException if the transaction is committing or over
     */
    synchronized void afterCommit(Runnable action) {
        requireOpen("add an after-commit action");
        afterCommit.add(action);
    }

    /**
     * Runs {@code action} once the transaction rolled back, however it came to (asked, refused at commit, or failed
     * while committing: nothing of it was stored then).
     *
     * @throws IllegalStateException if the transaction is committing or over
     */
    synchronized void afterRollback(Runnable action) {
        requireOpen("add an after-rollback action");
        afterRollback.add(action);
    }

    /**
     * Marks the transaction to roll back at commit; the first reason stays (a later failure is a consequence of it,
     * or at least not news). Answers whether the transaction is now rollback-only: false once it is committing or
     * over, when the mark comes too late to matter to it.
     */
    synchronized boolean markRollbackOnly(String reason, Throwable cause) {
        if (state == State.ACTIVE) {
            moveTo(State.ROLLBACK_ONLY);
            rollbackOnly = new RollbackOnly(reason, cause);
            sends.clear();
        }
        return state == State.ROLLBACK_ONLY;
    }

    synchronized boolean isRollbackOnly() {
        return state == State.ROLLBACK_ONLY;
    }

    /** Why the transaction may only roll back; null unless it is {@link State#ROLLBACK_ONLY}. */
    synchronized String rollbackOnlyReason() {
        return state == State.ROLLBACK_ONLY ? rollbackOnly.reason() : null;
    }

    /**
     * Applies the transaction in one store unit: routes the staged sends, removes the acknowledged references, and
     * hands the routed messages to their queues once stored; then the after-commit actions run. If the store write
     * fails, nothing of it is applied, it is rolled back and the future fails.
     *
     * @throws TransactionRolledBackException if the transaction was marked rollback-only: it is rolled back
     *                                        instead, and the exception names the reason (its cause the failure)
     * @throws jakarta.jms.InvalidDestinationException if a staged send's destination is gone: it is rolled back
     * @throws IllegalStateException if the transaction is committing or over
     */
    CompletableFuture<Void> commit(PostOffice postOffice) throws JMSException {
        List<StagedSend> staged;
        List<MessageRef> consumed;
        TransactionRolledBackException refused;
        synchronized (this) {
            refused = rollbackOnlyFailure();
            if (refused == null) {
                moveTo(State.COMMITTING);
            }
            staged = List.copyOf(sends);
            consumed = List.copyOf(acknowledged);
            sends.clear();
            acknowledged.clear();
        }
        if (refused != null) {
            finish(State.ROLLED_BACK);
            throw refused;
        }
        List<StoreOperation> operations = new ArrayList<>();
        List<MessageRef> routed = new ArrayList<>();
        try {
            for (StagedSend send : staged) {
                routed.addAll(postOffice.route(send.destination(), send.message(), operations));
            }
        } catch (JMSException | RuntimeException e) {
            postOffice.unroute(operations, routed);
            finish(State.ROLLED_BACK);
            throw e;
        }
        for (MessageRef ref : consumed) {
            ref.queue.removalOf(ref, operations);
        }
        return postOffice.commitRouted(operations, routed).whenComplete((v, failure) -> {
            if (failure == null) {
                consumed.forEach(ref -> ref.queue.consumed(ref));
                finish(State.COMMITTED);
            } else {
                finish(State.ROLLED_BACK);
            }
        });
    }

    /**
     * Rolls back: drops the staged sends and the acknowledged references, then runs the after-rollback actions.
     *
     * @throws IllegalStateException if the transaction is committing or over
     */
    void rollback() {
        synchronized (this) {
            requireOpen("roll back");
            sends.clear();
            acknowledged.clear();
        }
        finish(State.ROLLED_BACK);
    }

    /**
     * XA: prepares the branch as {@code stored} in one store unit (the branch, its sends routed to their queues with
     * their messages, the stored references it consumed, the duplicate IDs its sends reserved) and answers
     * {@link XAResource#XA_OK} once that unit is durable. A branch that did nothing is over at once, answering
     * {@link XAResource#XA_RDONLY}. If routing or the write fails, it is rolled back (its after-rollback actions run)
     * and the future fails with the reason.
     *
     * @throws IllegalStateException if the transaction is not {@link State#ACTIVE}
     */
    CompletableFuture<Integer> prepare(PostOffice postOffice, StoredBranch stored) {
        List<StagedSend> staged;
        List<MessageRef> consumed;
        synchronized (this) {
            if (state != State.ACTIVE) {
                throw new IllegalStateException("Transaction " + id + " is " + state + ": cannot prepare");
            }
            staged = List.copyOf(sends);
            consumed = List.copyOf(acknowledged);
            if (staged.isEmpty() && consumed.isEmpty()) {
                moveTo(State.COMMITTING); // read-only: over at once
            } else {
                moveTo(State.PREPARING);
                sends.clear();
            }
        }
        if (staged.isEmpty() && consumed.isEmpty()) {
            finish(State.COMMITTED);
            return CompletableFuture.completedFuture(XAResource.XA_RDONLY);
        }
        List<StoreOperation> operations = new ArrayList<>();
        operations.add(new StoreOperation.AddPreparedBranch(stored));
        List<MessageRef> routed = new ArrayList<>();
        try {
            for (StagedSend send : staged) {
                routed.addAll(postOffice.prepare(stored.id(), send.destination(), send.message(), operations));
            }
        } catch (JMSException | RuntimeException e) {
            postOffice.notPrepared(operations);
            finish(State.ROLLED_BACK);
            return CompletableFuture.failedFuture(e);
        }
        for (MessageRef ref : consumed) {
            if (ref.queue.storesReferenceTo(ref.message)) {
                operations.add(new StoreOperation.AddPreparedAcknowledge(stored.id(), ref.queue.id, ref.message.id));
            }
        }
        CompletableFuture<Integer> vote = new CompletableFuture<>();
        postOffice.writePrepared(operations).whenComplete((v, failure) -> {
            if (failure == null) {
                synchronized (this) {
                    preparedSends = List.copyOf(routed);
                    storedBranchId = stored.id();
                    moveTo(State.PREPARED);
                }
                vote.complete(XAResource.XA_OK);
            } else {
                finish(State.ROLLED_BACK);
                vote.completeExceptionally(failure);
            }
        });
        return vote;
    }

    /**
     * XA, at start: the branch is the prepared branch {@code storedBranchId} the store held, which sends
     * {@code sends} and consumed {@code consumed}.
     *
     * @throws IllegalStateException unless the transaction is new (active, nothing staged or acknowledged)
     */
    synchronized void restorePrepared(long storedBranchId, List<MessageRef> sends, List<MessageRef> consumed) {
        if (state != State.ACTIVE || !this.sends.isEmpty() || !acknowledged.isEmpty()) {
            throw new IllegalStateException("Transaction " + id + " is " + state + " with work: cannot be restored");
        }
        moveTo(State.PREPARING);
        acknowledged.addAll(consumed);
        preparedSends = List.copyOf(sends);
        this.storedBranchId = storedBranchId;
        moveTo(State.PREPARED);
    }

    /**
     * XA: commits the prepared branch in one store unit; once written its sends reach their queues (in the order
     * they were sent), its consumed references are gone, and the after-commit actions run. If the write fails the
     * branch stays prepared and the future fails.
     *
     * @throws IllegalStateException if the branch is not {@link State#PREPARED}
     */
    CompletableFuture<Void> commitPrepared(PostOffice postOffice) {
        List<MessageRef> sending;
        List<MessageRef> consumed;
        long branchId;
        synchronized (this) {
            requirePrepared("commit");
            moveTo(State.COMMITTING);
            sending = preparedSends;
            consumed = List.copyOf(acknowledged);
            branchId = storedBranchId;
        }
        return postOffice.commitPrepared(branchId, sending).whenComplete((v, failure) -> {
            if (failure == null) {
                consumed.forEach(ref -> ref.queue.consumed(ref));
                finish(State.COMMITTED);
            } else {
                synchronized (this) {
                    moveTo(State.PREPARED);
                }
            }
        });
    }

    /**
     * XA: rolls the prepared branch back in one store unit; once written its sends are dropped and the
     * after-rollback actions run (which return what it consumed). If the write fails the branch stays prepared and
     * the future fails.
     *
     * @throws IllegalStateException if the branch is not {@link State#PREPARED}
     */
    CompletableFuture<Void> rollbackPrepared(StoreWriter store) {
        long branchId;
        synchronized (this) {
            requirePrepared("roll back");
            moveTo(State.ROLLING_BACK);
            branchId = storedBranchId;
        }
        return store.write(List.of(new StoreOperation.RollbackPreparedBranch(branchId))).whenComplete((v, failure) -> {
            if (failure == null) {
                synchronized (this) {
                    preparedSends = List.of();
                    acknowledged.clear();
                }
                finish(State.ROLLED_BACK);
            } else {
                synchronized (this) {
                    moveTo(State.PREPARED);
                }
            }
        });
    }

    /** Holds the monitor. */
    private void requirePrepared(String what) {
        if (state != State.PREPARED) {
            throw new IllegalStateException("Transaction " + id + " is " + state + ": cannot " + what
                    + " it as prepared");
        }
    }

    /** The exception a commit of this transaction fails with if it may only roll back; else null. */
    synchronized TransactionRolledBackException rollbackOnlyFailure() {
        if (state != State.ROLLBACK_ONLY) {
            return null;
        }
        TransactionRolledBackException e = new TransactionRolledBackException("Transaction rolled back: "
                + rollbackOnly.reason());
        e.initCause(rollbackOnly.cause());
        if (rollbackOnly.cause() instanceof Exception linked) {
            e.setLinkedException(linked);
        }
        return e;
    }

    /** Moves to {@code outcome} and runs its actions (outside the monitor); the others are dropped. */
    private void finish(State outcome) {
        List<Runnable> actions;
        synchronized (this) {
            moveTo(outcome);
            actions = List.copyOf(outcome == State.COMMITTED ? afterCommit : afterRollback);
            afterCommit.clear();
            afterRollback.clear();
        }
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.error("Transaction {}: an action after it became {} failed", this, outcome, e);
            }
        }
    }

    /** Refuses work unless the transaction is open (active or rollback-only); answers its state. Holds the monitor. */
    private State requireOpen(String what) {
        if (state != State.ACTIVE && state != State.ROLLBACK_ONLY) {
            throw new IllegalStateException("Transaction " + id + " is " + state + ": cannot " + what);
        }
        return state;
    }

    /** Holds the monitor. */
    private void moveTo(State next) {
        if (!state.mayBecome(next)) {
            throw new IllegalStateException("Transaction " + id + " is " + state + ": cannot become " + next);
        }
        state = next;
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
