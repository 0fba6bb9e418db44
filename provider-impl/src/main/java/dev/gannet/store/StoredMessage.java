package dev.gannet.store;

/** A persistent message as stored: what the broker orders and expires by, and the encoded message. */
public record StoredMessage(long id, int priority, long expiration, long deliveryTime, byte[] encoded) {
}
