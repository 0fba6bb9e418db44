package dev.gannet.ra.outbound;

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

/**
 * The application's Connection (QueueConnection, TopicConnection) from a {@link PooledConnectionFactory}: a handle on
 * a pooled {@link GannetManagedConnection}. {@link #close} gives the connection back to the pool. As Messaging 3.1
 * section 12.2 asks of a connection in a web or EJB container, it has one session at a time ({@link #createSession}
 * while it is open throws {@link IllegalStateException}), and {@code setClientID}, {@code setExceptionListener},
 * {@code stop} and the connection consumers are refused with {@link IllegalStateException}.
 */
public final class ConnectionHandle extends Handle implements QueueConnection, TopicConnection {

    private final HandleType type;
    private SessionHandle session; // guarded by this; the open session, or null

    ConnectionHandle(GannetManagedConnection managed, HandleType type) {
        super(managed, "Connection handle on " + managed);
        this.type = type;
    }

    /**
     * The connection's session. Inside a global transaction the arguments are ignored and the session works in the
     * transaction (section 12.3); outside one, {@code transacted=true} gives a session whose local transaction the
     * application commits, and any acknowledge mode gives AUTO_ACKNOWLEDGE (DUPS_OK_ACKNOWLEDGE when asked).
     *
     * @throws IllegalStateException if the connection is closed or its session is open (section 12.2)
     */
    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return openSession(transacted, transacted ? Session.SESSION_TRANSACTED : acknowledgeMode,
                HandleType.CONNECTION);
    }

    /** As {@link #createSession(boolean, int)} with {@code sessionMode} SESSION_TRANSACTED meaning transacted. */
    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return openSession(sessionMode == Session.SESSION_TRANSACTED, sessionMode, HandleType.CONNECTION);
    }

    @Override
    public Session createSession() throws JMSException {
        return openSession(false, Session.AUTO_ACKNOWLEDGE, HandleType.CONNECTION);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        if (type == HandleType.TOPIC_CONNECTION) {
            throw new IllegalStateException("createQueueSession cannot be used on the TopicConnection " + this);
        }
        return openSession(transacted, transacted ? Session.SESSION_TRANSACTED : acknowledgeMode,
                HandleType.QUEUE_CONNECTION);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        if (type == HandleType.QUEUE_CONNECTION) {
            throw new IllegalStateException("createTopicSession cannot be used on the QueueConnection " + this);
        }
        return openSession(transacted, transacted ? Session.SESSION_TRANSACTED : acknowledgeMode,
                HandleType.TOPIC_CONNECTION);
    }

    private synchronized SessionHandle openSession(boolean transacted, int mode, HandleType domain)
            throws JMSException {
        GannetManagedConnection managed = managed();
        if (session != null && !session.isClosed()) {
            throw Forbidden.secondSession(this);
        }
        session = new SessionHandle(this, managed.demarcation() == GannetManagedConnection.Demarcation.NONE
                && transacted, mode, domain);
        return session;
    }

    /** The session closed: the connection may make another. */
    synchronized void sessionClosed(SessionHandle closed) {
        if (session == closed) {
            session = null;
        }
    }

    @Override
    public String getClientID() throws JMSException {
        return managed().clientId();
    }

    /** @throws IllegalStateException always: section 12.2 (set the client ID on the connection factory instead) */
    @Override
    public void setClientID(String clientID) throws JMSException {
        managed();
        throw Forbidden.method("Connection.setClientID");
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        return managed().connectionMetaData();
    }

    /** Null: an application in a container cannot set one (section 12.2). */
    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        managed();
        return null;
    }

    /** @throws IllegalStateException always: section 12.2 */
    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        managed();
        throw Forbidden.method("Connection.setExceptionListener");
    }

    /** Starts delivery to the connection's consumers. */
    @Override
    public void start() throws JMSException {
        managed().start();
    }

    /** @throws IllegalStateException always: section 12.2 */
    @Override
    public void stop() throws JMSException {
        managed();
        throw Forbidden.method("Connection.stop");
    }

    /**
     * Closes the session (rolling back its local transaction, if any), what was opened through it, and gives the
     * pooled connection back.
     */
    @Override
    public void close() throws JMSException {
        closeHandle();
    }

    @Override
    void closing() {
        SessionHandle open;
        synchronized (this) {
            open = session;
            session = null;
        }
        if (open != null) {
            open.closeQuietly();
        }
    }

    /** @throws IllegalStateException always: section 12.2 */
    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        managed();
        throw Forbidden.method("Connection.createConnectionConsumer");
    }

    /** @throws IllegalStateException always: section 12.2 */
    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        managed();
        throw Forbidden.method("QueueConnection.createConnectionConsumer");
    }

    /** @throws IllegalStateException always: section 12.2 */
    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        managed();
        throw Forbidden.method("TopicConnection.createConnectionConsumer");
    }

    /** @throws IllegalStateException always: section 12.2 */
    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName,
                                                             String messageSelector, ServerSessionPool sessionPool,
                                                             int maxMessages) throws JMSException {
        managed();
        throw Forbidden.method("Connection.createSharedConnectionConsumer");
    }

    /** @throws IllegalStateException always: section 12.2 */
    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                              String messageSelector, ServerSessionPool sessionPool,
                                                              int maxMessages) throws JMSException {
        managed();
        throw Forbidden.method("Connection.createDurableConnectionConsumer");
    }

    /** @throws IllegalStateException always: section 12.2 */
    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                                    String messageSelector,
                                                                    ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        managed();
        throw Forbidden.method("Connection.createSharedDurableConnectionConsumer");
    }
}
