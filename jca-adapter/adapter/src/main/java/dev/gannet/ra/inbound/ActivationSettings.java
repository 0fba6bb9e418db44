package dev.gannet.ra.inbound;

import dev.gannet.ra.GannetQueue;
import dev.gannet.ra.GannetTopic;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.InvalidPropertyException;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * A validated activation spec, read once at activation: the destination resolved (looked up or made by name) and
 * the subscription the endpoint receives through.
 *
 * @param destination      the queue or topic
 * @param selector         the message selector, null for none
 * @param acknowledgeMode  for non-transacted delivery: {@code Session.AUTO_ACKNOWLEDGE} or {@code DUPS_OK_ACKNOWLEDGE}
 * @param durable          a durable topic subscription
 * @param shared           a topic subscription shared by the endpoint's sessions
 * @param subscriptionName the topic subscription's name, null when unnamed
 * @param clientId         the connection's client ID, null for none
 * @param sessions         how many sessions receive for the endpoint
 */
record ActivationSettings(Destination destination, String selector, int acknowledgeMode, boolean durable,
                          boolean shared, String subscriptionName, String clientId, int sessions) {

    /**
     * Reads a spec the caller validated; looks its destination up when {@code destinationLookup} is set.
     *
     * @throws ResourceException if the lookup fails or finds no queue or topic of the spec's destination type
     */
    static ActivationSettings of(GannetActivationSpec spec) throws ResourceException {
        boolean topic = GannetActivationSpec.TOPIC.equals(spec.getDestinationType().trim());
        Destination destination = GannetActivationSpec.isBlank(spec.getDestinationLookup())
                ? (topic ? GannetTopic.named(spec.getDestination().trim()) : GannetQueue.named(spec.getDestination().trim()))
                : lookUp(spec.getDestinationLookup().trim(), topic);
        boolean durable = Boolean.TRUE.equals(GannetActivationSpec.durabilityOf(spec.getSubscriptionDurability()));
        boolean shared = topic && Boolean.TRUE.equals(spec.getShareSubscriptions());
        // an unshared topic subscription has one consumer: more sessions would each get every message
        int sessions = topic && !shared ? 1 : spec.getMaxSession();
        return new ActivationSettings(destination, blankToNull(spec.getMessageSelector()),
                GannetActivationSpec.acknowledgeModeOf(spec.getAcknowledgeMode()), durable, shared,
                blankToNull(spec.getSubscriptionName()), blankToNull(spec.getClientId()), sessions);
    }

    private static Destination lookUp(String name, boolean topic) throws ResourceException {
        Object found;
        try {
            found = InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new ResourceException("destinationLookup '" + name + "' failed: " + e.getMessage(), e);
        }
        if (topic ? found instanceof Topic : found instanceof Queue) {
            return (Destination) found;
        }
        InvalidPropertyException wrong = new InvalidPropertyException("destinationLookup '" + name + "' found "
                + found + " (" + (found == null ? "null" : found.getClass().getName()) + "), not a "
                + (topic ? GannetActivationSpec.TOPIC : GannetActivationSpec.QUEUE));
        throw wrong;
    }

    /** Whether the destination is a topic. */
    boolean topic() {
        return destination instanceof Topic;
    }

    /** The destination's name, for log lines. */
    String destinationName() {
        try {
            return destination instanceof Topic topic ? "topic " + topic.getTopicName()
                    : "queue " + ((Queue) destination).getQueueName();
        } catch (JMSException e) {
            return String.valueOf(destination);
        }
    }

    private static String blankToNull(String value) {
        return GannetActivationSpec.isBlank(value) ? null : value;
    }
}
