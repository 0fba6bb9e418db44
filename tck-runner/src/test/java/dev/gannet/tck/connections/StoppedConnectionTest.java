package dev.gannet.tck.connections;

import dev.gannet.tck.support.ConformanceTest;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spec 6.1.4 / 6.1.5 and the javadoc of {@code Connection.start} and {@code stop}: a connection that is not started
 * receives nothing, so the messages of a queue go to consumers that can take them; what a stopped connection was
 * sent ahead returns to the queue, neither lost nor marked redelivered.
 */
class StoppedConnectionTest extends ConformanceTest {

    private static final int COUNT = 20;

    private void sendNumbered(Session session, jakarta.jms.Destination destination, int count) throws JMSException {
        MessageProducer producer = session.createProducer(destination);
        for (int i = 0; i < count; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
    }

    /** Receives {@code count} messages and checks they are m{from}... in order, first deliveries all. */
    private static void receiveInOrder(MessageConsumer consumer, int from, int count) throws JMSException {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = receive(consumer);
            assertNotNull(message, "message " + (from + i) + " of " + (from + count) + " after " + bodies);
            bodies.add(((TextMessage) message).getText());
            assertFalse(message.getJMSRedelivered(), "m" + (from + i) + " was never seen, so not redelivered");
            assertEquals(1, message.getIntProperty("JMSXDeliveryCount"), "m" + (from + i) + " delivery count");
        }
        List<String> expected = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            expected.add("m" + i);
        }
        assertEquals(expected, bodies, "queue order");
    }

    @Test
    @DisplayName("6.1.4 A consumer of a never-started connection takes no queue messages from a started one")
    void neverStartedConnectionTakesNoQueueMessages() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        Connection idle = connection(); // never started
        MessageConsumer idleConsumer = idle.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        Connection active = startedConnection();
        Session session = active.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        sendNumbered(session, queue, COUNT);
        receiveInOrder(consumer, 0, COUNT);
        assertNull(consumer.receive(ABSENT_TIMEOUT), "nothing more");
        assertNull(idleConsumer.receiveNoWait(), "the idle connection got nothing");
    }

    @Test
    @DisplayName("6.1.5 stop() returns what its consumers were sent ahead to the queue, in order, not redelivered")
    void stopReturnsPrefetchedMessagesToTheQueue() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        Connection first = startedConnection();
        Session firstSession = first.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer firstConsumer = firstSession.createConsumer(queue);
        sendNumbered(firstSession, queue, COUNT);
        assertEquals("m0", ((TextMessage) receive(firstConsumer)).getText());
        first.stop(); // the other 19 were sent ahead to firstConsumer
        Connection second = startedConnection();
        MessageConsumer secondConsumer = second.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        receiveInOrder(secondConsumer, 1, COUNT - 1);
        assertNull(firstConsumer.receiveNoWait(), "a stopped connection hands out nothing");
    }

    @Test
    @DisplayName("6.1.5 start() after stop() resumes delivery in order, without marking messages redelivered")
    void startAfterStopResumesInOrder() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        Connection connection = startedConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        sendNumbered(session, queue, COUNT);
        receiveInOrder(consumer, 0, 3);
        connection.stop();
        assertNull(consumer.receive(ABSENT_TIMEOUT), "stopped");
        connection.start();
        receiveInOrder(consumer, 3, COUNT - 3);
    }

    @Test
    @DisplayName("6.1.5 A stopped connection's unacknowledged messages stay with its session; the rest go back")
    void stopKeepsTakenButUnacknowledgedMessages() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        Connection first = startedConnection();
        Session clientAck = first.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer firstConsumer = clientAck.createConsumer(queue);
        sendNumbered(clientAck, queue, 5);
        Message m0 = receive(firstConsumer);
        first.stop();
        Connection second = startedConnection();
        MessageConsumer secondConsumer = second.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        receiveInOrder(secondConsumer, 1, 4);
        assertNull(secondConsumer.receive(ABSENT_TIMEOUT), "m0 is held by the first session, unacknowledged");
        m0.acknowledge();
        assertNull(secondConsumer.receive(ABSENT_TIMEOUT), "m0 was consumed by the acknowledgement");
    }

    @Test
    @DisplayName("6.1.5 A topic subscription keeps what is published while its connection is stopped")
    void topicSubscriptionKeepsMessagesWhileStopped() throws JMSException {
        Topic topic = topic("MY_TOPIC");
        Connection subscriber = startedConnection();
        MessageConsumer consumer = subscriber.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(topic);
        subscriber.stop();
        Session publisher = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        sendNumbered(publisher, topic, 5);
        assertNull(consumer.receive(ABSENT_TIMEOUT), "stopped");
        subscriber.start();
        receiveInOrder(consumer, 0, 5);
    }

    @Test
    @DisplayName("6.1.5 stop() returns only after a running message listener has returned")
    void stopWaitsForRunningListener() throws Exception {
        Queue queue = queue("MY_QUEUE");
        Connection connection = startedConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean listenerDone = new AtomicBoolean();
        session.createConsumer(queue).setMessageListener(message -> {
            inListener.countDown();
            try {
                release.await(RECEIVE_TIMEOUT, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            listenerDone.set(true);
        });
        Session sender = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        sender.createProducer(queue).send(sender.createTextMessage("x"));
        assertTrue(inListener.await(RECEIVE_TIMEOUT, TimeUnit.MILLISECONDS), "listener called");
        AtomicBoolean doneWhenStopReturned = new AtomicBoolean();
        Thread stopper = new Thread(() -> {
            try {
                connection.stop();
                doneWhenStopReturned.set(listenerDone.get());
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        stopper.start();
        stopper.join(ABSENT_TIMEOUT);
        assertTrue(stopper.isAlive(), "stop() waits while the listener runs");
        release.countDown();
        stopper.join(RECEIVE_TIMEOUT);
        assertFalse(stopper.isAlive(), "stop() returned once the listener did");
        assertTrue(doneWhenStopReturned.get(), "the listener had finished when stop() returned");
    }
}
