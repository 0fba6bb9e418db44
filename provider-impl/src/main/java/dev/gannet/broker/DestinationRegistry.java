package dev.gannet.broker;

import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.DestinationSettings;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.store.StoreOperation;
import dev.gannet.store.StoredQueue;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker's queues and topics, permanent and temporary, by {@link QueueKey} and {@link TopicKey}; creates every
 * {@link MessageQueue} (a queue's, or a subscription's for {@link Subscriptions}) with the settings of its
 * destination. A queue is created, and stored, the first time it is used; a topic is only registered. Announces
 * destinations created and removed on the {@link BrokerEvents}, outside its lock.
 */
final class DestinationRegistry {

    private final String brokerName;
    private final DestinationPolicies policies;
    private final QueueServices services;
    private final QueueRows queueRows;
    private final BrokerEvents events;
    private final AtomicLong queueIds;
    private final AtomicLong temporaryIds = new AtomicLong();
    private final Map<QueueKey, QueueDestination> queues = new ConcurrentHashMap<>();
    private final Map<TopicKey, TopicDestination> topics = new ConcurrentHashMap<>();
    /** Held while a permanent queue is created and its store row written, so both happen once. */
    private final Object creation = new Object();

    /** @param maxQueueId the highest queue id the store holds: new queues are numbered after it */
    DestinationRegistry(String brokerName, DestinationPolicies policies, QueueServices services, QueueRows queueRows,
                        BrokerEvents events, long maxQueueId) {
        this.brokerName = brokerName;
        this.policies = policies;
        this.services = services;
        this.queueRows = queueRows;
        this.events = events;
        this.queueIds = new AtomicLong(maxQueueId);
    }

    /** The settings of a destination: the defaults overridden by every pattern of the config that matches. */
    DestinationSettings settingsFor(GannetDestination destination) {
        return policies.settingsFor(destination.name());
    }

    /** A new queue of messages for {@code destination}, with the id {@link #nextQueueId} gave it or a stored one. */
    MessageQueue newQueue(long id, String name, boolean durable, GannetDestination destination) {
        return new MessageQueue(id, name, durable, destination, settingsFor(destination), services);
    }

    long nextQueueId() {
        return queueIds.incrementAndGet();
    }

    /**
     * Registers a queue the store held at start; answers its queue of messages.
     *
     * @throws IllegalArgumentException if the queue is registered already (stored twice)
     */
    MessageQueue restoreQueue(long id, QueueKey key) {
        if (queues.containsKey(key)) {
            throw new IllegalArgumentException("queue " + key.name() + " is stored twice");
        }
        GannetDestination destination = GannetDestination.of(DestinationKind.QUEUE, key.name());
        MessageQueue queue = newQueue(id, key.storeName(), true, destination);
        queues.put(key, new QueueDestination(queue, null));
        return queue;
    }

    /**
     * The queue {@code destination} names, created and stored on first use if it is a permanent queue.
     *
     * @throws InvalidDestinationException if it names a temporary queue that is gone, or a permanent queue by the
     *                                     name of a temporary one
     */
    QueueDestination queueFor(GannetDestination destination) throws JMSException {
        QueueKey key = new QueueKey(destination.name());
        if (destination.kind() == DestinationKind.TEMPORARY_QUEUE) {
            QueueDestination temporary = queues.get(key);
            if (temporary == null || temporary.owner() == null) {
                throw new InvalidDestinationException("Temporary queue " + destination.name() + " does not exist"
                        + " (it was deleted, or its connection closed)");
            }
            return temporary;
        }
        QueueDestination existing = queues.get(key);
        if (existing != null) {
            if (existing.owner() != null) {
                throw new InvalidDestinationException("Queue " + destination.name() + " is a temporary queue");
            }
            return existing;
        }
        QueueDestination created;
        synchronized (creation) {
            existing = queues.get(key);
            if (existing != null) {
                return existing;
            }
            long id = nextQueueId();
            MessageQueue queue = newQueue(id, key.storeName(), true, destination);
            queueRows.store(new StoredQueue(id, queue.name, null, null, false, false));
            created = new QueueDestination(queue, null);
            queues.put(key, created);
        }
        events.publish(new BrokerEvent.DestinationCreated(created.queue().destination));
        return created;
    }

    /** The queue of {@code key} if registered, else null. */
    QueueDestination existingQueue(QueueKey key) {
        return queues.get(key);
    }

    /**
     * The topic {@code destination} names, registered on first use if it is a permanent topic.
     *
     * @throws InvalidDestinationException if it names a temporary topic that is gone
     */
    TopicDestination topicFor(GannetDestination destination) throws JMSException {
        if (destination.kind() == DestinationKind.TEMPORARY_TOPIC) {
            TopicDestination temporary = topics.get(new TopicKey(destination.name()));
            if (temporary == null || temporary.owner == null) {
                throw new InvalidDestinationException("Temporary topic " + destination.name() + " does not exist"
                        + " (it was deleted, or its connection closed)");
            }
            return temporary;
        }
        return topic(new TopicKey(destination.name()));
    }

    /** The topic of {@code key}, registered if new. */
    TopicDestination topic(TopicKey key) {
        TopicDestination existing = topics.get(key);
        if (existing != null) {
            return existing;
        }
        TopicDestination created = new TopicDestination(key.name(), null);
        existing = topics.putIfAbsent(key, created);
        if (existing != null) {
            return existing;
        }
        events.publish(new BrokerEvent.DestinationCreated(created.destination()));
        return created;
    }

    /** The topic of {@code key} if registered, else null. */
    TopicDestination existingTopic(TopicKey key) {
        return topics.get(key);
    }

