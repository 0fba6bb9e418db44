package dev.gannet.client;

import dev.gannet.lane.SerialExecutor;
import dev.gannet.message.GannetDestination;
import dev.gannet.message.GannetTemporaryQueue;
import dev.gannet.message.GannetTemporaryTopic;
import dev.gannet.message.TemporaryDestinationOwner;
import dev.gannet.protocol.BrokerLink;
import dev.gannet.protocol.ClientEndpoint;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Delivery;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/** A connection to a Gannet broker (spec 6.1). */
public class GannetConnection implements QueueConnection, TopicConnection, ClientEndpoint, TemporaryDestinationOwner {

    private static final Logger LOG = LoggerFactory.getLogger(GannetConnection.class);

    private final ConnectionOptions options;
    private final String id = UUID.randomUUID().toString();
    private final AtomicLong messageSequence = new AtomicLong();
    private final AtomicInteger sessionIds = new AtomicInteger();
    private final Map<Integer, GannetSession> sessions = new ConcurrentHashMap<>();
    /**
     * Temporary destinations this connection deleted, for as long as the application holds them: a send to one is
     * refused here, where a one-way send could not report it. Weak, so that creating and deleting many does not grow
     * it.
     */
    private final Set<GannetDestination> deletedTemporaries =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    /** Runs the session lanes (listeners, completion callbacks) and the exception lane. */
    private final ExecutorService pool;
    /** Calls the exception listener, one failure at a time. */
    private final SerialExecutor exceptionLane;
    private final Object stateLock = new Object();
    private BrokerLink link; // set once in open()
    private volatile String clientId;
    private volatile boolean clientIdFixed; // set by the first action that forbids setClientID afterwards
    private volatile boolean started;
    private volatile boolean closed;
    private volatile JMSException failure;
    private volatile ExceptionListener exceptionListener;

    /** A connection not connected yet: {@link #connect} connects it. */
    GannetConnection(ConnectionOptions options) {
        this.options = options;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "gannet-client-" + id.substring(0, 8) + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.exceptionLane = new SerialExecutor(pool, "connection " + id + " exception listener");
    }

    static GannetConnection open(ConnectionOptions options, String user, String password) throws JMSException {
        GannetConnection connection = new GannetConnection(options);
        connection.connect(user, password);
        return connection;
    }

    /**
     * Connects to the broker the options name and opens this connection there; called once, right after the
     * constructor. A connection that fails to connect releases what it holds.
     *
     * @throws JMSException as {@link dev.gannet.transport.BrokerAddress#connect} refuses
     */
    void connect(String user, String password) throws JMSException {
        try {
            link = options.address().connect(new Command.Open(options.clientId(), user, password), this);
        } catch (JMSException e) {
            abandon();
            throw e;
        } catch (RuntimeException e) {
            abandon();
            throw Errors.withCause(new JMSException("Cannot connect to " + options.url() + ": " + e.getMessage()), e);
        }
        if (options.clientId() != null) {
            clientId = options.clientId();
            clientIdFixed = true;
        }
    }

    /** Releases what a connection that failed to open holds. */
    private void abandon() {
        if (link != null) {
            link.abort();
        }
        pool.shutdownNow();
    }

    // ---- plumbing used by sessions

    /** Sends a command and waits for its answer. */
    <A> A call(Command<A> command) throws JMSException {
        JMSException broken = failure;
        if (broken != null) {
            throw broken;
        }
        try {
            return link.request(command).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.jms(e);
        } catch (Exception e) {
            throw Errors.jms(e);
        }
    }

    /** Sends a command without waiting; a failure is logged, or reported to the exception listener if the link broke. */
    <A> java.util.concurrent.CompletableFuture<A> send(Command<A> command) {
        return link.request(command);
    }

