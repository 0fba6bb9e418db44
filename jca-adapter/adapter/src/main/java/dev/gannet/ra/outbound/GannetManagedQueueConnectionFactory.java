package dev.gannet.ra.outbound;

/**
 * The managed connection factory of the connection definition {@code jakarta.jms.QueueConnectionFactory}: as
 * {@link GannetManagedConnectionFactory}, a class of its own so that servers that tell connection definitions apart
 * by their managed connection factory class (WildFly's {@code ironjacamar.xml}) can name this one.
 */
public class GannetManagedQueueConnectionFactory extends GannetManagedConnectionFactory {

    private static final long serialVersionUID = 1L;
}
