package dev.gannet.tck.sending;

import dev.gannet.tck.support.ConformanceTest;
import jakarta.jms.*;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Spec 7 "Sending messages": synchronous and asynchronous send, delivery options. */
class SendTest extends ConformanceTest {

    private static String text(Message m) throws JMSException {
        assertNotNull(m, "message must arrive");
        return ((TextMessage) m).getText();
    }

    @Test
    @DisplayName("7.1 An anonymous producer sends to the destination given per send")
    void anonymousProducer() throws JMSException {
        Queue q1 = queue("testQ0");
        Queue q2 = queue("testQ1");
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer anonymous = s.createProducer(null);
        anonymous.send(q1, s.createTextMessage("one"));
        anonymous.send(q2, s.createTextMessage("two"), DeliveryMode.NON_PERSISTENT, 6, 0);
        assertEquals("one", text(receive(s.createConsumer(q1))));
        Message m = receive(s.createConsumer(q2));
        assertEquals("two", text(m));
        assertEquals(6, m.getJMSPriority());
    }

    @Test
    @DisplayName("7.1 Destination/producer mismatch: UnsupportedOperationException and InvalidDestinationException")
    void producerDestinationRules() throws JMSException {
        Queue queue = queue("testQ0");
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer identified = s.createProducer(queue);
        MessageProducer anonymous = s.createProducer(null);
        Message m = s.createMessage();
        assertThrows(UnsupportedOperationException.class, () -> identified.send(queue, m));
        assertThrows(UnsupportedOperationException.class, () -> anonymous.send(m));
        assertThrows(InvalidDestinationException.class, () -> anonymous.send(null, m));
    }

    @Test
    @DisplayName("7.2 A closed producer refuses to send with IllegalStateException; close is idempotent")
    void closedProducer() throws JMSException {
        Queue queue = queue("testQ0");
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(queue);
        p.close();
        p.close();
        assertThrows(jakarta.jms.IllegalStateException.class, () -> p.send(s.createMessage()));
    }

    @Test
    @DisplayName("7.2 / 3.9 A message object may be changed and sent again; the first send is unaffected")
    void resendingAModifiedMessage() throws JMSException {
        Queue queue = queue("testQ0");
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(queue);
        TextMessage m = s.createTextMessage("first");
        p.send(m);
        String firstId = m.getJMSMessageID();
        m.setText("second");
        p.send(m);
        assertNotEquals(firstId, m.getJMSMessageID());
        MessageConsumer consumer = s.createConsumer(queue);
        assertEquals("first", text(receive(consumer)));
        assertEquals("second", text(receive(consumer)));
    }

    @Test
    @DisplayName("7.9 Delivery delay: the message is not delivered before JMSDeliveryTime")
    void deliveryDelay() throws JMSException {
        Queue queue = queue("testQ0");
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(queue);
        p.setDeliveryDelay(1500);
        long sent = System.currentTimeMillis();
        p.send(s.createTextMessage("later"));
        MessageConsumer consumer = s.createConsumer(queue);
        assertNull(consumer.receive(500), "delivered before its delivery delay");
        Message m = receive(consumer);
        assertEquals("later", text(m));
        assertTrue(System.currentTimeMillis() - sent >= 1500);
    }

    @Test
    @DisplayName("7.3 Asynchronous send calls the CompletionListener with the sent message")
    void asyncSendCompletes() throws Exception {
        Queue queue = queue("testQ0");
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(queue);
        BlockingQueue<Object> done = new LinkedBlockingQueue<>();
        TextMessage m = s.createTextMessage("async");
        p.send(m, new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                done.add(message);
            }

            @Override
            public void onException(Message message, Exception exception) {
                done.add(exception);
            }
        });
        Object outcome = done.poll(RECEIVE_TIMEOUT, TimeUnit.MILLISECONDS);
        assertSame(m, outcome, "onCompletion receives the message passed to send");
        assertNotNull(m.getJMSMessageID());
        assertEquals("async", text(receive(s.createConsumer(queue))));
    }

    @Test
    @DisplayName("7.3.8 Completion callbacks run in send order")
    void asyncSendCallbackOrder() throws Exception {
        Queue queue = queue("testQ0");
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(queue);
        BlockingQueue<Integer> order = new LinkedBlockingQueue<>();
        for (int i = 0; i < 20; i++) {
            Message m = s.createMessage();
            m.setIntProperty("seq", i);
            p.send(m, new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    try {
                        order.add(message.getIntProperty("seq"));
                    } catch (JMSException e) {
                        order.add(-1);
                    }
                }

                @Override
                public void onException(Message message, Exception exception) {
                    order.add(-2);
                }
            });
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(i, order.poll(RECEIVE_TIMEOUT, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    @DisplayName("7.3.5 close/commit from a CompletionListener on its own session/producer throw IllegalStateException")
    void callbackMayNotCloseItsProducer() throws Exception {
        Queue queue = queue("testQ0");
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(queue);
        BlockingQueue<Object> outcome = new LinkedBlockingQueue<>();
        p.send(s.createMessage(), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    p.close();
                    outcome.add("closed");
                } catch (JMSException e) {
                    outcome.add(e);
                }
                try {
                    s.close();
                    outcome.add("closed");
                } catch (JMSException e) {
                    outcome.add(e);
                }
            }

            @Override
            public void onException(Message message, Exception exception) {
                outcome.add(exception);
            }
        });
        assertInstanceOf(jakarta.jms.IllegalStateException.class, outcome.poll(RECEIVE_TIMEOUT, TimeUnit.MILLISECONDS));
        assertInstanceOf(jakarta.jms.IllegalStateException.class, outcome.poll(RECEIVE_TIMEOUT, TimeUnit.MILLISECONDS));
    }

    @Test
    @DisplayName("7.3 A null CompletionListener is refused with IllegalArgumentException")
    void nullCompletionListener() throws JMSException {
        Queue queue = queue("testQ0");
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(queue);
        assertThrows(IllegalArgumentException.class, () -> p.send(s.createMessage(), null));
    }

    @Test
    @DisplayName("7.8 Time-to-live set on the producer applies; 0 means unlimited")
    void timeToLive() throws JMSException {
        Queue queue = queue("testQ0");
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(queue);
        assertEquals(0L, p.getTimeToLive());
        p.send(s.createMessage(), DeliveryMode.PERSISTENT, 4, 30_000);
        Message m = receive(s.createConsumer(queue));
        assertNotNull(m);
        assertEquals(m.getJMSTimestamp() + 30_000, m.getJMSExpiration());
    }

    @Test
    @DisplayName("7.7 Persistent messages survive a new connection; non-persistent are delivered too")
    void deliveryModes() throws JMSException {
        Queue queue = queue("testQ0");
        try (Connection c = cf().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(queue);
            p.send(s.createTextMessage("p"), DeliveryMode.PERSISTENT, 4, 0);
            p.send(s.createTextMessage("np"), DeliveryMode.NON_PERSISTENT, 4, 0);
        }
        MessageConsumer consumer = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE)
                .createConsumer(queue);
        Message p = receive(consumer);
        Message np = receive(consumer);
        assertEquals("p", text(p));
        assertEquals(DeliveryMode.PERSISTENT, p.getJMSDeliveryMode());
        assertEquals("np", text(np));
        assertEquals(DeliveryMode.NON_PERSISTENT, np.getJMSDeliveryMode());
    }
}