    /**
     * Sends a message without waiting for the broker (see {@link BrokerLink#post(Command.Send)}); may wait for the
     * link's flow-control window.
     *
     * @throws JMSException if the connection failed, the message is too large for the link, or the link is closed
     */
    void post(Command.Send send) throws JMSException {
        JMSException broken = failure;
        if (broken != null) {
            throw broken;
        }
        link.post(send);
    }

    /**
     * Acknowledges without waiting for the broker, and without a reply on any transport (see
     * {@link BrokerLink#post(Command.Acknowledge)}): a failure is logged.
     */
    void post(Command.Acknowledge acknowledge) {
        link.post(acknowledge);
    }

    /** Whether a send without CompletionListener waits for the broker (URL options blockOn...Send). */
    boolean sendWaits(boolean inTransaction, boolean persistent) {
        return options.blocking().waits(inTransaction, persistent);
    }

    /**
     * @throws jakarta.jms.InvalidDestinationException if {@code destination} is a temporary destination this connection
     *         deleted
     */
    void checkNotDeleted(GannetDestination destination) throws JMSException {
        if (destination.kind().isTemporary() && deletedTemporaries.contains(destination)) {
            throw new jakarta.jms.InvalidDestinationException("Temporary destination " + destination
                    + " was deleted by " + this);
        }
    }

    ExecutorService pool() {
        return pool;
    }

    boolean isStarted() {
        return started;
    }

    int prefetch() {
        return options.prefetch();
    }

    String nextMessageId() {
        return "ID:" + id + ":" + messageSequence.incrementAndGet();
    }

    /** The failure that ended this connection's link to the broker, or null while it is up. */
    JMSException failure() {
        return failure;
    }

    void checkClosed() throws IllegalStateException {
        if (closed) {
            throw Errors.closed("Connection " + this);
        }
    }

    /** Marks the connection used: from now on setClientID is refused (spec 6.1.2). */
    void fixClientId() {
        clientIdFixed = true;
    }

    void sessionClosed(GannetSession session) {
        sessions.remove(session.id());
    }

    /** Whether the calling thread is delivering a message to a listener or callback of this connection. */
    boolean isDeliveryThread() {
        return sessions.values().stream().anyMatch(GannetSession::isDeliveryThread);
    }

    /** Whether the calling thread runs a MessageListener of this connection (not a CompletionListener). */
    boolean isListenerThread() {
        return sessions.values().stream().anyMatch(GannetSession::isListenerThread);
    }

    // ---- ClientEndpoint

    @Override
    public void deliver(Delivery delivery) {
        GannetSession session = sessions.get(delivery.sessionId());
        if (session != null) {
            session.onDelivery(delivery);
        }
    }

    /** A one-way send failed on the broker: logged, and handed to the exception listener if there is one. */
    @Override
    public void sendFailed(JMSException cause) {
        LOG.warn("{}: {}", this, cause.getMessage());
        ExceptionListener listener = exceptionListener;
        if (listener != null) {
            exceptionLane.execute(() -> listener.onException(cause));
        }
    }

    @Override
    public void connectionFailed(JMSException cause) {
        if (closed || failure != null) {
            return;
        }
        failure = cause;
        sessions.values().forEach(GannetSession::connectionFailed);
        ExceptionListener listener = exceptionListener;
        if (listener != null) {
            exceptionLane.execute(() -> listener.onException(cause));
        } else {
            LOG.warn("Connection {} failed and has no exception listener: {}", this, cause.getMessage());
        }
    }

