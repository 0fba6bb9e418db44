package dev.gannet.broker;

import dev.gannet.protocol.SubscriptionSpec;
import dev.gannet.selector.Selector;
import dev.gannet.store.StoreOperation;
import dev.gannet.store.StoredQueue;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Topic subscriptions (spec 6.2): creates them for topic consumers, keeps the durable and shared ones by
 * {@link SubscriptionKey} so that later consumers join them, and removes them (unsubscribe, a changed definition,
 * the last consumer of a non-durable one gone). Durable subscriptions are stored. Announces subscriptions created
 * and removed on the {@link BrokerEvents}, outside its lock.
 */
final class Subscriptions {

    private final DestinationRegistry registry;
    private final StoreWriter store;
    private final QueueRows queueRows;
    private final BrokerEvents events;
    /** Durable and shared subscriptions; changed only under {@link #lock}. */
    private final Map<SubscriptionKey, Subscription> named = new ConcurrentHashMap<>();
    private final Object lock = new Object();

    Subscriptions(DestinationRegistry registry, StoreWriter store, QueueRows queueRows, BrokerEvents events) {
        this.registry = registry;
        this.store = store;
        this.queueRows = queueRows;
        this.events = events;
    }

    /** The durable or shared subscription of {@code key}, or null. */
    Subscription find(SubscriptionKey key) {
        return named.get(key);
    }

    /**
     * Registers a durable subscription the store held at start; answers its queue.
     *
     * @throws JMSException             if its selector does not parse
     * @throws IllegalArgumentException if its name is no durable subscription's, or it is registered already
     */
    MessageQueue restore(StoredQueue stored) throws JMSException {
        SubscriptionKey key = SubscriptionKey.fromStoreName(stored.name());
        Selector selector = stored.selector() == null ? null : Selector.parse(stored.selector());
        if (named.containsKey(key)) {
            throw new IllegalArgumentException("the subscription is stored twice");
        }
        TopicDestination topic = registry.topic(new TopicKey(stored.topic()));
        MessageQueue queue = registry.newQueue(stored.id(), stored.name(), true, topic.destination());
        Subscription subscription = new Subscription(key, stored.topic(), queue, selector, stored.noLocal(), true,
                stored.shared(), key.clientId(), null);
        named.put(key, subscription);
        topic.addSubscription(subscription);
        return queue;
    }

    /**
     * The subscription a new consumer of {@code topic} reads: a new one for an unnamed (non-durable, unshared)
     * subscription, else the named one of {@code spec}, created if new and replaced if its topic, selector or
     * noLocal changed and nobody uses it.
     *
     * @throws JMSException if the named subscription exists with another sharing, or has an active consumer that
     *                      forbids joining or changing it
     */
    Subscription subscribe(ServerConnection connection, TopicDestination topic, SubscriptionSpec spec,
                           Selector selector, boolean noLocal) throws JMSException {
        if (spec.name() == null) {
            MessageQueue queue = registry.newQueue(registry.nextQueueId(),
                    "subscription:" + topic.name + ":" + connection.id(), false, topic.destination());
            Subscription subscription = new Subscription(null, topic.name, queue, selector, noLocal, false, false,
                    null, connection);
            topic.addSubscription(subscription);
            events.publish(created(subscription));
            return subscription;
        }
        String clientId = connection.clientId();
        SubscriptionKey key = new SubscriptionKey(spec.durable(), clientId, spec.name());
        String selectorText = selector == null ? null : selector.text();
        BrokerEvent replaced = null;
        Subscription subscription;
        synchronized (lock) {
            Subscription existing = named.get(key);
            if (existing != null) {
                if (existing.shared() != spec.shared()) {
                    throw new JMSException("Subscription '" + spec.name() + "' exists already as "
                            + (existing.shared() ? "a shared" : "an unshared") + " subscription");
                }
                boolean active = existing.queue().consumerCount() > 0;
                if (existing.sameDefinition(topic.name, selectorText, noLocal)) {
                    if (active && !spec.shared()) {
                        throw new JMSException("Durable subscription '" + spec.name() + "' of client " + clientId
                                + " already has an active consumer");
                    }
                    return existing;
                }
                if (active) {
                    throw new JMSException("Subscription '" + spec.name() + "' has an active consumer on topic "
                            + existing.topic() + (existing.selector() == null ? "" : " with selector "
                            + existing.selector().text()) + "; it cannot change topic or selector");
                }
                replaced = remove(existing);
            }
            long id = registry.nextQueueId();
            MessageQueue queue = registry.newQueue(id, key.storeName(), spec.durable(), topic.destination());
            subscription = new Subscription(key, topic.name, queue, selector, noLocal, spec.durable(),
                    spec.shared(), clientId, null);
            if (spec.durable()) {
                queueRows.store(new StoredQueue(id, key.storeName(), topic.name, selectorText, noLocal,
                        spec.shared()));
            }
            named.put(key, subscription);
            topic.addSubscription(subscription);
        }
        if (replaced != null) {
            events.publish(replaced);
        }
        events.publish(created(subscription));
        return subscription;
    }

