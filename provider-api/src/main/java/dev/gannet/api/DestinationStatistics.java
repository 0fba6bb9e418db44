package dev.gannet.api;

/**
 * A snapshot of one destination's counters, as management reads them. The flows ({@code enqueued} to
 * {@code duplicatesDropped}) count since the broker started; {@code depth}, {@code bytes} and {@code consumers} are
 * the state at the moment of the snapshot. Counters taken at one moment are each exact, but a destination in use
 * moves between the reads of two of them.
 *
 * <p>A queue's counters are its own. A topic subscription's are those of its own queue of the topic's messages. A
 * topic's are the sum of its current subscriptions' (each message published counts once per subscription it was
 * copied to; a removed subscription takes its counts with it), except {@code duplicatesDropped}, which duplicate
 * detection counts at the topic, before copying, and is 0 for a subscription.
 *
 * @param enqueued          messages that arrived (sent, committed, or moved here as expired or dead letters); messages
 *                          recovered from the store at start are in {@code depth} only
 * @param delivered         deliveries to consumers, each redelivery and each message sent ahead to a consumer that
 *                          returned it unseen counting again
 * @param acknowledged      messages consumed: acknowledged, taken by a committed transaction, or removed, purged or
 *                          moved away by management ({@link dev.gannet.api.management.QueueMXBean})
 * @param expired           messages that expired here (dropped, or moved to the expiry queue)
 * @param deadLettered      messages that failed their destination's maximum of delivery attempts (moved to the
 *                          dead-letter queue, or dropped if there is none)
 * @param duplicatesDropped messages dropped for a duplicate ID the destination had seen
 *                          ({@link MessageProperties#DUPLICATE_ID})
 * @param depth             messages held now, wherever they are (memory, store, delivered but not consumed, delayed)
 * @param bytes             the encoded size of the messages {@code depth} counts, except those recovered from the
 *                          store at start (their size is known only once read, and their consumption is subtracted
 *                          all the same: after a restart with a backlog this reads low)
 * @param consumers         consumers open now
 */
public record DestinationStatistics(long enqueued, long delivered, long acknowledged, long expired, long deadLettered,
                                    long duplicatesDropped, long depth, long bytes, int consumers) {

    /** Counters of a destination that has seen nothing. */
    public static final DestinationStatistics NONE = new DestinationStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The sum of this and {@code other}, counter by counter (a topic's counters from its subscriptions'). */
    public DestinationStatistics plus(DestinationStatistics other) {
        return new DestinationStatistics(enqueued + other.enqueued, delivered + other.delivered,
                acknowledged + other.acknowledged, expired + other.expired, deadLettered + other.deadLettered,
                duplicatesDropped + other.duplicatesDropped, depth + other.depth, bytes + other.bytes,
                consumers + other.consumers);
    }

    /** These counters with {@code duplicatesDropped} as given (counted by duplicate detection, not by the queue). */
    public DestinationStatistics withDuplicatesDropped(long dropped) {
        return new DestinationStatistics(enqueued, delivered, acknowledged, expired, deadLettered, dropped, depth,
                bytes, consumers);
    }
}
