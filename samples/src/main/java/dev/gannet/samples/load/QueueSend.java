package dev.gannet.samples.load;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.util.ArrayList;
import java.util.List;

/**
 * Workloads 1 and 2: persistent 1 KiB sends to one queue from {@code producers} producers, each on its own
 * connection and thread, in auto-acknowledge sessions (every send waits for the store). Drained untimed afterwards.
 */
final class QueueSend implements Workload {

    private final ProcessClock clock;
    private final int producers;
    private final long perProducer;
    private final Payload payload = new Payload(Payload.KIB);

    QueueSend(ProcessClock clock, int producers, long total) {
        this.clock = clock;
        this.producers = producers;
        this.perProducer = Math.max(1, total / producers);
    }

    @Override
    public String name() {
        return "send-" + producers + "p";
    }

    @Override
    public Result run(ConnectionFactory factory, Destinations destinations)
            throws JMSException, InterruptedException {
        List<Connection> connections = new ArrayList<>();
        try {
            List<Session> sessions = new ArrayList<>();
            List<MessageProducer> senders = new ArrayList<>();
            for (int i = 0; i < producers; i++) {
                Connection connection = factory.createConnection();
                connections.add(connection);
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(destinations.queue(session, "q"));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                sessions.add(session);
                senders.add(producer);
            }
            Span span = Parallel.run(clock, name(), producers, index -> {
                for (long n = 0; n < perProducer; n++) {
                    senders.get(index).send(payload.create(sessions.get(index)));
                }
            });
            long total = perProducer * producers;
            Drain.queue(clock, factory, destinations.name("q"), total);
            return Result.of(new Rate("sent", total, total * payload.size(), span));
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }
}
