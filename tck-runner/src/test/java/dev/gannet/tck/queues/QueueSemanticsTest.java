package dev.gannet.tck.queues;

import dev.gannet.tck.support.ConformanceTest;
import jakarta.jms.*;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Spec 4.1 "Point-to-point model": queue semantics, temporary queues, browsers. */
class QueueSemanticsTest extends ConformanceTest {

    private static String text(Message m) throws JMSException {
        assertNotNull(m, "message must arrive");
        return ((TextMessage) m).getText();
    }

    @Test
    @DisplayName("4.1.2 A message sent before any consumer exists is kept for a later consumer")
    void messagesWaitForConsumer() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        s.createProducer(queue).send(s.createTextMessage("waiting"));
        s.close();
        Session later = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertEquals("waiting", text(receive(later.createConsumer(queue))));
    }

    @Test
    @DisplayName("4.1.2 Each queue message is delivered to exactly one of several consumers")
    void eachMessageToOneConsumer() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        Connection c = startedConnection();
        Session s1 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session s2 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer a = s1.createConsumer(queue);
        MessageConsumer b = s2.createConsumer(queue);
        MessageProducer p = s1.createProducer(queue);
        for (int i = 0; i < 20; i++) {
            p.send(s1.createTextMessage("m" + i));
        }
        Set<String> got = new HashSet<>();
        int total = 0;
        for (MessageConsumer consumer : List.of(a, b)) {
            Message m;
            while ((m = consumer.receive(500)) != null) {
                assertTrue(got.add(text(m)), "delivered twice: " + text(m));
                total++;
            }
        }
        assertEquals(20, total);
    }

    @Test
    @DisplayName("6.2.9.1 Messages from one producer to a queue arrive in send order")
    void orderFromOneProducer() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(queue);
        for (int i = 0; i < 50; i++) {
            Message m = s.createMessage();
            m.setIntProperty("seq", i);
            p.send(m);
        }
        MessageConsumer consumer = s.createConsumer(queue);
        for (int i = 0; i < 50; i++) {
            Message m = receive(consumer);
            assertNotNull(m);
            assertEquals(i, m.getIntProperty("seq"));
        }
    }

    @Test
    @DisplayName("4.1.4 Queue names the physical queue; Session.createQueue reaches the same queue")
    void queueNameAndCreateQueue() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        assertEquals("MY_QUEUE", queue.getQueueName());
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue byName = s.createQueue("MY_QUEUE");
        assertEquals("MY_QUEUE", byName.getQueueName());
        s.createProducer(byName).send(s.createTextMessage("same"));
        assertEquals("same", text(receive(s.createConsumer(queue))));
    }

    @Test
    @DisplayName("4.1.5 / 6.2.2 A temporary queue works within its connection and is unique")
    void temporaryQueue() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue t1 = s.createTemporaryQueue();
        TemporaryQueue t2 = s.createTemporaryQueue();
        assertNotEquals(t1.getQueueName(), t2.getQueueName());
        s.createProducer(t1).send(s.createTextMessage("temp"));
        MessageConsumer consumer = s.createConsumer(t1);
        assertEquals("temp", text(receive(consumer)));
        consumer.close();
        t1.delete();
        t2.delete();
    }

    @Test
    @DisplayName("6.2.2 Only the creating connection may consume from a temporary queue")
    void temporaryQueueConsumerFromOtherConnectionFails() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue temporary = s.createTemporaryQueue();
        Session other = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> other.createConsumer(temporary));
        // ...but any connection may send to it
        other.createProducer(temporary).send(other.createTextMessage("x"));
    }

    @Test
    @DisplayName("4.1.5 Deleting a temporary queue that still has a consumer throws JMSException")
    void deleteTemporaryQueueInUseFails() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue temporary = s.createTemporaryQueue();
        MessageConsumer consumer = s.createConsumer(temporary);
        assertThrows(JMSException.class, temporary::delete);
        consumer.close();
        temporary.delete();
    }

    @Test
    @DisplayName("4.1.6 A QueueBrowser shows messages in order without consuming them")
    void browserDoesNotConsume() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(queue);
        for (int i = 0; i < 5; i++) {
            p.send(s.createTextMessage("b" + i));
        }
        QueueBrowser browser = s.createBrowser(queue);
        assertEquals(queue, browser.getQueue());
        assertNull(browser.getMessageSelector());
        List<String> seen = new ArrayList<>();
        Enumeration<?> e = browser.getEnumeration();
        while (e.hasMoreElements()) {
            seen.add(text((Message) e.nextElement()));
        }
        assertEquals(List.of("b0", "b1", "b2", "b3", "b4"), seen);
        browser.close();
        MessageConsumer consumer = s.createConsumer(queue);
        for (int i = 0; i < 5; i++) {
            assertEquals("b" + i, text(receive(consumer)));
        }
    }

    @Test
    @DisplayName("4.1.6 A browser on an empty queue has no elements; a closed browser refuses use")
    void browserOnEmptyQueue() throws JMSException {
        Queue queue = queue("MY_QUEUE2");
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        QueueBrowser browser = s.createBrowser(queue);
        assertFalse(browser.getEnumeration().hasMoreElements());
        browser.close();
        assertThrows(jakarta.jms.IllegalStateException.class, browser::getEnumeration);
    }

    @Test
    @DisplayName("4.1.6 Browsing works on a stopped connection")
    void browserOnStoppedConnection() throws JMSException {
        Queue queue = queue("MY_QUEUE2");
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        s.createProducer(queue).send(s.createTextMessage("x"));
        List<?> elements = Collections.list(s.createBrowser(queue).getEnumeration());
        assertEquals(1, elements.size());
    }

    @Test
    @DisplayName("4.1 Queues are independent: a message to one queue does not appear on another")
    void queuesAreIndependent() throws JMSException {
        Queue q1 = queue("testQ0");
        Queue q2 = queue("Q2");
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        s.createProducer(q1).send(s.createTextMessage("to-q1"));
        assertNull(s.createConsumer(q2).receive(ABSENT_TIMEOUT));
        assertEquals("to-q1", text(receive(s.createConsumer(q1))));
    }
}
