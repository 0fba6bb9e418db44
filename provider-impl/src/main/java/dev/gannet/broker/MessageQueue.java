package dev.gannet.broker;

import dev.gannet.store.StoreOperation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.HashMap;

/**
 * Messages waiting for consumers, in delivery order: higher priority first, FIFO within a priority. A JMS queue
 * is one of these; so is every topic subscription. Dispatch is serialised by this queue's own lock, so queues
 * never wait for each other.
 */
final class MessageQueue {

    private static final int PRIORITIES = 10;

    final long id;
    final String name;
    /** Whether references to persistent messages are kept in the store. */
    final boolean durable;
    private final Broker broker;
    private final Object lock = new Object();
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final ArrayDeque<MessageRef>[] pending = new ArrayDeque[PRIORITIES]; // guarded by lock
    private final List<ServerConsumer> consumers = new ArrayList<>(); // guarded by lock
    private int nextConsumer; // guarded by lock; round-robin start
    /** Which consumer owns which message group (JMSXGroupID) while it lives. */
    private final Map<String, ServerConsumer> groupOwners = new HashMap<>(); // guarded by lock
    private boolean deleted; // guarded by lock

    MessageQueue(Broker broker, long id, String name, boolean durable) {
        this.broker = broker;
        this.id = id;
        this.name = name;
        this.durable = durable;
        for (int i = 0; i < PRIORITIES; i++) {
            pending[i] = new ArrayDeque<>();
        }
    }

    /** Whether this queue holds {@code message} in the store. */
    boolean storesReferenceTo(ServerMessage message) {
        return durable && message.persistent;
    }

    /** Adds a routed message; held back until its delivery time if that lies ahead. */
    void add(MessageRef ref) {
        long delay = ref.message.deliveryTime - System.currentTimeMillis();
        if (delay > 0) {
            broker.schedule(() -> add(ref), delay);
            return;
        }
        synchronized (lock) {
            if (deleted) {
                return;
            }
            pending[ref.message.priority].addLast(ref);
            dispatch();
        }
    }

    /**
     * Puts references back that were delivered but not consumed, ahead of everything still waiting, in their
     * original order.
     */
    void putBack(List<MessageRef> refs) {
        List<MessageRef> sorted = new ArrayList<>(refs);
        sorted.sort(Comparator.comparingLong((MessageRef r) -> r.message.id).reversed());
        synchronized (lock) {
            if (deleted) {
                return;
            }
            for (MessageRef ref : sorted) {
                pending[ref.message.priority].addFirst(ref);
            }
            dispatch();
        }
    }

    void addConsumer(ServerConsumer consumer) {
        synchronized (lock) {
            consumers.add(consumer);
            dispatch();
        }
    }

    /** Removes a consumer; the message groups it owned go to other consumers from their next message on. */
    void removeConsumer(ServerConsumer consumer) {
        synchronized (lock) {
            consumers.remove(consumer);
            groupOwners.values().removeIf(owner -> owner == consumer);
        }
    }

    int consumerCount() {
        synchronized (lock) {
            return consumers.size();
        }
    }

    /** A consumer got credit back; hand it what it may take now. */
    void creditChanged() {
        synchronized (lock) {
            dispatch();
        }
    }

    /** Drops every message and refuses further ones; answers the store operations that forget the references. */
    List<StoreOperation> delete() {
        List<StoreOperation> operations = new ArrayList<>();
        synchronized (lock) {
            deleted = true;
            for (ArrayDeque<MessageRef> level : pending) {
                for (MessageRef ref : level) {
                    broker.forget(ref, operations);
                }
                level.clear();
            }
        }
        return operations;
    }

    /** Removes expired messages that wait here; answers the store operations that forget them. */
    void expire(long now, List<StoreOperation> operations) {
        synchronized (lock) {
            for (ArrayDeque<MessageRef> level : pending) {
                Iterator<MessageRef> it = level.iterator();
                while (it.hasNext()) {
                    MessageRef ref = it.next();
                    if (ref.message.isExpired(now)) {
                        it.remove();
                        broker.forget(ref, operations);
                    }
                }
            }
        }
    }

    /** The messages a browser would see now, in delivery order. */
    List<MessageRef> snapshot() {
        List<MessageRef> refs = new ArrayList<>();
        long now = System.currentTimeMillis();
        synchronized (lock) {
            for (int priority = PRIORITIES - 1; priority >= 0; priority--) {
                for (MessageRef ref : pending[priority]) {
                    if (!ref.message.isExpired(now)) {
                        refs.add(ref);
                    }
                }
            }
        }
        return refs;
    }

    /**
     * Hands waiting messages to consumers with credit, round-robin, in delivery order. A message no consumer
     * accepts (by selector) stays where it is; expired ones are dropped on the way.
     */
    private void dispatch() {
        if (consumers.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        List<StoreOperation> expired = null;
        for (int priority = PRIORITIES - 1; priority >= 0 && anyConsumerHasCredit(); priority--) {
            Iterator<MessageRef> it = pending[priority].iterator();
            while (it.hasNext()) {
                MessageRef ref = it.next();
                if (ref.message.isExpired(now)) {
                    it.remove();
                    if (expired == null) {
                        expired = new ArrayList<>();
                    }
                    broker.forget(ref, expired);
                    continue;
                }
                ServerConsumer consumer = consumerFor(ref);
                if (consumer != null) {
                    it.remove();
                    consumer.deliver(ref);
                    if (!anyConsumerHasCredit()) {
                        break;
                    }
                }
            }
        }
        if (expired != null) {
            broker.writeInBackground(expired);
        }
    }

    private boolean anyConsumerHasCredit() {
        for (ServerConsumer consumer : consumers) {
            if (consumer.hasCredit()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The consumer that gets {@code ref} now, or null. A grouped message goes only to its group's owner; a group
     * without owner is given to the next consumer that takes the message.
     */
    private ServerConsumer consumerFor(MessageRef ref) {
        String group = ref.message.groupId;
        if (group != null) {
            ServerConsumer owner = groupOwners.get(group);
            if (owner != null) {
                return owner.hasCredit() && owner.accepts(ref.message) ? owner : null;
            }
        }
        ServerConsumer chosen = nextConsumerFor(ref);
        if (chosen != null && group != null) {
            groupOwners.put(group, chosen);
        }
        return chosen;
    }

    private ServerConsumer nextConsumerFor(MessageRef ref) {
        int count = consumers.size();
        for (int i = 0; i < count; i++) {
            ServerConsumer candidate = consumers.get((nextConsumer + i) % count);
            if (candidate.hasCredit() && candidate.accepts(ref.message)) {
                nextConsumer = (nextConsumer + i + 1) % count;
                return candidate;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
