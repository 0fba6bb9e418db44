package dev.gannet.ra.outbound;

import dev.gannet.client.GannetJMSProducer;
import dev.gannet.ra.outbound.GannetManagedConnection.Demarcation;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TransactionInProgressRuntimeException;

import java.io.Serializable;

import static dev.gannet.client.RuntimeExceptions.unchecked;
import static dev.gannet.client.RuntimeExceptions.uncheckedRun;

/**
 * The application's JMSContext from a {@link PooledConnectionFactory}: a handle on a pooled
 * {@link GannetManagedConnection}, working on its physical session as Messaging 3.1 sections 12.2 and 12.3 say of a
 * context in a web or EJB container. In a global transaction (or the container's local one) its work belongs to the
 * transaction: {@link #getTransacted} is true, {@link #commit} and {@link #rollback} throw
 * {@link TransactionInProgressRuntimeException}. Outside one the session mode asked for counts only as
 * AUTO_ACKNOWLEDGE or DUPS_OK_ACKNOWLEDGE; CLIENT_ACKNOWLEDGE and SESSION_TRANSACTED become AUTO_ACKNOWLEDGE.
 * {@link #close} gives the connection back to the pool. {@code createContext}, {@code setClientID},
 * {@code setExceptionListener}, {@code stop}, consumers' message listeners and asynchronous sends throw
 * {@link IllegalStateRuntimeException} (section 12.2).
 */
public final class JMSContextHandle extends Handle implements JMSContext {

    private final int sessionMode;
    private volatile boolean autoStart = true;
    private MessageProducer producer; // guarded by this; the anonymous producer the context's JMSProducers send with

    JMSContextHandle(GannetManagedConnection managed, int sessionMode) {
        super(managed, "JMSContext handle on " + managed);
        this.sessionMode = sessionMode;
    }

    /** The pooled physical session. */
    Session physical() {
        GannetManagedConnection managed = managedUnchecked();
        return unchecked(managed::session);
    }

    /** The anonymous producer of the context's JMSProducers, made on first use. */
    synchronized MessageProducer producer() {
        if (producer == null) {
            MessageProducer made = unchecked(() -> physical().createProducer(null));
            opened.add(made::close);
            producer = made;
        }
        return producer;
    }

    /** @throws IllegalStateRuntimeException always: section 12.2 (a second session on the connection) */
    @Override
    public JMSContext createContext(int sessionMode) {
        managedUnchecked();
        throw Forbidden.secondContext(this);
    }

    @Override
    public JMSProducer createProducer() {
        managedUnchecked();
        return new GannetJMSProducer(new HandleProducerSession(this));
    }

    @Override
    public String getClientID() {
        return unchecked(managedUnchecked()::clientId);
    }

    /** @throws IllegalStateRuntimeException always: section 12.2 */
    @Override
    public void setClientID(String clientID) {
        managedUnchecked();
        throw Forbidden.runtimeMethod("JMSContext.setClientID");
    }

    @Override
    public ConnectionMetaData getMetaData() {
        return unchecked(managedUnchecked()::connectionMetaData);
    }

    /** Null: an application in a container cannot set one (section 12.2). */
    @Override
    public ExceptionListener getExceptionListener() {
        managedUnchecked();
        return null;
    }

    /** @throws IllegalStateRuntimeException always: section 12.2 */
    @Override
    public void setExceptionListener(ExceptionListener listener) {
        managedUnchecked();
        throw Forbidden.runtimeMethod("JMSContext.setExceptionListener");
    }

    @Override
    public void start() {
        uncheckedRun(managedUnchecked()::start);
    }

