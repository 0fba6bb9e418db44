package dev.gannet.client;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.XAJMSContext;

import javax.transaction.xa.XAResource;

/**
 * The simplified API's XA context (spec 11.1.4): a JMSContext whose session is an {@link GannetXASession}, so that a
 * transaction manager controls its transactions through {@link #getXAResource}. {@link #getTransacted} is always
 * true and {@link #getSessionMode} {@code SESSION_TRANSACTED}; {@link #commit} and {@link #rollback} throw
 * {@link jakarta.jms.TransactionInProgressRuntimeException}, {@link #recover}
 * {@link jakarta.jms.IllegalStateRuntimeException}. {@link #createContext(int)} makes an ordinary context on the same
 * connection.
 */
public class GannetXAJMSContext extends GannetJMSContext implements XAJMSContext {

    private final GannetXAConnection connection;

    GannetXAJMSContext(GannetXAConnection connection) {
        super(new SharedConnection(connection), SESSION_TRANSACTED);
        this.connection = connection;
    }

    @Override
    GannetSession openSession() throws JMSException {
        return connection.createXASession(Domain.BOTH);
    }

    /** This context itself: what the application works with while a transaction manager holds the XAResource. */
    @Override
    public JMSContext getContext() {
        return this;
    }

    /**
     * The XAResource of the context's session, which this call creates if the context has none yet (a client ID
     * can no longer be set then).
     *
     * @throws jakarta.jms.IllegalStateRuntimeException if the context is closed
     */
    @Override
    public XAResource getXAResource() {
        return ((GannetXASession) session()).getXAResource();
    }
}
