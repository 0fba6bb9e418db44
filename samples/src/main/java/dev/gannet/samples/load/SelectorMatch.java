package dev.gannet.samples.load;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

/**
 * Workload 10: a queue holds persistent 1 KiB messages whose int property {@code bucket} runs 0-99 in turn; a
 * consumer with selector {@code bucket = 42} takes the 1% that match. Timed from creating the consumer to
 * committing the last match, CPU per matching message over the same interval; the rest is drained untimed.
 */
final class SelectorMatch implements Workload {

    static final String SELECTOR = "bucket = 42";

    private final ProcessClock clock;
    private final long count;
    private final Payload payload = new Payload(Payload.KIB);

    SelectorMatch(ProcessClock clock, long count) {
        this.clock = clock;
        this.count = Math.max(100, count);
    }

    @Override
    public String name() {
        return "selector-1pct";
    }

    @Override
    public Result run(ConnectionFactory factory, Destinations destinations) throws JMSException {
        String queue = destinations.name("q");
        Fill.queue(clock, factory, queue, count, payload, Drain.BATCH,
                (message, index) -> message.setIntProperty("bucket", (int) (index % 100)));
        long matching = count / 100 + (count % 100 > 42 ? 1 : 0);
        Span span = Drain.queue(clock, factory, queue, matching, SELECTOR);
        Drain.queue(clock, factory, queue, count - matching);
        return Result.of(new Rate("matched", matching, matching * payload.size(), span));
    }
}
