package dev.gannet.samples.load;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

/**
 * Workloads 9 and 11: fills a queue with persistent 100-byte messages in transactions of {@link Drain#BATCH}, then
 * drains it with one consumer committing every {@link Drain#BATCH}. Reports the fill rate and, as the second rate, the
 * drain rate. Workload 9 runs with the run's heap ({@code --heap}); workload 11 is the same backlog in a JVM of its own
 * with a small fixed heap ({@link #SMALL_HEAP}), where no broker can keep it all in memory.
 */
final class DeepBacklog implements Workload {

    static final int BODY = 100;
    /** The {@code -Xmx} of workload 11. */
    static final String SMALL_HEAP = "256m";

    private final ProcessClock clock;
    private final long count;
    private final String heap; // null: the run's heap
    private final Payload payload = new Payload(BODY);

    /** @param heap the {@code -Xmx} this workload's JVM must have, or null for the run's heap */
    DeepBacklog(ProcessClock clock, long count, String heap) {
        this.clock = clock;
        this.count = Math.max(1, count);
        this.heap = heap;
    }

    @Override
    public String name() {
        return heap == null ? "deep-backlog" : "deep-backlog-" + heap;
    }

    @Override
    public String heap() {
        return heap;
    }

    @Override
    public Result run(ConnectionFactory factory, Destinations destinations) throws JMSException {
        String queue = destinations.name("q");
        Span fill = Fill.queue(clock, factory, queue, count, payload, Drain.BATCH, null);
        Span drain = Drain.queue(clock, factory, queue, count);
        return new Result(new Rate("filled", count, count * BODY, fill),
                new Rate("drained", count, count * BODY, drain), null);
    }
}
