package dev.gannet.client;

import jakarta.jms.JMSException;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicSession;

/**
 * An XAConnection, XAQueueConnection and XATopicConnection (spec 11.1.2): a {@link GannetConnection} that also makes
 * XA sessions. Its {@code createSession}, {@code createQueueSession} and {@code createTopicSession} make the ordinary
 * sessions of any connection (their parameters are "usage undefined" for an XAConnection; Gannet uses them as every
 * connection does).
 */
public class GannetXAConnection extends GannetConnection implements XAQueueConnection, XATopicConnection {

    private GannetXAConnection(ConnectionOptions options) {
        super(options);
    }

    /**
     * Connects as {@link GannetConnection#open} does.
     *
     * @throws JMSException as the broker refuses the connection ({@link jakarta.jms.JMSSecurityException} for bad
     *                      credentials)
     */
    static GannetXAConnection open(ConnectionOptions options, String user, String password) throws JMSException {
        GannetXAConnection connection = new GannetXAConnection(options);
        connection.connect(user, password);
        return connection;
    }

    /** @throws jakarta.jms.IllegalStateException if the connection is closed */
    @Override
    public XASession createXASession() throws JMSException {
        return createXASession(Domain.BOTH);
    }

    /** @throws jakarta.jms.IllegalStateException if the connection is closed */
    @Override
    public XAQueueSession createXAQueueSession() throws JMSException {
        return createXASession(Domain.QUEUE);
    }

    /** @throws jakarta.jms.IllegalStateException if the connection is closed */
    @Override
    public XATopicSession createXATopicSession() throws JMSException {
        return createXASession(Domain.TOPIC);
    }

    /** An XA session: non-transacted on the broker, which stages its work in the branch it is associated with. */
    GannetXASession createXASession(Domain domain) throws JMSException {
        return openSession(false, sessionId -> new GannetXASession(this, sessionId, domain));
    }
}
