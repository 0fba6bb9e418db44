package dev.gannet.broker;

import dev.gannet.store.MessageStore;
import dev.gannet.store.PagedMessage;
import dev.gannet.store.StoreOperation;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The broker's access to its {@link MessageStore}: writes whose failure becomes the {@link JMSException} a client
 * sees, writes nobody waits for (their failure is logged), and page reads of a queue's stored backlog. Every part
 * that touches the store goes through here.
 */
final class StoreWriter {

    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);

    private final String brokerName;
    private final MessageStore store;

    StoreWriter(String brokerName, MessageStore store) {
        this.brokerName = brokerName;
        this.store = store;
    }

    /** Writes a unit to the store; the future fails with a JMSException naming the store failure. */
    CompletableFuture<Void> write(List<StoreOperation> operations) {
        if (operations.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        store.write(operations).whenComplete((v, failure) -> {
            if (failure == null) {
                result.complete(null);
            } else {
                JMSException e = new JMSException("Broker " + brokerName + " could not store: "
                        + failure.getMessage());
                e.initCause(failure);
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Writes a unit nobody waits for (delivery counts, expiries); a failure is logged. */
    void writeInBackground(List<StoreOperation> operations) {
        if (!operations.isEmpty()) {
            store.write(operations).exceptionally(failure -> {
                logBackgroundFailure(failure);
                return null;
            });
        }
    }

    /** Logs the failure of a write nobody waits for. */
    void logBackgroundFailure(Throwable failure) {
        LOG.error("Broker {}: background store write failed", brokerName, failure);
    }

    /**
     * Sets aside a stored queue the broker cannot load, with its references (see
     * {@link MessageStore#quarantineQueue}); waits for it and answers how many rows were set aside.
     */
    int quarantineQueue(long queueId, String reason) {
        return store.quarantineQueue(queueId, reason).join();
    }

    /** Reads part of a queue's stored backlog (see {@link MessageStore#page}). */
    CompletableFuture<List<PagedMessage>> page(long queueId, int priority, long afterId, int limit) {
        return store.page(queueId, priority, afterId, Long.MAX_VALUE, limit);
    }
}
