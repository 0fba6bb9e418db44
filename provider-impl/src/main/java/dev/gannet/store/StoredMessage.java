package dev.gannet.store;

/**
 * A persistent message as stored: what the broker orders, expires and groups by, and the encoded message.
 *
 * @param groupId    JMSXGroupID, or null
 * @param references how many stored queues hold the message; the last one to let go removes it
 */
public record StoredMessage(long id, int priority, long expiration, long deliveryTime, String groupId,
                            byte[] encoded, int references) {
}
