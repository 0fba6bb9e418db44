package dev.gannet.broker;

import dev.gannet.protocol.BranchId;
import dev.gannet.store.RecoveredBranch;
import dev.gannet.store.RecoveredState;
import dev.gannet.store.StoreOperation;
import dev.gannet.store.StoredBranch;
import dev.gannet.store.StoredDuplicate;
import dev.gannet.store.StoredQueue;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the broker from what its store held at start: queues and durable subscriptions, the backlog each holds
 * (left in the store, to be paged in), the remembered duplicate IDs, and the prepared XA branches (their sends
 * invisible and what they consumed locked until each commits or rolls back). A stored queue the broker cannot load (a
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
    private final ResourceManager resourceManager;
    private final Redelivery redelivery;

    Recovery(String brokerName, DestinationRegistry registry, Subscriptions subscriptions,
             DuplicateDetection duplicates, StoreWriter store, ResourceManager resourceManager,
             Redelivery redelivery) {
        this.brokerName = brokerName;
        this.registry = registry;
        this.subscriptions = subscriptions;
        this.duplicates = duplicates;
        this.store = store;
        this.resourceManager = resourceManager;
        this.redelivery = redelivery;
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
        int duplicateCount = state.duplicates().size() - evicted.size();
        for (RecoveredBranch branch : state.prepared()) {
            try {
                restoreBranch(branch, byId, evicted);
            } catch (RuntimeException e) {
                LOG.error("Broker {}: the broker cannot restore stored XA branch {}: {}; it stays in the store, in"
                        + " doubt, with what it holds", brokerName, branch.branch().id(), e.getMessage(), e);
            }
        }
        store.writeInBackground(evicted.stream().<StoreOperation>map(StoreOperation.RemoveDuplicate::new).toList());
        LOG.info("Broker {} recovered {} queue(s) and subscription(s), {} pending message(s), {} duplicate ID(s),"
                        + " {} prepared XA branch(es); {} row(s) set aside now, {} row(s) in the store's quarantine"
                        + " in all", brokerName, byId.size(), count, duplicateCount, state.prepared().size(),
                setAside, state.quarantined() + setAside);
    }

    /**
     * Rebuilds a prepared XA branch: the references it sends (invisible until it commits), those it consumed (locked
     * in their queues, delivered to no one, until it commits or rolls back: then they return as redelivered), and
     * the duplicate IDs its sends reserved. References to queues set aside are left to the store.
     */
    private void restoreBranch(RecoveredBranch recovered, Map<Long, MessageQueue> byId, List<Long> evicted) {
        StoredBranch stored = recovered.branch();
        BranchId xid = new BranchId(stored.formatId(), stored.globalTransactionId(), stored.branchQualifier());
        Map<Long, ServerMessage> messages = new HashMap<>();
        List<MessageRef> sends = new ArrayList<>();
        for (RecoveredBranch.PreparedReference send : recovered.sends()) {
            MessageQueue queue = queueOf(send, byId, xid);
            if (queue != null) {
                ServerMessage message = messages.computeIfAbsent(send.message().message().id(),
                        id -> ServerMessage.recovered(send.message().message()));
                sends.add(new MessageRef(message, queue, 0));
            }
        }
        List<MessageRef> consumed = new ArrayList<>();
        for (RecoveredBranch.PreparedReference acknowledged : recovered.acknowledged()) {
            MessageQueue queue = queueOf(acknowledged, byId, xid);
            if (queue != null) {
                MessageRef ref = new MessageRef(ServerMessage.recovered(acknowledged.message().message()), queue,
                        acknowledged.message().deliveryCount());
                queue.restoreLocked(ref);
                consumed.add(ref);
            }
        }
        List<Runnable> afterRollback = new ArrayList<>();
        for (StoredDuplicate duplicate : recovered.duplicates()) {
            afterRollback.add(duplicates.restoreReserved(duplicate, evicted));
        }
        afterRollback.add(() -> redelivery.putBack(List.of(), consumed));
        resourceManager.restorePrepared(xid, stored.id(), sends, consumed, afterRollback);
        LOG.info("Broker {}: XA branch {} is prepared, in doubt: {} message(s) sent, {} consumed; it waits for its"
                + " transaction manager to commit or roll it back", brokerName, xid, sends.size(), consumed.size());
    }

    private MessageQueue queueOf(RecoveredBranch.PreparedReference reference, Map<Long, MessageQueue> byId,
                                 BranchId xid) {
        MessageQueue queue = byId.get(reference.queueId());
        if (queue == null) {
            LOG.warn("Broker {}: XA branch {} holds message {} of stored queue {}, which is set aside; the branch"
                    + " goes on without it", brokerName, xid, reference.message().message().id(), reference.queueId());
        }
        return queue;
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
