package dev.gannet.tck.messagemodel;

import dev.gannet.tck.support.ConformanceTest;
import jakarta.jms.*;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Spec 3.4 "Message header fields" and 3.4.11 "How message header values are set". */
class MessageHeadersTest extends ConformanceTest {

    private Session session;
    private MessageProducer producer;
    private MessageConsumer consumer;
    private Queue queue;

    private void open() throws JMSException {
        queue = queue("MY_QUEUE");
        Connection connection = startedConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(queue);
        consumer = session.createConsumer(queue);
    }

    private Message roundTrip(Message message) throws JMSException {
        producer.send(message);
        Message received = receive(consumer);
        assertNotNull(received, "message must arrive");
        return received;
    }

    @Test
    @DisplayName("3.4.1 JMSDestination is set by send to the destination sent to")
    void jmsDestinationIsTheDestinationSentTo() throws JMSException {
        open();
        Message message = session.createMessage();
        Message received = roundTrip(message);
        assertEquals(queue, received.getJMSDestination());
        assertEquals(queue, message.getJMSDestination(), "3.9: the sent message carries JMSDestination after send");
        assertEquals("MY_QUEUE", ((Queue) received.getJMSDestination()).getQueueName());
    }

    @Test
    @DisplayName("3.4.2 JMSDeliveryMode defaults to PERSISTENT and follows the producer")
    void jmsDeliveryModeFollowsProducer() throws JMSException {
        open();
        assertEquals(DeliveryMode.PERSISTENT, producer.getDeliveryMode());
        assertEquals(DeliveryMode.PERSISTENT, roundTrip(session.createMessage()).getJMSDeliveryMode());
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        assertEquals(DeliveryMode.NON_PERSISTENT, producer.getDeliveryMode());
        assertEquals(DeliveryMode.NON_PERSISTENT, roundTrip(session.createMessage()).getJMSDeliveryMode());
    }

