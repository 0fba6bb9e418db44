package dev.gannet.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.io.Serializable;

/**
 * The simplified API's context (spec 2.? / JMSContext javadoc): one connection, shared by the contexts made with
 * {@link #createContext(int)}, and one session, created on first use so that {@link #setClientID} can come first.
 */
public class GannetJMSContext implements JMSContext {

    /** A connection shared by several contexts; closed with the last of them. */
    static final class SharedConnection {
        final GannetConnection connection;
        private int users = 1; // guarded by this
        private volatile boolean autoStart = true;

        SharedConnection(GannetConnection connection) {
            this.connection = connection;
        }

        synchronized SharedConnection retain() {
            users++;
            return this;
        }

        void release() throws JMSException {
            boolean last;
            synchronized (this) {
                last = --users == 0;
            }
            if (last) {
                connection.close();
            }
        }
    }

    private final SharedConnection shared;
    private final int sessionMode;
    private final TransactionContext transaction;
    private final Object lock = new Object();
    private GannetSession session; // guarded by lock; created on first use
    private volatile boolean closed;

    GannetJMSContext(SharedConnection shared, int sessionMode) {
        this.shared = shared;
        this.sessionMode = sessionMode;
        this.transaction = TransactionContext.forSessionMode(sessionMode);
    }

    /** @throws JMSRuntimeException if {@code sessionMode} is not one of the four JMSContext modes */
    static void checkSessionMode(int sessionMode) {
        if (sessionMode < SESSION_TRANSACTED || sessionMode > DUPS_OK_ACKNOWLEDGE) {
            throw new JMSRuntimeException("Session mode " + sessionMode + " is not one of SESSION_TRANSACTED (0),"
                    + " AUTO_ACKNOWLEDGE (1), CLIENT_ACKNOWLEDGE (2) or DUPS_OK_ACKNOWLEDGE (3)");
        }
    }

    private void checkClosed() {
        if (closed) {
            throw new IllegalStateRuntimeException("JMSContext is closed");
        }
    }

    GannetSession session() {
        checkClosed();
        synchronized (lock) {
            if (session == null) {
                session = Errors.unchecked(this::openSession);
            }
            return session;
        }
    }

    /** Creates the context's session, on first use. */
    GannetSession openSession() throws JMSException {
        return (GannetSession) shared.connection.createSession(sessionMode);
    }

    private void autoStart() {
        if (shared.autoStart) {
            Errors.uncheckedRun(() -> {
                shared.connection.start();
                return null;
            });
        }
    }

    @Override
    public JMSContext createContext(int mode) {
        checkClosed();
        checkSessionMode(mode);
        return new GannetJMSContext(shared.retain(), mode);
    }

    @Override
    public JMSProducer createProducer() {
        return new GannetJMSProducer(new ContextProducerSession(session()));
    }

    @Override
    public String getClientID() {
        checkClosed();
        return Errors.unchecked(shared.connection::getClientID);
    }

    @Override
    public void setClientID(String clientID) {
        checkClosed();
        Errors.uncheckedRun(() -> {
            shared.connection.setClientID(clientID);
            return null;
        });
    }

    @Override
    public ConnectionMetaData getMetaData() {
        checkClosed();
        return Errors.unchecked(shared.connection::getMetaData);
    }

    @Override
    public ExceptionListener getExceptionListener() {
        checkClosed();
        return Errors.unchecked(shared.connection::getExceptionListener);
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        checkClosed();
        Errors.uncheckedRun(() -> {
            shared.connection.setExceptionListener(listener);
            return null;
        });
    }

    @Override
    public void start() {
        checkClosed();
        Errors.uncheckedRun(() -> {
            shared.connection.start();
            return null;
        });
    }

    @Override
    public void stop() {
        checkClosed();
        Errors.uncheckedRun(() -> {
            shared.connection.stop();
            return null;
        });
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        checkClosed();
        shared.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart() {
        checkClosed();
        return shared.autoStart;
    }

    /**
     * @throws IllegalStateRuntimeException if called from a listener or completion callback of this context
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (shared.connection.isDeliveryThread()) {
            throw new IllegalStateRuntimeException(
                    "A JMSContext cannot be closed from its own MessageListener or CompletionListener");
        }
        Errors.uncheckedRun(() -> {
            GannetSession own;
            synchronized (lock) {
                own = session;
            }
            if (own != null) {
                own.close();
            }
            closed = true;
            shared.release();
            return null;
        });
    }

    // ---- messages

    @Override
    public BytesMessage createBytesMessage() {
        return Errors.unchecked(session()::createBytesMessage);
    }

    @Override
    public MapMessage createMapMessage() {
        return Errors.unchecked(session()::createMapMessage);
    }

    @Override
    public Message createMessage() {
        return Errors.unchecked(session()::createMessage);
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return Errors.unchecked(session()::createObjectMessage);
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return Errors.unchecked(() -> session().createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return Errors.unchecked(session()::createStreamMessage);
    }

    @Override
    public TextMessage createTextMessage() {
        return Errors.unchecked(session()::createTextMessage);
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return Errors.unchecked(() -> session().createTextMessage(text));
    }

    // ---- session

    @Override
    public boolean getTransacted() {
        checkClosed();
        return transaction.isTransacted();
    }

    @Override
    public int getSessionMode() {
        checkClosed();
        return sessionMode;
    }

    @Override
    public void commit() {
        Errors.uncheckedRun(() -> {
            session().commit();
            return null;
        });
    }

    @Override
    public void rollback() {
        Errors.uncheckedRun(() -> {
            session().rollback();
            return null;
        });
    }

    @Override
    public void recover() {
        Errors.uncheckedRun(() -> {
            session().recover();
            return null;
        });
    }

    @Override
    public void acknowledge() {
        Errors.uncheckedRun(() -> {
            session().acknowledge();
            return null;
        });
    }

    // ---- consumers

    private JMSConsumer consumer(Errors.JmsAction<jakarta.jms.MessageConsumer> create) {
        GannetMessageConsumer consumer = (GannetMessageConsumer) Errors.unchecked(create);
        autoStart();
        return new GannetJMSConsumer(consumer, session());
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return consumer(() -> session().createConsumer(destination));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return consumer(() -> session().createConsumer(destination, messageSelector));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        return consumer(() -> session().createConsumer(destination, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        return consumer(() -> session().createDurableConsumer(topic, name, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name, messageSelector));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return consumer(() -> session().createSharedConsumer(topic, sharedSubscriptionName));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        return consumer(() -> session().createSharedConsumer(topic, sharedSubscriptionName, messageSelector));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return Errors.unchecked(() -> session().createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        return Errors.unchecked(() -> session().createBrowser(queue, messageSelector));
    }

    // ---- destinations

    @Override
    public Queue createQueue(String queueName) {
        return Errors.unchecked(() -> session().createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        return Errors.unchecked(() -> session().createTopic(topicName));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return Errors.unchecked(() -> session().createTemporaryQueue());
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return Errors.unchecked(() -> session().createTemporaryTopic());
    }

    @Override
    public void unsubscribe(String name) {
        Errors.uncheckedRun(() -> {
            session().unsubscribe(name);
            return null;
        });
    }
}
