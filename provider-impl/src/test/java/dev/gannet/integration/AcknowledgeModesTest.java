package dev.gannet.integration;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Acknowledgement modes (spec 6.2.10) and redelivery (spec 3.4.7, 3.5.11). */
class AcknowledgeModesTest extends BrokerTestSupport {

    private Queue fill(String name, int count) throws JMSException {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < count; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
        return queue;
    }

    @Test
    void autoAcknowledgedMessageIsNotDeliveredAgain() throws Exception {
        Queue queue = fill("auto", 1);
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        Message first = receive(consumer);
        assertFalse(first.getJMSRedelivered());
        assertEquals(1, first.getIntProperty("JMSXDeliveryCount"));
        session.close();
        assertNull(session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue).receive(ABSENT));
    }

    @Test
    void dupsOkAcknowledgedMessageIsConsumed() throws Exception {
        Queue queue = fill("dups", 3);
        Session session = session(Session.DUPS_OK_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        for (int i = 0; i < 3; i++) {
            assertEquals("m" + i, ((TextMessage) receive(consumer)).getText());
        }
        session.close();
        assertNull(session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue).receive(ABSENT));
    }

    @Test
    void unacknowledgedClientMessagesReturnRedeliveredWhenTheSessionCloses() throws Exception {
        Queue queue = fill("client-close", 2);
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        receive(consumer);
        receive(consumer);
        session.close();
        MessageConsumer again = session(Session.CLIENT_ACKNOWLEDGE).createConsumer(queue);
        for (int i = 0; i < 2; i++) {
            Message message = receive(again);
            assertEquals("m" + i, ((TextMessage) message).getText());
            assertTrue(message.getJMSRedelivered());
            assertEquals(2, message.getIntProperty("JMSXDeliveryCount"));
        }
    }

    @Test
    void acknowledgeConsumesEverythingTheSessionReceivedAcrossConsumers() throws Exception {
        Queue a = fill("ack-a", 1);
        Queue b = fill("ack-b", 1);
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        receive(session.createConsumer(a));
        Message last = receive(session.createConsumer(b));
        last.acknowledge();
        session.close();
        Session check = session(Session.AUTO_ACKNOWLEDGE);
        assertNull(check.createConsumer(a).receive(ABSENT));
        assertNull(check.createConsumer(b).receive(ABSENT));
    }

    @Test
    void recoverRedeliversFromTheFirstUnacknowledgedMessage() throws Exception {
        Queue queue = fill("recover", 3);
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        receive(consumer).acknowledge();
        assertEquals("m1", ((TextMessage) receive(consumer)).getText());
        session.recover();
        Message again = receive(consumer);
        assertEquals("m1", ((TextMessage) again).getText());
        assertTrue(again.getJMSRedelivered());
        assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
        Message third = receive(consumer);
        assertEquals("m2", ((TextMessage) third).getText());
        assertFalse(third.getJMSRedelivered(), "m2 was never handed to the application before recover");
    }

    @Test
    void deliveryCountGrowsWithEachRecover() throws Exception {
        Queue queue = fill("count", 1);
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertEquals(attempt, receive(consumer).getIntProperty("JMSXDeliveryCount"));
            session.recover();
        }
    }

    @Test
    void clientMessagesOfAClosedConsumerStayWithTheSessionUntilAcknowledged() throws Exception {
        Queue queue = fill("closed-consumer", 1);
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        Message message = receive(consumer);
        consumer.close();
        message.acknowledge();
        session.close();
        assertNull(session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue).receive(ABSENT));
    }

    @Test
    void prefetchedButUnseenMessagesOfAClosedConsumerGoToTheNextConsumerUnmarked() throws Exception {
        Queue queue = fill("prefetched", 5);
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        assertEquals("m0", ((TextMessage) receive(consumer)).getText());
        consumer.close();
        MessageConsumer next = session.createConsumer(queue);
        for (int i = 1; i < 5; i++) {
            Message message = receive(next);
            assertEquals("m" + i, ((TextMessage) message).getText());
            assertFalse(message.getJMSRedelivered());
        }
    }

    @Test
    void acknowledgeOnAClosedSessionsMessageThrowsIllegalState() throws Exception {
        Queue queue = fill("ack-closed", 1);
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        Message message = receive(session.createConsumer(queue));
        session.close();
        assertThrows(IllegalStateException.class, message::acknowledge);
    }

    @Test
    void listenerThatThrowsInAutoModeGetsTheMessageAgain() throws Exception {
        Queue queue = fill("poison", 1);
        Connection connection = connection();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        List<Integer> counts = new ArrayList<>();
        CountDownLatch twice = new CountDownLatch(2);
        session.createConsumer(queue).setMessageListener(message -> {
            try {
                counts.add(message.getIntProperty("JMSXDeliveryCount"));
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
            twice.countDown();
            if (counts.size() == 1) {
                throw new RuntimeException("first attempt fails");
            }
        });
        assertTrue(twice.await(ARRIVES, TimeUnit.MILLISECONDS));
        assertEquals(List.of(1, 2), counts.subList(0, 2));
    }

    @Test
    void recoverOnATransactedSessionIsRefused() throws Exception {
        assertThrows(IllegalStateException.class, () -> session(Session.SESSION_TRANSACTED).recover());
    }
}
