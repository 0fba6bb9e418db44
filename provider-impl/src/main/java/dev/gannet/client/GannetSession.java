package dev.gannet.client;

import dev.gannet.lane.SerialExecutor;
import dev.gannet.message.GannetBytesMessage;
import dev.gannet.message.GannetDestination;
import dev.gannet.message.GannetMapMessage;
import dev.gannet.message.GannetMessage;
import dev.gannet.message.GannetObjectMessage;
import dev.gannet.message.GannetQueue;
import dev.gannet.message.GannetStreamMessage;
import dev.gannet.message.GannetTextMessage;
import dev.gannet.message.GannetTopic;
import dev.gannet.message.MessageCodec;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Delivery;
import dev.gannet.protocol.SubscriptionSpec;
import dev.gannet.selector.Selector;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import jakarta.jms.TransactionRolledBackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A session (spec 6.2): a single-threaded context for producing and consuming. Listeners run one at a time on the
 * session's delivery lane; completion callbacks of asynchronous sends on a lane of their own.
 */
public class GannetSession implements QueueSession, TopicSession {

    private static final Logger LOG = LoggerFactory.getLogger(GannetSession.class);

    private final GannetConnection connection;
    private final int id;
    private final int mode;
    private final TransactionContext transaction;
    private final Domain domain;
    private final SerialExecutor deliveryLane;
    private final SerialExecutor completionLane;
    /** Held while a message is handed to a listener; stop() and close() take it to wait for that to end. */
    private final ReentrantLock deliveryLock = new ReentrantLock();
    private final Map<Integer, GannetMessageConsumer> consumers = new ConcurrentHashMap<>();
    private final List<GannetMessageProducer> producers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<GannetQueueBrowser> browsers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger consumerIds = new AtomicInteger();
    private final AtomicInteger browseIds = new AtomicInteger();
    private final List<Unconsumed> unconsumed = new ArrayList<>(); // guarded by itself
    private final AsyncSends asyncSends = new AsyncSends();
    private volatile long minGeneration;
    /** Set first by close(): no listener call begins after it, while the one under way keeps the whole session. */
    private volatile boolean closing;
    private volatile boolean closed;
    private volatile MessageListener sessionListener;

    /** A delivery handed to the application and not acknowledged or committed yet. */
    private record Unconsumed(long deliveryId, int consumerId) {
    }

    GannetSession(GannetConnection connection, int id, int mode, TransactionContext transaction, Domain domain) {
        this.connection = connection;
        this.id = id;
        this.mode = mode;
        this.transaction = transaction;
        this.domain = domain;
        this.deliveryLane = new SerialExecutor(connection.pool(), "session " + this + " deliveries");
        this.completionLane = new SerialExecutor(connection.pool(), "session " + this + " completions");
    }

    int id() {
        return id;
    }

    GannetConnection connection() {
        return connection;
    }

    /** Whether this session's work belongs to a transaction, and what commit and rollback do. */
    TransactionContext transaction() {
        return transaction;
    }

    /**
     * Whether each message is acknowledged as soon as the application took it: AUTO_ACKNOWLEDGE or
     * DUPS_OK_ACKNOWLEDGE, outside a transaction.
     */
    boolean acknowledgesOnReceipt() {
        return (mode == AUTO_ACKNOWLEDGE || mode == DUPS_OK_ACKNOWLEDGE) && !transaction.acknowledgesAtCommit();
    }

    /** Whether the application acknowledges what it consumed: CLIENT_ACKNOWLEDGE, outside a transaction. */
    private boolean acknowledgesByClient() {
        return mode == CLIENT_ACKNOWLEDGE && !transaction.acknowledgesAtCommit();
    }

    boolean isClosed() {
        return closed;
    }

    void checkClosed() throws IllegalStateException {
        if (closed) {
            throw Errors.closed("Session " + this);
        }
    }

    boolean isDeliveryThread() {
        return deliveryLane.isCurrentThread() || completionLane.isCurrentThread();
    }

    boolean isCompletionThread() {
        return completionLane.isCurrentThread();
    }

