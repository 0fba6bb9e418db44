package dev.gannet.client;

import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicConnectionFactory;

/**
 * Gannet's XA connection factory: what {@link GannetConnectionFactory} makes, and XA connections and contexts whose
 * sessions a transaction manager enlists in global transactions through their {@code XAResource}. Broker URLs as
 * for {@link GannetConnectionFactory}.
 */
public class GannetXAConnectionFactory extends GannetConnectionFactory implements XAConnectionFactory,
        XAQueueConnectionFactory, XATopicConnectionFactory {

    private static final long serialVersionUID = 1L;

    /** A factory for {@code vm://localhost}. */
    public GannetXAConnectionFactory() {
        super();
    }

    /**
     * @param brokerUrl e.g. {@code vm://orders} or {@code tcp://broker.example:7672}
     * @throws IllegalArgumentException if the URL is malformed, names an unknown scheme or option
     */
    public GannetXAConnectionFactory(String brokerUrl) {
        super(brokerUrl);
    }

    // issue 12 work in progress: the client side of XA replaces these bodies

    @Override
    public XAConnection createXAConnection() throws JMSException {
        throw notYet();
    }

    @Override
    public XAConnection createXAConnection(String userName, String password) throws JMSException {
        throw notYet();
    }

    @Override
    public XAJMSContext createXAContext() {
        throw new JMSRuntimeException(notYet().getMessage());
    }

    @Override
    public XAJMSContext createXAContext(String userName, String password) {
        throw new JMSRuntimeException(notYet().getMessage());
    }

    @Override
    public XAQueueConnection createXAQueueConnection() throws JMSException {
        throw notYet();
    }

    @Override
    public XAQueueConnection createXAQueueConnection(String userName, String password) throws JMSException {
        throw notYet();
    }

    @Override
    public XATopicConnection createXATopicConnection() throws JMSException {
        throw notYet();
    }

    @Override
    public XATopicConnection createXATopicConnection(String userName, String password) throws JMSException {
        throw notYet();
    }

    private static JMSException notYet() {
        return new JMSException("XA connections are not built yet");
    }
}
