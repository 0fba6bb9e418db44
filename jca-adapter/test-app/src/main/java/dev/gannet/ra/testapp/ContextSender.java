package dev.gannet.ra.testapp;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSContext;

/**
 * Sends with a container-managed {@code JMSContext} injected on a connection factory that this class defines
 * with {@code @JMSConnectionFactoryDefinition} on the adapter: the factory exists because the application says so,
 * no server configuration names it. The injected context joins the bean's transaction (spec 12.4).
 */
@JMSConnectionFactoryDefinition(
        name = ContextSender.FACTORY,
        interfaceName = "jakarta.jms.ConnectionFactory",
        resourceAdapter = ContextSender.RESOURCE_ADAPTER)
@Stateless
public class ContextSender {
    /** The JNDI name of the factory this class defines. */
    public static final String FACTORY = "java:app/jms/GannetDefinedFactory";
    /**
     * The adapter, named as the platform spec names a resource adapter embedded in the same application:
     * {@code #} and the module name of its {@code .rar}.
     */
    public static final String RESOURCE_ADAPTER = "#gannet-ra";

    @Inject
    @JMSConnectionFactory(FACTORY)
    private JMSContext context;

    @Resource
    private SessionContext session;

    /** Sends {@code text} to {@code queue}; delivered once the transaction commits. */
    public void send(String queue, String text) {
        context.createProducer().send(context.createQueue(queue), text);
    }

    /** Sends, then marks the transaction rollback-only: the message is never delivered. */
    public void sendThenRollBack(String queue, String text) {
        send(queue, text);
        session.setRollbackOnly();
    }
}