    // ---- Connection

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted, acknowledgeMode, Domain.BOTH);
    }

    private GannetSession createSession(boolean transacted, int acknowledgeMode, Domain domain) throws JMSException {
        int mode = transacted ? Session.SESSION_TRANSACTED : acknowledgeMode;
        if (!transacted && mode != Session.AUTO_ACKNOWLEDGE && mode != Session.CLIENT_ACKNOWLEDGE
                && mode != Session.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSException("Acknowledge mode " + acknowledgeMode + " is not one of AUTO_ACKNOWLEDGE (1),"
                    + " CLIENT_ACKNOWLEDGE (2) or DUPS_OK_ACKNOWLEDGE (3)");
        }
        return createSession(mode, domain);
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return createSession(sessionMode, Domain.BOTH);
    }

    private GannetSession createSession(int sessionMode, Domain domain) throws JMSException {
        checkClosed();
        if (sessionMode < Session.SESSION_TRANSACTED || sessionMode > Session.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSException("Session mode " + sessionMode + " is not one of SESSION_TRANSACTED (0),"
                    + " AUTO_ACKNOWLEDGE (1), CLIENT_ACKNOWLEDGE (2) or DUPS_OK_ACKNOWLEDGE (3)");
        }
        TransactionContext transaction = TransactionContext.forSessionMode(sessionMode);
        return openSession(transaction.isTransacted(),
                sessionId -> new GannetSession(this, sessionId, sessionMode, transaction, domain));
    }

    /**
     * Creates a session on the broker ({@code transacted}: in a local transaction) and keeps the one {@code session}
     * makes for its id.
     *
     * @throws IllegalStateException if the connection is closed
     */
    <S extends GannetSession> S openSession(boolean transacted, IntFunction<S> session)
            throws JMSException {
        checkClosed();
        fixClientId();
        int sessionId = sessionIds.incrementAndGet();
        call(new Command.CreateSession(sessionId, transacted));
        S created = session.apply(sessionId);
        sessions.put(sessionId, created);
        return created;
    }

    /** Which broker this connection reaches, as {@link ConnectionOptions#resourceManager} names it. */
    String resourceManager() {
        return options.resourceManager();
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted, acknowledgeMode, Domain.QUEUE);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted, acknowledgeMode, Domain.TOPIC);
    }

    @Override
    public String getClientID() throws JMSException {
        checkClosed();
        return clientId;
    }

    @Override
    public void setClientID(String requested) throws JMSException {
        checkClosed();
        synchronized (stateLock) {
            if (clientId != null) {
                throw new IllegalStateException("Connection " + this + " already has client ID '" + clientId + "'");
            }
            if (clientIdFixed) {
                throw new IllegalStateException("Client ID must be set before the connection " + this
                        + " is used (spec 6.1.2)");
            }
            if (requested == null || requested.isEmpty()) {
                throw new jakarta.jms.InvalidClientIDException("Client ID must not be null or empty");
            }
            call(new Command.SetClientId(requested));
            clientId = requested;
            clientIdFixed = true;
        }
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkClosed();
        return new GannetConnectionMetaData(link.opened().setsUserId());
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkClosed();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkClosed();
        fixClientId();
        exceptionListener = listener;
    }

    /** Starts (or resumes) delivery: from now on the broker hands messages to this connection's consumers. */
    @Override
    public void start() throws JMSException {
        checkClosed();
        fixClientId();
        synchronized (stateLock) {
            if (started) {
                return;
            }
            call(new Command.Start());
            started = true;
        }
        sessions.values().forEach(GannetSession::connectionStarted);
    }

    /**
     * Pauses delivery and waits for running listeners to return. Messages the broker sent ahead and the application
     * has not taken go back to their destinations, in their places and not marked redelivered, so that other
     * connections' consumers get them meanwhile (a topic subscription keeps them for this connection).
     *
     * @throws IllegalStateException if called from a message listener of this connection (spec 6.1.5; a
     *         CompletionListener may stop its connection)
     */
    @Override
    public void stop() throws JMSException {
        checkClosed();
        fixClientId();
        if (isListenerThread()) {
            throw new IllegalStateException("Connection " + this + " cannot be stopped from one of its own message"
                    + " listeners (spec 6.1.5)");
        }
        synchronized (stateLock) {
            if (!started) {
                return;
            }
            started = false;
        }
        for (GannetSession session : List.copyOf(sessions.values())) {
            session.awaitDeliveryPaused(); // not under stateLock: a running listener may call start()
        }
        synchronized (stateLock) {
            if (started || closed) {
                return; // started again meanwhile
            }
            call(new Command.Stop());
            for (GannetSession session : List.copyOf(sessions.values())) {
                session.returnPrefetched();
            }
        }
    }

    /**
     * Closes every session (rolling back transactions, returning unacknowledged messages), deletes temporary
     * destinations and releases the broker.
     *
     * @throws IllegalStateException if called from a listener or completion callback of this connection
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (isDeliveryThread()) {
            throw new IllegalStateException("Connection " + this
                    + " cannot be closed from one of its own message listeners or completion listeners");
        }
        synchronized (stateLock) {
            started = false;
        }
        JMSException first = null;
        for (GannetSession session : List.copyOf(sessions.values())) {
            try {
                session.close();
            } catch (JMSException e) {
                first = first == null ? e : first;
            }
        }
        closed = true;
        try {
            if (failure == null) {
                call(new Command.Close());
            } else {
                link.abort();
            }
        } catch (JMSException e) {
            first = first == null ? e : first;
        } finally {
            releasePool();
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Lets the pool's threads end once their lanes are done, waiting for that unless this very thread is one of them:
     * an ExceptionListener may close its connection (Spring's caching factories do), and must neither wait for
     * itself nor be interrupted.
     */
    private void releasePool() {
        pool.shutdown();
        if (exceptionLane.isCurrentThread()) {
            return;
        }
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }

    /**
     * Application Server Facilities are an optional part of the spec (chapter 9 of JMS 1.1, "optional" in 2.0
     * and Jakarta Messaging); Gannet's Jakarta EE integration is its resource adapter instead.
     *
     * @throws JMSException always, saying so
     */
    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        checkClosed();
        throw noConnectionConsumers();
    }

    /** @throws JMSException always; see {@link #createConnectionConsumer(Destination, String, ServerSessionPool, int)} */
    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName,
                                                             String messageSelector, ServerSessionPool sessionPool,
                                                             int maxMessages) throws JMSException {
        checkClosed();
        throw noConnectionConsumers();
    }

    /** @throws JMSException always; see {@link #createConnectionConsumer(Destination, String, ServerSessionPool, int)} */
    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                              String messageSelector, ServerSessionPool sessionPool,
                                                              int maxMessages) throws JMSException {
        checkClosed();
        throw noConnectionConsumers();
    }

    /** @throws JMSException always; see {@link #createConnectionConsumer(Destination, String, ServerSessionPool, int)} */
    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                                    String messageSelector,
                                                                    ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        checkClosed();
        throw noConnectionConsumers();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        return createConnectionConsumer((Destination) queue, messageSelector, sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        return createConnectionConsumer((Destination) topic, messageSelector, sessionPool, maxMessages);
    }

    private static JMSException noConnectionConsumers() {
        return new JMSException("Gannet does not offer the optional Application Server Facilities"
                + " (ConnectionConsumer, ServerSessionPool); use message listeners, or Gannet's resource adapter"
                + " for message-driven beans");
    }

    // ---- temporary destinations

    GannetTemporaryQueue createTemporaryQueue() throws JMSException {
        GannetDestination created = call(new Command.CreateTemporary(false));
        return new GannetTemporaryQueue(created.name(), this);
    }

    GannetTemporaryTopic createTemporaryTopic() throws JMSException {
        GannetDestination created = call(new Command.CreateTemporary(true));
        return new GannetTemporaryTopic(created.name(), this);
    }

    @Override
    public void deleteTemporaryDestination(GannetDestination destination) throws JMSException {
        checkClosed();
        call(new Command.DeleteTemporary(destination));
        deletedTemporaries.add(destination);
    }

    @Override
    public String toString() {
        return "connection " + (clientId != null ? clientId + " " : "") + id.substring(0, 8);
    }
}
