package dev.gannet.store;

/**
 * A durable queue: a JMS queue ({@code topic == null}) or a durable subscription of {@code topic}.
 *
 * @param name     unique among stored queues
 * @param selector the subscription's selector, or null
 * @param shared   whether a durable subscription may have several consumers at once
 */
public record StoredQueue(long id, String name, String topic, String selector, boolean noLocal, boolean shared) {
}
