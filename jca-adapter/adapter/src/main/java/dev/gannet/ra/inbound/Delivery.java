package dev.gannet.ra.inbound;

import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.work.Work;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;

/**
 * One message delivered to one endpoint, run as {@link Work} on the server's WorkManager: {@code beforeDelivery}
 * (the server begins the endpoint's transaction and enlists the session's XAResource when delivery is transacted),
 * {@code onMessage}, {@code afterDelivery} (the server completes the transaction), all on the work's thread
 * (Connectors 2.1 section 13.5.6, option B).
 *
 * <p>{@link #returnedBySession} says afterwards whether the session must return the message to the broker: when the
 * endpoint failed and no transaction took the message. A transaction that took it returns it by rolling back.
 */
final class Delivery implements Work {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    static final Method ON_MESSAGE;

    static {
        try {
            ON_MESSAGE = MessageListener.class.getMethod("onMessage", Message.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final DeliverySession session;
    private final Message message;
    private volatile boolean returnedBySession = true; // until the delivery ran and says otherwise

    Delivery(DeliverySession session, Message message) {
        this.session = session;
        this.message = message;
    }

    @Override
    public void run() {
        MessageEndpoint endpoint;
        try {
            endpoint = session.endpoint();
        } catch (ResourceException | RuntimeException e) {
            LOG.warn("{}: no endpoint for message {}; it goes back to the broker", session, messageId(), e);
            return;
        }
        DeliveryXAResource resource = session.xaResource();
        if (resource != null) {
            resource.clearStarted();
        }
        Throwable failure = null;
        boolean before = false;
        try {
            endpoint.beforeDelivery(ON_MESSAGE);
            before = true;
            ((MessageListener) endpoint).onMessage(message);
        } catch (Throwable t) {
            failure = t;
        } finally {
            if (before) {
                failure = afterDelivery(endpoint, failure);
            }
        }
        boolean branchTookIt = resource != null && resource.started();
        if (failure == null) {
            returnedBySession = false;
            return;
        }
        session.discardEndpoint();
        returnedBySession = !branchTookIt;
        LOG.warn("{}: endpoint failed on message {}; {}", session, messageId(), branchTookIt
                ? "its transaction returns it to the broker" : "it goes back to the broker", failure);
    }

    private Throwable afterDelivery(MessageEndpoint endpoint, Throwable failure) {
        try {
            endpoint.afterDelivery();
            return failure;
        } catch (ResourceException | RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
                return failure;
            }
            return e;
        }
    }

    /** Whether the session must return the message: the endpoint failed and no transaction took the message. */
    boolean returnedBySession() {
        return returnedBySession;
    }

    /** A delivery runs to its end once begun: its transaction would be left half done otherwise. */
    @Override
    public void release() {
        LOG.debug("{}: the server asked the delivery of {} to end early; it ends when the endpoint returns", session,
                messageId());
    }

    private String messageId() {
        try {
            return message.getJMSMessageID();
        } catch (Exception e) {
            return String.valueOf(message);
        }
    }
}
