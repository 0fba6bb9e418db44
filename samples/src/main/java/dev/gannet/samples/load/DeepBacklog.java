package dev.gannet.samples.load;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

/**
 * Workload 9: fills a queue with persistent 100-byte messages in transactions of {@link Drain#BATCH}, then drains it
 * with one consumer committing every {@link Drain#BATCH}. Reports the fill rate and, as the second rate, the drain
 * rate.
 */
final class DeepBacklog implements Workload {

    static final int BODY = 100;

    private final long count;
    private final Payload payload = new Payload(BODY);

    DeepBacklog(long count) {
        this.count = Math.max(1, count);
    }

    @Override
    public String name() {
        return "deep-backlog";
    }

    @Override
    public Result run(ConnectionFactory factory, Destinations destinations) throws JMSException {
        String queue = destinations.name("q");
        long fillNanos = Fill.queue(factory, queue, count, payload, Drain.BATCH, null);
        long drainNanos = Drain.queue(factory, queue, count);
        return new Result(new Rate("filled", count, count * BODY, fillNanos),
                new Rate("drained", count, count * BODY, drainNanos), null);
    }
}