    /** Whether the calling thread runs one of this session's MessageListeners. */
    boolean isListenerThread() {
        return deliveryLane.isCurrentThread() || deliveryLock.isHeldByCurrentThread();
    }

    SerialExecutor completionLane() {
        return completionLane;
    }

    AsyncSends asyncSends() {
        return asyncSends;
    }

    // ---- deliveries from the broker

    void onDelivery(Delivery delivery) {
        GannetMessageConsumer consumer = consumers.get(delivery.consumerId());
        if (consumer != null && consumer.enqueue(delivery, this::isCurrent) && consumer.hasListener()) {
            deliveryLane.execute(() -> deliverToListener(consumer));
        }
    }

    private boolean isCurrent(Delivery delivery) {
        return delivery.generation() >= minGeneration;
    }

    void connectionStarted() {
        for (GannetMessageConsumer consumer : consumers.values()) {
            consumer.connectionStarted();
            scheduleListener(consumer);
        }
    }

    void connectionFailed() {
        consumers.values().forEach(GannetMessageConsumer::wakeUp);
    }

    /** Queues one listener task per buffered message of {@code consumer}. */
    void scheduleListener(GannetMessageConsumer consumer) {
        if (consumer.hasListener()) {
            for (int i = consumer.buffered(); i > 0; i--) {
                deliveryLane.execute(() -> deliverToListener(consumer));
            }
        }
    }

    private void deliverToListener(GannetMessageConsumer consumer) {
        deliveryLock.lock();
        try {
            MessageListener listener = consumer.listener();
            if (closing || !connection.isStarted() || listener == null) {
                return;
            }
            Delivery delivery = consumer.poll();
            GannetMessage message = delivery == null ? null : toApplication(consumer, delivery);
            if (message == null) {
                return;
            }
            try {
                listener.onMessage(message);
            } catch (RuntimeException e) {
                LOG.warn("Listener of consumer {} threw on message {}", consumer, message.getJMSMessageID(), e);
                if (acknowledgesOnReceipt()) {
                    redeliverAfterListenerFailure();
                    return;
                }
            }
            // asked after the listener ran: it may have started or ended an XA session's association meanwhile
            if (acknowledgesOnReceipt()) {
                autoAcknowledge(delivery.deliveryId());
            }
        } catch (JMSException e) {
            LOG.error("Delivery to a listener of session {} failed", this, e);
        } finally {
            deliveryLock.unlock();
        }
    }

    /** Spec 8.7: a listener that threw in an auto-acknowledging session gets the message again at once. */
    private void redeliverAfterListenerFailure() {
        try {
            recoverUnconsumed();
        } catch (JMSException e) {
            LOG.error("Redelivery after a listener failure in session {} failed", this, e);
        }
    }

    /**
     * Turns a delivery into the message the application gets: decoded, read-only, counted for acknowledgement.
     * Answers null for a message that expired while buffered (it is acknowledged away) or cannot be decoded.
     */
    GannetMessage toApplication(GannetMessageConsumer consumer, Delivery delivery) throws JMSException {
        consumer.taken();
        GannetMessage message;
        try {
            message = MessageCodec.decode(delivery.encoded());
        } catch (JMSException e) {
            LOG.error("Dropping undecodable message {} for consumer {}", delivery.deliveryId(), consumer, e);
            dropTaken(delivery);
            return null;
        }
        long expiration = message.getJMSExpiration();
        if (expiration != 0 && System.currentTimeMillis() >= expiration) {
            dropTaken(delivery);
            return null;
        }
        message.markDelivered(delivery.deliveryCount(), delivery.deliveryCount() > 1);
        if (acknowledgesByClient()) {
            message.setAcknowledger(this::acknowledgeFromMessage);
        }
        return message;
    }

    /**
     * A consumer took {@code delivery} from its buffer for the application: from now on it is the application's
     * until acknowledged, recovered or rolled back. Called under the consumer's lock, so that a stopping connection
     * that takes that lock after marking itself stopped sees every delivery taken before.
     */
    void taken(GannetMessageConsumer consumer, Delivery delivery) {
        synchronized (unconsumed) {
            unconsumed.add(new Unconsumed(delivery.deliveryId(), consumer.id()));
        }
    }

