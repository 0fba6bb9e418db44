package dev.gannet.integration;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Point-to-point delivery (spec 4.1): each queue message reaches exactly one consumer. */
class QueueDeliveryTest extends BrokerTestSupport {

    @Test
    void messageSentToQueueIsReceivedOnce() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("orders");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("one"));
        MessageConsumer consumer = session.createConsumer(queue);
        assertEquals("one", ((TextMessage) receive(consumer)).getText());
        assertNull(consumer.receive(ABSENT));
    }

    @Test
    void messagesArriveInSendOrder() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("ordered");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 200; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
        MessageConsumer consumer = session.createConsumer(queue);
        for (int i = 0; i < 200; i++) {
            assertEquals("m" + i, ((TextMessage) receive(consumer)).getText());
        }
    }

    @Test
    void receiveNoWaitAnswersNullOnAnEmptyQueueAndTheMessageWhenOneWaits() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("nowait");
        MessageConsumer consumer = session.createConsumer(queue);
        assertNull(consumer.receiveNoWait());
        session.createProducer(queue).send(session.createTextMessage("here"));
        // vm transport dispatches before send returns
        assertEquals("here", ((TextMessage) consumer.receiveNoWait()).getText());
    }

    @Test
    void loadIsSharedAmongConsumersAndNoMessageIsDeliveredTwice() throws Exception {
        Connection connection = connection();
        Session producerSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = producerSession.createQueue("shared-work");
        Session a = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Session b = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer first = a.createConsumer(queue);
        MessageConsumer second = b.createConsumer(queue);
        MessageProducer producer = producerSession.createProducer(queue);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        for (int i = 0; i < 100; i++) {
            producer.send(producerSession.createTextMessage("w" + i));
        }
        Set<String> seen = new HashSet<>();
        int fromFirst = drain(first, seen);
        int fromSecond = drain(second, seen);
        assertEquals(100, fromFirst + fromSecond);
        assertEquals(100, seen.size(), "a message was delivered twice");
        assertTrue(fromFirst > 0 && fromSecond > 0, "both consumers get work: " + fromFirst + "/" + fromSecond);
    }

    private static int drain(MessageConsumer consumer, Set<String> seen) throws JMSException {
        int count = 0;
        Message message;
        while ((message = consumer.receive(ABSENT)) != null) {
            seen.add(((TextMessage) message).getText());
            count++;
        }
        return count;
    }

    @Test
    void listenerReceivesEveryMessage() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("listened");
        CountDownLatch latch = new CountDownLatch(50);
        List<String> bodies = new ArrayList<>();
        session.createConsumer(queue).setMessageListener(m -> {
            try {
                bodies.add(((TextMessage) m).getText());
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
            latch.countDown();
        });
        Session sender = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = sender.createProducer(queue);
        for (int i = 0; i < 50; i++) {
            producer.send(sender.createTextMessage("l" + i));
        }
        assertTrue(latch.await(ARRIVES, TimeUnit.MILLISECONDS));
        for (int i = 0; i < 50; i++) {
            assertEquals("l" + i, bodies.get(i));
        }
    }

    @Test
    void stoppedConnectionDeliversNothingUntilStarted() throws Exception {
        Connection connection = stoppedConnection();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("paused");
        MessageConsumer consumer = session.createConsumer(queue);
        session.createProducer(queue).send(session.createTextMessage("wait"));
        assertNull(consumer.receive(ABSENT), "a stopped connection must not deliver (spec 6.1.5)");
        connection.start();
        assertEquals("wait", ((TextMessage) receive(consumer)).getText());
    }

    @Test
    void legacyQueueInterfacesSendAndReceive() throws Exception {
        QueueConnection connection = (QueueConnection) stoppedConnection();
        QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("legacy");
        QueueSender sender = session.createSender(queue);
        QueueReceiver receiver = session.createReceiver(queue);
        connection.start();
        sender.send(session.createTextMessage("old school"));
        assertEquals("old school", ((TextMessage) receive(receiver)).getText());
        assertEquals(queue, receiver.getQueue());
        assertEquals(queue, sender.getQueue());
    }

    @Test
    void unidentifiedProducerSendsToTheDestinationOfEachCall() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue left = session.createQueue("left");
        Queue right = session.createQueue("right");
        MessageProducer producer = session.createProducer(null);
        producer.send(left, session.createTextMessage("L"));
        producer.send(right, session.createTextMessage("R"));
        assertEquals("L", ((TextMessage) receive(session.createConsumer(left))).getText());
        assertEquals("R", ((TextMessage) receive(session.createConsumer(right))).getText());
    }
}
