package dev.gannet.broker;

import dev.gannet.selector.Selector;
import dev.gannet.store.RecoveredState;
import dev.gannet.store.StoreOperation;
import dev.gannet.store.StoredQueue;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the broker from what its store held at start: queues and durable subscriptions, the backlog each holds
 * (left in the store, to be paged in), and the remembered duplicate IDs.
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final String brokerName;
    private final DestinationRegistry registry;
    private final Subscriptions subscriptions;
    private final DuplicateDetection duplicates;
    private final StoreWriter store;

    Recovery(String brokerName, DestinationRegistry registry, Subscriptions subscriptions,
             DuplicateDetection duplicates, StoreWriter store) {
        this.brokerName = brokerName;
        this.registry = registry;
        this.subscriptions = subscriptions;
        this.duplicates = duplicates;
        this.store = store;
    }

    /** Restores {@code state}; call once, before the broker takes connections. */
    void restore(RecoveredState state) {
        Map<Long, MessageQueue> byId = new HashMap<>();
        for (StoredQueue stored : state.queues()) {
            MessageQueue queue = stored.topic() == null
                    ? registry.restoreQueue(stored.id(), QueueKey.fromStoreName(stored.name()))
                    : subscriptions.restore(stored, parseStoredSelector(stored));
            byId.put(stored.id(), queue);
        }
        long count = 0;
        for (Map.Entry<Long, long[]> entry : state.pendingCounts().entrySet()) {
            MessageQueue queue = byId.get(entry.getKey());
            if (queue == null) {
                LOG.warn("Store holds messages of unknown queue {}; they stay in the store", entry.getKey());
                continue;
            }
            queue.recovered(entry.getValue());
            count += Arrays.stream(entry.getValue()).sum();
        }
        List<Long> evicted = duplicates.restore(state.duplicates());
        store.writeInBackground(evicted.stream().<StoreOperation>map(StoreOperation.RemoveDuplicate::new).toList());
        LOG.info("Broker {} recovered {} queue(s) and subscription(s), {} pending message(s), {} duplicate ID(s)",
                brokerName, state.queues().size(), count, state.duplicates().size() - evicted.size());
    }

    private static Selector parseStoredSelector(StoredQueue stored) {
        try {
            return stored.selector() == null ? null : Selector.parse(stored.selector());
        } catch (JMSException e) {
            throw new IllegalStateException("Stored subscription " + stored.name() + " has a bad selector", e);
        }
    }
}
