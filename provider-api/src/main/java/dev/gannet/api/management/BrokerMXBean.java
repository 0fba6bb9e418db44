package dev.gannet.api.management;

import java.util.Date;
import java.util.List;

/**
 * A running broker, {@code dev.gannet:type=Broker,name=B}: what it is, how long it runs, what it holds, and the
 * operations on its destinations.
 */
public interface BrokerMXBean {

    /** The broker's name (the {@code NAME} of {@code vm://NAME}). */
    String getName();

    /** Gannet's version, e.g. {@code 0.1.0}. */
    String getVersion();

    /** When the broker started. */
    Date getStartTime();

    /** Milliseconds since the broker started. */
    long getUptimeMillis();

    /**
     * What kind of store keeps the broker's persistent state: {@code derby} (embedded Derby), {@code jdbc} (a database
     * over JDBC) or {@code memory} (the broker's heap, not durable).
     */
    String getStoreKind();

    /**
     * Where the store is: the Derby data directory, the JDBC URL (never a password), {@code DataSource} or
     * {@code heap}.
     */
    String getStoreLocation();

    /** Client connections open now. */
    int getConnectionCount();

    /** Queues, permanent and temporary. */
    int getQueueCount();

    /** Topics, permanent and temporary. */
    int getTopicCount();

    /** Topic subscriptions, of every kind. */
    int getSubscriptionCount();

    /**
     * Heap the messages waiting in every queue and subscription take, in bytes (the encoded messages plus a
     * per-reference estimate), counted against {@link #getMemoryBudgetBytes()}.
     */
    long getQueueMemoryBytes();

    /**
     * The broker's memory budget in bytes ({@code BrokerConfig.memoryBudgetBytes}, by default half the maximum heap):
     * once the waiting messages take it all, durable queues page their persistent backlog to the store.
     */
    long getMemoryBudgetBytes();

    /** Every queue and topic with its main figures, queues first, each kind by name. */
    List<DestinationInfo> listDestinations();

    /**
     * Creates the permanent queue {@code name} and stores it; nothing happens if it exists.
     *
     * @throws IllegalArgumentException if the name is empty, too long, or a temporary queue's
     */
    void createQueue(String name);

    /**
     * Deletes the permanent queue {@code name} with every message it holds, from the store too.
     *
     * @return false if there is no such queue
     * @throws IllegalArgumentException if {@code name} is a temporary queue's (its connection deletes it)
     * @throws IllegalStateException    if the queue has consumers (close them first) or the store failed
     */
    boolean deleteQueue(String name);
}
