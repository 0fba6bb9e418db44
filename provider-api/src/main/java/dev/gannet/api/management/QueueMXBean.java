package dev.gannet.api.management;

import dev.gannet.api.DestinationStatistics;

import java.util.List;

/**
 * One queue, {@code dev.gannet:broker=B,type=Queue,name=Q}: its figures and the operations on its messages. A topic
 * subscription, itself a queue of the topic's messages, has the same ({@link SubscriptionMXBean}).
 *
 * <p>The operations act on the messages that wait for a consumer, in memory or paged in the store: a message delivered
 * to a consumer and not yet acknowledged belongs to that consumer until it is acknowledged or comes back, and one held
 * back until its delivery time (delivery delay, redelivery delay) joins the waiting ones only then. Expired messages
 * are left to expiry. Each operation goes through the store as a client's would: a removed or purged message is
 * consumed (its reference and, if no other queue holds it, the message leave the store, and it counts as acknowledged),
 * and a moved or retried message leaves this queue and enters its target in one store transaction, so that after a
 * crash it is in exactly one of them. A move of many messages goes in store transactions of up to 500 messages each.
 *
 * <p>Selectors are message selectors as consumers use them (JMS 3.8.1); {@code null} or an empty selector selects
 * every message. A message ID is the {@code JMSMessageID} ({@code ID:...}).
 */
public interface QueueMXBean {

    /** The queue's name; for a subscription, see {@link SubscriptionMXBean#getName()}. */
    String getName();

    /** Whether this is a temporary queue (for a subscription: of a temporary topic). */
    boolean isTemporary();

    /**
     * All the counters below in one snapshot; see {@link DestinationStatistics} for what each counts (the flows since
     * the broker started, the rest as now).
     */
    DestinationStatistics getStatistics();

    /** Messages held now, wherever they are (memory, store, delivered but not acknowledged, delayed). */
    long getDepth();

    /** Encoded bytes of the messages {@link #getDepth()} counts (after a restart, a recovered backlog reads low). */
    long getBytes();

    /** Messages of the depth that live only in the store, beyond the memory budget or window, until paged in. */
    long getPagedCount();

    /** Heap the messages waiting in the queue take, in bytes, of the broker's memory budget. */
    long getMemoryBytes();

    long getEnqueuedCount();

    long getDeliveredCount();

    long getAcknowledgedCount();

    long getExpiredCount();

    long getDeadLetteredCount();

    /** Messages dropped for a duplicate ID the queue had seen; always 0 for a subscription (counted at its topic). */
    long getDuplicatesDroppedCount();

    /** Consumers open now. */
    int getConsumerCount();

    /**
     * Milliseconds since the oldest waiting message was sent (its {@code JMSTimestamp}), among the first waiting
     * message of each priority; 0 if nothing waits or the oldest has no timestamp.
     */
    long getOldestMessageAgeMillis();

    /** Whether delivery is paused ({@link #pause()}). */
    boolean isPaused();

    /**
     * Up to {@code max} (at most 1000) waiting messages in delivery order, skipping the first {@code offset}: one page of
     * what a queue browser would show.
     *
     * @throws IllegalArgumentException if {@code offset} is negative or {@code max} is not between 1 and 1000
     */
    List<MessageInfo> browse(int offset, int max);

    /**
     * {@link #browse(int, int)} over the messages {@code selector} selects.
     *
     * @throws IllegalArgumentException if the selector is not valid, or as {@link #browse(int, int)}
     */
    List<MessageInfo> browse(String selector, int offset, int max);

    /**
     * Removes the waiting message {@code messageId}: it is consumed, as if a client had received and acknowledged it.
     *
     * @return false if no waiting message has that ID
     */
    boolean removeMessage(String messageId);

    /**
     * Removes every waiting message, each consumed as if a client had acknowledged it.
     *
     * @return how many were removed
     */
    long purge();

    /**
     * Moves the waiting message {@code messageId} to the queue {@code targetQueue} (created if it does not exist, as a
     * send would), in one store transaction. The message keeps its ID, headers, properties and body; its
     * {@code JMSDestination} becomes the target, and its delivery count starts again.
     *
     * @return false if no waiting message has that ID
     * @throws IllegalArgumentException if the target is this queue, a temporary queue or not a valid queue name
     */
    boolean moveMessage(String messageId, String targetQueue);

    /**
     * Moves the waiting messages {@code selector} selects (null or empty: all of them) to {@code targetQueue}, as
     * {@link #moveMessage} moves one, in delivery order.
     *
     * @return how many were moved
     * @throws IllegalArgumentException if the selector is not valid, or as {@link #moveMessage}
     */
    long moveMessages(String selector, String targetQueue);

    /**
     * Sends the dead-lettered or expired message {@code messageId} back where it was: to the destination its
     * {@code _GANNET_ORIGINAL_DESTINATION} property names (see {@link dev.gannet.api.MessageProperties}), as
     * {@link #moveMessage} moves it, without the properties the broker added when it moved the message here, and
     * with its delivery count started again. A message from a topic goes back to the subscription it came from
     * only (by {@code _GANNET_ORIGINAL_SUBSCRIPTION} and {@code _GANNET_ORIGINAL_CLIENT_ID}), not to the topic's
     * other subscriptions; one whose subscription is gone (or had no name) stays here.
     *
     * @return false if no waiting message has that ID, or it names no original destination that still exists
     */
    boolean retryMessage(String messageId);

    /**
     * Retries, as {@link #retryMessage} does, the waiting messages {@code selector} selects (null or empty: all) that
     * name an original destination; the others stay.
     *
     * @return how many were sent back
     * @throws IllegalArgumentException if the selector is not valid
     */
    long retryMessages(String selector);

    /**
     * Stops delivery to the queue's consumers: they keep what they hold, get nothing more, and messages keep
     * arriving. Pausing lasts until {@link #resume()} or the broker's stop (a restarted broker delivers again).
     */
    void pause();

    /** Delivers again after {@link #pause()}; nothing happens if delivery is not paused. */
    void resume();
}
