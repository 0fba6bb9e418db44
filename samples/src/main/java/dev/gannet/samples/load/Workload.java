package dev.gannet.samples.load;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

/**
 * One measured traffic pattern. A run uses only destinations named by {@link Destinations} and leaves them empty:
 * whatever it sends, it receives again before returning.
 */
public interface Workload {

    /** Short name shown in the table and accepted by {@code --workloads}. */
    String name();

    /**
     * The maximum heap ({@code -Xmx}, e.g. {@code "256m"}) the JVM running this workload must have, or null for the
     * run's {@code --heap}. A workload with a heap of its own runs in a JVM of its own for every provider.
     */
    default String heap() {
        return null;
    }

    /**
     * Runs the pattern once.
     *
     * @throws JMSException         if the provider fails a call
     * @throws IllegalStateException if messages went missing or nothing arrived for {@link Drain#IDLE_LIMIT}
     * @throws InterruptedException if the tool is interrupted
     */
    Result run(ConnectionFactory factory, Destinations destinations) throws JMSException, InterruptedException;
}
