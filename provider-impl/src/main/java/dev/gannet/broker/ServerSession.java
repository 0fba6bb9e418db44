package dev.gannet.broker;

import dev.gannet.api.DestinationSettings;
import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.Delivery;
import dev.gannet.store.StoreOperation;
import jakarta.jms.JMSException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A session as the broker sees it: its consumers, the messages delivered to it and not yet consumed, and, when
 * transacted, the sends staged until commit.
 */
final class ServerSession {

    final int id;
    final ServerConnection connection;
    final boolean transacted;
    private final Broker broker;
    private final Map<Integer, ServerConsumer> consumers = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private final LinkedHashMap<Long, InFlight> inFlight = new LinkedHashMap<>(); // guarded by lock
    private final List<Staged> staged = new ArrayList<>(); // guarded by lock
    private long lastDeliveryId; // guarded by lock
    private long generation; // guarded by lock
    /**
     * True while recovered messages are on their way back to their queues: the session takes no delivery meanwhile,
     * so that delivery restarts with the oldest of them (Session.recover). Written under lock.
     */
    private volatile boolean returning;

    /** A message sent to one of this session's consumers and not consumed yet. */
    private record InFlight(long deliveryId, MessageRef ref, ServerConsumer consumer) {
    }

    /** A send of a transacted session, waiting for commit. */
    private record Staged(ServerMessage message, GannetDestination destination) {
    }

    ServerSession(Broker broker, ServerConnection connection, int id, boolean transacted) {
        this.broker = broker;
        this.connection = connection;
        this.id = id;
        this.transacted = transacted;
    }

    void addConsumer(ServerConsumer consumer) throws JMSException {
        if (consumers.putIfAbsent(consumer.id, consumer) != null) {
            throw new JMSException("Consumer " + this + ":" + consumer.id + " exists already");
        }
    }

    /** Refuses a consumer id this session already uses, before anything is made for the new consumer. */
    void requireNewConsumerId(int consumerId) throws JMSException {
        if (consumers.containsKey(consumerId)) {
            throw new jakarta.jms.IllegalStateException("Consumer " + this + ":" + consumerId + " exists already;"
                    + " a consumer id is used once per session");
        }
    }

    ServerConsumer consumer(int consumerId) throws JMSException {
        ServerConsumer consumer = consumers.get(consumerId);
        if (consumer == null) {
            throw new jakarta.jms.IllegalStateException("Consumer " + this + ":" + consumerId + " is closed");
        }
        return consumer;
    }

    Collection<ServerConsumer> consumers() {
        return consumers.values();
    }

    /** Whether this session's consumers may be handed messages: its connection is started and nothing returns. */
    boolean takesDeliveries() {
        return connection.isStarted() && !returning;
    }

    /** The session takes deliveries again, or has room again: its consumers' queues look for messages for it. */
    void creditChanged() {
        for (ServerConsumer consumer : consumers.values()) {
            consumer.queue.creditChanged();
        }
    }

    /**
     * Called by a queue under its lock: records the delivery and sends it to the client. Answers false, sending
     * nothing, if the session takes no deliveries now (checked under the lock that {@link #recover} and
     * {@link #returnPrefetched} take the in-flight messages with, so nothing slips in behind them).
     */
    boolean deliver(ServerConsumer consumer, MessageRef ref) {
        long deliveryId;
        long currentGeneration;
        synchronized (lock) {
            if (!takesDeliveries()) {
                return false;
            }
            deliveryId = ++lastDeliveryId;
            currentGeneration = generation;
            inFlight.put(deliveryId, new InFlight(deliveryId, ref, consumer));
        }
        connection.endpoint.deliver(new Delivery(id, consumer.id, deliveryId, currentGeneration,
                ref.nextDeliveryCount(), ref.message.encoded));
        return true;
    }

    /** Stages a send of a transacted session until commit. */
    void stage(ServerMessage message, GannetDestination destination) {
        synchronized (lock) {
            staged.add(new Staged(message, destination));
        }
    }

    /** Consumes the listed deliveries: their messages leave their queues (and the store). */
    CompletableFuture<Void> acknowledge(List<Long> deliveryIds) {
        List<StoreOperation> operations = new ArrayList<>();
        synchronized (lock) {
            for (Long deliveryId : deliveryIds) {
                InFlight consumed = inFlight.remove(deliveryId);
                if (consumed != null) {
                    broker.forget(consumed.ref, operations);
                }
            }
        }
        return broker.write(operations);
    }

    /** Applies staged sends and consumes the listed deliveries, in one store transaction. */
    CompletableFuture<Void> commit(List<Long> deliveredIds) throws JMSException {
        List<Staged> sends;
        synchronized (lock) {
            sends = List.copyOf(staged);
            staged.clear();
        }
        List<StoreOperation> operations = new ArrayList<>();
        List<MessageRef> routed = new ArrayList<>();
        for (Staged send : sends) {
            routed.addAll(broker.route(send.destination(), send.message(), operations));
        }
        synchronized (lock) {
            for (Long deliveryId : deliveredIds) {
                InFlight consumed = inFlight.remove(deliveryId);
                if (consumed != null) {
                    broker.forget(consumed.ref, operations);
                }
            }
        }
        return broker.commitRouted(operations, routed);
    }

    /** Drops staged sends and returns every unconsumed delivery; answers the new delivery generation. */
    long rollback(List<Long> deliveredIds) {
        synchronized (lock) {
            staged.clear();
        }
        return recover(deliveredIds);
    }

