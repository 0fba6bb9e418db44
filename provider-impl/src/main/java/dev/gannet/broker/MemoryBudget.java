package dev.gannet.broker;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap that the messages waiting in all queues and subscriptions of one broker together may take
 * ({@link dev.gannet.api.BrokerConfig#memoryBudgetBytes()}): while it is used up, durable queues page their persistent
 * backlog to the store, and they read it back as the budget frees up. Messages that cannot page (non-persistent ones,
 * those of temporary queues and non-durable subscriptions) are held whatever the budget says, and count toward it.
 *
 * <p>What a queue holds is counted here as it is counted for its own memory window
 * ({@link MessageQueue#memoryBytes()}); messages in flight to consumers are bounded by the consumers' windows instead.
 * Lock-free: queues never wait for each other through it. Thread-safe.
 */
final class MemoryBudget {

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    /** @param limit the budget in bytes, at least 1 */
    MemoryBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("A memory budget of " + limit + " bytes holds nothing");
        }
        this.limit = limit;
    }

    /** A queue holds {@code bytes} more. */
    void hold(long bytes) {
        used.addAndGet(bytes);
    }

    /** A queue holds {@code bytes} less. */
    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** Whether the budget is used up: from now on persistent messages routed to durable queues page. */
    boolean isFull() {
        return used.get() >= limit;
    }

    /** Whether less than half the budget is used: paging queues read their backlog back. */
    boolean isBelowHalf() {
        return used.get() < limit / 2;
    }

    long used() {
        return used.get();
    }

    long limit() {
        return limit;
    }
}
