package dev.gannet.broker;

import dev.gannet.message.GannetDestination;
import dev.gannet.store.StoreOperation;
import jakarta.jms.JMSException;
import jakarta.jms.TransactionRolledBackException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A broker-side transaction: the sends staged until commit, the references it consumes, and whether it may only
 * roll back (and why). Commit applies it in one store unit. A local transaction learns what it consumed only at
 * commit, when the client names the deliveries its application took. A session's local transaction is one of these; XA
 * transactions will be too. Its state is guarded by its own monitor.
 */
final class Transaction {

    final TransactionId id;
    private final List<StagedSend> sends = new ArrayList<>();
    private RollbackOnly rollbackOnly;

    /** A send waiting for commit. */
    private record StagedSend(ServerMessage message, GannetDestination destination) {
    }

    /** Why the transaction can only roll back. */
    private record RollbackOnly(String reason, Throwable cause) {
    }

    Transaction(TransactionId id) {
        this.id = id;
    }

    /** Stages a send until commit. */
    synchronized void stage(ServerMessage message, GannetDestination destination) {
        sends.add(new StagedSend(message, destination));
    }

    /**
     * Marks the transaction to roll back at commit; the first reason stays (a later failure is a consequence of
     * it, or at least not news).
     */
    synchronized void markRollbackOnly(String reason, Throwable cause) {
        if (rollbackOnly == null) {
            rollbackOnly = new RollbackOnly(reason, cause);
        }
    }

    /** The exception a commit of this transaction fails with, if it may only roll back; else null. */
    synchronized TransactionRolledBackException rollbackOnlyFailure() {
        if (rollbackOnly == null) {
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

    /**
     * Applies the transaction in one store unit: routes the staged sends, then consumes the references
     * {@code consumed} hands over (asked only once the sends are routed), and gives the routed messages to their
     * queues once stored.
     *
     * @throws jakarta.jms.InvalidDestinationException if a staged send's destination is gone (nothing is applied;
     *                                                  the staged sends are dropped)
     */
    CompletableFuture<Void> commit(PostOffice postOffice, Supplier<List<MessageRef>> consumed) throws JMSException {
        List<StagedSend> staged;
        synchronized (this) {
            staged = List.copyOf(sends);
            sends.clear();
        }
        List<StoreOperation> operations = new ArrayList<>();
        List<MessageRef> routed = new ArrayList<>();
        for (StagedSend send : staged) {
            routed.addAll(postOffice.route(send.destination(), send.message(), operations));
        }
        for (MessageRef ref : consumed.get()) {
            ref.queue.forget(ref, operations);
        }
        return postOffice.commitRouted(operations, routed);
    }

    /** Drops the staged sends and the rollback-only mark. */
    synchronized void rollback() {
        sends.clear();
        rollbackOnly = null;
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
