package dev.gannet.broker;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker's transactions by id, from their beginning until they committed or rolled back (a transaction being
 * committed is still here). Sessions begin their local transactions here; XA will begin, find, prepare and recover
 * branches through it as well. Thread-safe.
 */
final class ResourceManager {

    private final Map<TransactionId, Transaction> open = new ConcurrentHashMap<>();
    private final AtomicLong localTransactions = new AtomicLong();

    /** Begins the next local transaction of session {@code sessionId} of connection {@code connectionId}. */
    Transaction beginLocal(long connectionId, int sessionId) {
        return begin(new TransactionId.Local(connectionId, sessionId, localTransactions.incrementAndGet()));
    }

    /**
     * Begins the transaction {@code id}; it leaves this resource manager by itself once it committed or rolled back.
     *
     * @throws IllegalStateException if a transaction {@code id} is open already
     */
    Transaction begin(TransactionId id) {
        Transaction transaction = new Transaction(id);
        if (open.putIfAbsent(id, transaction) != null) {
            throw new IllegalStateException("Transaction " + id + " exists already");
        }
        Runnable forget = () -> open.remove(id, transaction);
        transaction.afterCommit(forget);
        transaction.afterRollback(forget);
        return transaction;
    }

    /** The open transaction {@code id}, or null if there is none (never begun, or over). */
    Transaction find(TransactionId id) {
        return open.get(id);
    }

    /** The transactions open now, in no particular order. */
    List<Transaction> openTransactions() {
        return List.copyOf(open.values());
    }
}
