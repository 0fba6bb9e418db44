package dev.gannet.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the broker keeps what must survive a restart: durable queues (queues and durable subscriptions),
 * persistent messages, and which queue still holds which message.
 *
 * <p>The broker hands over units of work; a unit is applied atomically and the returned future completes only
 * once it is durable. Units are applied in the order they were handed over.
 */
public interface MessageStore extends AutoCloseable {

    /** Everything committed so far, as the broker needs it on start. */
    RecoveredState recover();

    /**
     * Applies {@code operations} as one atomic unit.
     *
     * @return completes when the unit is committed, exceptionally with a {@link StoreException} if it failed
     */
    CompletableFuture<Void> write(List<StoreOperation> operations);

    /**
     * Reads part of a queue's stored backlog at one priority: messages with {@code afterId < id < beforeId}, in id
     * order, at most {@code limit}. Runs in order with the units handed over before it, so it sees all of them.
     */
    CompletableFuture<List<PagedMessage>> page(long queueId, int priority, long afterId, long beforeId, int limit);

    /**
     * Sets aside a stored queue the broker cannot load (a name or selector it cannot read): the queue and the
     * references it holds leave their tables for the store's quarantine, with {@code reason}, and so do messages
     * no other queue holds. Runs in order with the units handed over before it.
     *
     * @return completes with the number of rows set aside
     */
    CompletableFuture<Integer> quarantineQueue(long queueId, String reason);

    /** Waits for accepted units to commit, then releases the store (threads, files). */
    @Override
    void close();
}
