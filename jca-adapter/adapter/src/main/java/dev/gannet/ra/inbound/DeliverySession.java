package dev.gannet.ra.inbound;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

/**
 * One of an activation's sessions: its consumer's messages go one at a time, each as a {@link Delivery} on the
 * server's WorkManager, to an endpoint this session keeps (an endpoint is used by one thread at a time, Connectors
 * 2.1 section 13.5). The session's listener waits for each delivery, so a session has at most one message out;
 * an activation's concurrency is its number of sessions.
 *
 * <p>A message the endpoint failed on, and that no transaction took, goes back to the broker through the session:
 * the listener throws, and the session returns the message for redelivery (Messaging 3.1 section 8.7), which the
 * broker counts against the destination's redelivery limit before it dead-letters the message.
 */
final class DeliverySession implements MessageListener {

    private final String name;
    private final Session session;
    private final DeliveryXAResource xaResource;
    private final MessageEndpointFactory endpointFactory;
    private final WorkManager workManager;
    private MessageEndpoint endpoint; // used by one delivery at a time: the listener waits for each

    /**
     * @param xaResource the session's XAResource for transacted delivery, null for non-transacted
     */
    DeliverySession(String name, Session session, DeliveryXAResource xaResource,
                    MessageEndpointFactory endpointFactory, WorkManager workManager) {
        this.name = name;
        this.session = session;
        this.xaResource = xaResource;
        this.endpointFactory = endpointFactory;
        this.workManager = workManager;
    }

    /** Starts receiving from {@code consumer} (made on this session). */
    void listen(MessageConsumer consumer) throws JMSException {
        consumer.setMessageListener(this);
    }

    Session session() {
        return session;
    }

    DeliveryXAResource xaResource() {
        return xaResource;
    }

    /**
     * The session's endpoint, created on first use and after a failed one was discarded.
     *
     * @throws ResourceException as the server refuses an endpoint ({@code UnavailableException})
     */
    synchronized MessageEndpoint endpoint() throws ResourceException {
        if (endpoint == null) {
            endpoint = endpointFactory.createEndpoint(xaResource);
        }
        return endpoint;
    }

    /** Releases the endpoint after it failed; the next delivery gets a fresh one. */
    synchronized void discardEndpoint() {
        releaseEndpoint();
    }

    /** Releases the endpoint, if any: the session is closed. */
    synchronized void releaseEndpoint() {
        if (endpoint != null) {
            MessageEndpoint released = endpoint;
            endpoint = null;
            released.release();
        }
    }

    /**
     * Delivers {@code message} on the WorkManager and waits for the delivery.
     *
     * @throws DeliveryFailedException when the session must return the message to the broker: the endpoint failed
     *                                 and no transaction took the message, or the WorkManager refused the work
     */
    @Override
    public void onMessage(Message message) {
        Delivery delivery = new Delivery(this, message);
        try {
            workManager.doWork(delivery, WorkManager.INDEFINITE, null, null);
        } catch (WorkException e) {
            throw new DeliveryFailedException(this + ": the WorkManager did not run the delivery ("
                    + e.getErrorCode() + ")", e);
        }
        if (delivery.returnedBySession()) {
            throw new DeliveryFailedException(this + ": the delivery failed; the message goes back to the broker",
                    null);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** Thrown from the listener so that the session returns the message to the broker for redelivery. */
    static final class DeliveryFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeliveryFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
