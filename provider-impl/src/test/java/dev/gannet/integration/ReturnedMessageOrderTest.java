package dev.gannet.integration;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Spec 6.2.9 (message order) and the {@code Session.recover} javadoc ("restarts with the oldest unacknowledged
 * message"): messages that come back from a closing consumer, a recover or a rollback take their original place in
 * the queue, by priority and then by the order the queue received them, and nothing overtakes them meanwhile.
 */
class ReturnedMessageOrderTest extends BrokerTestSupport {

    /** How often the recover and rollback stress tests return a message while another connection sends. */
    private static final int ITERATIONS = Integer.getInteger("gannet.order.iterations", 1000);

    /** Sends m0..m5 with {@code n} = index and {@code color} blue for m3 and m5, red for the others. */
    private Queue sendColoured(Session session) throws JMSException {
        Queue queue = session.createQueue("order-" + System.nanoTime());
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 6; i++) {
            Message message = session.createTextMessage("m" + i);
            message.setIntProperty("n", i);
            message.setStringProperty("color", i == 3 || i == 5 ? "blue" : "red");
            producer.send(message);
        }
        return queue;
    }

    private List<String> receiveAll(MessageConsumer consumer) throws JMSException {
        List<String> received = new ArrayList<>();
        Message message;
        while ((message = consumer.receive(ABSENT)) != null) {
            received.add(message.getBody(String.class) + (message.getJMSRedelivered() ? "*" : ""));
        }
        return received;
    }

    @Test
    void closingConsumerReturnsUnseenMessagesToTheirPlace() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = sendColoured(session);
        MessageConsumer blue = session.createConsumer(queue, "color = 'blue' AND n > 1");
        assertEquals("m3", receive(blue).getBody(String.class)); // m5 is prefetched meanwhile
        blue.close();
        assertEquals(List.of("m0", "m1", "m2", "m4", "m5"), receiveAll(session.createConsumer(queue)));
    }

    @Test
    void recoveredMessagesTakeTheirPlace() throws Exception {
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = sendColoured(session);
        MessageConsumer blue = session.createConsumer(queue, "color = 'blue' AND n > 1");
        assertEquals("m3", receive(blue).getBody(String.class));
        blue.close(); // m3 stays with the session, m5 goes back unseen
        session.recover(); // m3 goes back, redelivered
        Session other = session(Session.AUTO_ACKNOWLEDGE);
        assertEquals(List.of("m0", "m1", "m2", "m3*", "m4", "m5"), receiveAll(other.createConsumer(queue)));
    }

    @Test
    void rolledBackMessagesTakeTheirPlace() throws Exception {
        Session sender = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = sendColoured(sender);
        Session transacted = session(Session.SESSION_TRANSACTED);
        MessageConsumer blue = transacted.createConsumer(queue, "color = 'blue' AND n > 1");
        assertEquals("m3", receive(blue).getBody(String.class));
        assertEquals("m5", receive(blue).getBody(String.class));
        blue.close();
        transacted.rollback();
        assertEquals(List.of("m0", "m1", "m2", "m3*", "m4", "m5*"), receiveAll(sender.createConsumer(queue)));
    }

    @Test
    void returnedMessagesKeepPriorityOrder() throws Exception {
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("priorities-" + System.nanoTime());
        MessageProducer producer = session.createProducer(queue);
        String[] bodies = {"low-a", "high-a", "low-b", "high-b"};
        int[] priorities = {2, 8, 2, 8};
        for (int i = 0; i < bodies.length; i++) {
            producer.send(session.createTextMessage(bodies[i]), DeliveryMode.PERSISTENT, priorities[i], 0);
        }
        MessageConsumer consumer = session.createConsumer(queue);
        assertEquals("high-a", receive(consumer).getBody(String.class));
        assertEquals("high-b", receive(consumer).getBody(String.class));
        consumer.close();
        session.recover();
        assertEquals(List.of("high-a*", "high-b*", "low-a", "low-b"),
                receiveAll(session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue)));
    }

    /**
     * Sends numbered messages from its own connection while the test consumes, keeping at most {@code ahead}
     * unconsumed, so that sends arrive while the consumer recovers or rolls back.
     */
    private final class ConcurrentSender implements AutoCloseable {
        final AtomicInteger consumed = new AtomicInteger();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;

        ConcurrentSender(Queue queue, int total, int ahead) throws JMSException {
            Session session = session(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            thread = new Thread(() -> {
                try {
                    for (int seq = 0; seq < total && !stop.get(); seq++) {
                        while (seq - consumed.get() > ahead && !stop.get()) {
                            Thread.onSpinWait();
                        }
                        Message message = session.createMessage();
                        message.setIntProperty("seq", seq);
                        producer.send(message);
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "concurrent-sender");
            thread.start();
        }

        @Override
        public void close() throws Exception {
            stop.set(true);
            thread.join(ARRIVES);
            if (failure.get() != null) {
                throw new AssertionError("the concurrent sender failed", failure.get());
            }
        }
    }

    /** One way of giving back the last message received: recover or rollback. */
    @FunctionalInterface
    private interface GiveBack {
        void run(Session session) throws JMSException;
    }

    /**
     * Consumes with {@code mode}; after each receive gives the message back and counts what came instead of it, then
     * consumes it (acknowledge, or commit).
     */
    private void stress(int mode, GiveBack giveBack) throws Exception {
        Queue queue = session(Session.AUTO_ACKNOWLEDGE).createQueue("stress-" + System.nanoTime());
        Connection connection = connection();
        Session session = connection.createSession(mode);
        MessageConsumer consumer = session.createConsumer(queue);
        int violations = 0;
        int notRedelivered = 0;
        try (ConcurrentSender sender = new ConcurrentSender(queue, ITERATIONS + 20, 10)) {
            for (int i = 0; i < ITERATIONS; i++) {
                int seq = receive(consumer).getIntProperty("seq");
                giveBack.run(session);
                Message again = receive(consumer);
                if (again.getIntProperty("seq") != seq) {
                    violations++;
                } else if (!again.getJMSRedelivered()) {
                    notRedelivered++;
                }
                if (mode == Session.SESSION_TRANSACTED) {
                    session.commit();
                } else {
                    again.acknowledge();
                }
                sender.consumed.incrementAndGet();
            }
        }
        System.out.printf("%s over %s: %d give-backs with a concurrent sender, %d order violations%n",
                mode == Session.SESSION_TRANSACTED ? "rollback" : "recover", TCP ? "tcp" : "vm", ITERATIONS,
                violations);
        assertEquals(0, violations, "messages delivered ahead of the oldest unacknowledged one");
        assertEquals(0, notRedelivered, "returned messages not marked redelivered");
    }

    @Test
    @Timeout(300)
    void recoverRestartsWithOldestUnacknowledgedUnderConcurrentSends() throws Exception {
        stress(Session.CLIENT_ACKNOWLEDGE, Session::recover);
    }

    @Test
    @Timeout(300)
    void rollbackRestartsWithOldestUnconsumedUnderConcurrentSends() throws Exception {
        stress(Session.SESSION_TRANSACTED, Session::rollback);
    }

    @Test
    void stoppedConnectionReturnsPrefetchedMessagesInPlace() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = sendColoured(session);
        Connection stopping = connection();
        MessageConsumer blue = stopping.createSession(Session.AUTO_ACKNOWLEDGE)
                .createConsumer(queue, "color = 'blue' AND n > 1");
        assertEquals("m3", receive(blue).getBody(String.class)); // m5 is prefetched meanwhile
        stopping.stop();
        assertEquals(List.of("m0", "m1", "m2", "m4", "m5"), receiveAll(session.createConsumer(queue)));
        assertNull(blue.receiveNoWait());
    }
}
