package dev.gannet.integration;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gannet.integration.Bodies.browse;
import static dev.gannet.integration.Bodies.assertReceives;
import static dev.gannet.integration.Bodies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Time-to-live (spec 3.4.9 JMSExpiration, 7.8) and delivery delay (spec 3.4.13 JMSDeliveryTime, 7.9): an expired
 * message is never delivered or browsed; a delayed one is neither delivered nor browsed before its delivery time, and
 * is after it; both rules hold across a broker restart.
 */
class MessageTimeTest extends BrokerTestSupport {

    private static final long TTL = 100;
    /** Long enough that "not before" is meaningful on a busy machine, short enough to keep the tests quick. */
    private static final long DELAY = 1500;

    /** Asserts that nothing arrives until shortly before {@code deliveryTime}, then that the message does arrive. */
    private static Message receiveNotBefore(MessageConsumer consumer, long deliveryTime) throws JMSException {
        long early = deliveryTime - System.currentTimeMillis() - 50;
        if (early > 0) {
            assertNull(consumer.receive(early), "delivered before its delivery time (spec 3.4.13)");
        }
        Message message = receive(consumer);
        assertTrue(System.currentTimeMillis() >= deliveryTime, "delivered before its delivery time (spec 3.4.13)");
        return message;
    }

    @Test
    void expiredMessageIsNeverDelivered() throws Exception { // spec 3.4.9, 7.8
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("perishable");
        MessageProducer producer = session.createProducer(queue);
        producer.setTimeToLive(TTL);
        TextMessage perishable = session.createTextMessage("perishable");
        producer.send(perishable);
        TextMessage volatilePerishable = session.createTextMessage("non-persistent perishable");
        producer.send(volatilePerishable, DeliveryMode.NON_PERSISTENT, 4, TTL);
        producer.setTimeToLive(0);
        producer.send(session.createTextMessage("fresh"));
        Deadline.passTime(volatilePerishable.getJMSExpiration() + 1);
        assertReceives(List.of("fresh"), session.createConsumer(queue));
    }

    @Test
    void expiredMessageSentWithAJmsProducerIsNeverDelivered() throws Exception { // spec 3.4.9, 7.8
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        context.setClientID("perishable-reader");
        Topic topic = context.createTopic("perishable-news");
        JMSConsumer subscriber = context.createDurableConsumer(topic, "late-reader");
        subscriber.close();
        TextMessage perishable = context.createTextMessage("perishable");
        context.createProducer().setTimeToLive(TTL).send(topic, perishable);
        context.createProducer().send(topic, "fresh");
        Deadline.passTime(perishable.getJMSExpiration() + 1);
        assertReceives(List.of("fresh"), context.createDurableConsumer(topic, "late-reader"));
    }

    @Test
    void jmsExpirationIsTimestampPlusTimeToLiveOrZeroForNoExpiry() throws Exception { // spec 3.4.9
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("expiration-header");
        MessageProducer producer = session.createProducer(queue);
        TextMessage forever = session.createTextMessage("forever");
        producer.send(forever);
        TextMessage hour = session.createTextMessage("an hour");
        producer.send(hour, DeliveryMode.PERSISTENT, 4, 3_600_000);
        assertEquals(0, forever.getJMSExpiration());
        assertEquals(hour.getJMSTimestamp() + 3_600_000, hour.getJMSExpiration());
        MessageConsumer consumer = session.createConsumer(queue);
        assertEquals(0, receive(consumer).getJMSExpiration());
        assertEquals(hour.getJMSExpiration(), receive(consumer).getJMSExpiration(), "received value is the sent one");
    }

    @Test
    void expiredMessagesAreNotBrowsable() throws Exception { // spec 3.4.9, 4.1.6
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = context.createQueue("perishable-browse");
        TextMessage perishable = context.createTextMessage("perishable");
        context.createProducer().setTimeToLive(TTL).send(queue, perishable);
        context.createProducer().send(queue, "fresh");
        Deadline.passTime(perishable.getJMSExpiration() + 1);
        assertEquals(List.of("fresh"), browse(context.createBrowser(queue)));
    }

    @Test
    void delayedMessageIsNotDeliveredBeforeItsDeliveryTimeButIsAfter() throws Exception { // spec 3.4.13, 7.9
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("delayed");
        MessageConsumer consumer = session.createConsumer(queue);
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryDelay(DELAY);
        TextMessage sent = session.createTextMessage("later");
        producer.send(sent);
        assertEquals("later", text(receiveNotBefore(consumer, sent.getJMSDeliveryTime())));
    }

    @Test
    void delayedMessageSentWithAJmsProducerIsNotDeliveredBeforeItsDeliveryTime() throws Exception { // 3.4.13, 7.9
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = context.createQueue("delayed-simple");
        JMSConsumer consumer = context.createConsumer(queue);
        TextMessage sent = context.createTextMessage("later");
        context.createProducer().setDeliveryDelay(DELAY).send(queue, sent);
        long early = sent.getJMSDeliveryTime() - System.currentTimeMillis() - 50;
        if (early > 0) {
            assertNull(consumer.receive(early), "delivered before its delivery time (spec 3.4.13)");
        }
        assertEquals("later", consumer.receiveBody(String.class, ARRIVES));
        assertTrue(System.currentTimeMillis() >= sent.getJMSDeliveryTime());
    }