    /** The queues, permanent and temporary, as they are now. */
    List<QueueDestination> queues() {
        return List.copyOf(queues.values());
    }

    /** The topics, permanent and temporary, as they are now. */
    List<TopicDestination> topics() {
        return List.copyOf(topics.values());
    }

    /**
     * Deletes the permanent queue {@code key} with every message it holds (management): it leaves the registry at
     * once, so that a later send creates a new one, and the store drops its row, references and the messages no
     * other queue holds in one store transaction. Answers false if there is no such queue.
     *
     * @throws InvalidDestinationException if it is a temporary queue (its connection deletes it)
     * @throws jakarta.jms.IllegalStateException if it has consumers (checked in one step with the deletion, so no
     *                                            consumer attaches to a deleted queue, and no send routes into it)
     * @throws JMSException                if the store failed (the queue is gone from the broker then, and what the
     *                                     store kept of it returns at the next start)
     */
    boolean deleteQueue(QueueKey key) throws JMSException {
        QueueDestination deleted;
        synchronized (creation) {
            QueueDestination existing = queues.get(key);
            if (existing == null) {
                return false;
            }
            if (existing.owner() != null) {
                throw new InvalidDestinationException("Queue " + key.name() + " is a temporary queue; its connection"
                        + " deletes it");
            }
            // out of the registry first, so that whoever finds the queue deleted and looks again finds it gone
            queues.remove(key);
            int consumers = existing.queue().deleteUnlessConsumed();
            if (consumers > 0) {
                queues.put(key, existing); // nobody made a new one meanwhile: that takes this lock
                throw new jakarta.jms.IllegalStateException("Queue " + key.name() + " has " + consumers
                        + " consumer(s); close them first");
            }
            deleted = existing;
        }
        queueRows.removed(deleted.queue().id);
        events.publish(new BrokerEvent.DestinationRemoved(deleted.queue().destination));
        try {
            services.store().write(List.of(new StoreOperation.RemoveQueue(deleted.queue().id))).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof JMSException failure) {
                throw failure;
            }
            throw e;
        }
        return true;
    }

    /** Refuses destinations that cannot be used: temporary ones that are gone, permanent names of temporary ones. */
    void checkDestination(GannetDestination destination) throws JMSException {
        switch (destination.kind()) {
            case QUEUE, TEMPORARY_QUEUE -> queueFor(destination);
            case TOPIC, TEMPORARY_TOPIC -> topicFor(destination);
        }
    }

    /** Every queue of messages: the queues' and the topic subscriptions'. */
    List<MessageQueue> messageQueues() {
        List<MessageQueue> all = new ArrayList<>();
        queues.values().forEach(destination -> all.add(destination.queue()));
        topics.values().forEach(topic -> topic.subscriptions().forEach(s -> all.add(s.queue())));
        return all;
    }

    GannetDestination createTemporary(ServerConnection owner, boolean topic) {
        String name = "temp-" + (topic ? "topic" : "queue") + "-" + brokerName + "-" + owner.id() + "-"
                + temporaryIds.incrementAndGet();
        GannetDestination created = GannetDestination.of(topic ? DestinationKind.TEMPORARY_TOPIC
                : DestinationKind.TEMPORARY_QUEUE, name);
        if (topic) {
            topics.put(new TopicKey(name), new TopicDestination(name, owner));
        } else {
            queues.put(new QueueKey(name), new QueueDestination(newQueue(nextQueueId(), name, false, created), owner));
        }
        events.publish(new BrokerEvent.DestinationCreated(created));
        return created;
    }

    /**
     * Deletes a temporary destination of {@code owner} (spec 6.2.2: not while it has consumers).
     *
     * @throws InvalidDestinationException if it does not exist
     * @throws JMSException                if it belongs to another connection or still has consumers
     */
    void deleteTemporary(ServerConnection owner, GannetDestination destination) throws JMSException {
        boolean topic = destination.kind() == DestinationKind.TEMPORARY_TOPIC;
        TopicDestination temporaryTopic = topic ? topics.get(new TopicKey(destination.name())) : null;
        QueueDestination temporaryQueue = topic ? null : queues.get(new QueueKey(destination.name()));
        ServerConnection actualOwner = topic ? (temporaryTopic == null ? null : temporaryTopic.owner)
                : (temporaryQueue == null ? null : temporaryQueue.owner());
        if (actualOwner == null) {
            throw new InvalidDestinationException("Temporary destination " + destination + " does not exist");
        }
        if (actualOwner != owner) {
            throw new JMSException("Temporary destination " + destination + " belongs to another connection");
        }
        boolean inUse = topic ? temporaryTopic.hasConsumers() : temporaryQueue.queue().consumerCount() > 0;
        if (inUse) {
            throw new JMSException("Temporary destination " + destination + " still has consumers");
        }
        dropTemporary(destination);
    }

    /** Removes a temporary destination with whatever it holds (its connection closed, or it was deleted). */
    void dropTemporary(GannetDestination destination) {
        boolean dropped;
        if (destination.kind() == DestinationKind.TEMPORARY_TOPIC) {
            TopicDestination topic = topics.remove(new TopicKey(destination.name()));
            dropped = topic != null;
            if (dropped) {
                topic.subscriptions().forEach(s -> s.queue().delete());
            }
        } else {
            QueueDestination queue = queues.remove(new QueueKey(destination.name()));
            dropped = queue != null;
            if (dropped) {
                queue.queue().delete();
            }
        }
        if (dropped) {
            events.publish(new BrokerEvent.DestinationRemoved(destination));
        }
    }
}
