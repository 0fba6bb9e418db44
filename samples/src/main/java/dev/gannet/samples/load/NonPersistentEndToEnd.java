package dev.gannet.samples.load;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Workload 6: one producer and one consumer on separate connections run at once over a queue, non-persistent 1 KiB
 * messages; timed from the first send to the last receive.
 */
final class NonPersistentEndToEnd implements Workload {

    private final ProcessClock clock;
    private final long count;
    private final Payload payload = new Payload(Payload.KIB);

    NonPersistentEndToEnd(ProcessClock clock, long count) {
        this.clock = clock;
        this.count = Math.max(1, count);
    }

    @Override
    public String name() {
        return "nonpersistent-e2e";
    }

    @Override
    public Result run(ConnectionFactory factory, Destinations destinations)
            throws JMSException, InterruptedException {
        try (Connection producing = factory.createConnection(); Connection consuming = factory.createConnection()) {
            Session sending = producing.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = sending.createProducer(destinations.queue(sending, "q"));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            Session receiving = consuming.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = receiving.createConsumer(destinations.queue(receiving, "q"));
            consuming.start();
            AtomicLong received = new AtomicLong();
            Span span = Parallel.run(clock, name(), 2, index -> {
                if (index == 0) {
                    for (long i = 0; i < count; i++) {
                        producer.send(payload.create(sending));
                    }
                } else {
                    Drain.share(consumer, received, count, "queue " + destinations.name("q"));
                }
            });
            if (consumer.receive(200) != null) {
                throw new IllegalStateException("queue " + destinations.name("q") + " held more than " + count);
            }
            return Result.of(new Rate("delivered", count, count * payload.size(), span));
        }
    }
}
