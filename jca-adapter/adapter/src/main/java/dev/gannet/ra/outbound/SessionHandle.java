package dev.gannet.ra.outbound;

import dev.gannet.ra.outbound.GannetManagedConnection.Demarcation;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
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
import jakarta.jms.TransactionInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;

/**
 * The application's Session (QueueSession, TopicSession) from a {@link ConnectionHandle}: the pooled connection's
 * physical session as Messaging 3.1 sections 12.2 and 12.3 let a web or EJB component use it.
 * <ul>
 * <li>In a global transaction (the server enlisted the connection) its work belongs to the transaction, whatever it
 * was created with: {@link #getTransacted} is true, {@link #commit} and {@link #rollback} throw
 * {@link TransactionInProgressException}. So in a local transaction the container began.</li>
 * <li>Created transacted outside a global transaction, it has a local transaction of its own, begun by its first
 * send or receive and ended by {@link #commit} or {@link #rollback}; the server hears LOCAL_TRANSACTION_STARTED,
 * _COMMITTED and _ROLLEDBACK.</li>
 * <li>Otherwise it is non-transacted and acknowledges each message as it is received (CLIENT_ACKNOWLEDGE asked for
 * is ignored, section 12.3).</li>
 * </ul>
 * {@code setMessageListener}, {@code getMessageListener} throw {@link IllegalStateException} and {@code run} an
 * {@link jakarta.jms.IllegalStateRuntimeException} (section 12.2); so do the message listeners of its consumers and
 * sends with a CompletionListener on its producers.
 */
public final class SessionHandle implements QueueSession, TopicSession {

    private static final Logger LOG = LoggerFactory.getLogger(SessionHandle.class);

    private final ConnectionHandle connection;
    private final boolean locallyTransacted;
    private final int mode;
    private final HandleType domain;
    private final OpenedResources opened = new OpenedResources();
    private volatile boolean closed;

    SessionHandle(ConnectionHandle connection, boolean locallyTransacted, int mode, HandleType domain) {
        this.connection = connection;
        this.locallyTransacted = locallyTransacted;
        this.mode = mode;
        this.domain = domain;
    }

    boolean isClosed() {
        return closed || connection.isClosed();
    }

    private void checkOpen() throws IllegalStateException {
        if (isClosed()) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    /** The pooled physical session. */
    private Session physical() throws JMSException {
        checkOpen();
        return connection.managed().session();
    }

    /**
     * Called before each send and receive: a locally transacted session outside a global transaction begins its
     * local transaction with its first work.
     */
    void beforeWork() throws JMSException {
        checkOpen();
        if (locallyTransacted) {
            GannetManagedConnection managed = connection.managed();
            if (managed.demarcation() == Demarcation.NONE) {
                managed.beginApplicationLocal();
            }
        }
    }

    private void requireTopics(String method) throws IllegalStateException {
        if (domain == HandleType.QUEUE_CONNECTION) {
            throw new IllegalStateException(method + " cannot be used on the QueueSession " + this);
        }
    }

    private void requireQueues(String method) throws IllegalStateException {
        if (domain == HandleType.TOPIC_CONNECTION) {
            throw new IllegalStateException(method + " cannot be used on the TopicSession " + this);
        }
    }

    // ---- messages

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        return physical().createBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        return physical().createMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        return physical().createMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        return physical().createObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        return physical().createObjectMessage(object);
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        return physical().createStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        return physical().createTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        return physical().createTextMessage(text);
    }

    // ---- transactions