    /** A taken delivery the application will not see (undecodable or expired): acknowledged away. */
    private void dropTaken(Delivery delivery) {
        synchronized (unconsumed) {
            unconsumed.removeIf(u -> u.deliveryId == delivery.deliveryId());
        }
        connection.post(new Command.Acknowledge(id, List.of(delivery.deliveryId())));
    }

    /**
     * Acknowledges one delivery of an AUTO or DUPS_OK session once the application took it, unless it was handed on
     * meanwhile (to an XA branch whose association ended while the application held the message).
     */
    void autoAcknowledge(long deliveryId) {
        boolean held;
        synchronized (unconsumed) {
            held = unconsumed.removeIf(u -> u.deliveryId == deliveryId);
        }
        if (!held) {
            return;
        }
        connection.post(new Command.Acknowledge(id, List.of(deliveryId))); // a failure is logged by the link
    }

    /** Acknowledges what an auto-acknowledging session's receiveBody took (it defers the acknowledgement). */
    void acknowledgeAllTaken() {
        List<Long> ids = takeUnconsumed();
        if (!ids.isEmpty()) {
            connection.post(new Command.Acknowledge(id, ids));
        }
    }

    /**
     * The deliveries the application took and has not acknowledged, which leave the session's keeping: an XA
     * session's association hands them to its branch ({@link Command.XaEnd}).
     */
    List<Long> handOverUnconsumed() {
        return takeUnconsumed();
    }

    private List<Long> takeUnconsumed() {
        synchronized (unconsumed) {
            List<Long> ids = unconsumed.stream().map(Unconsumed::deliveryId).toList();
            unconsumed.clear();
            return ids;
        }
    }

    /**
     * The connection stopped: what the broker sent ahead and the application has not taken goes back to its
     * destinations (see {@link Command.ReturnPrefetched}), and the buffers drop it.
     */
    void returnPrefetched() throws JMSException {
        if (consumers.isEmpty()) {
            return;
        }
        consumers.values().forEach(GannetMessageConsumer::awaitTakeDone);
        List<Long> taken;
        synchronized (unconsumed) {
            taken = unconsumed.stream().map(Unconsumed::deliveryId).toList();
        }
        discardOlderThan(connection.call(new Command.ReturnPrefetched(id, taken)));
    }

    /** Deliveries the application took from {@code consumerId} and has not acknowledged. */
    List<Long> unconsumedOf(int consumerId) {
        synchronized (unconsumed) {
            return unconsumed.stream().filter(u -> u.consumerId == consumerId).map(Unconsumed::deliveryId).toList();
        }
    }

    /** Returns every unconsumed message to the broker for redelivery, discarding what is buffered. */
    private void recoverUnconsumed() throws JMSException {
        returnUnconsumed(unconsumedIds -> new Command.Recover(id, unconsumedIds));
    }

    /**
     * Sends a recover or rollback naming the deliveries the application saw, then drops buffered deliveries of
     * older generations. Credit is returned first, so the broker's window matches what the application took.
     */
    private void returnUnconsumed(java.util.function.Function<List<Long>, Command<Long>> command) throws JMSException {
        consumers.values().forEach(GannetMessageConsumer::flushCredit);
        long generation = connection.call(command.apply(takeUnconsumed()));
        discardOlderThan(generation);
    }

    private void discardOlderThan(long generation) {
        minGeneration = generation;
        consumers.values().forEach(consumer -> consumer.discardOlderThan(generation));
    }

    // ---- acknowledgement and transactions

    private void acknowledgeFromMessage() throws JMSException {
        checkClosed();
        acknowledge();
    }

    /** Acknowledges every message consumed by this session (CLIENT_ACKNOWLEDGE); ignored in other modes. */
    void acknowledge() throws JMSException {
        checkClosed();
        if (!acknowledgesByClient()) {
            return;
        }
        List<Long> ids = takeUnconsumed();
        if (!ids.isEmpty()) {
            connection.call(new Command.Acknowledge(id, ids));
        }
    }

