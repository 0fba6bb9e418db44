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

    /**
     * The key of the durable subscription stored as {@code storeName}.
     *
     * @throws IllegalArgumentException if {@code storeName} is not such a name
     */
    static SubscriptionKey fromStoreName(String storeName) {
        if (!storeName.startsWith(DURABLE_PREFIX)) {
            throw new IllegalArgumentException("a durable subscription's name must start with '" + DURABLE_PREFIX
                    + "'");
        }
        String rest = storeName.substring(DURABLE_PREFIX.length());
        if (rest.startsWith(NO_CLIENT_ID + ":")) {
            return new SubscriptionKey(true, null, rest.substring(NO_CLIENT_ID.length() + 1));
        }
        int slash = rest.indexOf('/');
        try {
            int length = Integer.parseInt(rest.substring(0, Math.max(slash, 0)));
            int clientEnd = slash + 1 + length;
            if (length > 0 && clientEnd < rest.length() && rest.charAt(clientEnd) == ':') {
                return new SubscriptionKey(true, rest.substring(slash + 1, clientEnd), rest.substring(clientEnd + 1));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("a durable subscription's name must be '" + DURABLE_PREFIX
                + "', the length of the client ID, '/', the client ID, ':' and the subscription name");
    }

    /** The name of the subscription's queue: its row in the store when durable, else only its name in logs. */
    String storeName() {
        String client = clientId == null ? NO_CLIENT_ID : clientId.length() + "/" + clientId;
        return (durable ? DURABLE_PREFIX : SHARED_PREFIX) + client + ":" + name;
    }
}
