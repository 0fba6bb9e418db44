package dev.gannet.integration;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Header fields and JMSX properties the provider sets (spec 3.4, 3.5.9, 3.5.11): values the sender cannot choose,
 * hints it may give, and what the receiver sees on first delivery.
 */
class HeaderRulesTest extends BrokerTestSupport {

    /** Spec 3.4.3: with the hint accepted the ID is null, with it ignored it is a normal "ID:" value. */
    private static void assertNullOrProviderId(String messageId) {
        assertTrue(messageId == null || messageId.startsWith("ID:"), "JMSMessageID " + messageId);
    }

    /** Spec 3.4.4: with the hint accepted the timestamp is 0, with it ignored the time of the send call. */
    private static void assertZeroOrSendTime(long timestamp, long before, long after) {
        assertTrue(timestamp == 0 || (timestamp >= before && timestamp <= after),
                "JMSTimestamp " + timestamp + " is neither 0 nor in [" + before + ", " + after + "]");
    }

    @Test
    void sendWithMessageIdDisabledSucceedsAndTheIdIsNullOrAProviderId() throws Exception { // spec 3.4.3
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("no-ids");
        MessageProducer producer = session.createProducer(queue);
        producer.setDisableMessageID(true);
        assertTrue(producer.getDisableMessageID());
        TextMessage sent = session.createTextMessage("anonymous");
        producer.send(sent);
        assertNullOrProviderId(sent.getJMSMessageID());
        Message received = receive(session.createConsumer(queue));
        assertEquals(sent.getJMSMessageID(), received.getJMSMessageID());
    }

    @Test
    void jmsProducerSendWithMessageIdDisabledSucceedsAndTheIdIsNullOrAProviderId() throws Exception { // 3.4.3
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = context.createQueue("no-ids-simple");
        TextMessage sent = context.createTextMessage("anonymous");
        context.createProducer().setDisableMessageID(true).send(queue, sent);
        assertNullOrProviderId(sent.getJMSMessageID());
        assertEquals(sent.getJMSMessageID(), context.createConsumer(queue).receive(ARRIVES).getJMSMessageID());
    }

    @Test
    void sendWithTimestampDisabledGivesZeroOrTheSendTime() throws Exception { // spec 3.4.4
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("no-timestamps");
        MessageProducer producer = session.createProducer(queue);
        producer.setDisableMessageTimestamp(true);
        assertTrue(producer.getDisableMessageTimestamp());
        TextMessage sent = session.createTextMessage("timeless");
        long before = System.currentTimeMillis();
        producer.send(sent);
        long after = System.currentTimeMillis();
        assertZeroOrSendTime(sent.getJMSTimestamp(), before, after);
        assertEquals(sent.getJMSTimestamp(), receive(session.createConsumer(queue)).getJMSTimestamp());

        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue other = context.createQueue("no-timestamps-simple");
        TextMessage simple = context.createTextMessage("timeless too");
        before = System.currentTimeMillis();
        context.createProducer().setDisableMessageTimestamp(true).send(other, simple);
        after = System.currentTimeMillis();
        assertZeroOrSendTime(simple.getJMSTimestamp(), before, after);
        assertEquals(simple.getJMSTimestamp(), context.createConsumer(other).receive(ARRIVES).getJMSTimestamp());
    }

