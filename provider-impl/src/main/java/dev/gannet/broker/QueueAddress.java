package dev.gannet.broker;

/**
 * A queue of messages as {@link Administration} names it: a queue (permanent or temporary) by name, or one topic
 * subscription.
 */
public sealed interface QueueAddress {

    /** The queue {@code name}. */
    record Queue(String name) implements QueueAddress {
    }

    /**
     * One topic subscription, with what it was created with (a subscription that changes topic or selector is a new
     * one, with another number).
     *
     * @param topic          its topic's name
     * @param temporaryTopic whether that topic is a temporary topic
     * @param durable        whether it is durable
     * @param shared         whether it is shared
     * @param clientId       the client ID it belongs to, or null
     * @param name           its name; null for an unshared non-durable subscription
     * @param number         the broker's number for its queue of messages, unique while the broker runs
     * @param selector       its message selector, or null
     * @param noLocal        whether it leaves out its own connection's (durable: client ID's) messages
     */
    record Subscription(String topic, boolean temporaryTopic, boolean durable, boolean shared, String clientId,
                        String name, long number, String selector, boolean noLocal) implements QueueAddress {
    }
}
