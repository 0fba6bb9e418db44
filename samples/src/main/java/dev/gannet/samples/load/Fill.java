package dev.gannet.samples.load;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

/** Puts persistent messages on a queue in transacted batches, the quick way to build a backlog. */
final class Fill {

    /** Marks message number {@code index} (from 0) before it is sent, e.g. with a property. */
    interface Stamp {
        void apply(Message message, long index) throws JMSException;
    }

    private Fill() {
    }

    /**
     * Sends {@code count} persistent messages to queue {@code name}, committing every {@code batch}.
     *
     * @return the interval from the first send to the last commit, as {@code clock} measures it
     */
    static Span queue(ProcessClock clock, ConnectionFactory factory, String name, long count, Payload payload,
                      int batch, Stamp stamp)
            throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(name));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            ProcessClock.Mark start = clock.start();
            for (long i = 0; i < count; i++) {
                Message message = payload.create(session);
                if (stamp != null) {
                    stamp.apply(message, i);
                }
                producer.send(message);
                if ((i + 1) % batch == 0) {
                    session.commit();
                }
            }
            session.commit();
            return start.stop();
        }
    }
}
