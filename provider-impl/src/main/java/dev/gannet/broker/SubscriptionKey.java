package dev.gannet.broker;

import java.util.Objects;

/**
 * Identifies a durable or shared subscription (spec 6.2.3-6.2.5): durable or not, the client ID of its connection
 * (null if it had none) and its name. A durable subscription's stored NAME is
 * {@code durable:LENGTH/CLIENTID:NAME} ({@code durable:-:NAME} without client ID); {@link #storeName()} and
 * {@link #fromStoreName} are the only places that spelling exists.
 */
record SubscriptionKey(boolean durable, String clientId, String name) {

    private static final String DURABLE_PREFIX = "durable:";
    private static final String SHARED_PREFIX = "shared:";
    private static final String NO_CLIENT_ID = "-";

    SubscriptionKey {
        Objects.requireNonNull(name, "subscription name");
    }

    /** The key of the durable subscription stored as {@code storeName}. */
    static SubscriptionKey fromStoreName(String storeName) {
        if (!storeName.startsWith(DURABLE_PREFIX)) {
            throw new IllegalArgumentException("Stored name " + storeName + " is not a durable subscription's");
        }
        String rest = storeName.substring(DURABLE_PREFIX.length());
        if (rest.startsWith(NO_CLIENT_ID + ":")) {
            return new SubscriptionKey(true, null, rest.substring(NO_CLIENT_ID.length() + 1));
        }
        int slash = rest.indexOf('/');
        int length = Integer.parseInt(rest.substring(0, slash));
        int clientEnd = slash + 1 + length;
        return new SubscriptionKey(true, rest.substring(slash + 1, clientEnd), rest.substring(clientEnd + 1));
    }

    /** The name of the subscription's queue: its row in the store when durable, else only its name in logs. */
    String storeName() {
        String client = clientId == null ? NO_CLIENT_ID : clientId.length() + "/" + clientId;
        return (durable ? DURABLE_PREFIX : SHARED_PREFIX) + client + ":" + name;
    }
}