    /** A consumer is gone: a non-durable subscription goes with its last consumer. */
    void consumerClosed(ServerConsumer consumer) {
        Subscription subscription = consumer.subscription;
        if (subscription == null || subscription.durable()) {
            return;
        }
        BrokerEvent removed = null;
        synchronized (lock) {
            if (subscription.queue().consumerCount() == 0) {
                removed = remove(subscription);
            }
        }
        if (removed != null) {
            events.publish(removed);
        }
    }

    /**
     * Deletes the durable subscription {@code name} of {@code connection}'s client ID (spec 6.11.1).
     *
     * @throws InvalidDestinationException if there is none
     * @throws JMSException                if it has an active consumer
     */
    void unsubscribe(ServerConnection connection, String name) throws JMSException {
        SubscriptionKey key = new SubscriptionKey(true, connection.clientId(), name);
        BrokerEvent removed;
        synchronized (lock) {
            Subscription subscription = named.get(key);
            if (subscription == null) {
                throw new InvalidDestinationException("No durable subscription '" + name + "'"
                        + (connection.clientId() == null ? " without client ID" : " of client "
                        + connection.clientId()));
            }
            if (subscription.queue().consumerCount() > 0) {
                throw new JMSException("Durable subscription '" + name + "' has an active consumer; close it first");
            }
            removed = remove(subscription);
        }
        events.publish(removed);
    }

    /**
     * Removes a subscription with its messages; answers the event that says so, to be published once {@link #lock}
     * is released. Answers null if it was removed already (a non-durable one whose last consumers closed together).
     */
    private BrokerEvent remove(Subscription subscription) {
        boolean wasNamed = subscription.key() != null && named.remove(subscription.key(), subscription);
        TopicDestination topic = registry.existingTopic(new TopicKey(subscription.topic()));
        boolean wasListed = topic != null && topic.removeSubscription(subscription);
        if (!wasNamed && !wasListed) {
            return null;
        }
        List<StoreOperation> operations = subscription.queue().delete();
        if (subscription.durable()) {
            queueRows.removed(subscription.queue().id);
            operations.clear(); // RemoveQueue drops the references and orphaned messages itself
            operations.add(new StoreOperation.RemoveQueue(subscription.queue().id));
        }
        store.writeInBackground(operations);
        return new BrokerEvent.SubscriptionRemoved(subscription.queue().destination, subscription.key() == null ? null
                : subscription.key().name(), subscription.clientId(), subscription.durable(), subscription.shared());
    }

    private static BrokerEvent created(Subscription subscription) {
        return new BrokerEvent.SubscriptionCreated(subscription.queue().destination, subscription.key() == null
                ? null : subscription.key().name(), subscription.clientId(), subscription.durable(),
                subscription.shared());
    }
}
