package dev.gannet.broker;

import dev.gannet.store.StoreOperation;
import dev.gannet.store.StoredQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store rows of new queues and durable subscriptions. A row is written when its queue is created. The store
 * refuses references to a queue it does not hold, so while the row is not stored every message to the queue fails;
 * should the write fail, the row goes again with the next message to the queue, in the same unit.
 */
final class QueueRows {

    private static final Logger LOG = LoggerFactory.getLogger(QueueRows.class);

    private final String brokerName;
    private final StoreWriter store;
    /** Rows whose write failed, by queue id, to be stored with their queue's next message. */
    private final Map<Long, StoredQueue> unstored = new ConcurrentHashMap<>();

    QueueRows(String brokerName, StoreWriter store) {
        this.brokerName = brokerName;
        this.store = store;
    }

    /** Writes a new queue's (or durable subscription's) row. */
    void store(StoredQueue row) {
        store.write(List.of(new StoreOperation.AddQueue(row))).whenComplete((v, failure) -> {
            if (failure != null) {
                LOG.error("Broker {}: storing queue {} ({}) failed; it is stored with the next message to it",
                        brokerName, row.id(), row.name(), failure);
                unstored.put(row.id(), row);
            }
        });
    }

    /** A stored message goes to queue {@code queueId}: if the queue's row is not stored yet, it goes along. */
    void addIfUnstored(long queueId, List<StoreOperation> operations) {
        StoredQueue row = unstored.remove(queueId);
        if (row != null) {
            operations.add(new StoreOperation.AddQueue(row));
        }
    }

    /** A unit failed: the queue rows it carried are not stored after all. */
    void notStored(List<StoreOperation> operations) {
        for (StoreOperation operation : operations) {
            if (operation instanceof StoreOperation.AddQueue add) {
                unstored.put(add.queue().id(), add.queue());
            }
        }
    }

    /** The queue is removed: its row, if not stored yet, never will be. */
    void removed(long queueId) {
        unstored.remove(queueId);
    }
}
