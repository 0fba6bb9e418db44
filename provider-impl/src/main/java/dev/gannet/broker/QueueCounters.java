package dev.gannet.broker;

import java.util.concurrent.atomic.LongAdder;

/**
 * The flows through one {@link MessageQueue} since the broker started, counted where they happen without a lock of
 * their own: adders where no lock is held, a plain field where the queue's lock is. The queue makes the
 * {@link dev.gannet.api.DestinationStatistics} snapshot of them.
 */
final class QueueCounters {

    /** Admitted by routing, less those whose write failed. */
    final LongAdder enqueued = new LongAdder();
    final LongAdder acknowledged = new LongAdder();
    final LongAdder expired = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    /** Deliveries to consumers; guarded by the queue's lock. */
    long delivered;
}
