package dev.gannet.store;

/** A message of a queue's stored backlog, read back by {@link MessageStore#page}. */
public record PagedMessage(StoredMessage message, int deliveryCount) {
}
