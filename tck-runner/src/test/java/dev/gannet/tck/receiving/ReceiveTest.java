package dev.gannet.tck.receiving;

import dev.gannet.tck.support.ConformanceTest;
import jakarta.jms.*;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** Spec 8 "Receiving messages": synchronous receive, receiveBody, listeners, consumer close. */
class ReceiveTest extends ConformanceTest {

    @Test
    @DisplayName("8.5 receiveNoWait returns null on an empty queue; receive(timeout) returns null after the timeout")
    void receiveOnEmptyQueue() throws JMSException {
        Queue queue = queue("testQ1");
        MessageConsumer consumer = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        assertNull(consumer.receiveNoWait());
        long start = System.currentTimeMillis();
        assertNull(consumer.receive(300));
        assertTrue(System.currentTimeMillis() - start >= 250, "receive(timeout) waits about the timeout");
    }

    @Test
    @DisplayName("8.5 receive() blocks until a message arrives")
    void receiveBlocksUntilArrival() throws Exception {
        Queue queue = queue("testQ1");
        MessageConsumer consumer = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        BlockingQueue<Object> result = new LinkedBlockingQueue<>();
        Thread receiver = new Thread(() -> {
            try {
                result.add(consumer.receive());
            } catch (Throwable e) {
                result.add(e);
            }
        });
        receiver.start();
        assertNull(result.poll(ABSENT_TIMEOUT, TimeUnit.MILLISECONDS));
        Session sender = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        sender.createProducer(queue).send(sender.createTextMessage("wake"));
        Object got = result.poll(RECEIVE_TIMEOUT, TimeUnit.MILLISECONDS);
        assertInstanceOf(TextMessage.class, got);
        assertEquals("wake", ((TextMessage) got).getText());
    }

    @Test
    @DisplayName("8.7 A MessageListener receives messages asynchronously, in order, one at a time")
    void listenerReceivesSerially() throws Exception {
        Queue queue = queue("testQ1");
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(queue);
        BlockingQueue<Integer> got = new LinkedBlockingQueue<>();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        MessageListener listener = m -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            try {
                got.add(m.getIntProperty("seq"));
            } catch (JMSException e) {
                got.add(-1);
            }
            inside.decrementAndGet();
        };
        consumer.setMessageListener(listener);
        assertSame(listener, consumer.getMessageListener());
        c.start();
        MessageProducer p = s.createProducer(queue);
        for (int i = 0; i < 20; i++) {
            Message m = s.createMessage();
            m.setIntProperty("seq", i);
            p.send(m);
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(i, got.poll(RECEIVE_TIMEOUT, TimeUnit.MILLISECONDS));
        }
        assertEquals(0, overlaps.get(), "6.2.13 serial execution of listeners of one session");
    }

    @Test
    @DisplayName("8.7 A listener that throws RuntimeException in AUTO_ACKNOWLEDGE gets the message redelivered")
    void listenerRuntimeExceptionRedelivers() throws Exception {
        Queue queue = queue("testQ1");
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        BlockingQueue<Boolean> redeliveredFlags = new LinkedBlockingQueue<>();
        s.createConsumer(queue).setMessageListener(m -> {
            try {
                redeliveredFlags.add(m.getJMSRedelivered());
                if (!m.getJMSRedelivered()) {
                    throw new RuntimeException("listener failure (expected by the test)");
                }
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        c.start();
        s.createProducer(queue).send(s.createTextMessage("x"));
        assertEquals(Boolean.FALSE, redeliveredFlags.poll(RECEIVE_TIMEOUT, TimeUnit.MILLISECONDS));
        assertEquals(Boolean.TRUE, redeliveredFlags.poll(RECEIVE_TIMEOUT, TimeUnit.MILLISECONDS));
        assertNull(redeliveredFlags.poll(ABSENT_TIMEOUT, TimeUnit.MILLISECONDS));
    }

    @Test
    @DisplayName("8.8 Closing a consumer returns null to a blocked receive; a closed consumer refuses use")
    void consumerClose() throws Exception {
        Queue queue = queue("testQ1");
        MessageConsumer consumer = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        BlockingQueue<Object> result = new LinkedBlockingQueue<>();
        Thread receiver = new Thread(() -> {
            try {
                Message m = consumer.receive();
                result.add(m == null ? "null" : m);
            } catch (Throwable e) {
                result.add(e);
            }
        });
        receiver.start();
        assertNull(result.poll(ABSENT_TIMEOUT, TimeUnit.MILLISECONDS));
        consumer.close();
        assertEquals("null", result.poll(RECEIVE_TIMEOUT, TimeUnit.MILLISECONDS));
        consumer.close();
        assertThrows(jakarta.jms.IllegalStateException.class, consumer::receiveNoWait);
        assertThrows(jakarta.jms.IllegalStateException.class, () -> consumer.receive(10));
        assertThrows(jakarta.jms.IllegalStateException.class, () -> consumer.setMessageListener(null));
    }

    @Test
    @DisplayName("8.8 A consumer may be closed from its own MessageListener")
    void closeFromOwnListener() throws Exception {
        Queue queue = queue("testQ1");
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(queue);
        BlockingQueue<Object> outcome = new LinkedBlockingQueue<>();
        consumer.setMessageListener(m -> {
            try {
                consumer.close();
                outcome.add("closed");
            } catch (Throwable e) {
                outcome.add(e);
            }
        });
        c.start();
        s.createProducer(queue).send(s.createMessage());
        assertEquals("closed", outcome.poll(RECEIVE_TIMEOUT, TimeUnit.MILLISECONDS));
    }

    @Test
    @DisplayName("8.6 JMSConsumer.receiveBody returns the body; a wrong type throws MessageFormatRuntimeException and keeps the message")
    void receiveBody() {
        Queue queue = queue("testQ1");
        JMSContext ctx = context();
        JMSConsumer consumer = ctx.createConsumer(queue);
        ctx.createProducer().send(queue, "body");
        assertEquals("body", consumer.receiveBody(String.class, RECEIVE_TIMEOUT));
        ctx.createProducer().send(queue, "typed");
        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(byte[].class, RECEIVE_TIMEOUT));
        assertEquals("typed", consumer.receiveBody(String.class, RECEIVE_TIMEOUT),
                "8.6: in AUTO_ACKNOWLEDGE the message is delivered again after a conversion failure");
        assertNull(consumer.receiveBodyNoWait(String.class));
        ctx.createProducer().send(queue, new byte[]{1, 2});
        assertArrayEquals(new byte[]{1, 2}, consumer.receiveBody(byte[].class, RECEIVE_TIMEOUT));
        ctx.createProducer().send(queue, java.util.Map.of("k", "v"));
        assertEquals(java.util.Map.of("k", "v"), consumer.receiveBody(java.util.Map.class, RECEIVE_TIMEOUT));
    }

    @Test
    @DisplayName("8.7 A listener set on a JMSConsumer receives messages")
    void contextListener() throws Exception {
        Queue queue = queue("testQ1");
        JMSContext ctx = context();
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        JMSConsumer consumer = ctx.createConsumer(queue);
        consumer.setMessageListener(m -> {
            try {
                got.add(m.getBody(String.class));
            } catch (JMSException e) {
                got.add("error");
            }
        });
        assertNotNull(consumer.getMessageListener());
        ctx.createProducer().send(queue, "async");
        assertEquals("async", got.poll(RECEIVE_TIMEOUT, TimeUnit.MILLISECONDS));
    }
}
