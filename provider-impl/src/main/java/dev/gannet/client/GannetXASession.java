package dev.gannet.client;

import jakarta.jms.JMSException;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicSession;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XATopicSession;

import javax.transaction.xa.XAResource;

/**
 * An XASession (spec 11.1.3), an XAQueueSession and an XATopicSession: a session whose transactions a transaction
 * manager controls through its {@link #getXAResource XAResource}. It is the normal session it gives the application
 * ({@link #getSession}), working as {@link TransactionContext.Global} says: in the branch its XAResource associates it
 * with, else as a non-transacted AUTO_ACKNOWLEDGE session. {@link #getTransacted} is always true and
 * {@link #getAcknowledgeMode} {@code SESSION_TRANSACTED}; {@link #commit} and {@link #rollback} throw
 * {@link jakarta.jms.TransactionInProgressException}, {@link #recover} {@link jakarta.jms.IllegalStateException}.
 */
public class GannetXASession extends GannetSession implements XAQueueSession, XATopicSession {

    private final GannetXAResource resource;

    GannetXASession(GannetConnection connection, int id, Domain domain) {
        this(connection, id, domain, new TransactionContext.Global());
    }

    private GannetXASession(GannetConnection connection, int id, Domain domain,
                            TransactionContext.Global association) {
        super(connection, id, AUTO_ACKNOWLEDGE, association, domain);
        this.resource = new GannetXAResource(this, association);
    }

    /** This session itself: what the application works with while a transaction manager holds the XAResource. */
    @Override
    public Session getSession() throws JMSException {
        checkClosed();
        return this;
    }

    @Override
    public QueueSession getQueueSession() throws JMSException {
        checkClosed();
        return this;
    }

    @Override
    public TopicSession getTopicSession() throws JMSException {
        checkClosed();
        return this;
    }

    /** The same resource for the session's life; usable for completing branches after the session closed. */
    @Override
    public XAResource getXAResource() {
        return resource;
    }
}
