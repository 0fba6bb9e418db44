package dev.gannet.broker;

/**
 * Identifies a broker-side {@link Transaction} in the {@link ResourceManager}. A session's local transaction is a
 * {@link Local}; an XA branch will be identified by its Xid, as one more kind of id.
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
}
