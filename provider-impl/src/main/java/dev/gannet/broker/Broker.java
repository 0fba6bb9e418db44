package dev.gannet.broker;

import dev.gannet.api.BrokerConfig;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.ClientEndpoint;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.OutboundMessage;
import dev.gannet.protocol.SubscriptionSpec;
import dev.gannet.selector.Selector;
import dev.gannet.store.MessageStore;
import dev.gannet.store.RecoveredState;
import dev.gannet.store.StoreOperation;
import dev.gannet.store.StoredQueue;
import dev.gannet.store.jdbc.DerbyDatabase;
import dev.gannet.store.jdbc.JdbcMessageStore;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running broker: destinations, subscriptions and connections over one {@link MessageStore}. Assembled here
 * with constructors; nothing in it is static.
 */
public final class Broker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
    private static final String QUEUE_PREFIX = "queue:";
    private static final String DURABLE_PREFIX = "durable:";
    /** How often waiting messages are checked for expiry (dispatch drops expired ones as well). */
    private static final long EXPIRY_SWEEP_MILLIS = 2000;

    private final BrokerConfig config;
    private final MessageStore store;
    private final AtomicLong messageIds;
    private final AtomicLong queueIds;
    private final AtomicLong connectionIds = new AtomicLong();
    private final AtomicLong temporaryIds = new AtomicLong();
    private final Map<String, QueueDestination> queues = new ConcurrentHashMap<>();
    private final Map<String, TopicDestination> topics = new ConcurrentHashMap<>();
    /** Durable and shared subscriptions by key; changed only under {@link #subscriptionLock}. */
    private final Map<String, Subscription> namedSubscriptions = new ConcurrentHashMap<>();
    private final Object subscriptionLock = new Object();
    private final Set<String> clientIds = ConcurrentHashMap.newKeySet();
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    /** The one timer for delivery delays: a task per delayed message, no thread per message. */
    private final ScheduledThreadPoolExecutor scheduler;

    private Broker(BrokerConfig config, MessageStore store) {
        this.config = config;
        this.store = store;
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "gannet-scheduler-" + config.name());
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        RecoveredState state = store.recover();
        this.messageIds = new AtomicLong(state.maxMessageId());
        this.queueIds = new AtomicLong(state.maxQueueId());
        restore(state);
        scheduler.scheduleWithFixedDelay(this::expireWaitingMessages, EXPIRY_SWEEP_MILLIS, EXPIRY_SWEEP_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Removes expired messages from every queue and subscription, and from the store. */
    private void expireWaitingMessages() {
        try {
            long now = System.currentTimeMillis();
            List<StoreOperation> operations = new ArrayList<>();
            queues.values().forEach(destination -> destination.queue().expire(now, operations));
            topics.values().forEach(topic -> topic.subscriptions().forEach(s -> s.queue().expire(now, operations)));
            writeInBackground(operations);
        } catch (RuntimeException e) {
            LOG.error("Broker {}: expiry sweep failed", config.name(), e);
        }
    }

    /**
     * Starts a broker on its Derby store in {@code config.dataDirectory()}, recovering what the store holds.
     *
     * @throws dev.gannet.store.StoreException if the store cannot be opened
     */
    public static Broker start(BrokerConfig config) {
        MessageStore store = new JdbcMessageStore(new DerbyDatabase(config.dataDirectory().resolve("derby")),
                config.name());
        try {
            Broker broker = new Broker(config, store);
            LOG.info("Broker {} started on {}", config.name(), config.dataDirectory().toAbsolutePath());
            return broker;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public BrokerConfig config() {
        return config;
    }

    /** Opens a connection whose deliveries go to {@code endpoint}. */
    public ServerConnection connect(ClientEndpoint endpoint) {
        ServerConnection connection = new ServerConnection(this, connectionIds.incrementAndGet(), endpoint);
        connections.add(connection);
        return connection;
    }

    private void restore(RecoveredState state) {
        Map<Long, MessageQueue> byId = new HashMap<>();
        for (StoredQueue stored : state.queues()) {
            MessageQueue queue = new MessageQueue(this, stored.id(), stored.name(), true);
            byId.put(stored.id(), queue);
            if (stored.topic() == null) {
                queues.put(stored.name().substring(QUEUE_PREFIX.length()), new QueueDestination(queue, null));
            } else {
                Selector selector = parseStoredSelector(stored);
                Subscription subscription = new Subscription(stored.name(), stored.topic(), queue, selector,
                        stored.noLocal(), true, stored.shared(), clientIdOfDurableKey(stored.name()), null);
                namedSubscriptions.put(stored.name(), subscription);
                topic(stored.topic()).addSubscription(subscription);
            }
        }
        Map<Long, ServerMessage> messages = new HashMap<>();
        int count = 0;
        for (Map.Entry<Long, List<RecoveredState.Pending>> entry : state.pending().entrySet()) {
            MessageQueue queue = byId.get(entry.getKey());
            if (queue == null) {
                LOG.warn("Store holds messages of unknown queue {}; they stay in the store", entry.getKey());
                continue;
            }
            for (RecoveredState.Pending pending : entry.getValue()) {
                ServerMessage message = messages.computeIfAbsent(pending.message().id(),
                        id -> ServerMessage.recovered(pending.message()));
                message.storedReferences.incrementAndGet();
                queue.add(new MessageRef(message, queue, pending.deliveryCount()));
                count++;
            }
        }
        LOG.info("Broker {} recovered {} queue(s) and subscription(s), {} pending message(s)", config.name(),
                state.queues().size(), count);
    }

    private Selector parseStoredSelector(StoredQueue stored) {
        try {
            return stored.selector() == null ? null : Selector.parse(stored.selector());
        } catch (JMSException e) {
            throw new IllegalStateException("Stored subscription " + stored.name() + " has a bad selector", e);
        }
    }

    // ---- client IDs

    void claimClientId(String clientId) throws JMSException {
        if (clientId == null || clientId.isEmpty()) {
            throw new InvalidClientIDException("Client ID must not be empty");
        }
        if (!clientIds.add(clientId)) {
            throw new InvalidClientIDException("Client ID '" + clientId + "' is in use by another connection");
        }
    }

    void releaseClientId(String clientId) {
        clientIds.remove(clientId);
    }

    void connectionClosed(ServerConnection connection) {
        connections.remove(connection);
    }

    // ---- sending

    /** Sends a message of a non-transacted session, or stages it in a transacted one. */
    CompletableFuture<Void> send(ServerSession session, OutboundMessage outbound) throws JMSException {
        ServerMessage message = new ServerMessage(messageIds.incrementAndGet(), outbound.persistent(),
                outbound.priority(), outbound.expiration(), outbound.deliveryTime(), outbound.groupId(),
                outbound.encoded(), session.connection);
        if (session.transacted) {
            checkDestination(outbound.destination());
            session.stage(message, outbound.destination());
            return CompletableFuture.completedFuture(null);
        }
        List<StoreOperation> operations = new ArrayList<>();
        List<MessageRef> refs = route(outbound.destination(), message, operations);
        if (operations.isEmpty()) {
            refs.forEach(ref -> ref.queue.add(ref));
            return CompletableFuture.completedFuture(null);
        }
        return write(operations).thenRun(() -> refs.forEach(ref -> ref.queue.add(ref)));
    }

    /**
     * Finds the queues a message goes to and adds to {@code operations} what the store must keep of it. The
     * references are to be added to their queues once those operations committed.
     */
    List<MessageRef> route(GannetDestination destination, ServerMessage message,
                           List<StoreOperation> operations) throws JMSException {
        List<MessageRef> refs = new ArrayList<>();
        switch (destination.kind()) {
            case QUEUE, TEMPORARY_QUEUE -> refs.add(new MessageRef(message, queueFor(destination).queue(), 0));
            case TOPIC, TEMPORARY_TOPIC -> {
                for (Subscription subscription : topicFor(destination).subscriptions()) {
                    if (subscription.wants(message)) {
                        refs.add(new MessageRef(message, subscription.queue(), 0));
                    }
                }
            }
        }
        boolean stored = false;
        for (MessageRef ref : refs) {
            if (ref.queue.storesReferenceTo(message)) {
                if (!stored) {
                    operations.add(new StoreOperation.AddMessage(message.toStored()));
                    stored = true;
                }
                operations.add(new StoreOperation.AddReference(ref.queue.id, message.id));
                message.storedReferences.incrementAndGet();
            }
        }
        return refs;
    }

    /** Adds to {@code operations} what removes a consumed, expired or dropped reference from the store. */
    void forget(MessageRef ref, List<StoreOperation> operations) {
        if (ref.queue.storesReferenceTo(ref.message)) {
            operations.add(new StoreOperation.RemoveReference(ref.queue.id, ref.message.id));
            if (ref.message.storedReferences.decrementAndGet() == 0) {
                operations.add(new StoreOperation.RemoveMessage(ref.message.id));
            }
        }
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
                JMSException e = new JMSException("Broker " + config.name() + " could not store: "
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
                LOG.error("Broker {}: background store write failed", config.name(), failure);
                return null;
            });
        }
    }

    void schedule(Runnable task, long delayMillis) {
        scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    // ---- destinations

    private QueueDestination queueFor(GannetDestination destination) throws JMSException {
        if (destination.kind() == DestinationKind.TEMPORARY_QUEUE) {
            QueueDestination temporary = queues.get(destination.name());
            if (temporary == null || temporary.owner() == null) {
                throw new InvalidDestinationException("Temporary queue " + destination.name() + " does not exist"
                        + " (it was deleted, or its connection closed)");
            }
            return temporary;
        }
        QueueDestination existing = queues.get(destination.name());
        if (existing != null) {
            if (existing.owner() != null) {
                throw new InvalidDestinationException("Queue " + destination.name() + " is a temporary queue");
            }
            return existing;
        }
        synchronized (subscriptionLock) {
            return queues.computeIfAbsent(destination.name(), name -> {
                long id = queueIds.incrementAndGet();
                MessageQueue queue = new MessageQueue(this, id, QUEUE_PREFIX + name, true);
                writeInBackground(List.of(new StoreOperation.AddQueue(
                        new StoredQueue(id, queue.name, null, null, false, false))));
                return new QueueDestination(queue, null);
            });
        }
    }

    private TopicDestination topicFor(GannetDestination destination) throws JMSException {
        if (destination.kind() == DestinationKind.TEMPORARY_TOPIC) {
            TopicDestination temporary = topics.get(destination.name());
            if (temporary == null || temporary.owner == null) {
                throw new InvalidDestinationException("Temporary topic " + destination.name() + " does not exist"
                        + " (it was deleted, or its connection closed)");
            }
            return temporary;
        }
        return topic(destination.name());
    }

    private TopicDestination topic(String name) {
        return topics.computeIfAbsent(name, n -> new TopicDestination(n, null));
    }

    /**
     * Creates the queue {@code name} and stores it, unless it exists already; the standalone server declares the
     * queues of its configuration this way at start.
     *
     * @throws IllegalArgumentException if the name is empty or belongs to a temporary queue
     */
    public void declareQueue(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Queue name must not be empty");
        }
        try {
            queueFor(GannetDestination.of(DestinationKind.QUEUE, name));
        } catch (JMSException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Registers the topic {@code name} unless it exists already. Topics are not stored: only their durable
     * subscriptions are, and a topic without subscriptions drops what is published to it.
     *
     * @throws IllegalArgumentException if the name is empty or belongs to a temporary topic
     */
    public void declareTopic(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Topic name must not be empty");
        }
        if (topic(name).owner != null) {
            throw new IllegalArgumentException("Topic " + name + " is a temporary topic");
        }
    }

    /** Refuses destinations this connection cannot use: temporary ones that are gone. */
    void checkDestination(GannetDestination destination) throws JMSException {
        switch (destination.kind()) {
            case QUEUE, TEMPORARY_QUEUE -> queueFor(destination);
            case TOPIC, TEMPORARY_TOPIC -> topicFor(destination);
        }
    }

    GannetDestination createTemporary(ServerConnection owner, boolean topic) {
        String name = "temp-" + (topic ? "topic" : "queue") + "-" + config.name() + "-" + owner.id() + "-"
                + temporaryIds.incrementAndGet();
        if (topic) {
            topics.put(name, new TopicDestination(name, owner));
            return GannetDestination.of(DestinationKind.TEMPORARY_TOPIC, name);
        }
        queues.put(name, new QueueDestination(new MessageQueue(this, queueIds.incrementAndGet(), name, false), owner));
        return GannetDestination.of(DestinationKind.TEMPORARY_QUEUE, name);
    }

    void deleteTemporary(ServerConnection owner, GannetDestination destination) throws JMSException {
        boolean topic = destination.kind() == DestinationKind.TEMPORARY_TOPIC;
        ServerConnection actualOwner = topic ? ownerOf(topics.get(destination.name()))
                : ownerOf(queues.get(destination.name()));
        if (actualOwner == null) {
            throw new InvalidDestinationException("Temporary destination " + destination + " does not exist");
        }
        if (actualOwner != owner) {
            throw new JMSException("Temporary destination " + destination + " belongs to another connection");
        }
        boolean inUse = topic ? topics.get(destination.name()).hasConsumers()
                : queues.get(destination.name()).queue().consumerCount() > 0;
        if (inUse) {
            throw new JMSException("Temporary destination " + destination + " still has consumers");
        }
        dropTemporary(destination);
    }

    private static ServerConnection ownerOf(TopicDestination topic) {
        return topic == null ? null : topic.owner;
    }

    private static ServerConnection ownerOf(QueueDestination queue) {
        return queue == null ? null : queue.owner();
    }

    void dropTemporary(GannetDestination destination) {
        if (destination.kind() == DestinationKind.TEMPORARY_TOPIC) {
            TopicDestination topic = topics.remove(destination.name());
            if (topic != null) {
                topic.subscriptions().forEach(s -> s.queue().delete());
            }
        } else {
            QueueDestination queue = queues.remove(destination.name());
            if (queue != null) {
                queue.queue().delete();
            }
        }
    }

    // ---- consumers and subscriptions

    void createConsumer(ServerSession session, Command.CreateConsumer create) throws JMSException {
        GannetDestination destination = create.destination();
        Selector selector = Selector.parse(Subscription.blankToNull(create.selector()));
        boolean everything = Subscription.blankToNull(create.selector()) == null;
        ServerConsumer consumer;
        if (destination.kind() == DestinationKind.QUEUE || destination.kind() == DestinationKind.TEMPORARY_QUEUE) {
            QueueDestination queue = queueFor(destination);
            checkOwner(session.connection, queue.owner(), destination);
            consumer = new ServerConsumer(create.consumerId(), session, queue.queue(), null,
                    everything ? null : selector, create.prefetch());
        } else {
            TopicDestination topic = topicFor(destination);
            checkOwner(session.connection, topic.owner, destination);
            Subscription subscription = subscribe(session.connection, topic, create.subscription(),
                    everything ? null : selector, create.noLocal());
            consumer = new ServerConsumer(create.consumerId(), session, subscription.queue(), subscription, null,
                    create.prefetch());
        }
        session.addConsumer(consumer);
        consumer.queue.addConsumer(consumer);
    }

    private static void checkOwner(ServerConnection user, ServerConnection owner, GannetDestination destination)
            throws JMSException {
        if (owner != null && owner != user) {
            throw new InvalidDestinationException("Temporary destination " + destination
                    + " can be consumed only by the connection that created it");
        }
    }

    private Subscription subscribe(ServerConnection connection, TopicDestination topic, SubscriptionSpec spec,
                                   Selector selector, boolean noLocal) throws JMSException {
        if (spec.name() == null) {
            MessageQueue queue = new MessageQueue(this, queueIds.incrementAndGet(),
                    "subscription:" + topic.name + ":" + connection.id(), false);
            Subscription subscription = new Subscription(null, topic.name, queue, selector, noLocal, false, false,
                    null, connection);
            topic.addSubscription(subscription);
            return subscription;
        }
        String clientId = connection.clientId();
        String key = subscriptionKey(spec.durable(), clientId, spec.name());
        String selectorText = selector == null ? null : selector.text();
        synchronized (subscriptionLock) {
            Subscription existing = namedSubscriptions.get(key);
            if (existing != null) {
                if (existing.shared() != spec.shared()) {
                    throw new JMSException("Subscription '" + spec.name() + "' exists already as "
                            + (existing.shared() ? "a shared" : "an unshared") + " subscription");
                }
                boolean active = existing.queue().consumerCount() > 0;
                if (existing.sameDefinition(topic.name, selectorText, noLocal)) {
                    if (active && !spec.shared()) {
                        throw new JMSException("Durable subscription '" + spec.name() + "' of client " + clientId
                                + " already has an active consumer");
                    }
                    return existing;
                }
                if (active) {
                    throw new JMSException("Subscription '" + spec.name() + "' has an active consumer on topic "
                            + existing.topic() + (existing.selector() == null ? "" : " with selector "
                            + existing.selector().text()) + "; it cannot change topic or selector");
                }
                removeSubscription(existing);
            }
            long id = queueIds.incrementAndGet();
            MessageQueue queue = new MessageQueue(this, id, key, spec.durable());
            Subscription subscription = new Subscription(key, topic.name, queue, selector, noLocal, spec.durable(),
                    spec.shared(), clientId, null);
            if (spec.durable()) {
                writeInBackground(List.of(new StoreOperation.AddQueue(new StoredQueue(id, key, topic.name,
                        selectorText, noLocal, spec.shared()))));
            }
            namedSubscriptions.put(key, subscription);
            topic.addSubscription(subscription);
            return subscription;
        }
    }

    private static String subscriptionKey(boolean durable, String clientId, String name) {
        String client = clientId == null ? "-" : clientId.length() + "/" + clientId;
        return (durable ? DURABLE_PREFIX : "shared:") + client + ":" + name;
    }

    private static String clientIdOfDurableKey(String key) {
        String rest = key.substring(DURABLE_PREFIX.length());
        if (rest.startsWith("-:")) {
            return null;
        }
        int slash = rest.indexOf('/');
        int length = Integer.parseInt(rest.substring(0, slash));
        return rest.substring(slash + 1, slash + 1 + length);
    }

    private void removeSubscription(Subscription subscription) {
        if (subscription.key() != null) {
            namedSubscriptions.remove(subscription.key());
        }
        TopicDestination topic = topics.get(subscription.topic());
        if (topic != null) {
            topic.removeSubscription(subscription);
        }
        List<StoreOperation> operations = subscription.queue().delete();
        if (subscription.durable()) {
            operations.clear(); // RemoveQueue drops the references and orphaned messages itself
            operations.add(new StoreOperation.RemoveQueue(subscription.queue().id));
        }
        writeInBackground(operations);
    }

    /** A consumer is gone: a non-durable subscription goes with its last consumer. */
    void consumerClosed(ServerConsumer consumer) {
        Subscription subscription = consumer.subscription;
        if (subscription == null || subscription.durable()) {
            return;
        }
        synchronized (subscriptionLock) {
            if (subscription.queue().consumerCount() == 0) {
                removeSubscription(subscription);
            }
        }
    }

    void unsubscribe(ServerConnection connection, String name) throws JMSException {
        String key = subscriptionKey(true, connection.clientId(), name);
        synchronized (subscriptionLock) {
            Subscription subscription = namedSubscriptions.get(key);
            if (subscription == null) {
                throw new InvalidDestinationException("No durable subscription '" + name + "'"
                        + (connection.clientId() == null ? " without client ID" : " of client "
                        + connection.clientId()));
            }
            if (subscription.queue().consumerCount() > 0) {
                throw new JMSException("Durable subscription '" + name + "' has an active consumer; close it first");
            }
            removeSubscription(subscription);
        }
    }

    /** The encoded messages of a queue in delivery order, as a browser sees them. */
    List<byte[]> browse(ServerConnection connection, GannetDestination queue, String selectorText)
            throws JMSException {
        Selector selector = Selector.parse(Subscription.blankToNull(selectorText));
        QueueDestination destination = queueFor(queue);
        List<byte[]> messages = new ArrayList<>();
        for (MessageRef ref : destination.queue().snapshot()) {
            if (selectorText == null || selectorText.isBlank() || selector.matches(ref.message.filterable())) {
                messages.add(ref.message.encoded);
            }
        }
        return messages;
    }

    /** Closes every connection, stops the timer and closes the store. */
    @Override
    public void close() {
        for (ServerConnection connection : List.copyOf(connections)) {
            connection.close();
            connection.endpoint.connectionFailed(new jakarta.jms.JMSException("Broker " + config.name()
                    + " stopped"));
        }
        scheduler.shutdownNow();
        store.close();
        LOG.info("Broker {} stopped", config.name());
    }

    @Override
    public String toString() {
        return "Broker " + config.name();
    }
}
