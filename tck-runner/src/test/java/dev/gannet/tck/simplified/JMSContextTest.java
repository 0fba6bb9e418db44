package dev.gannet.tck.simplified;

import dev.gannet.tck.support.ConformanceTest;
import jakarta.jms.*;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Spec 2.8 "Simplified API interfaces": JMSContext, JMSProducer, JMSConsumer. */
class JMSContextTest extends ConformanceTest {

    @Test
    @DisplayName("2.8 send(String) and receiveBody round trip with auto-start")
    void sendAndReceiveBody() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        JMSContext ctx = context();
        assertTrue(ctx.getAutoStart());
        ctx.createProducer().send(queue, "hello");
        assertEquals("hello", ctx.createConsumer(queue).receiveBody(String.class, RECEIVE_TIMEOUT));
    }

    @Test
    @DisplayName("2.8 With autoStart false nothing is delivered until start()")
    void autoStartFalse() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        JMSContext ctx = context();
        ctx.setAutoStart(false);
        assertFalse(ctx.getAutoStart());
        JMSConsumer consumer = ctx.createConsumer(queue);
        ctx.createProducer().send(queue, "x");
        assertNull(consumer.receive(ABSENT_TIMEOUT));
        ctx.start();
        assertNotNull(consumer.receive(RECEIVE_TIMEOUT));
    }

    @Test
    @DisplayName("7.10 JMSProducer methods chain and set properties and headers on sent messages")
    void producerChaining() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        Queue replyTo = queue("MY_QUEUE2");
        JMSContext ctx = context();
        JMSProducer producer = ctx.createProducer();
        assertSame(producer, producer.setProperty("s", "v").setProperty("i", 3).setJMSCorrelationID("c")
                .setJMSType("t").setJMSReplyTo(replyTo).setPriority(6).setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                .setTimeToLive(60_000));
        assertEquals(Set.of("s", "i"), Set.copyOf(producer.getPropertyNames()));
        assertTrue(producer.propertyExists("s"));
        assertEquals(6, producer.getPriority());
        assertEquals(DeliveryMode.NON_PERSISTENT, producer.getDeliveryMode());
        assertEquals(60_000, producer.getTimeToLive());
        assertEquals("c", producer.getJMSCorrelationID());
        assertEquals("t", producer.getJMSType());
        assertEquals(replyTo, producer.getJMSReplyTo());
        producer.send(queue, "body");
        Message m = ctx.createConsumer(queue).receive(RECEIVE_TIMEOUT);
        assertNotNull(m);
        assertEquals("v", m.getStringProperty("s"));
        assertEquals(3, m.getIntProperty("i"));
        assertEquals("c", m.getJMSCorrelationID());
        assertEquals("t", m.getJMSType());
        assertEquals(replyTo, m.getJMSReplyTo());
        assertEquals(6, m.getJMSPriority());
        assertEquals(DeliveryMode.NON_PERSISTENT, m.getJMSDeliveryMode());
        assertTrue(m.getJMSExpiration() > 0);
        producer.clearProperties();
        assertTrue(producer.getPropertyNames().isEmpty());
    }

    @Test
    @DisplayName("2.8 JMSProducer.send(body) creates the matching message type")
    void bodyTypes() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        JMSContext ctx = context();
        JMSProducer producer = ctx.createProducer();
        JMSConsumer consumer = ctx.createConsumer(queue);
        producer.send(queue, "s");
        assertInstanceOf(TextMessage.class, consumer.receive(RECEIVE_TIMEOUT));
        producer.send(queue, new byte[]{1});
        assertInstanceOf(BytesMessage.class, consumer.receive(RECEIVE_TIMEOUT));
        producer.send(queue, java.util.Map.of("k", 1));
        assertInstanceOf(MapMessage.class, consumer.receive(RECEIVE_TIMEOUT));
        producer.send(queue, Integer.valueOf(5));
        Message object = consumer.receive(RECEIVE_TIMEOUT);
        assertInstanceOf(ObjectMessage.class, object);
        assertEquals(5, object.getBody(Integer.class));
        producer.send(queue, ctx.createTextMessage("m"));
        assertEquals("m", consumer.receiveBody(String.class, RECEIVE_TIMEOUT));
    }

    @Test
    @DisplayName("2.8 createContext(sessionMode) on a context shares the connection; modes reported")
    void derivedContext() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        JMSContext ctx = context();
        assertEquals(JMSContext.AUTO_ACKNOWLEDGE, ctx.getSessionMode());
        JMSContext second = track(ctx.createContext(JMSContext.CLIENT_ACKNOWLEDGE));
        assertEquals(JMSContext.CLIENT_ACKNOWLEDGE, second.getSessionMode());
        second.createProducer().send(queue, "via second");
        assertEquals("via second", ctx.createConsumer(queue).receiveBody(String.class, RECEIVE_TIMEOUT));
        assertThrows(JMSRuntimeException.class, () -> ctx.createContext(99));
    }

    @Test
    @DisplayName("2.8 JMSContext: client ID and metadata; setClientID after use fails")
    void contextClientIdAndMetadata() throws JMSException {
        JMSContext ctx = context();
        assertEquals(3, ctx.getMetaData().getJMSMajorVersion());
        ctx.createProducer();
        assertThrows(IllegalStateRuntimeException.class, () -> ctx.setClientID("late"));
    }

    @Test
    @DisplayName("7.10 JMSProducer delivery delay and async send via setAsync")
    void producerDelayAndAsync() throws Exception {
        Queue queue = queue("MY_QUEUE");
        JMSContext ctx = context();
        JMSConsumer consumer = ctx.createConsumer(queue);
        java.util.concurrent.BlockingQueue<Object> done = new java.util.concurrent.LinkedBlockingQueue<>();
        JMSProducer producer = ctx.createProducer().setAsync(new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                done.add(message);
            }

            @Override
            public void onException(Message message, Exception exception) {
                done.add(exception);
            }
        });
        assertNotNull(producer.getAsync());
        producer.send(queue, "async");
        assertInstanceOf(TextMessage.class, done.poll(RECEIVE_TIMEOUT, java.util.concurrent.TimeUnit.MILLISECONDS));
        assertEquals("async", consumer.receiveBody(String.class, RECEIVE_TIMEOUT));
        JMSProducer delayed = ctx.createProducer().setDeliveryDelay(1000);
        assertEquals(1000, delayed.getDeliveryDelay());
        delayed.send(queue, "delayed");
        assertNull(consumer.receiveBody(String.class, 300));
        assertEquals("delayed", consumer.receiveBody(String.class, RECEIVE_TIMEOUT));
    }

    @Test
    @DisplayName("2.8 JMSContext browsers, temporary queues and shared consumers")
    void contextFactories() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        JMSContext ctx = context();
        ctx.createProducer().send(queue, "browse me");
        assertEquals(1, Collections.list(ctx.createBrowser(queue).getEnumeration()).size());
        TemporaryQueue temporary = ctx.createTemporaryQueue();
        ctx.createProducer().send(temporary, "t");
        assertEquals("t", ctx.createConsumer(temporary).receiveBody(String.class, RECEIVE_TIMEOUT));
        Topic topic = topic("MY_TOPIC");
        JMSConsumer shared = ctx.createSharedConsumer(topic, "tckCtxShared");
        ctx.createProducer().send(topic, "shared");
        assertEquals("shared", shared.receiveBody(String.class, RECEIVE_TIMEOUT));
    }
}
