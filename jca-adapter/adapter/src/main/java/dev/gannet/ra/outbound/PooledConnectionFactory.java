package dev.gannet.ra.outbound;

import dev.gannet.client.RuntimeExceptions;
import dev.gannet.ra.BrokerAccess;
import dev.gannet.ra.Credentials;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.SecurityException;

import javax.naming.Reference;
import java.io.Serializable;

/**
 * The application's connection factory of every connection definition (ConnectionFactory, QueueConnectionFactory,
 * TopicConnectionFactory): each {@code createConnection} and {@code createContext} asks the server's connection
 * manager for a handle on a pooled {@link GannetManagedConnection} (Connectors 2.1 section 6.5.1). The user and
 * password an application passes are the connection's identity (component-managed sign-on); without them the
 * container's or the connection definition's apply. {@code createContext}'s session mode counts as Messaging 3.1
 * section 12.3 says ({@link JMSContextHandle}). Serializable and Referenceable, so that the server can bind it in JNDI
 * (section 20.6).
 */
public class PooledConnectionFactory implements QueueConnectionFactory, TopicConnectionFactory, Serializable,
        Referenceable {

    private static final long serialVersionUID = 1L;

    private final GannetManagedConnectionFactory factory;
    private final transient ConnectionManager manager;
    private Reference reference;

    PooledConnectionFactory(GannetManagedConnectionFactory factory, ConnectionManager manager) {
        this.factory = factory;
        this.manager = manager;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return (Connection) allocate(new ConnectionRequest(HandleType.CONNECTION, Credentials.NONE,
                JMSContext.AUTO_ACKNOWLEDGE));
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return (Connection) allocate(new ConnectionRequest(HandleType.CONNECTION, new Credentials(userName, password),
                JMSContext.AUTO_ACKNOWLEDGE));
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return (QueueConnection) allocate(new ConnectionRequest(HandleType.QUEUE_CONNECTION, Credentials.NONE,
                JMSContext.AUTO_ACKNOWLEDGE));
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return (QueueConnection) allocate(new ConnectionRequest(HandleType.QUEUE_CONNECTION,
                new Credentials(userName, password), JMSContext.AUTO_ACKNOWLEDGE));
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return (TopicConnection) allocate(new ConnectionRequest(HandleType.TOPIC_CONNECTION, Credentials.NONE,
                JMSContext.AUTO_ACKNOWLEDGE));
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return (TopicConnection) allocate(new ConnectionRequest(HandleType.TOPIC_CONNECTION,
                new Credentials(userName, password), JMSContext.AUTO_ACKNOWLEDGE));
    }

    @Override
    public JMSContext createContext() {
        return context(Credentials.NONE, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return context(new Credentials(userName, password), JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return context(new Credentials(userName, password), checkSessionMode(sessionMode));
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return context(Credentials.NONE, checkSessionMode(sessionMode));
    }

    /** @throws JMSRuntimeException for a value that is no session mode (ConnectionFactory.createContext javadoc) */
    private static int checkSessionMode(int sessionMode) {
        if (sessionMode < JMSContext.SESSION_TRANSACTED || sessionMode > JMSContext.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSRuntimeException("Session mode " + sessionMode + " is none of SESSION_TRANSACTED,"
                    + " AUTO_ACKNOWLEDGE, CLIENT_ACKNOWLEDGE and DUPS_OK_ACKNOWLEDGE");
        }
        return sessionMode;
    }

    private JMSContext context(Credentials credentials, int sessionMode) {
        try {
            return (JMSContext) allocate(new ConnectionRequest(HandleType.CONTEXT, credentials, sessionMode));
        } catch (JMSException e) {
            throw RuntimeExceptions.of(e);
        }
    }

    /**
     * @throws JMSSecurityException if the broker refused the identity
     * @throws JMSException         if the pool could not give a connection (the cause says why)
     */
    private Object allocate(ConnectionRequest request) throws JMSException {
        try {
            return manager.allocateConnection(factory, request);
        } catch (SecurityException e) {
            JMSSecurityException refused = new JMSSecurityException(e.getMessage());
            refused.initCause(e);
            refused.setLinkedException(e);
            throw refused;
        } catch (ResourceException e) {
            JMSException failure = new JMSException("No connection from the pool of " + factory + ": "
                    + e.getMessage());
            failure.initCause(e);
            failure.setLinkedException(e);
            throw failure;
        }
    }

    /**
     * The broker and identity of this factory's connections, for an endpoint whose {@code connectionFactoryLookup}
     * names this factory.
     *
     * @throws ResourceException if the adapter is not started or the factory's URL is invalid
     */
    public BrokerAccess brokerAccess() throws ResourceException {
        return factory.brokerAccess();
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }

    @Override
    public String toString() {
        return "PooledConnectionFactory[" + factory + "]";
    }
}
