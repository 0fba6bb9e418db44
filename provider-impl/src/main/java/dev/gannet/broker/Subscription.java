package dev.gannet.broker;

import dev.gannet.selector.Selector;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topic subscription (spec 6.2): its own queue of the topic's messages that pass its selector and noLocal rule.
 *
 * @param key      how the broker finds a named subscription again; null for an unshared non-durable one
 * @param clientId client ID of the connection that created it, if any (noLocal for durable subscriptions)
 * @param owner    the connection of an unshared non-durable subscription (noLocal), else null
 */
record Subscription(SubscriptionKey key, String topic, MessageQueue queue, Selector selector, boolean noLocal,
                    boolean durable, boolean shared, String clientId, ServerConnection owner) {

    private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);

    /** Whether a message published by {@code origin} belongs in this subscription. */
    boolean wants(ServerMessage message) {
        if (noLocal && message.origin != null && isLocal(message.origin)) {
            return false;
        }
        try {
            return selector == null || selector.matches(message.filterable());
        } catch (JMSException e) { // logged once by the message
            LOG.debug("Subscription {} skips message {}: {}", queue, message.id, e.getMessage());
            return false;
        }
    }

    private boolean isLocal(ServerMessage.Origin origin) {
        if (owner != null) {
            return owner.id() == origin.connectionId();
        }
        return clientId != null && clientId.equals(origin.clientId());
    }

    /** Whether {@code other} describes the same subscription, so an existing one can be joined as it is. */
    boolean sameDefinition(String topic, String selectorText, boolean noLocal) {
        String mine = selector == null ? null : selector.text();
        return this.topic.equals(topic) && java.util.Objects.equals(mine, blankToNull(selectorText))
                && this.noLocal == noLocal;
    }

    static String blankToNull(String selector) {
        return selector == null || selector.isBlank() ? null : selector;
    }
}