    @Test
    void jmsDeliveryTimeIsTimestampPlusDelayOnTheSentAndTheReceivedMessage() throws Exception { // spec 3.4.13
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("delivery-time-header");
        MessageProducer producer = session.createProducer(queue);
        TextMessage now = session.createTextMessage("now");
        producer.send(now);
        producer.setDeliveryDelay(DELAY);
        TextMessage later = session.createTextMessage("later");
        producer.send(later);
        assertEquals(now.getJMSTimestamp(), now.getJMSDeliveryTime(), "no delay: delivery time is the send time");
        assertEquals(later.getJMSTimestamp() + DELAY, later.getJMSDeliveryTime());
        MessageConsumer consumer = session.createConsumer(queue);
        assertEquals(now.getJMSDeliveryTime(), receive(consumer).getJMSDeliveryTime());
        assertEquals(later.getJMSDeliveryTime(), receive(consumer).getJMSDeliveryTime());
    }

    @Test
    void delayOfATransactedSendCountsFromTheSendNotTheCommit() throws Exception { // spec 7.9, 3.4.13
        Session transacted = connection().createSession(Session.SESSION_TRANSACTED);
        Queue queue = transacted.createQueue("delayed-transaction");
        MessageConsumer consumer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        MessageProducer producer = transacted.createProducer(queue);
        producer.setDeliveryDelay(DELAY);
        producer.send(transacted.createTextMessage("rolled back"));
        transacted.rollback();
        TextMessage committed = transacted.createTextMessage("committed");
        producer.send(committed);
        Deadline.passTime(committed.getJMSDeliveryTime());
        transacted.commit();
        Message received = consumer.receive(DELAY - 500);
        assertEquals("committed", received == null ? "nothing until delay after the commit" : text(received));
        assertEquals(committed.getJMSDeliveryTime(), received.getJMSDeliveryTime());
        assertNull(consumer.receive(ABSENT), "a rolled-back delayed message was delivered");
    }

    @Test
    void laterMessagesWithoutDelayOvertakeADelayedOne() throws Exception { // spec 6.2.9.2, 7.9
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = context.createQueue("overtaken");
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().setDeliveryDelay(DELAY).send(queue, "delayed");
        context.createProducer().send(queue, "immediate");
        assertEquals("immediate", consumer.receiveBody(String.class, ARRIVES));
        assertEquals("delayed", consumer.receiveBody(String.class, ARRIVES));
    }

    @Test
    void delayedMessageIsNotBrowsableBeforeItsDeliveryTimeButIsAfter() throws Exception { // spec 4.1.6, 3.4.13
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = context.createQueue("delayed-browse");
        TextMessage sent = context.createTextMessage("later");
        context.createProducer().setDeliveryDelay(DELAY).send(queue, sent);
        List<String> early = browse(context.createBrowser(queue));
        if (System.currentTimeMillis() < sent.getJMSDeliveryTime()) {
            assertEquals(List.of(), early, "browsable before its delivery time (spec 4.1.6)");
        }
        Deadline.awaitTrue("the delayed message becomes browsable", DELAY + ARRIVES, () -> {
            try {
                return browse(context.createBrowser(queue)).equals(List.of("later"));
            } catch (JMSException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void delayedTopicMessageGoesOnlyToSubscriptionsThatExistedWhenItWasSent() throws Exception { // spec 7.9
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Topic topic = context.createTopic("delayed-news");
        JMSConsumer early = context.createConsumer(topic);
        context.createProducer().setDeliveryDelay(DELAY).send(topic, "news");
        JMSConsumer late = context.createConsumer(topic);
        assertEquals("news", early.receiveBody(String.class, DELAY + ARRIVES));
        assertNull(late.receive(ABSENT), "subscription created after the send got the message");
    }

    @Test
    void delayedPersistentMessageKeepsItsDeliveryTimeAcrossARestart() throws Exception { // spec 3.4.13, 4.1.8
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("delayed-restart");
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryDelay(4_000);
        TextMessage sent = session.createTextMessage("later");
        producer.send(sent);

        stopBroker();

        MessageConsumer consumer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        Message received = receiveNotBefore(consumer, sent.getJMSDeliveryTime());
        assertEquals(sent.getJMSDeliveryTime(), received.getJMSDeliveryTime());
    }

    @Test
    void persistentMessageThatExpiresWhileTheBrokerIsDownIsNotDeliveredAfterARestart() throws Exception { // 3.4.9
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("expired-restart");
        MessageProducer producer = session.createProducer(queue);
        TextMessage perishable = session.createTextMessage("perishable");
        producer.send(perishable, DeliveryMode.PERSISTENT, 4, 1_000);
        producer.send(session.createTextMessage("kept"));

        stopBroker();
        Deadline.passTime(perishable.getJMSExpiration() + 1);

        assertReceives(List.of("kept"), session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue));
    }
}
