package dev.gannet.broker;

/**
 * Identifies a broker-side {@link Transaction}: a local transaction is the {@code number}-th of session
 * {@code sessionId} of connection {@code connectionId}. Prints as {@code local:3:7:2}.
 */
record TransactionId(long connectionId, int sessionId, long number) {

    @Override
    public String toString() {
        return "local:" + connectionId + ":" + sessionId + ":" + number;
    }
}