    /** @throws IllegalStateRuntimeException always: section 12.2 */
    @Override
    public void stop() {
        managedUnchecked();
        throw Forbidden.runtimeMethod("JMSContext.stop");
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        managedUnchecked();
        this.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart() {
        managedUnchecked();
        return autoStart;
    }

    /** Closes what was opened through the context and gives the pooled connection back. */
    @Override
    public void close() {
        closeHandle();
    }

    @Override
    void closing() {
        synchronized (this) {
            producer = null;
        }
    }

    // ---- messages

    @Override
    public BytesMessage createBytesMessage() {
        return unchecked(physical()::createBytesMessage);
    }

    @Override
    public MapMessage createMapMessage() {
        return unchecked(physical()::createMapMessage);
    }

    @Override
    public Message createMessage() {
        return unchecked(physical()::createMessage);
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return unchecked(physical()::createObjectMessage);
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        Session session = physical();
        return unchecked(() -> session.createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return unchecked(physical()::createStreamMessage);
    }

    @Override
    public TextMessage createTextMessage() {
        return unchecked(physical()::createTextMessage);
    }

    @Override
    public TextMessage createTextMessage(String text) {
        Session session = physical();
        return unchecked(() -> session.createTextMessage(text));
    }

    // ---- transactions

    /** True in a global transaction or the container's local one. */
    @Override
    public boolean getTransacted() {
        Demarcation demarcation = managedUnchecked().demarcation();
        return demarcation == Demarcation.GLOBAL || demarcation == Demarcation.CONTAINER_LOCAL;
    }

    /** SESSION_TRANSACTED in a transaction; else DUPS_OK_ACKNOWLEDGE if asked for, AUTO_ACKNOWLEDGE otherwise. */
    @Override
    public int getSessionMode() {
        if (getTransacted()) {
            return SESSION_TRANSACTED;
        }
        return sessionMode == DUPS_OK_ACKNOWLEDGE ? DUPS_OK_ACKNOWLEDGE : AUTO_ACKNOWLEDGE;
    }

    /**
     * @throws TransactionInProgressRuntimeException in a transaction: the container completes it
     * @throws IllegalStateRuntimeException          outside one: the context is not transacted
     */
    @Override
    public void commit() {
        refuseCompletion("commit");
    }

    /**
     * @throws TransactionInProgressRuntimeException in a transaction: the container completes it
     * @throws IllegalStateRuntimeException          outside one: the context is not transacted
     */
    @Override
    public void rollback() {
        refuseCompletion("rollback");
    }

    private void refuseCompletion(String method) {
        if (getTransacted()) {
            throw new TransactionInProgressRuntimeException(method + " called on " + this + ", whose work belongs to"
                    + " a transaction the container completes");
        }
        throw new IllegalStateRuntimeException(method + " called on " + this + ", which is not transacted");
    }

    /**
     * Nothing to recover: outside a transaction every message is acknowledged as it is received.
     *
     * @throws IllegalStateRuntimeException in a transaction, or if the context is closed
     */
    @Override
    public void recover() {
        if (getTransacted()) {
            throw new IllegalStateRuntimeException("recover called on " + this + ", which works in a transaction");
        }
    }

    /** No effect: the context never acknowledges by client (section 12.3). */
    @Override
    public void acknowledge() {
        managedUnchecked();
    }

    // ---- consumers

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        Session session = physical();
        return consumer(unchecked(() -> session.createConsumer(destination)));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        Session session = physical();
        return consumer(unchecked(() -> session.createConsumer(destination, messageSelector)));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        Session session = physical();
        return consumer(unchecked(() -> session.createConsumer(destination, messageSelector, noLocal)));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        Session session = physical();
        return consumer(unchecked(() -> session.createDurableConsumer(topic, name)));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        Session session = physical();
        return consumer(unchecked(() -> session.createDurableConsumer(topic, name, messageSelector, noLocal)));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        Session session = physical();
        return consumer(unchecked(() -> session.createSharedDurableConsumer(topic, name)));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        Session session = physical();
        return consumer(unchecked(() -> session.createSharedDurableConsumer(topic, name, messageSelector)));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        Session session = physical();
        return consumer(unchecked(() -> session.createSharedConsumer(topic, sharedSubscriptionName)));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        Session session = physical();
        return consumer(unchecked(() -> session.createSharedConsumer(topic, sharedSubscriptionName,
                messageSelector)));
    }

    /** Wraps {@code physical} and, with autoStart, starts the connection (JMSContext javadoc). */
    private JMSConsumer consumer(MessageConsumer physical) {
        ContextConsumer consumer = opened.add(new ContextConsumer(this, physical));
        if (autoStart) {
            start();
        }
        return consumer;
    }

    /** A closed consumer leaves the context's keeping. */
    void closed(OpenedResources.Closeable resource) {
        opened.remove(resource);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        Session session = physical();
        QueueBrowser browser = unchecked(() -> session.createBrowser(queue));
        opened.add(browser::close);
        return browser;
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        Session session = physical();
        QueueBrowser browser = unchecked(() -> session.createBrowser(queue, messageSelector));
        opened.add(browser::close);
        return browser;
    }

    // ---- destinations

    @Override
    public Queue createQueue(String queueName) {
        Session session = physical();
        return unchecked(() -> session.createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        Session session = physical();
        return unchecked(() -> session.createTopic(topicName));
    }

    /** A temporary queue of the pooled connection, deleted when the context closes. */
    @Override
    public TemporaryQueue createTemporaryQueue() {
        return opened.addTemporary(unchecked(physical()::createTemporaryQueue));
    }

    /** A temporary topic of the pooled connection, deleted when the context closes. */
    @Override
    public TemporaryTopic createTemporaryTopic() {
        return opened.addTemporary(unchecked(physical()::createTemporaryTopic));
    }

    @Override
    public void unsubscribe(String name) {
        Session session = physical();
        uncheckedRun(() -> session.unsubscribe(name));
    }
}
