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

    /** Removes a message held by one queue only, together with that queue's reference (sent before it). */
    record RemoveMessage(long messageId) implements StoreOperation {
    }

    /** One of several queues let go of a message: counts it down, removing it when no queue holds it. */
    record ReleaseMessage(long messageId) implements StoreOperation {
    }

    record AddReference(long queueId, long messageId, int priority) implements StoreOperation {
    }

    record RemoveReference(long queueId, long messageId) implements StoreOperation {
    }

    record SetDeliveryCount(long queueId, long messageId, int deliveryCount) implements StoreOperation {
    }

    record AddDuplicate(StoredDuplicate duplicate) implements StoreOperation {
    }

    record RemoveDuplicate(long sequence) implements StoreOperation {
    }
}
