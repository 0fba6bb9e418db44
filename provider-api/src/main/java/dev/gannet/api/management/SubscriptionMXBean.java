package dev.gannet.api.management;

/**
 * One topic subscription, {@code dev.gannet:broker=B,type=Subscription,topic=T,kind=K,name=S} (see the
 * {@linkplain dev.gannet.api.management package}): its own queue of the topic's messages, with every figure and
 * operation of a {@link QueueMXBean}. {@link #getDuplicatesDroppedCount()} is 0: duplicates are dropped, and counted,
 * at the topic, before messages are copied to subscriptions.
 */
public interface SubscriptionMXBean extends QueueMXBean {

    /**
     * The subscription's name; for an unshared non-durable subscription, which has none, the broker's number for its
     * queue of messages.
     */
    @Override
    String getName();

    /** The topic it subscribes to. */
    String getTopic();

    /** {@code durable}, {@code shared} (non-durable) or {@code non-durable} (unshared, without name). */
    String getKind();

    boolean isDurable();

    boolean isShared();

    /** The client ID it belongs to, or null (a subscription without client ID, or an unshared non-durable one). */
    String getClientId();

    /** Its message selector, or null. */
    String getSelector();

    /** Whether it leaves out messages published by its own connection (durable: its client ID). */
    boolean isNoLocal();
}
