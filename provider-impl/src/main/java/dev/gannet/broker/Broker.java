package dev.gannet.broker;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationSettings;
import dev.gannet.api.Limits;
import dev.gannet.api.MessageProperties;
import dev.gannet.log.ThrottledLog;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.message.GannetMessage;
import dev.gannet.message.MessageCodec;
import dev.gannet.protocol.ClientEndpoint;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.CommandValidator;
import dev.gannet.protocol.OutboundMessage;
import dev.gannet.protocol.SubscriptionSpec;
import dev.gannet.selector.Selector;
import dev.gannet.store.MessageStore;
import dev.gannet.store.PagedMessage;
import dev.gannet.store.RecoveredState;
import dev.gannet.store.StoreOperation;
import dev.gannet.store.StoredDuplicate;
import dev.gannet.store.StoredQueue;
import dev.gannet.store.jdbc.DerbyDatabase;
import dev.gannet.store.jdbc.JdbcMessageStore;
import jakarta.jms.Destination;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.ResourceAllocationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
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
    private final AtomicLong duplicateSequence;
    /** Duplicate IDs seen, by destination key ({@link #destinationKey}). */
    private final Map<String, DuplicateIds> duplicates = new ConcurrentHashMap<>();
    private final Map<String, QueueDestination> queues = new ConcurrentHashMap<>();
    private final Map<String, TopicDestination> topics = new ConcurrentHashMap<>();
    /** Durable and shared subscriptions by key; changed only under {@link #subscriptionLock}. */
    private final Map<String, Subscription> namedSubscriptions = new ConcurrentHashMap<>();
    private final Object subscriptionLock = new Object();
    private final Set<String> clientIds = ConcurrentHashMap.newKeySet();
    /** Rows of queues and durable subscriptions whose write failed, by id, to be stored with their next message. */
    private final Map<Long, StoredQueue> unstoredQueues = new ConcurrentHashMap<>();
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    /** Warnings clients can cause again and again, throttled so that none can flood the log. */
    private final ThrottledLog warnings = new ThrottledLog();
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
        this.duplicateSequence = new AtomicLong(state.duplicates().isEmpty() ? 0
                : state.duplicates().get(state.duplicates().size() - 1).sequence());
        restore(state);
        scheduler.scheduleWithFixedDelay(this::expireWaitingMessages, EXPIRY_SWEEP_MILLIS, EXPIRY_SWEEP_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Removes expired messages from every queue and subscription, and from the store. */
    private void expireWaitingMessages() {
        try {
            long now = System.currentTimeMillis();
            queues.values().forEach(destination -> destination.queue().expire(now));
            topics.values().forEach(topic -> topic.subscriptions().forEach(s -> s.queue().expire(now)));
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
        MessageStore store = new JdbcMessageStore(storeDatabase(config), config.name());
        try {
            Broker broker = new Broker(config, store);
            LOG.info("Broker {} started on {}", config.name(), config.dataDirectory().toAbsolutePath());
            return broker;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The database of the broker's store: Derby in {@code config.dataDirectory()}. */
    public static JdbcMessageStore.Database storeDatabase(BrokerConfig config) {
        return new DerbyDatabase(config.dataDirectory().resolve("derby"));
    }

    public BrokerConfig config() {
        return config;
    }

    /** Opens a connection whose deliveries go to {@code endpoint}. */
    public ServerConnection connect(ClientEndpoint endpoint) {
        ServerConnection connection = new ServerConnection(this, warnings, connectionIds.incrementAndGet(), endpoint);
        connections.add(connection);
        return connection;
    }

    /**
     * Rebuilds queues and durable subscriptions from the store and hands each its stored backlog. A stored queue
     * the broker cannot load (a name it cannot read, a selector that does not parse, a name restored already) is
     * set aside in the store's quarantine with its messages, and the broker starts with everything else.
     */
    private void restore(RecoveredState state) {
        Map<Long, MessageQueue> byId = new HashMap<>();
        int setAside = 0;
        for (StoredQueue stored : state.queues()) {
            try {
                byId.put(stored.id(), restoreQueue(stored));
            } catch (JMSException | RuntimeException e) {
                String reason = "the broker cannot load stored queue " + stored.id() + " '" + stored.name() + "': "
                        + e.getMessage();
                LOG.error("Broker {}: {}; it is set aside in the store's quarantine with its messages",
                        config.name(), reason);
                setAside += store.quarantineQueue(stored.id(), reason).join();
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
        List<Long> evicted = new ArrayList<>();
        for (StoredDuplicate duplicate : state.duplicates()) {
            duplicateIds(duplicate.destination()).restore(duplicate.duplicateId(), duplicate.sequence(), evicted);
        }
        writeInBackground(evicted.stream().<StoreOperation>map(StoreOperation.RemoveDuplicate::new).toList());
        LOG.info("Broker {} recovered {} queue(s) and subscription(s), {} pending message(s), {} duplicate ID(s);"
                        + " {} row(s) set aside now, {} row(s) in the store's quarantine in all", config.name(),
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
        if (stored.topic() == null) {
            if (!stored.name().startsWith(QUEUE_PREFIX) || stored.name().length() == QUEUE_PREFIX.length()) {
                throw new IllegalArgumentException("a queue's name must be '" + QUEUE_PREFIX + "' and a name");
            }
            String name = stored.name().substring(QUEUE_PREFIX.length());
            if (queues.containsKey(name)) {
                throw new IllegalArgumentException("queue " + name + " is stored twice");
            }
            MessageQueue queue = newQueue(stored.id(), stored.name(), true,
                    GannetDestination.of(DestinationKind.QUEUE, name));
            queues.put(name, new QueueDestination(queue, null));
            return queue;
        }
        String clientId = clientIdOfDurableKey(stored.name());
        Selector selector = stored.selector() == null ? null : Selector.parse(stored.selector());
        if (namedSubscriptions.containsKey(stored.name())) {
            throw new IllegalArgumentException("the subscription is stored twice");
        }
        MessageQueue queue = newQueue(stored.id(), stored.name(), true,
                GannetDestination.of(DestinationKind.TOPIC, stored.topic()));
        Subscription subscription = new Subscription(stored.name(), stored.topic(), queue, selector,
                stored.noLocal(), true, stored.shared(), clientId, null);
        namedSubscriptions.put(stored.name(), subscription);
        topic(stored.topic()).addSubscription(subscription);
        return queue;
    }

    private MessageQueue newQueue(long id, String name, boolean durable, GannetDestination destination) {
        return new MessageQueue(this, id, name, durable, destination, settingsFor(destination));
    }

    /** The settings of a destination: the defaults overridden by every pattern of the config that matches. */
    DestinationSettings settingsFor(GannetDestination destination) {
        return config.destinations().settingsFor(destination.name());
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

    /**
     * Sends a message of a non-transacted session, or stages it in a transacted one. A message whose headers and
     * properties the broker cannot read, or that breaks a {@link dev.gannet.api.Limits limit}, is refused here, before
     * anything is stored.
     */
    CompletableFuture<Void> send(ServerSession session, OutboundMessage outbound) throws JMSException {
        CommandValidator.checkContent(outbound);
        checkLimits(outbound);
        ServerMessage message = new ServerMessage(messageIds.incrementAndGet(), outbound.persistent(),
                outbound.priority(), outbound.expiration(), outbound.deliveryTime(), outbound.groupId(),
                outbound.encoded(), new ServerMessage.Origin(session.connection.id(), session.connection.clientId()));
        if (session.transacted) {
            checkDestination(outbound.destination());
            session.stage(message, outbound.destination());
            return CompletableFuture.completedFuture(null);
        }
        List<StoreOperation> operations = new ArrayList<>();
        List<MessageRef> refs = route(outbound.destination(), message, operations);
        return commitRouted(operations, refs);
    }

    /**
     * Refuses a message larger than its destination allows, and waits for room in every queue it goes to (or
     * refuses it, by the destination's full policy).
     */
    private void checkLimits(OutboundMessage outbound) throws JMSException {
        GannetDestination destination = outbound.destination();
        int size = outbound.encoded().length;
        DestinationSettings destinationSettings = settingsFor(destination);
        long maxSize = destinationSettings.maxMessageBytes();
        if (maxSize >= 0 && size > maxSize) {
            throw new ResourceAllocationException("Message of " + size + " bytes is larger than " + destination
                    + " accepts (max-message-bytes " + maxSize + ")");
        }
        if (destinationSettings.maxDepth() <= 0 && destinationSettings.maxBytes() <= 0) {
            return; // its queues (a topic's subscriptions too) share its settings
        }
        List<MessageQueue> targets = destination.kind().isQueue() ? List.of(queueFor(destination).queue())
                : topicFor(destination).subscriptions().stream().map(Subscription::queue).toList();
        for (MessageQueue queue : targets) {
            try {
                if (!queue.awaitSpace(size)) {
                    DestinationSettings settings = queue.settings;
                    throw new ResourceAllocationException(destination + " is full: " + queue.depth() + " message(s), "
                            + queue.bytes() + " byte(s) in " + queue.name + " (max-depth " + settings.maxDepth()
                            + ", max-bytes " + settings.maxBytes() + ", full-policy " + settings.fullPolicy()
                            + (settings.fullPolicy() == DestinationSettings.FullPolicy.BLOCK ? ", waited "
                            + settings.blockTimeoutMillis() + " ms" : "") + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ResourceAllocationException("Interrupted while waiting for room in " + destination);
            }
        }
    }

    /**
     * Finds the queues a message goes to and adds to {@code operations} what the store must keep of it; answers
     * no queue for a duplicate. The references are to be added to their queues once those operations committed
     * ({@link #commitRouted}).
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
        if (isDuplicate(destination, message, operations)) {
            return List.of();
        }
        message.storedReferences = (int) refs.stream().filter(ref -> ref.queue.storesReferenceTo(message)).count();
        if (message.storedReferences > 0) {
            for (MessageRef ref : refs) {
                StoredQueue unstored = ref.queue.storesReferenceTo(message) ? unstoredQueues.remove(ref.queue.id)
                        : null;
                if (unstored != null) {
                    operations.add(new StoreOperation.AddQueue(unstored));
                }
            }
            operations.add(new StoreOperation.AddMessage(message.toStored()));
        }
        for (MessageRef ref : refs) {
            if (ref.queue.storesReferenceTo(message)) {
                operations.add(new StoreOperation.AddReference(ref.queue.id, message.id, message.priority));
            }
            ref.queue.admit(ref);
        }
        return refs;
    }

    /**
     * Whether {@code message} carries a duplicate ID {@code destination} has seen; if not, the ID is claimed and
     * {@code operations} store it with the message.
     */
    private boolean isDuplicate(GannetDestination destination, ServerMessage message,
                                List<StoreOperation> operations) throws JMSException {
        if (settingsFor(destination).duplicateCacheSize() <= 0) {
            return false;
        }
        Object id = MessageCodec.peekProperty(message.encoded, MessageProperties.DUPLICATE_ID);
        if (id == null) {
            return false;
        }
        String duplicateId = id.toString();
        DuplicateIds ids = duplicateIds(destination.toString());
        long sequence = duplicateSequence.incrementAndGet();
        List<Long> evicted = new ArrayList<>();
        if (!ids.claim(duplicateId, sequence, evicted)) {
            LOG.debug("Broker {}: dropped message {} to {}, duplicate ID {}", config.name(), message.id, destination,
                    duplicateId);
            return true;
        }
        message.duplicateClaim = () -> ids.release(duplicateId, sequence);
        if (message.persistent) {
            operations.add(new StoreOperation.AddDuplicate(new StoredDuplicate(sequence, ids.destination(),
                    duplicateId)));
            evicted.forEach(e -> operations.add(new StoreOperation.RemoveDuplicate(e)));
        }
        return false;
    }

    private DuplicateIds duplicateIds(String destinationKey) {
        return duplicates.computeIfAbsent(destinationKey, key -> new DuplicateIds(key,
                config.destinations().settingsFor(key.substring(key.indexOf("://") + 3)).duplicateCacheSize()));
    }

    /** How many duplicates {@code destination} dropped since the broker started. */
    public long duplicatesDropped(Destination destination) throws JMSException {
        DuplicateIds ids = duplicates.get(GannetDestination.from(destination).toString());
        return ids == null ? 0 : ids.dropped();
    }

    /**
     * Writes what routing produced, then hands the references to their queues. If the write fails the routing is
     * undone (limits, paging, duplicate IDs, queue rows it carried) and the future fails.
     */
    CompletableFuture<Void> commitRouted(List<StoreOperation> operations, List<MessageRef> refs) {
        if (operations.isEmpty()) {
            refs.forEach(ref -> ref.queue.add(ref));
            return CompletableFuture.completedFuture(null);
        }
        return write(operations).whenComplete((v, failure) -> {
            if (failure == null) {
                refs.forEach(ref -> ref.queue.add(ref));
                return;
            }
            for (StoreOperation operation : operations) {
                if (operation instanceof StoreOperation.AddQueue add) {
                    unstoredQueues.put(add.queue().id(), add.queue()); // not stored after all
                }
            }
            for (MessageRef ref : refs) {
                ref.queue.abandon(ref);
                Runnable unclaim = ref.message.duplicateClaim;
                if (unclaim != null) {
                    unclaim.run();
                }
            }
        });
    }

    /**
     * Adds to {@code operations} what removes a consumed, expired or dropped reference from the store, and frees
     * its room in the queue.
     */
    void forget(MessageRef ref, List<StoreOperation> operations) {
        if (ref.queue.storesReferenceTo(ref.message)) {
            operations.add(new StoreOperation.RemoveReference(ref.queue.id, ref.message.id));
            operations.add(ref.message.storedReferences > 1 ? new StoreOperation.ReleaseMessage(ref.message.id)
                    : new StoreOperation.RemoveMessage(ref.message.id));
        }
        ref.queue.released(ref);
    }

    /** Expired messages leave their queues: to the expiry queue if their destination names one, else dropped. */
    void expired(List<MessageRef> refs) {
        List<StoreOperation> operations = new ArrayList<>();
        List<MessageRef> moved = new ArrayList<>();
        for (MessageRef ref : refs) {
            String expiryQueue = ref.queue.settings.expiryQueue();
            if (expiryQueue == null) {
                forget(ref, operations);
            } else {
                move(ref, expiryQueue, MessageProperties.REASON_EXPIRED, operations, moved);
            }
        }
        commitInBackground(operations, moved);
    }

    /**
     * A message was delivered {@code maxDeliveryAttempts} times without being consumed: it goes to the dead-letter
     * queue of its destination, or is dropped (and logged) if there is none.
     */
    void deadLetter(MessageRef ref) {
        List<StoreOperation> operations = new ArrayList<>();
        List<MessageRef> moved = new ArrayList<>();
        String deadLetterQueue = ref.queue.settings.deadLetterQueue();
        if (deadLetterQueue == null) {
            warnings.warn(LOG, "Broker {}: message {} of {} failed {} deliveries and is dropped (no dead-letter queue)",
                    config.name(), ref.message.id, ref.queue.destination, ref.redeliveries());
            forget(ref, operations);
        } else {
            move(ref, deadLetterQueue, MessageProperties.REASON_MAX_DELIVERIES, operations, moved);
        }
        commitInBackground(operations, moved);
    }

    /**
     * Moves a message to the queue {@code target} as a new message that names where it was and why it moved; in
     * the same store unit as the removal from its queue. An expired message loses its expiration on the way.
     */
    private void move(MessageRef ref, String target, String reason, List<StoreOperation> operations,
                      List<MessageRef> moved) {
        GannetDestination to = GannetDestination.of(DestinationKind.QUEUE, target);
        forget(ref, operations);
        if (ref.queue.destination.equals(to)) {
            warnings.warn(LOG, "Broker {}: message {} of {} is dropped ({}); it is in its own {} queue", config.name(),
                    ref.message.id, to, reason, target);
            return;
        }
        boolean expiry = MessageProperties.REASON_EXPIRED.equals(reason);
        try {
            GannetMessage copy = MessageCodec.decode(ref.message.encoded);
            copy.setStringProperty(MessageProperties.ORIGINAL_DESTINATION, ref.queue.destination.toString());
            copy.setStringProperty(MessageProperties.REASON, reason);
            copy.setIntProperty(MessageProperties.DELIVERY_ATTEMPTS, ref.redeliveries());
            copy.setJMSDestination(to);
            if (expiry) {
                copy.setJMSExpiration(0);
            }
            ServerMessage message = new ServerMessage(messageIds.incrementAndGet(), ref.message.persistent,
                    ref.message.priority, expiry ? 0 : ref.message.expiration, 0, ref.message.groupId,
                    MessageCodec.encode(copy), null);
            moved.addAll(route(to, message, operations));
            LOG.debug("Broker {}: message {} of {} moved to {} ({})", config.name(), ref.message.id,
                    ref.queue.destination, to, reason);
        } catch (JMSException e) {
            LOG.error("Broker {}: message {} of {} cannot be moved to {} ({}); it is dropped", config.name(),
                    ref.message.id, ref.queue.destination, to, reason, e);
        }
    }

    private void commitInBackground(List<StoreOperation> operations, List<MessageRef> refs) {
        commitRouted(operations, refs).exceptionally(failure -> {
            LOG.error("Broker {}: background store write failed", config.name(), failure);
            return null;
        });
    }

    /** Reads part of a queue's stored backlog (see {@link MessageStore#page}). */
    CompletableFuture<List<PagedMessage>> page(MessageQueue queue, int priority, long afterId, int limit) {
        return store.page(queue.id, priority, afterId, Long.MAX_VALUE, limit);
    }

    /** {@link #page}, waiting for the rows. */
    List<PagedMessage> readPage(MessageQueue queue, int priority, long afterId, int limit) {
        return page(queue, priority, afterId, limit).join();
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

    /**
     * Writes a new queue's (or durable subscription's) row. The store refuses references to a queue it does not
     * hold, so while the row is not stored every message to the queue fails; should the write fail, the row goes
     * again with the next message to the queue, in the same unit ({@link #route}).
     */
    private void storeQueue(StoredQueue row) {
        store.write(List.of(new StoreOperation.AddQueue(row))).whenComplete((v, failure) -> {
            if (failure != null) {
                LOG.error("Broker {}: storing queue {} ({}) failed; it is stored with the next message to it",
                        config.name(), row.id(), row.name(), failure);
                unstoredQueues.put(row.id(), row);
            }
        });
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
                MessageQueue queue = newQueue(id, QUEUE_PREFIX + name, true, destination);
                storeQueue(new StoredQueue(id, queue.name, null, null, false, false));
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
     * @throws IllegalArgumentException if the name is empty, longer than {@link Limits#MAX_DESTINATION_NAME_LENGTH}, or
     *         belongs to a temporary queue
     */
    public void declareQueue(String name) {
        if (name == null || name.isEmpty() || name.length() > Limits.MAX_DESTINATION_NAME_LENGTH) {
            throw new IllegalArgumentException("Queue name must have 1 to " + Limits.MAX_DESTINATION_NAME_LENGTH
                    + " characters");
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
     * @throws IllegalArgumentException if the name is empty, longer than {@link Limits#MAX_DESTINATION_NAME_LENGTH}, or
     *         belongs to a temporary topic
     */
    public void declareTopic(String name) {
        if (name == null || name.isEmpty() || name.length() > Limits.MAX_DESTINATION_NAME_LENGTH) {
            throw new IllegalArgumentException("Topic name must have 1 to " + Limits.MAX_DESTINATION_NAME_LENGTH
                    + " characters");
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
        queues.put(name, new QueueDestination(newQueue(queueIds.incrementAndGet(), name, false,
                GannetDestination.of(DestinationKind.TEMPORARY_QUEUE, name)), owner));
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
            MessageQueue queue = newQueue(queueIds.incrementAndGet(),
                    "subscription:" + topic.name + ":" + connection.id(), false, topic.destination());
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
            MessageQueue queue = newQueue(id, key, spec.durable(), topic.destination());
            Subscription subscription = new Subscription(key, topic.name, queue, selector, noLocal, spec.durable(),
                    spec.shared(), clientId, null);
            if (spec.durable()) {
                storeQueue(new StoredQueue(id, key, topic.name, selectorText, noLocal, spec.shared()));
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

    /**
     * The client ID in a durable subscription's key ({@link #subscriptionKey}), or null if it has none.
     *
     * @throws IllegalArgumentException if {@code key} is not such a key
     */
    private static String clientIdOfDurableKey(String key) {
        if (!key.startsWith(DURABLE_PREFIX)) {
            throw new IllegalArgumentException("a durable subscription's name must start with '" + DURABLE_PREFIX
                    + "'");
        }
        String rest = key.substring(DURABLE_PREFIX.length());
        if (rest.startsWith("-:")) {
            return null;
        }
        int slash = rest.indexOf('/');
        try {
            int length = Integer.parseInt(rest.substring(0, Math.max(slash, 0)));
            if (length > 0 && slash + 1 + length < rest.length() && rest.charAt(slash + 1 + length) == ':') {
                return rest.substring(slash + 1, slash + 1 + length);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("a durable subscription's name must be '" + DURABLE_PREFIX
                + "', the length of the client ID, '/', the client ID, ':' and the subscription name");
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
            unstoredQueues.remove(subscription.queue().id);
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
        List<MessageRef> snapshot;
        try {
            snapshot = destination.queue().snapshot();
        } catch (RuntimeException e) {
            JMSException failure = new JMSException("Cannot browse " + queue + ": " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
        for (MessageRef ref : snapshot) {
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
