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

    private final ProcessClock clock;
    private final long count;
    private final Payload payload = new Payload(Payload.KIB);

    TransactedSend(ProcessClock clock, long count) {
        this.clock = clock;
        this.count = Math.max(BATCH, count / BATCH * BATCH);
    }

    @Override
    public String name() {
        return "tx-batch-" + BATCH;
    }

    @Override
    public Result run(ConnectionFactory factory, Destinations destinations) throws JMSException {
        Span span;
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(destinations.queue(session, "q"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            ProcessClock.Mark start = clock.start();
            for (long i = 1; i <= count; i++) {
                producer.send(payload.create(session));
                if (i % BATCH == 0) {
                    session.commit();
                }
            }
            span = start.stop();
        }
        Drain.queue(clock, factory, destinations.name("q"), count);
        return Result.of(new Rate("sent", count, count * payload.size(), span));
    }
}
