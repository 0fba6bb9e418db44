package dev.gannet.samples.load;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workloads 4 and 5: a queue is filled with persistent 1 KiB messages, then {@code consumers} auto-acknowledge
 * consumers, each on its own connection and thread, empty it. Only emptying is measured (time and CPU): the fill
 * ends, committed, before the consumers are created.
 */
final class QueueConsume implements Workload {

    private final ProcessClock clock;
    private final int consumers;
    private final long count;
    private final Payload payload = new Payload(Payload.KIB);

    QueueConsume(ProcessClock clock, int consumers, long count) {
        this.clock = clock;
        this.consumers = consumers;
        this.count = Math.max(1, count);
    }

    @Override
    public String name() {
        return "consume-" + consumers + "c";
    }

    @Override
    public Result run(ConnectionFactory factory, Destinations destinations)
            throws JMSException, InterruptedException {
        Fill.queue(clock, factory, destinations.name("q"), count, payload, Drain.BATCH, null);
        List<Connection> connections = new ArrayList<>();
        try {
            List<MessageConsumer> receivers = new ArrayList<>();
            for (int i = 0; i < consumers; i++) {
                Connection connection = factory.createConnection();
                connections.add(connection);
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                receivers.add(session.createConsumer(destinations.queue(session, "q")));
            }
            AtomicLong received = new AtomicLong();
            Span span = Parallel.run(clock, name(), consumers, index -> {
                connections.get(index).start();
                Drain.share(receivers.get(index), received, count, "queue " + destinations.name("q"));
            });
            if (receivers.get(0).receive(200) != null) {
                throw new IllegalStateException("queue " + destinations.name("q") + " held more than " + count);
            }
            return Result.of(new Rate("received", count, count * payload.size(), span));
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }
}
