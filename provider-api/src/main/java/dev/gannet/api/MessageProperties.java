package dev.gannet.api;

/**
 * Message properties with a meaning to Gannet. A producer sets {@link #DUPLICATE_ID}; the broker sets the others
 * on messages it moves to a dead-letter or expiry queue.
 */
public final class MessageProperties {

    /**
     * String property: the producer's ID of this message for duplicate detection. A second message with an ID the
     * destination has already seen (among its last {@link DestinationSettings#duplicateCacheSize()} IDs, also
     * across a restart) is dropped and counted, and the send succeeds. A producer that does not know whether a
     * send went through (the connection failed) may therefore send the same message again.
     */
    public static final String DUPLICATE_ID = "_GANNET_DUPLICATE_ID";

    /** String property of a dead-lettered or expired message: where it was, e.g. {@code queue://orders}. */
    public static final String ORIGINAL_DESTINATION = "_GANNET_ORIGINAL_DESTINATION";

    /**
     * String property of a dead-lettered or expired message that a named topic subscription (durable or shared) held:
     * the subscription's name, so that a retry (see {@link dev.gannet.api.management.QueueMXBean#retryMessage})
     * returns it to that subscription only.
     */
    public static final String ORIGINAL_SUBSCRIPTION = "_GANNET_ORIGINAL_SUBSCRIPTION";

    /**
     * String property beside {@link #ORIGINAL_SUBSCRIPTION}: the client ID of the subscription; absent if it has
     * none.
     */
    public static final String ORIGINAL_CLIENT_ID = "_GANNET_ORIGINAL_CLIENT_ID";

    /**
     * Boolean property beside {@link #ORIGINAL_SUBSCRIPTION}: whether the subscription is durable (true) or a shared
     * non-durable one (false).
     */
    public static final String ORIGINAL_SUBSCRIPTION_DURABLE = "_GANNET_ORIGINAL_SUBSCRIPTION_DURABLE";

    /** String property of a dead-lettered or expired message: why it was moved, one of the REASON_ values. */
    public static final String REASON = "_GANNET_REASON";

    /** {@link #REASON}: it was delivered {@link DestinationSettings#maxDeliveryAttempts()} times, never consumed. */
    public static final String REASON_MAX_DELIVERIES = "max-delivery-attempts";

    /** {@link #REASON}: it expired. */
    public static final String REASON_EXPIRED = "expired";

    /** Int property of a dead-lettered message: how often it was delivered without being consumed. */
    public static final String DELIVERY_ATTEMPTS = "_GANNET_DELIVERY_ATTEMPTS";

    private MessageProperties() {
    }
}
