package dev.gannet.broker;

import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A topic: copies each message to every subscription that wants it. */
final class TopicDestination {

    final String name;
    /** The connection that owns a temporary topic, else null. */
    final ServerConnection owner;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    TopicDestination(String name, ServerConnection owner) {
        this.name = name;
        this.owner = owner;
    }

    void addSubscription(Subscription subscription) {
        subscriptions.add(subscription);
    }

    /** Answers false if the subscription was not (or no longer) there. */
    boolean removeSubscription(Subscription subscription) {
        return subscriptions.remove(subscription);
    }

    /** The topic as clients name it. */
    GannetDestination destination() {
        return GannetDestination.of(owner == null ? DestinationKind.TOPIC : DestinationKind.TEMPORARY_TOPIC, name);
    }

    List<Subscription> subscriptions() {
        return subscriptions;
    }

    boolean hasConsumers() {
        return subscriptions.stream().anyMatch(s -> s.queue().consumerCount() > 0);
    }
}
