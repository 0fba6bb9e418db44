package dev.gannet.broker;

import java.util.Objects;

/**
 * Identifies a queue (permanent or temporary) in the {@link DestinationRegistry}. A stored queue's NAME is
 * {@code queue:NAME}; {@link #storeName()} and {@link #fromStoreName} are the only places that spelling exists.
 */
record QueueKey(String name) {

    private static final String STORE_PREFIX = "queue:";

    QueueKey {
        Objects.requireNonNull(name, "queue name");
    }

    /** The key of a queue stored as {@code storeName}, which {@link #isStoredQueue} accepts. */
    static QueueKey fromStoreName(String storeName) {
        if (!isStoredQueue(storeName)) {
            throw new IllegalArgumentException("Stored name " + storeName + " is not a queue's");
        }
        return new QueueKey(storeName.substring(STORE_PREFIX.length()));
    }

    /** Whether a stored queue's name belongs to a JMS queue. */
    static boolean isStoredQueue(String storeName) {
        return storeName.startsWith(STORE_PREFIX);
    }

    /** The name of this queue's row in the store. */
    String storeName() {
        return STORE_PREFIX + name;
    }
}
