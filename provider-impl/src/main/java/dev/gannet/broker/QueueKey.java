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

    /**
     * The key of a queue stored as {@code storeName}.
     *
     * @throws IllegalArgumentException if {@code storeName} is not {@code queue:} and a name
     */
    static QueueKey fromStoreName(String storeName) {
        if (!storeName.startsWith(STORE_PREFIX) || storeName.length() == STORE_PREFIX.length()) {
            throw new IllegalArgumentException("a queue's name must be '" + STORE_PREFIX + "' and a name");
        }
        return new QueueKey(storeName.substring(STORE_PREFIX.length()));
    }

    /** The name of this queue's row in the store. */
    String storeName() {
        return STORE_PREFIX + name;
    }
}
