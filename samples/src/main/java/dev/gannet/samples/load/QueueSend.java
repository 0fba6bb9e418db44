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

    private final int producers;
    private final long perProducer;
    private final Payload payload = new Payload(Payload.KIB);

    QueueSend(int producers, long total) {
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
            long nanos = Parallel.run(name(), producers, index -> {
                for (long n = 0; n < perProducer; n++) {
                    senders.get(index).send(payload.create(sessions.get(index)));
                }
            });
            long total = perProducer * producers;
            Drain.queue(factory, destinations.name("q"), total);
            return Result.of(new Rate("sent", total, total * payload.size(), nanos));
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }
}
