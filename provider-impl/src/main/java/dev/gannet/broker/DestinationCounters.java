package dev.gannet.broker;

import dev.gannet.api.DestinationStatistics;
import dev.gannet.message.GannetDestination;
import jakarta.jms.InvalidDestinationException;

/**
 * Reads the counters of queues, topics and subscriptions into {@link DestinationStatistics} snapshots: a queue's and a
 * subscription's from its {@link MessageQueue}, a topic's as the sum of its subscriptions', with the duplicates
 * {@link DuplicateDetection} dropped for the destination. Called by the broker for management; nothing on the message
 * path calls it.
 */
final class DestinationCounters {

    private final DestinationRegistry registry;
    private final Subscriptions subscriptions;
    private final DuplicateDetection duplicates;

    DestinationCounters(DestinationRegistry registry, Subscriptions subscriptions, DuplicateDetection duplicates) {
        this.registry = registry;
        this.subscriptions = subscriptions;
        this.duplicates = duplicates;
    }

    /**
     * The counters of a queue or topic that exists.
     *
     * @throws InvalidDestinationException if the broker has no such queue or topic (a permanent one not used yet, a
     *                                     temporary one deleted)
     */
    DestinationStatistics of(GannetDestination destination) throws InvalidDestinationException {
        DestinationStatistics counted;
        if (destination.kind().isQueue()) {
            QueueDestination queue = registry.existingQueue(new QueueKey(destination.name()));
            if (queue == null || (queue.owner() != null) != destination.kind().isTemporary()) {
                throw new InvalidDestinationException("No " + destination + " in the broker");
            }
            counted = queue.queue().statistics();
        } else {
            TopicDestination topic = registry.existingTopic(new TopicKey(destination.name()));
            if (topic == null || (topic.owner != null) != destination.kind().isTemporary()) {
                throw new InvalidDestinationException("No " + destination + " in the broker");
            }
            counted = DestinationStatistics.NONE;
            for (Subscription subscription : topic.subscriptions()) {
                counted = counted.plus(subscription.queue().statistics());
            }
        }
        return counted.withDuplicatesDropped(duplicates.dropped(destination));
    }

    /**
     * The counters of a durable or shared subscription.
     *
     * @throws InvalidDestinationException if there is no such subscription
     */
    DestinationStatistics ofSubscription(SubscriptionKey key) throws InvalidDestinationException {
        Subscription subscription = subscriptions.find(key);
        if (subscription == null) {
            throw new InvalidDestinationException("No " + (key.durable() ? "durable" : "shared") + " subscription '"
                    + key.name() + "'" + (key.clientId() == null ? " without client ID" : " of client "
                    + key.clientId()));
        }
        return subscription.queue().statistics();
    }
}
