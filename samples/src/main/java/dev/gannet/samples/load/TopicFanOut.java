package dev.gannet.samples.load;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workload 7: one publisher sends non-persistent 1 KiB messages to a topic with {@value #SUBSCRIBERS} subscribers,
 * each on its own connection and thread. Reports the publish rate and the delivery rate (all copies, from the first
 * publish to the last delivery). Both carry the CPU of the whole interval, from the first publish to the last
 * delivery: per published message it is the cost of publishing one and delivering its {@value #SUBSCRIBERS} copies.
 */
final class TopicFanOut implements Workload {

    static final int SUBSCRIBERS = 4;

    private final ProcessClock clock;
    private final long count;
    private final Payload payload = new Payload(Payload.KIB);

    TopicFanOut(ProcessClock clock, long count) {
        this.clock = clock;
        this.count = Math.max(1, count);
    }

    @Override
    public String name() {
        return "topic-fanout-" + SUBSCRIBERS;
    }

    @Override
    public Result run(ConnectionFactory factory, Destinations destinations)
            throws JMSException, InterruptedException {
        List<Connection> connections = new ArrayList<>();
        try {
            List<MessageConsumer> subscribers = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                Connection connection = factory.createConnection();
                connections.add(connection);
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                subscribers.add(session.createConsumer(destinations.topic(session, "t")));
                connection.start();
            }
            Connection publishing = factory.createConnection();
            connections.add(publishing);
            Session session = publishing.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer publisher = session.createProducer(destinations.topic(session, "t"));
            publisher.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            AtomicLong publishNanos = new AtomicLong();
            Span span = Parallel.run(clock, name(), SUBSCRIBERS + 1, index -> {
                if (index == SUBSCRIBERS) {
                    long start = System.nanoTime();
                    for (long i = 0; i < count; i++) {
                        publisher.send(payload.create(session));
                    }
                    publishNanos.set(System.nanoTime() - start);
                } else {
                    Drain.share(subscribers.get(index), new AtomicLong(), count,
                            "subscriber " + index + " of topic " + destinations.name("t"));
                }
            });
            long delivered = count * SUBSCRIBERS;
            return new Result(new Rate("published", count, count * payload.size(),
                    span.withWallNanos(publishNanos.get())),
                    new Rate("delivered", delivered, delivered * payload.size(), span), null);
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }
}
