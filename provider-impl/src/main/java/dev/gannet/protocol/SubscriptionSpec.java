package dev.gannet.protocol;

/**
 * Which topic subscription a consumer reads from (spec 6.2). {@code name} is null for an unshared non-durable
 * subscription.
 */
public record SubscriptionSpec(String name, boolean durable, boolean shared) {

    /** An unshared non-durable subscription: created with its consumer and gone with it. */
    public static final SubscriptionSpec PRIVATE = new SubscriptionSpec(null, false, false);
}
