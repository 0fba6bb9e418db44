package dev.gannet.jndi;

import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;
import java.util.Hashtable;

/**
 * JNDI for JMS code, in the form users know from other providers. Put this in {@code jndi.properties} (or the
 * InitialContext environment):
 *
 * <pre>
 * java.naming.factory.initial = dev.gannet.jndi.GannetInitialContextFactory
 * java.naming.provider.url = tcp://127.0.0.1:61616          # default broker URL (else vm://localhost)
 * connectionFactory.MyConnectionFactory = vm://orders       # empty value: the default broker URL
 * connectionFactory.MyConnectionFactory.clientID = cts      # URL options as separate keys
 * connectionFactory.MyXAConnectionFactory = vm://orders
 * connectionFactory.MyXAConnectionFactory.type = xa         # an XAConnectionFactory (default: standard)
 * queue.MY_QUEUE = orders                                   # JNDI name = physical name
 * topic.MY_TOPIC = prices
 * </pre>
 *
 * Without any {@code connectionFactory.*} entry, {@code ConnectionFactory}, {@code QueueConnectionFactory} and
 * {@code TopicConnectionFactory} are bound to the default broker URL, and so are the XA factories
 * {@code XAConnectionFactory}, {@code XAQueueConnectionFactory} and {@code XATopicConnectionFactory}. {@code dynamicQueues/NAME} and
 * {@code dynamicTopics/NAME} look up destinations that were not configured. The context is read-only.
 */
public final class GannetInitialContextFactory implements InitialContextFactory {

    /**
     * @throws javax.naming.ConfigurationException naming the key, if an entry is malformed (a bad broker URL, an empty
     *                                             destination name)
     */
    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        return new ReadOnlyContext(JndiBindings.from(environment), environment);
    }
}
