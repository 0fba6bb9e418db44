package dev.gannet.broker;

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
 * (left in the store, to be paged in), and the remembered duplicate IDs. A stored queue the broker cannot load (a
 * name it cannot read, a selector that does not parse, a name restored already) is set aside in the store's
 * quarantine with its messages, and the broker starts with everything else.
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
        int setAside = 0;
        for (StoredQueue stored : state.queues()) {
            try {
                byId.put(stored.id(), restoreQueue(stored));
            } catch (JMSException | RuntimeException e) {
                String reason = "the broker cannot load stored queue " + stored.id() + " '" + stored.name() + "': "
                        + e.getMessage();
                LOG.error("Broker {}: {}; it is set aside in the store's quarantine with its messages",
                        brokerName, reason);
                setAside += store.quarantineQueue(stored.id(), reason);
            }
        }
        long count = 0;
        for (Map.Entry<Long, long[]> entry : state.pendingCounts().entrySet()) {
            MessageQueue queue = byId.get(entry.getKey());
            if (queue != null) { // else it was set aside
                queue.recovered(entry.getValue());
                count += Arrays.stream(entry.getValue()).sum();
            }
        }
        List<Long> evicted = duplicates.restore(state.duplicates());
        store.writeInBackground(evicted.stream().<StoreOperation>map(StoreOperation.RemoveDuplicate::new).toList());
        LOG.info("Broker {} recovered {} queue(s) and subscription(s), {} pending message(s), {} duplicate ID(s);"
                        + " {} row(s) set aside now, {} row(s) in the store's quarantine in all", brokerName,
                byId.size(), count, state.duplicates().size() - evicted.size(), setAside,
                state.quarantined() + setAside);
    }

    /**
     * Rebuilds one stored queue or durable subscription.
     *
     * @throws JMSException             if its selector does not parse
     * @throws IllegalArgumentException if its name is no key the broker makes, or one restored already
     */
    private MessageQueue restoreQueue(StoredQueue stored) throws JMSException {
        return stored.topic() == null ? registry.restoreQueue(stored.id(), QueueKey.fromStoreName(stored.name()))
                : subscriptions.restore(stored);
    }
}
