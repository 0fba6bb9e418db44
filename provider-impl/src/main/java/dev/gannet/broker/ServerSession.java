package dev.gannet.broker;

import dev.gannet.api.Limits;
import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Delivery;
import dev.gannet.selector.Selector;
import dev.gannet.store.StoreOperation;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.ResourceAllocationException;

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
 * transacted, a reference to its current {@link Transaction} (begun by the {@link ResourceManager} with the session
 * and after each commit or rollback). What the transaction holds (staged sends, consumed references, the
 * rollback-only mark) is the transaction's own. A session that is not transacted may be associated with an XA branch
 * (see {@link ResourceManager#start}): while it is, its sends are staged in the branch, and the deliveries it names
 * when the association ends are consumed by the branch; outside an association it works as an
 * {@code AUTO_ACKNOWLEDGE} session.
 */
final class ServerSession {

    /** A page of a browser's walk holds at most this many messages, */
    static final int BROWSE_PAGE_MESSAGES = 500;
    /** and stops once it holds this many bytes of them (a larger message still goes alone). */
    static final long BROWSE_PAGE_BYTES = 1024 * 1024;

    final int id;
    final ServerConnection connection;
    final boolean transacted;
    private final ConnectionParts parts;
    private final Map<Integer, ServerConsumer> consumers = new ConcurrentHashMap<>();
    /** The queue browser enumerations under way, by browse id (see {@link Command.Browse}). */
    private final Map<Integer, QueueBrowsing> browsings = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private final LinkedHashMap<Long, InFlight> inFlight = new LinkedHashMap<>(); // guarded by lock
    private Transaction transaction; // guarded by lock; null unless transacted, or once closed
    /** The XA branch the session works in now; null if none. Written by the resource manager, under its lock. */
    private volatile Transaction association;
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

    ServerSession(ConnectionParts parts, ServerConnection connection, int id, boolean transacted) {
        this.parts = parts;
        this.connection = connection;
        this.id = id;
        this.transacted = transacted;
        if (transacted) {
            transaction = parts.resourceManager().beginLocal(connection.id(), id);
        }
    }

    /**
     * Creates a consumer of a queue, or of a topic through the subscription {@code create} names (a new unnamed one
     * if none), and lets its queue dispatch to it.
     *
     * @throws jakarta.jms.InvalidSelectorException if the selector is not valid
     * @throws InvalidDestinationException if the destination cannot be used, or is a temporary destination of
     *                                     another connection
     * @throws JMSException if the consumer id is taken, or the subscription refuses the consumer
     */
    void createConsumer(Command.CreateConsumer create) throws JMSException {
        GannetDestination destination = create.destination();
        Selector selector = Selector.parse(Subscription.blankToNull(create.selector()));
        ServerConsumer consumer = newConsumer(create, selector);
        addConsumer(consumer);
        if (!consumer.queue.addConsumer(consumer)) {
            // its queue was deleted since it was looked up, and is gone from the registry by now: look again, once
            consumers.remove(consumer.id);
            consumer = newConsumer(create, selector);
            addConsumer(consumer);
            if (!consumer.queue.addConsumer(consumer)) {
                consumers.remove(consumer.id);
                throw new jakarta.jms.IllegalStateException(destination + " was deleted twice while a consumer was"
                        + " created on it; create it again");
            }
        }
        parts.events().publish(new BrokerEvent.ConsumerCreated(connection.id(), id, consumer.id, destination));
    }

    /** A consumer for {@code create}, of the queue it names or of its subscription (made if new); not attached yet. */
    private ServerConsumer newConsumer(Command.CreateConsumer create, Selector selector) throws JMSException {
        GannetDestination destination = create.destination();
        boolean everything = Subscription.blankToNull(create.selector()) == null;
        if (destination.kind().isQueue()) {
            QueueDestination queue = parts.registry().queueFor(destination);
            checkOwner(queue.owner(), destination);
            return new ServerConsumer(create.consumerId(), this, queue.queue(), null,
                    everything ? null : selector, create.prefetch());
        }
        TopicDestination topic = parts.registry().topicFor(destination);
        checkOwner(topic.owner, destination);
        Subscription subscription = parts.subscriptions().subscribe(connection, topic, create.subscription(),
                everything ? null : selector, create.noLocal());
        return new ServerConsumer(create.consumerId(), this, subscription.queue(), subscription, null,
                create.prefetch());
    }

    private void checkOwner(ServerConnection owner, GannetDestination destination) throws JMSException {
        if (owner != null && owner != connection) {
            throw new InvalidDestinationException("Temporary destination " + destination
                    + " can be consumed only by the connection that created it");
        }
    }

    private void addConsumer(ServerConsumer consumer) throws JMSException {
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

    /**
     * Stages a send of a transacted session until commit.
     *
     * @throws jakarta.jms.IllegalStateException if the session is not transacted, or closed
     */
    void stage(ServerMessage message, GannetDestination destination) throws JMSException {
        synchronized (lock) {
            transaction().stage(message, destination);
        }
    }

    /**
     * The transaction the session's sends go to now: its local transaction, or the XA branch it is associated with;
     * null if neither (not transacted and not associated, or closed).
     */
    Transaction currentTransaction() {
        synchronized (lock) {
            return transaction != null ? transaction : association;
        }
    }

    /** The XA branch the session is associated with now, or null. */
    Transaction association() {
        return association;
    }

    /** The resource manager associates the session with an XA branch ({@code null}: with none any more). */
    void associate(Transaction branch) {
        association = branch;
    }

    /**
     * The listed deliveries were consumed in the XA branch {@code branch}: they leave the session for it, consumed
     * when it commits, returned to their queues as redelivered if it rolls back.
     *
     * @throws IllegalStateException if the branch is committing or over
     */
    void consumeIn(Transaction branch, List<Long> deliveredIds) {
        handOver(branch, takeConsumed(deliveredIds));
    }

    /** Hands consumed deliveries to {@code transaction}, which returns them if it rolls back. */
    private void handOver(Transaction transaction, List<InFlight> consumed) {
        if (!consumed.isEmpty()) {
            consumed.forEach(flight -> transaction.acknowledge(flight.ref));
            transaction.afterRollback(() -> putBack(consumed, flight -> true));
        }
    }

    /** The current transaction; the caller holds {@code lock}. */
    private Transaction transaction() throws JMSException {
        if (transaction == null) {
            throw new jakarta.jms.IllegalStateException("Session " + this + (transacted ? " is closed"
                    : " is not transacted"));
        }
        return transaction;
    }

    /** Consumes the listed deliveries: their messages leave their queues (and the store). */
    CompletableFuture<Void> acknowledge(List<Long> deliveryIds) {
        List<StoreOperation> operations = new ArrayList<>();
        synchronized (lock) {
            for (Long deliveryId : deliveryIds) {
                InFlight consumed = inFlight.remove(deliveryId);
                if (consumed != null) {
                    consumed.ref.queue.forget(consumed.ref, operations);
                }
            }
        }
        return parts.store().write(operations);
    }

    /**
     * Commits the session's transaction, the listed deliveries consumed in it, in one store transaction; a new
     * transaction begins. The deliveries are handed to the transaction only now: the client names them in its
     * commit. If the transaction rolls back instead, they return to their queues as redelivered.
     *
     * @throws jakarta.jms.TransactionRolledBackException if the transaction was marked rollback-only (a one-way send
     *         failed): it is rolled back instead, and every delivery returns, the listed ones as redelivered
     * @throws jakarta.jms.InvalidDestinationException if a staged send's destination is gone: it is rolled back
     */
    CompletableFuture<Void> commit(List<Long> deliveredIds) throws JMSException {
        Transaction committing = endTransaction();
        if (committing.isRollbackOnly()) {
            recover(deliveredIds); // before the commit below refuses, as a rollback would
        } else {
            handOver(committing, takeConsumed(deliveredIds));
        }
        return committing.commit(parts.postOffice());
    }

    /** Removes the listed deliveries from the in-flight table and answers them. */
    private List<InFlight> takeConsumed(List<Long> deliveredIds) {
        List<InFlight> consumed = new ArrayList<>(deliveredIds.size());
        synchronized (lock) {
            for (Long deliveryId : deliveredIds) {
                InFlight flight = inFlight.remove(deliveryId);
                if (flight != null) {
                    consumed.add(flight);
                }
            }
        }
        return consumed;
    }

    /**
     * Rolls the session's transaction back (its staged sends are dropped, a new one begins) and returns every
     * unconsumed delivery; answers the new delivery generation.
     */
    long rollback(List<Long> deliveredIds) throws JMSException {
        endTransaction().rollback();
        return recover(deliveredIds);
    }

    /** Begins the session's next transaction and answers the current one, which the caller ends. */
    private Transaction endTransaction() throws JMSException {
        synchronized (lock) {
            Transaction ended = transaction();
            transaction = parts.resourceManager().beginLocal(connection.id(), id);
            return ended;
        }
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
        parts.subscriptions().consumerClosed(consumer);
        consumerClosed(consumer);
    }

    /**
     * Ends the session: staged work is dropped and every unconsumed delivery returns, those in {@code deliveredIds}
     * marked redelivered ({@code null}: all of them, used when the client went away without saying). An association
     * with an XA branch, active or suspended, fails: the branch may only roll back (see
     * {@link ResourceManager#sessionClosed}).
     */
    void close(List<Long> deliveredIds) {
        parts.resourceManager().sessionClosed(this);
        browsings.clear();
        List<ServerConsumer> closing = List.copyOf(consumers.values());
        for (ServerConsumer consumer : closing) {
            consumers.remove(consumer.id);
            consumer.queue.removeConsumer(consumer);
        }
        List<InFlight> returned;
        Transaction ended;
        synchronized (lock) {
            ended = transaction;
            transaction = null;
            generation++;
            returned = takeInFlight();
        }
        if (ended != null) {
            ended.rollback();
        }
        Set<Long> seen = deliveredIds == null ? null : new HashSet<>(deliveredIds);
        putBack(returned, flight -> seen == null || seen.contains(flight.deliveryId));
        closing.forEach(parts.subscriptions()::consumerClosed);
        closing.forEach(this::consumerClosed);
    }

    /**
     * Begins the walk {@code browseId} of a browser's enumeration and answers its first page, of at most
     * {@code firstPage} messages (0: none, and the walk ends at once).
     *
     * @throws jakarta.jms.IllegalStateException if the browse id is in use
     * @throws ResourceAllocationException if the session has {@link Limits#MAX_OPEN_BROWSES_PER_SESSION} walks open
     * @throws JMSException as {@link #browseNext}
     */
    List<byte[]> browse(int browseId, QueueBrowsing browsing, int firstPage) throws JMSException {
        if (browsings.size() >= Limits.MAX_OPEN_BROWSES_PER_SESSION) {
            throw new ResourceAllocationException("Session " + this + " has " + Limits.MAX_OPEN_BROWSES_PER_SESSION
                    + " browser enumerations open, the most a session may have; close a browser first");
        }
        if (browsings.putIfAbsent(browseId, browsing) != null) {
            throw new jakarta.jms.IllegalStateException("Session " + this + " has a browse " + browseId + " already");
        }
        return page(browseId, browsing, Math.min(firstPage, BROWSE_PAGE_MESSAGES));
    }

    /**
     * The next page of the walk {@code browseId}: at most {@value #BROWSE_PAGE_MESSAGES} messages, stopping after
     * {@value #BROWSE_PAGE_BYTES} bytes; empty at its end, when the walk is forgotten.
     *
     * @throws jakarta.jms.IllegalStateException if there is no such walk (it ended, or was never begun)
     * @throws JMSException if the stored backlog cannot be read, or a message cannot be read for the selector
     */
    List<byte[]> browseNext(int browseId) throws JMSException {
        QueueBrowsing browsing = browsings.get(browseId);
        if (browsing == null) {
            throw new jakarta.jms.IllegalStateException("Session " + this + " has no browse " + browseId
                    + " (it reached its end, was closed, or was never begun)");
        }
        return page(browseId, browsing, BROWSE_PAGE_MESSAGES);
    }

    private List<byte[]> page(int browseId, QueueBrowsing browsing, int maxMessages) throws JMSException {
        List<byte[]> page;
        try {
            page = browsing.next(maxMessages, BROWSE_PAGE_BYTES);
        } catch (JMSException | RuntimeException e) {
            browsings.remove(browseId);
            throw e;
        }
        if (page.isEmpty()) {
            browsings.remove(browseId);
        }
        return page;
    }

    /** Ends the walk {@code browseId} before its end; nothing happens if it is over already. */
    void closeBrowse(int browseId) {
        browsings.remove(browseId);
    }

    private void consumerClosed(ServerConsumer consumer) {
        parts.events().publish(new BrokerEvent.ConsumerClosed(connection.id(), id, consumer.id,
                consumer.queue.destination));
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
     * Returns deliveries to their queues through the broker's {@link Redelivery}; those {@code seen} by the application
     * count as redelivered, the others give their consumer's credit back.
     */
    private void putBack(List<InFlight> returned, Predicate<InFlight> seen) {
        if (returned.isEmpty()) {
            return;
        }
        List<MessageRef> unseen = new ArrayList<>();
        List<MessageRef> redelivered = new ArrayList<>();
        for (InFlight flight : returned) {
            if (seen.test(flight)) {
                redelivered.add(flight.ref);
            } else {
                flight.consumer.release(1);
                unseen.add(flight.ref);
            }
        }
        parts.redelivery().putBack(unseen, redelivered);
    }

    @Override
    public String toString() {
        return connection + ":" + id;
    }
}
