package dev.gannet.store;

/** One change to the store; the broker groups them into units (see {@link MessageStore#write}). */
public sealed interface StoreOperation {

    record AddQueue(StoredQueue queue) implements StoreOperation {
    }

    /** Removes a queue together with its references; messages left without reference go too. */
    record RemoveQueue(long queueId) implements StoreOperation {
    }

    record AddMessage(StoredMessage message) implements StoreOperation {
    }

    /** Removes a message; the broker sends it once the last queue holding it let go. */
    record RemoveMessage(long messageId) implements StoreOperation {
    }

    record AddReference(long queueId, long messageId) implements StoreOperation {
    }

    record RemoveReference(long queueId, long messageId) implements StoreOperation {
    }

    record SetDeliveryCount(long queueId, long messageId, int deliveryCount) implements StoreOperation {
    }
}