    @Test
    void timestampIsTheTimeOfTheSendCallAndIdsAreUnique() throws Exception { // spec 3.4.3, 3.4.4
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("stamped"));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            TextMessage message = session.createTextMessage("m" + i);
            long before = System.currentTimeMillis();
            producer.send(message);
            long after = System.currentTimeMillis();
            assertTrue(message.getJMSTimestamp() >= before && message.getJMSTimestamp() <= after);
            assertTrue(message.getJMSMessageID().startsWith("ID:"), message.getJMSMessageID());
            assertTrue(ids.add(message.getJMSMessageID()), "duplicate JMSMessageID " + message.getJMSMessageID());
        }
    }

    @Test
    void connectionMetaDataListsTheMandatoryJmsxProperties() throws Exception { // spec 3.5.9, 6.1.6
        @SuppressWarnings("unchecked")
        List<String> classic = Collections.list(
                (java.util.Enumeration<String>) connection().getMetaData().getJMSXPropertyNames());
        assertTrue(classic.containsAll(List.of("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq")), classic.toString());
        @SuppressWarnings("unchecked")
        List<String> simple = Collections.list(
                (java.util.Enumeration<String>) context(JMSContext.AUTO_ACKNOWLEDGE).getMetaData()
                        .getJMSXPropertyNames());
        assertTrue(simple.containsAll(List.of("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq")), simple.toString());
    }

    @Test
    void firstDeliveryIsMarkedNotRedeliveredWithDeliveryCountOne() throws Exception { // spec 3.4.7, 3.5.11
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("first-time");
        MessageConsumer subscriber = session.createConsumer(topic);
        Session listening = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        CompletableFuture<Message> heard = new CompletableFuture<>();
        listening.createConsumer(topic).setMessageListener(heard::complete);
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        JMSConsumer simple = context.createConsumer(topic);
        session.createProducer(topic).send(session.createTextMessage("once"));
        for (Message message : List.of(receive(subscriber), heard.get(ARRIVES, TimeUnit.MILLISECONDS),
                simple.receive(ARRIVES))) {
            assertFalse(message.getJMSRedelivered());
            assertTrue(message.propertyExists("JMSXDeliveryCount"));
            assertEquals(1, message.getIntProperty("JMSXDeliveryCount"));
        }
    }

    @Test
    void sendOverwritesProviderSetHeadersAndTheSenderSeesTheValuesSent() throws Exception { // spec 3.4.11
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("overwritten");
        Queue elsewhere = session.createQueue("elsewhere");
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        producer.setPriority(6);
        producer.setTimeToLive(60_000);
        producer.setDeliveryDelay(10);
        TextMessage sent = session.createTextMessage("stamped by the provider");
        sent.setJMSMessageID("ID:chosen-by-the-client");
        sent.setJMSTimestamp(1);
        sent.setJMSDestination(elsewhere);
        sent.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        sent.setJMSPriority(0);
        sent.setJMSExpiration(2);
        sent.setJMSDeliveryTime(3);
        sent.setJMSRedelivered(true);
        long before = System.currentTimeMillis();
        producer.send(sent);
        assertNotEquals("ID:chosen-by-the-client", sent.getJMSMessageID());
        assertTrue(sent.getJMSTimestamp() >= before);
        assertEquals(queue, sent.getJMSDestination());
        assertEquals(DeliveryMode.NON_PERSISTENT, sent.getJMSDeliveryMode());
        assertEquals(6, sent.getJMSPriority());
        assertEquals(sent.getJMSTimestamp() + 60_000, sent.getJMSExpiration());
        assertEquals(sent.getJMSTimestamp() + 10, sent.getJMSDeliveryTime());
        assertHeadersArrivedAsSent(sent, receive(session.createConsumer(queue)));
    }

    @Test
    void jmsProducerSendSetsHeadersOnTheSendersMessage() throws Exception { // spec 3.4.11, 7.6
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = context.createQueue("overwritten-simple");
        Queue replyTo = context.createQueue("replies");
        TextMessage sent = context.createTextMessage("stamped");
        sent.setJMSMessageID("ID:chosen-by-the-client");
        sent.setJMSPriority(0);
        context.createProducer().setPriority(8).setDeliveryMode(DeliveryMode.NON_PERSISTENT).setTimeToLive(60_000)
                .setJMSCorrelationID("corr-9").setJMSType("kind").setJMSReplyTo(replyTo).send(queue, sent);
        assertNotEquals("ID:chosen-by-the-client", sent.getJMSMessageID());
        assertEquals(queue, sent.getJMSDestination());
        assertEquals(8, sent.getJMSPriority());
        assertEquals(DeliveryMode.NON_PERSISTENT, sent.getJMSDeliveryMode());
        assertEquals(sent.getJMSTimestamp() + 60_000, sent.getJMSExpiration());
        Message received = context.createConsumer(queue).receive(ARRIVES);
        assertHeadersArrivedAsSent(sent, received);
        assertEquals("corr-9", received.getJMSCorrelationID());
        assertEquals("kind", received.getJMSType());
        assertEquals(replyTo, received.getJMSReplyTo());
    }

    private static void assertHeadersArrivedAsSent(Message sent, Message received) throws Exception {
        assertEquals(sent.getJMSMessageID(), received.getJMSMessageID());
        assertEquals(sent.getJMSTimestamp(), received.getJMSTimestamp());
        assertEquals(sent.getJMSDestination(), received.getJMSDestination());
        assertEquals(sent.getJMSDeliveryMode(), received.getJMSDeliveryMode());
        assertEquals(sent.getJMSPriority(), received.getJMSPriority());
        assertEquals(sent.getJMSExpiration(), received.getJMSExpiration());
        assertEquals(sent.getJMSDeliveryTime(), received.getJMSDeliveryTime());
        assertFalse(received.getJMSRedelivered(), "JMSRedelivered is set by the provider before delivery");
    }
}
