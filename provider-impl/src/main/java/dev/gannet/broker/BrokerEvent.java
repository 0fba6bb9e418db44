package dev.gannet.broker;

import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.BranchId;

/**
 * Something that began or ended in the broker, as {@link BrokerListener}s hear it: destinations, subscriptions,
 * connections and consumers created and removed, XA transaction branches completed. Each happening is published once.
 */
public sealed interface BrokerEvent {

    /**
     * A queue or topic came into being: a permanent one on first use (or declared), a temporary one when its
     * connection created it. Destinations the broker recovers from its store at start are not announced.
     */
    record DestinationCreated(GannetDestination destination) implements BrokerEvent {
    }

    /**
     * A temporary queue or topic was deleted, by its connection or with it; or management deleted a permanent queue
     * (permanent topics are never removed).
     */
    record DestinationRemoved(GannetDestination destination) implements BrokerEvent {
    }

    /**
     * A topic subscription was created: a durable or shared one under its {@code name}, an unshared non-durable one
     * (name null) with its consumer. Durable subscriptions the broker recovers at start are not announced.
     *
     * @param clientId the client ID of the connection that created it (part of a named subscription's identity), or
     *                 null
     */
    record SubscriptionCreated(GannetDestination topic, String name, String clientId, boolean durable,
                               boolean shared) implements BrokerEvent {
    }

    /**
     * A subscription was removed: unsubscribed, replaced by one with another topic or selector, or (non-durable) its
     * last consumer closed. Same fields as {@link SubscriptionCreated}.
     */
    record SubscriptionRemoved(GannetDestination topic, String name, String clientId, boolean durable,
                               boolean shared) implements BrokerEvent {
    }

    /** A client connected (its client ID, if it brings one, is set just after). */
    record ConnectionOpened(ConnectionIdentity connection) implements BrokerEvent {
    }

    /** A connection ended, by the client or with the broker; {@code connection} is its last identity. */
    record ConnectionClosed(ConnectionIdentity connection) implements BrokerEvent {
    }

    /** A consumer was created on a queue, or on a topic through one of its subscriptions. */
    record ConsumerCreated(long connectionId, int sessionId, int consumerId, GannetDestination destination)
            implements BrokerEvent {
    }

    /** A consumer closed, by itself or with its session or connection. */
    record ConsumerClosed(long connectionId, int sessionId, int consumerId, GannetDestination destination)
            implements BrokerEvent {
    }

    /**
     * An XA transaction branch committed: in two phases, in one, or (read-only) at prepare, with nothing to do. Its
     * messages are in their queues, what it consumed is gone.
     */
    record XaBranchCommitted(BranchId xid) implements BrokerEvent {
    }

    /**
     * An XA transaction branch rolled back: asked to, refused at prepare or commit (marked rollback-only), failed while
     * preparing, or timed out. What it consumed is back in its queues.
     *
     * @param timedOut whether the broker rolled it back because its timeout passed before it was prepared
     */
    record XaBranchRolledBack(BranchId xid, boolean timedOut) implements BrokerEvent {
    }
}
