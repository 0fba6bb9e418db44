package dev.gannet.broker;

import dev.gannet.message.GannetDestination;
import dev.gannet.store.StoreOperation;
import jakarta.jms.JMSException;
import jakarta.jms.TransactionRolledBackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A broker-side transaction: the sends staged until commit, the references it consumes (the acknowledged
 * deliveries, removed at commit), whether it may only roll back and why, and what its owner wants done once it
 * committed or rolled back. Commit applies it in one store unit. A session's local transaction is one of these; an XA
 * branch will be too, with the states XA adds.
 *
 * <p>What a local transaction consumed is learned at commit: the client names the deliveries its application took
 * only in {@code Commit} (a {@code Credit} says how many, not which), so the session hands them over then.
 *
 * <p>Its state is guarded by its own monitor; the after-commit and after-rollback actions run outside it, once,
 * and never throw (a failing one is logged).
 */
final class Transaction {

    private static final Logger LOG = LoggerFactory.getLogger(Transaction.class);

    /** Where a transaction is in its life; {@link #mayBecome} says which moves are legal. */
    enum State {
        /** Taking sends and acknowledgements. */
        ACTIVE,
        /** Something it did failed: it takes more work, but can only roll back. */
        ROLLBACK_ONLY,
        /** Being applied to the store. */
        COMMITTING,
        /** Applied; final. */
        COMMITTED,
        /** Dropped (asked for, refused at commit, or failed while committing); final. */
        ROLLED_BACK;
        // XA adds IDLE (ended, not prepared) and PREPARED (durable, awaiting the outcome) between ACTIVE and COMMITTING

        /** Whether a transaction in this state may move to {@code next}. */
        boolean mayBecome(State next) {
            return switch (this) {
                case ACTIVE -> next == ROLLBACK_ONLY || next == COMMITTING || next == ROLLED_BACK;
                case ROLLBACK_ONLY -> next == ROLLED_BACK;
                case COMMITTING -> next == COMMITTED || next == ROLLED_BACK;
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