    @Override
    public boolean getTransacted() throws JMSException {
        checkClosed();
        return transaction.isTransacted();
    }

    /** {@code SESSION_TRANSACTED} for a transacted session, an XASession's too (Session javadoc). */
    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkClosed();
        return transaction.isTransacted() ? SESSION_TRANSACTED : mode;
    }

    /**
     * Commits (see {@link TransactionContext#commit}); the broker carries out the session's one-way sends before the
     * commit.
     *
     * @throws TransactionRolledBackException if the broker rolled the transaction back instead, e.g. because one of
     *         its sends failed there (the message names that send); received messages are redelivered
     */
    @Override
    public void commit() throws JMSException {
        checkClosed();
        transaction.commit(this);
    }

    @Override
    public void rollback() throws JMSException {
        checkClosed();
        transaction.rollback(this);
    }

    /** Commits the session's local transaction: its sends and what the application consumed since the last end. */
    void commitLocal() throws JMSException {
        checkNotCompletionThread("commit");
        asyncSends.awaitAll();
        try {
            connection.call(new Command.Commit(id, takeUnconsumed()));
        } catch (TransactionRolledBackException e) {
            // the broker already returned the received messages; roll back here too, so buffered deliveries of the
            // old generation are dropped and listeners start over
            try {
                returnAllUnconsumed();
            } catch (JMSException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    /** Rolls the session's local transaction back: its sends are dropped, what it consumed is redelivered. */
    void rollbackLocal() throws JMSException {
        checkNotCompletionThread("rollback");
        asyncSends.awaitAll();
        returnAllUnconsumed();
    }

    private void checkNotCompletionThread(String method) throws IllegalStateException {
        if (isCompletionThread()) {
            throw new IllegalStateException(method + " must not be called from a CompletionListener (spec 7.3.8)");
        }
    }

    /** Rolls back on the broker and restarts delivery with what it redelivers. */
    private void returnAllUnconsumed() throws JMSException {
        deliveryLock.lock();
        try {
            returnUnconsumed(unconsumedIds -> new Command.Rollback(id, unconsumedIds));
        } finally {
            deliveryLock.unlock();
        }
        consumers.values().forEach(this::scheduleListener);
    }

    @Override
    public void recover() throws JMSException {
        checkClosed();
        transaction.checkRecover(this);
        deliveryLock.lock();
        try {
            recoverUnconsumed();
        } finally {
            deliveryLock.unlock();
        }
        consumers.values().forEach(this::scheduleListener);
    }

    // ---- closing

    /** Waits until no listener of this session runs; returns at once on the delivery lane itself. */
    void awaitDeliveryPaused() {
        if (deliveryLock.isHeldByCurrentThread()) {
            return;
        }
        deliveryLock.lock();
        deliveryLock.unlock();
    }

    /**
     * Closes the session once the listener under way, if any, has returned: until then that listener keeps every
     * facility of the session (Session.close and Connection.close javadoc), so that its sends, its acknowledgement
     * and the end of an XA branch it works in (a resource adapter's afterDelivery) still succeed. No other listener
     * call begins meanwhile. Then waits for the asynchronous sends under way and their completion callbacks.
     *
     * @throws IllegalStateException if called from a listener or completion callback of this session
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (deliveryLane.isCurrentThread() || deliveryLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("Session " + this + " cannot be closed from its own message listener");
        }
        if (completionLane.isCurrentThread()) {
            throw new IllegalStateException("Session " + this + " cannot be closed from its own CompletionListener");
        }
        closing = true;
        awaitDeliveryPaused();
        asyncSends.awaitAll();
        closed = true;
        consumers.values().forEach(GannetMessageConsumer::closeLocally);
        producers.forEach(GannetMessageProducer::closeLocally);
        browsers.forEach(GannetQueueBrowser::closeLocally);
        transaction.sessionClosing(this);
        try {
            connection.call(new Command.CloseSession(id, takeUnconsumed()));
        } catch (JMSException e) {
            LOG.debug("Closing session {} on the broker failed: {}", this, e.getMessage());
        } finally {
            consumers.clear();
            connection.sessionClosed(this);
        }
    }

    void consumerClosed(GannetMessageConsumer consumer) {
        consumers.remove(consumer.id());
    }

    void producerClosed(GannetMessageProducer producer) {
        producers.remove(producer);
    }

    /** A new id for a browser's walk through a queue (see {@link Command.Browse}). */
    int nextBrowseId() {
        return browseIds.incrementAndGet();
    }

    void browserClosed(GannetQueueBrowser browser) {
        browsers.remove(browser);
    }

    // ---- messages

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        checkClosed();
        return new GannetBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        checkClosed();
        return new GannetMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        checkClosed();
        return new GannetMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        checkClosed();
        return new GannetObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        checkClosed();
        GannetObjectMessage message = new GannetObjectMessage();
        message.setObject(object);
        return message;
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        checkClosed();
        return new GannetStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        checkClosed();
        return new GannetTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        checkClosed();
        GannetTextMessage message = new GannetTextMessage();
        message.setText(text);
        return message;
    }

    // ---- destinations

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        checkClosed();
        domain.requireQueues("createQueue", this);
        return new GannetQueue(validName("Queue", queueName));
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        checkClosed();
        domain.requireTopics("createTopic", this);
        return new GannetTopic(validName("Topic", topicName));
    }

    private static String validName(String kind, String name) throws InvalidDestinationException {
        if (name == null || name.isBlank()) {
            throw new InvalidDestinationException(kind + " name must not be null or blank");
        }
        return name;
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkClosed();
        domain.requireQueues("createTemporaryQueue", this);
        return connection.createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkClosed();
        domain.requireTopics("createTemporaryTopic", this);
        return connection.createTemporaryTopic();
    }

    /**
     * A Gannet destination for {@code destination}: Gannet's own as they are, another provider's Queue or Topic by
     * name.
     *
     * @throws InvalidDestinationException if it is null or neither a Queue nor a Topic
     */
    static GannetDestination toGannet(Destination destination) throws JMSException {
        if (destination == null) {
            throw new InvalidDestinationException("Destination must not be null");
        }
        return GannetDestination.from(destination);
    }

    // ---- producers

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        checkClosed();
        GannetDestination target = null;
        if (destination != null) {
            target = toGannet(destination);
            connection.call(new Command.CheckDestination(target));
        }
        GannetMessageProducer producer = new GannetMessageProducer(this, target);
        producers.add(producer);
        return producer;
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return (TopicPublisher) createProducer(topic);
    }

    // ---- consumers

    /** An empty or blank selector is no selector (MessageConsumer.getMessageSelector answers null for it). */
    private static String selectorOrNull(String selector) {
        return selector == null || selector.isBlank() ? null : selector;
    }

    /** @throws jakarta.jms.InvalidSelectorException if {@code selector} is not a valid message selector (spec 3.8) */
    private static void checkSelector(String selector) throws JMSException {
        String text = selectorOrNull(selector);
        if (text != null) {
            Selector.parse(text);
        }
    }

    private GannetMessageConsumer consumer(Destination destination, String messageSelector, boolean noLocal,
                                           SubscriptionSpec subscription) throws JMSException {
        checkClosed();
        String selector = selectorOrNull(messageSelector);
        GannetDestination source = toGannet(destination);
        int consumerId = consumerIds.incrementAndGet();
        GannetMessageConsumer consumer = new GannetMessageConsumer(this, consumerId, source, selector, noLocal,
                subscription);
        consumers.put(consumerId, consumer);
        try {
            connection.call(new Command.CreateConsumer(id, consumerId, source, selector, noLocal, subscription,
                    connection.prefetch()));
        } catch (JMSException e) {
            consumers.remove(consumerId);
            throw e;
        }
        return consumer;
    }

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return createConsumer(destination, null, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return createConsumer(destination, messageSelector, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        return consumer(destination, messageSelector, noLocal, SubscriptionSpec.PRIVATE);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return createReceiver(queue, null);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        return (QueueReceiver) createConsumer(queue, messageSelector, false);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return createSubscriber(topic, null, false);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal) throws JMSException {
        return (TopicSubscriber) createConsumer(topic, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        checkClosed();
        domain.requireTopics("createSharedConsumer", this);
        toGannet(topic);
        return consumer(topic, messageSelector, false,
                new SubscriptionSpec(subscriptionName(sharedSubscriptionName), false, true));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        checkClosed();
        domain.requireTopics("createDurableSubscriber", this);
        return durable(topic, name, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return createDurableConsumer(topic, name, null, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        checkClosed();
        domain.requireTopics("createDurableConsumer", this);
        return durable(topic, name, messageSelector, noLocal);
    }

    /**
     * Arguments are checked before the connection's state, as the javadoc orders the exceptions: an invalid topic
     * ({@link InvalidDestinationException}), name or selector ({@link jakarta.jms.InvalidSelectorException}) is
     * reported as such even when the client ID is missing too.
     */
    private GannetMessageConsumer durable(Topic topic, String name, String selector, boolean noLocal)
            throws JMSException {
        toGannet(topic);
        subscriptionName(name);
        checkSelector(selector);
        if (connection.getClientID() == null) {
            throw new IllegalStateException("An unshared durable subscription needs a client ID; connection "
                    + connection + " has none");
        }
        return consumer(topic, selector, noLocal, new SubscriptionSpec(subscriptionName(name), true, false));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector)
            throws JMSException {
        checkClosed();
        domain.requireTopics("createSharedDurableConsumer", this);
        toGannet(topic);
        return consumer(topic, messageSelector, false, new SubscriptionSpec(subscriptionName(name), true, true));
    }

    private static String subscriptionName(String name) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new JMSException("Subscription name must not be null or empty");
        }
        return name;
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        checkClosed();
        domain.requireTopics("unsubscribe", this);
        if (name == null || name.isEmpty()) {
            throw new InvalidDestinationException("Subscription name must not be null or empty");
        }
        boolean inUse = consumers.values().stream().anyMatch(c -> c.isDurableSubscription(name));
        if (inUse) {
            throw new IllegalStateException("Durable subscription '" + name + "' has an open consumer in session "
                    + this);
        }
        connection.call(new Command.Unsubscribe(name));
    }

    // ---- browsers

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        checkClosed();
        domain.requireQueues("createBrowser", this);
        GannetDestination source = toGannet(queue);
        String selector = selectorOrNull(messageSelector);
        // validates the queue and selector now, as createBrowser must: a walk of no messages ends at once
        connection.call(new Command.Browse(id, nextBrowseId(), source, selector, 0));
        GannetQueueBrowser browser = new GannetQueueBrowser(this, (Queue) source, selector);
        browsers.add(browser);
        return browser;
    }

    // ---- Application Server Facilities (optional)

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkClosed();
        return sessionListener;
    }

    /**
     * Kept for application servers; Gannet has no ConnectionConsumer that would feed it (see
     * {@link GannetConnection#createConnectionConsumer}), so {@link #run()} has nothing to deliver.
     */
    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkClosed();
        sessionListener = listener;
    }

    /** Delivers messages loaded by a ConnectionConsumer; Gannet has none, so there is never anything to run. */
    @Override
    public void run() {
        LOG.debug("Session.run() on {}: no ConnectionConsumer loads messages into Gannet sessions", this);
    }

    @Override
    public String toString() {
        return connection + ":" + id;
    }

    /**
     * Tracks asynchronous sends so commit and close can wait for their completion, and hands their outcomes over
     * in send order, whatever order the broker answered in (spec 7.3).
     */
    static final class AsyncSends {
        private int pending; // guarded by this
        private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null); // guarded by this

        /** Calls {@code outcome} with the failure (or null) of {@code answer}, after the outcomes of earlier sends. */
        synchronized void whenDone(CompletableFuture<?> answer, Consumer<Throwable> outcome) {
            tail = tail.thenCompose(v -> answer.handle((result, failure) -> {
                outcome.accept(failure);
                return null;
            }));
        }

        synchronized void started() {
            pending++;
        }

        synchronized void finished() {
            pending--;
            notifyAll();
        }

        synchronized void awaitAll() throws JMSException {
            while (pending > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw Errors.jms(e);
                }
            }
        }
    }
}
