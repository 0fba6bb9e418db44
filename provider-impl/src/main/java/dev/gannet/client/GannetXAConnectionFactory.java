package dev.gannet.client;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicConnectionFactory;

import javax.naming.NamingException;
import javax.naming.Reference;
import javax.naming.StringRefAddr;

/**
 * Gannet's XA connection factory (spec 11.1.1): what {@link GannetConnectionFactory} makes, and XA connections and
 * contexts whose sessions a transaction manager enlists in global transactions through their {@code XAResource}.
 * Broker URLs as for {@link GannetConnectionFactory}; the user and password options of the URL are the default
 * identity here too.
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

    @Override
    public XAConnection createXAConnection() throws JMSException {
        return createXAConnection(options().user(), options().password());
    }

    @Override
    public XAConnection createXAConnection(String userName, String password) throws JMSException {
        return GannetXAConnection.open(options(), userName, password);
    }

    @Override
    public XAQueueConnection createXAQueueConnection() throws JMSException {
        return (XAQueueConnection) createXAConnection();
    }

    @Override
    public XAQueueConnection createXAQueueConnection(String userName, String password) throws JMSException {
        return (XAQueueConnection) createXAConnection(userName, password);
    }

    @Override
    public XATopicConnection createXATopicConnection() throws JMSException {
        return (XATopicConnection) createXAConnection();
    }

    @Override
    public XATopicConnection createXATopicConnection(String userName, String password) throws JMSException {
        return (XATopicConnection) createXAConnection(userName, password);
    }

    @Override
    public XAJMSContext createXAContext() {
        return createXAContext(options().user(), options().password());
    }

    @Override
    public XAJMSContext createXAContext(String userName, String password) {
        return new GannetXAJMSContext(Errors.unchecked(() -> GannetXAConnection.open(options(), userName, password)));
    }

    /** A reference that {@link ConnectionFactoryObjectFactory} turns back into an XA factory for the same URL. */
    @Override
    public Reference getReference() throws NamingException {
        Reference reference = new Reference(GannetXAConnectionFactory.class.getName(),
                ConnectionFactoryObjectFactory.class.getName(), null);
        reference.add(new StringRefAddr(REFERENCE_URL, getBrokerUrl()));
        return reference;
    }

    @Override
    public String toString() {
        return "GannetXAConnectionFactory[" + getBrokerUrl() + "]";
    }
}
