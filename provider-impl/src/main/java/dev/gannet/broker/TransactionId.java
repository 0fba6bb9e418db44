package dev.gannet.broker;

import dev.gannet.protocol.BranchId;

/**
 * Identifies a broker-side {@link Transaction}. A session's local transaction is a {@link Local}; an XA transaction
 * branch is an {@link Xa}, named by its Xid.
 */
sealed interface TransactionId {

    /**
     * The {@code sequence}-th local transaction the resource manager began, belonging to session {@code sessionId} of
     * connection {@code connectionId}. Prints as {@code local:3:7:2}.
     */
    record Local(long connectionId, int sessionId, long sequence) implements TransactionId {

        @Override
        public String toString() {
            return "local:" + connectionId + ":" + sessionId + ":" + sequence;
        }
    }

    /** The XA transaction branch {@code xid}, whichever connection works in it. Prints as its Xid does. */
    record Xa(BranchId xid) implements TransactionId {

        @Override
        public String toString() {
            return xid.toString();
        }
    }
}