    /** True in a global or local transaction (see the class comment). */
    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        Demarcation demarcation = connection.managed().demarcation();
        return locallyTransacted || demarcation == Demarcation.GLOBAL || demarcation == Demarcation.CONTAINER_LOCAL;
    }

    /** SESSION_TRANSACTED when {@link #getTransacted}; else DUPS_OK_ACKNOWLEDGE if asked for, AUTO_ACKNOWLEDGE. */
    @Override
    public int getAcknowledgeMode() throws JMSException {
        if (getTransacted()) {
            return SESSION_TRANSACTED;
        }
        return mode == DUPS_OK_ACKNOWLEDGE ? DUPS_OK_ACKNOWLEDGE : AUTO_ACKNOWLEDGE;
    }

    /**
     * Commits the session's local transaction.
     *
     * @throws TransactionInProgressException in a global transaction or the container's local one
     * @throws IllegalStateException          if the session is not transacted or closed
     * @throws jakarta.jms.TransactionRolledBackException if the broker rolled back instead
     */
    @Override
    public void commit() throws JMSException {
        complete(true);
    }

    /**
     * Rolls the session's local transaction back.
     *
     * @throws TransactionInProgressException in a global transaction or the container's local one
     * @throws IllegalStateException          if the session is not transacted or closed
     */
    @Override
    public void rollback() throws JMSException {
        complete(false);
    }

    private void complete(boolean commit) throws JMSException {
        checkOpen();
        String method = commit ? "commit" : "rollback";
        GannetManagedConnection managed = connection.managed();
        Demarcation demarcation = managed.demarcation();
        if (demarcation == Demarcation.GLOBAL || demarcation == Demarcation.CONTAINER_LOCAL) {
            throw new TransactionInProgressException(method + " called on " + this + ", whose work belongs to a"
                    + (demarcation == Demarcation.GLOBAL ? " global" : " container's local")
                    + " transaction; the container completes it");
        }
        if (!locallyTransacted) {
            throw new IllegalStateException(method + " called on " + this + ", which is not transacted");
        }
        if (demarcation == Demarcation.APPLICATION_LOCAL) {
            managed.completeApplicationLocal(commit);
        }
        // NONE: no send or receive since the last commit or rollback, so there is nothing to complete
    }

    /**
     * Nothing to recover: outside a transaction every message is acknowledged as it is received.
     *
     * @throws IllegalStateException if the session is transacted or closed
     */
    @Override
    public void recover() throws JMSException {
        if (getTransacted()) {
            throw new IllegalStateException("recover called on transacted session " + this + "; use rollback");
        }
    }

    /**
     * Closes the session: its producers, consumers and browsers, and rolls back its local transaction, if any.
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            opened.closeAll();
            if (locallyTransacted && !connection.isClosed()) {
                GannetManagedConnection managed = connection.managed();
                if (managed.demarcation() == Demarcation.APPLICATION_LOCAL) {
                    managed.completeApplicationLocal(false);
                }
            }
        } finally {
            connection.sessionClosed(this);
        }
    }

    void closeQuietly() {
        try {
            close();
        } catch (JMSException | RuntimeException e) {
            LOG.debug("Closing {} failed", this, e);
        }
    }

    // ---- forbidden in a container

    /** @throws IllegalStateException always: section 12.2 */
    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        throw Forbidden.method("Session.getMessageListener");
    }

    /** @throws IllegalStateException always: section 12.2 */
    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        throw Forbidden.method("Session.setMessageListener");
    }

    /** @throws jakarta.jms.IllegalStateRuntimeException always: section 12.2 */
    @Override
    public void run() {
        throw Forbidden.runtimeMethod("Session.run");
    }

    // ---- producers and consumers

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        return opened.add(new ProducerHandle(this, physical().createProducer(destination)));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return consumer(physical().createConsumer(destination), destination, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return consumer(physical().createConsumer(destination, messageSelector), destination, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        return consumer(physical().createConsumer(destination, messageSelector, noLocal), destination, noLocal);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        requireTopics("createSharedConsumer");
        return consumer(physical().createSharedConsumer(topic, sharedSubscriptionName), topic, false);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        requireTopics("createSharedConsumer");
        return consumer(physical().createSharedConsumer(topic, sharedSubscriptionName, messageSelector), topic,
                false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        requireTopics("createDurableSubscriber");
        return consumer(physical().createDurableSubscriber(topic, name), topic, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        requireTopics("createDurableSubscriber");
        return consumer(physical().createDurableSubscriber(topic, name, messageSelector, noLocal), topic, noLocal);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        requireTopics("createDurableConsumer");
        return consumer(physical().createDurableConsumer(topic, name), topic, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        requireTopics("createDurableConsumer");
        return consumer(physical().createDurableConsumer(topic, name, messageSelector, noLocal), topic, noLocal);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        requireTopics("createSharedDurableConsumer");
        return consumer(physical().createSharedDurableConsumer(topic, name), topic, false);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector)
            throws JMSException {
        requireTopics("createSharedDurableConsumer");
        return consumer(physical().createSharedDurableConsumer(topic, name, messageSelector), topic, false);
    }

    private ConsumerHandle consumer(MessageConsumer physical, Destination destination, boolean noLocal) {
        return opened.add(new ConsumerHandle(this, physical, destination, noLocal));
    }

    /** A closed producer or consumer leaves the session's keeping. */
    void closed(OpenedResources.Closeable resource) {
        opened.remove(resource);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        requireQueues("createBrowser");
        QueueBrowser browser = physical().createBrowser(queue);
        opened.add(browser::close);
        return browser;
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        requireQueues("createBrowser");
        QueueBrowser browser = physical().createBrowser(queue, messageSelector);
        opened.add(browser::close);
        return browser;
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        requireQueues("createReceiver");
        return consumer(physical().createConsumer(queue), queue, false);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        requireQueues("createReceiver");
        return consumer(physical().createConsumer(queue, messageSelector), queue, false);
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        requireQueues("createSender");
        return opened.add(new ProducerHandle(this, physical().createProducer(queue)));
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        requireTopics("createSubscriber");
        return consumer(physical().createConsumer(topic), topic, false);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal)
            throws JMSException {
        requireTopics("createSubscriber");
        return consumer(physical().createConsumer(topic, messageSelector, noLocal), topic, noLocal);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        requireTopics("createPublisher");
        return opened.add(new ProducerHandle(this, physical().createProducer(topic)));
    }

    // ---- destinations

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        requireQueues("createQueue");
        return physical().createQueue(queueName);
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        requireTopics("createTopic");
        return physical().createTopic(topicName);
    }

    /** A temporary queue of the pooled connection, deleted when the application's connection handle closes. */
    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        requireQueues("createTemporaryQueue");
        return connection.opened.addTemporary(physical().createTemporaryQueue());
    }

    /** A temporary topic of the pooled connection, deleted when the application's connection handle closes. */
    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        requireTopics("createTemporaryTopic");
        return connection.opened.addTemporary(physical().createTemporaryTopic());
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        requireTopics("unsubscribe");
        physical().unsubscribe(name);
    }

    @Override
    public String toString() {
        return "Session handle of " + connection;
    }
}