    /**
     * Returns every message delivered to this session and not consumed to its queue, those the application saw
     * ({@code deliveredIds}) marked redelivered. Deliveries sent before this call carry an older generation.
     */
    long recover(List<Long> deliveredIds) {
        List<InFlight> returned;
        long newGeneration;
        synchronized (lock) {
            newGeneration = ++generation;
            returned = takeInFlight();
            returning = true;
        }
        Set<Long> seen = new HashSet<>(deliveredIds);
        try {
            putBack(returned, flight -> seen.contains(flight.deliveryId));
        } finally {
            synchronized (lock) {
                returning = false;
            }
        }
        creditChanged();
        return newGeneration;
    }

    /**
     * The connection stopped: messages sent to this session that the application never saw ({@code deliveredIds}
     * are those it saw) return to their queues unchanged, for other consumers; those it saw stay until acknowledged,
     * recovered or rolled back. Deliveries sent before this call carry an older generation than the one answered.
     */
    long returnPrefetched(List<Long> deliveredIds) {
        Set<Long> seen = new HashSet<>(deliveredIds);
        List<InFlight> unseen = new ArrayList<>();
        long newGeneration;
        synchronized (lock) {
            newGeneration = ++generation;
            takeUnseen(flight -> !seen.contains(flight.deliveryId), unseen);
        }
        putBack(unseen, flight -> false);
        return newGeneration;
    }

    /**
     * A consumer closes: messages sent to it that the application never saw go back unchanged; those it saw stay
     * with the session until acknowledged, recovered or rolled back.
     */
    void closeConsumer(ServerConsumer consumer, List<Long> deliveredIds) {
        consumers.remove(consumer.id);
        consumer.queue.removeConsumer(consumer);
        Set<Long> seen = new HashSet<>(deliveredIds);
        List<InFlight> unseen = new ArrayList<>();
        synchronized (lock) {
            takeUnseen(flight -> flight.consumer == consumer && !seen.contains(flight.deliveryId), unseen);
        }
        putBack(unseen, flight -> false);
        broker.consumerClosed(consumer);
    }

    /**
     * Ends the session: staged work is dropped and every unconsumed delivery returns, those in {@code deliveredIds}
     * marked redelivered ({@code null}: all of them, used when the client went away without saying).
     */
    void close(List<Long> deliveredIds) {
        List<ServerConsumer> closing = List.copyOf(consumers.values());
        for (ServerConsumer consumer : closing) {
            consumers.remove(consumer.id);
            consumer.queue.removeConsumer(consumer);
        }
        List<InFlight> returned;
        synchronized (lock) {
            staged.clear();
            generation++;
            returned = takeInFlight();
        }
        Set<Long> seen = deliveredIds == null ? null : new HashSet<>(deliveredIds);
        putBack(returned, flight -> seen == null || seen.contains(flight.deliveryId));
        closing.forEach(broker::consumerClosed);
    }

    /** Moves the in-flight messages {@code which} selects to {@code taken}; the caller holds {@code lock}. */
    private void takeUnseen(Predicate<InFlight> which, List<InFlight> taken) {
        Iterator<InFlight> it = inFlight.values().iterator();
        while (it.hasNext()) {
            InFlight flight = it.next();
            if (which.test(flight)) {
                taken.add(flight);
                it.remove();
            }
        }
    }

    /** Empties the in-flight table; the caller holds {@code lock}. */
    private List<InFlight> takeInFlight() {
        List<InFlight> taken = new ArrayList<>(inFlight.values());
        inFlight.clear();
        return taken;
    }

    /**
     * Returns deliveries to their queues; those {@code seen} by the application count as redelivered. By their
     * destination's settings, a message that failed too often is dead-lettered instead, and one with a redelivery
     * delay returns only after it (while the rest of its queue flows on).
     */
    private void putBack(List<InFlight> returned, Predicate<InFlight> seen) {
        if (returned.isEmpty()) {
            return;
        }
        Map<MessageQueue, List<MessageRef>> byQueue = new LinkedHashMap<>();
        List<StoreOperation> counts = new ArrayList<>();
        for (InFlight flight : returned) {
            MessageRef ref = flight.ref;
            if (!seen.test(flight)) {
                flight.consumer.release(1);
                byQueue.computeIfAbsent(ref.queue, q -> new ArrayList<>()).add(ref);
                continue;
            }
            ref.markRedelivered();
            DestinationSettings settings = ref.queue.settings;
            if (settings.maxDeliveryAttempts() > 0 && ref.redeliveries() >= settings.maxDeliveryAttempts()) {
                broker.deadLetter(ref);
                continue;
            }
            if (ref.queue.storesReferenceTo(ref.message)) {
                counts.add(new StoreOperation.SetDeliveryCount(ref.queue.id, ref.message.id, ref.redeliveries()));
            }
            long delay = settings.redeliveryDelayMillis(ref.redeliveries());
            if (delay > 0) {
                broker.schedule(() -> ref.queue.putBack(List.of(ref)), delay);
            } else {
                byQueue.computeIfAbsent(ref.queue, q -> new ArrayList<>()).add(ref);
            }
        }
        broker.writeInBackground(counts);
        byQueue.forEach(MessageQueue::putBack);
    }

    @Override
    public String toString() {
        return connection + ":" + id;
    }
}
