package dev.gannet.broker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The broker's open transactions by id. Sessions begin and end their local transactions here; XA will prepare,
 * commit and recover through it as well.
 */
final class ResourceManager {

    private final Map<TransactionId, Transaction> open = new ConcurrentHashMap<>();

    /** Starts the transaction {@code id}. */
    Transaction begin(TransactionId id) {
        Transaction transaction = new Transaction(id);
        if (open.putIfAbsent(id, transaction) != null) {
            throw new IllegalStateException("Transaction " + id + " exists already");
        }
        return transaction;
    }

    /** The transaction is over (committed or rolled back): forgets it. */
    void end(Transaction transaction) {
        open.remove(transaction.id, transaction);
    }
}