    @Test
    @DisplayName("3.4.3 JMSMessageID starts with 'ID:' and is unique per message")
    void jmsMessageIdIsPrefixedAndUnique() throws JMSException {
        open();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Message sent = session.createMessage();
            producer.send(sent);
            assertNotNull(sent.getJMSMessageID());
            assertTrue(sent.getJMSMessageID().startsWith("ID:"), sent.getJMSMessageID());
            assertTrue(ids.add(sent.getJMSMessageID()), "duplicate id " + sent.getJMSMessageID());
        }
        for (int i = 0; i < 20; i++) {
            Message received = receive(consumer);
            assertNotNull(received);
            assertTrue(ids.contains(received.getJMSMessageID()), "received id equals the sent one");
        }
    }

    @Test
    @DisplayName("3.4.4 JMSTimestamp is the time the message was handed to send")
    void jmsTimestampIsSendTime() throws JMSException {
        open();
        long before = System.currentTimeMillis();
        Message sent = session.createMessage();
        producer.send(sent);
        long after = System.currentTimeMillis();
        Message received = receive(consumer);
        assertNotNull(received);
        assertTrue(received.getJMSTimestamp() >= before && received.getJMSTimestamp() <= after,
                "timestamp " + received.getJMSTimestamp() + " not in [" + before + ", " + after + "]");
        assertEquals(sent.getJMSTimestamp(), received.getJMSTimestamp());
    }

    @Test
    @DisplayName("3.4.5 JMSCorrelationID (string) is carried unchanged")
    void jmsCorrelationIdRoundTrips() throws JMSException {
        open();
        Message message = session.createMessage();
        message.setJMSCorrelationID("order-4711");
        assertEquals("order-4711", roundTrip(message).getJMSCorrelationID());
        Message none = roundTrip(session.createMessage());
        assertNull(none.getJMSCorrelationID());
    }

    @Test
    @DisplayName("3.4.6 JMSReplyTo carries a queue, a topic or a temporary queue")
    void jmsReplyToRoundTrips() throws JMSException {
        open();
        Message m1 = session.createMessage();
        m1.setJMSReplyTo(queue("MY_QUEUE2"));
        assertEquals(queue("MY_QUEUE2"), roundTrip(m1).getJMSReplyTo());
        Message m2 = session.createMessage();
        m2.setJMSReplyTo(topic("MY_TOPIC"));
        assertEquals(topic("MY_TOPIC"), roundTrip(m2).getJMSReplyTo());
        TemporaryQueue temporary = session.createTemporaryQueue();
        Message m3 = session.createMessage();
        m3.setJMSReplyTo(temporary);
        Destination replyTo = roundTrip(m3).getJMSReplyTo();
        assertEquals(temporary, replyTo);
        assertInstanceOf(TemporaryQueue.class, replyTo);
        assertNull(roundTrip(session.createMessage()).getJMSReplyTo());
    }

    @Test
    @DisplayName("3.4.7 JMSRedelivered is false on first delivery")
    void jmsRedeliveredFalseOnFirstDelivery() throws JMSException {
        open();
        assertFalse(roundTrip(session.createMessage()).getJMSRedelivered());
    }

    @Test
    @DisplayName("3.4.8 JMSType is carried unchanged")
    void jmsTypeRoundTrips() throws JMSException {
        open();
        Message message = session.createMessage();
        message.setJMSType("invoice");
        assertEquals("invoice", roundTrip(message).getJMSType());
    }

    @Test
    @DisplayName("3.4.9 JMSExpiration is 0 without time-to-live, timestamp + ttl otherwise")
    void jmsExpirationFromTimeToLive() throws JMSException {
        open();
        assertEquals(0L, roundTrip(session.createMessage()).getJMSExpiration());
        producer.setTimeToLive(60_000);
        assertEquals(60_000, producer.getTimeToLive());
        Message received = roundTrip(session.createMessage());
        assertEquals(received.getJMSTimestamp() + 60_000, received.getJMSExpiration());
    }

    @Test
    @DisplayName("3.4.9 An expired message is not delivered")
    void expiredMessageIsNotDelivered() throws Exception {
        open();
        producer.send(session.createTextMessage("short-lived"), DeliveryMode.NON_PERSISTENT, 4, 1);
        producer.send(session.createTextMessage("long-lived"));
        Thread.sleep(50); // let the 1 ms time-to-live pass
        TextMessage received = (TextMessage) receive(consumer);
        assertNotNull(received);
        assertEquals("long-lived", received.getText());
        assertNull(consumer.receive(ABSENT_TIMEOUT));
    }

    @Test
    @DisplayName("3.4.10 JMSPriority defaults to 4 and follows the producer and send arguments")
    void jmsPriorityFollowsProducer() throws JMSException {
        open();
        assertEquals(4, producer.getPriority());
        assertEquals(4, roundTrip(session.createMessage()).getJMSPriority());
        producer.setPriority(7);
        assertEquals(7, roundTrip(session.createMessage()).getJMSPriority());
        producer.send(session.createMessage(), DeliveryMode.NON_PERSISTENT, 2, 0);
        Message received = receive(consumer);
        assertEquals(2, received.getJMSPriority());
        assertEquals(DeliveryMode.NON_PERSISTENT, received.getJMSDeliveryMode());
    }

    @Test
    @DisplayName("3.4.11 Headers set by send override values the client set on the message")
    void sendOverridesClientSetHeaders() throws JMSException {
        open();
        Message message = session.createMessage();
        message.setJMSPriority(9);
        message.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        message.setJMSExpiration(12345L);
        message.setJMSMessageID("ID:client-chosen");
        message.setJMSTimestamp(1L);
        message.setJMSDestination(queue("MY_QUEUE2"));
        Message received = roundTrip(message);
        assertEquals(4, received.getJMSPriority());
        assertEquals(DeliveryMode.PERSISTENT, received.getJMSDeliveryMode());
        assertEquals(0L, received.getJMSExpiration());
        assertNotEquals("ID:client-chosen", received.getJMSMessageID());
        assertNotEquals(1L, received.getJMSTimestamp());
        assertEquals(queue, received.getJMSDestination());
    }

    @Test
    @DisplayName("3.4.12 JMSDeliveryTime is send time plus delivery delay")
    void jmsDeliveryTimeIsSendTimePlusDelay() throws JMSException {
        open();
        long before = System.currentTimeMillis();
        Message plain = roundTrip(session.createMessage());
        assertTrue(plain.getJMSDeliveryTime() >= before, "delivery time without delay is the send time");
        producer.setDeliveryDelay(200);
        assertEquals(200, producer.getDeliveryDelay());
        Message delayed = roundTrip(session.createMessage());
        assertEquals(delayed.getJMSTimestamp() + 200, delayed.getJMSDeliveryTime());
    }

    @Test
    @DisplayName("3.4 Header setters and getters on an unsent message keep their values")
    void headerAccessorsOnNewMessage() throws JMSException {
        open();
        Message message = session.createMessage();
        message.setJMSType("t");
        message.setJMSCorrelationID("c");
        message.setJMSPriority(3);
        message.setJMSRedelivered(true);
        assertEquals("t", message.getJMSType());
        assertEquals("c", message.getJMSCorrelationID());
        assertEquals(3, message.getJMSPriority());
        assertTrue(message.getJMSRedelivered());
    }
}
