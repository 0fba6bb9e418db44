package dev.gannet.samples.load;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

/** Workload 3: one producer sends persistent 1 KiB messages in transactions of {@value #BATCH}. */
final class TransactedSend implements Workload {

    static final int BATCH = 100;

    private final long count;
    private final Payload payload = new Payload(Payload.KIB);

    TransactedSend(long count) {
        this.count = Math.max(BATCH, count / BATCH * BATCH);
    }

    @Override
    public String name() {
        return "tx-batch-" + BATCH;
    }

    @Override
    public Result run(ConnectionFactory factory, Destinations destinations) throws JMSException {
        long nanos;
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(destinations.queue(session, "q"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            long start = System.nanoTime();
            for (long i = 1; i <= count; i++) {
                producer.send(payload.create(session));
                if (i % BATCH == 0) {
                    session.commit();
                }
            }
            nanos = System.nanoTime() - start;
        }
        Drain.queue(factory, destinations.name("q"), count);
        return Result.of(new Rate("sent", count, count * payload.size(), nanos));
    }
}
