package dev.gannet.tck.legacy;

import dev.gannet.tck.support.ConformanceTest;
import jakarta.jms.*;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Spec 2.9 "Legacy domain-specific API interfaces" and 9.2 "Method inheritance across messaging domains". */
class LegacyDomainTest extends ConformanceTest {

    @Test
    @DisplayName("2.9 QueueConnection/QueueSession/QueueSender/QueueReceiver round trip")
    void queueDomain() throws JMSException {
        Queue queue = queue("testQueue2");
        QueueConnection c = track(queueCf().createQueueConnection());
        c.start();
        QueueSession s = c.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        QueueSender sender = s.createSender(queue);
        assertEquals(queue, sender.getQueue());
        sender.send(s.createTextMessage("legacy"));
        QueueReceiver receiver = s.createReceiver(queue);
        assertEquals(queue, receiver.getQueue());
        TextMessage m = (TextMessage) receive(receiver);
        assertNotNull(m);
        assertEquals("legacy", m.getText());
        assertNotNull(s.createBrowser(queue));
    }

    @Test
    @DisplayName("2.9 TopicConnection/TopicSession/TopicPublisher/TopicSubscriber round trip")
    void topicDomain() throws JMSException {
        Topic topic = topic("testT0");
        TopicConnection c = track(topicCf().createTopicConnection());
        c.start();
        TopicSession s = c.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        TopicSubscriber subscriber = s.createSubscriber(topic, null, false);
        assertEquals(topic, subscriber.getTopic());
        assertFalse(subscriber.getNoLocal());
        TopicPublisher publisher = s.createPublisher(topic);
        assertEquals(topic, publisher.getTopic());
        publisher.publish(s.createTextMessage("published"));
        TextMessage m = (TextMessage) receive(subscriber);
        assertNotNull(m);
        assertEquals("published", m.getText());
    }

    @Test
    @DisplayName("2.9 Durable subscriber through TopicSession")
    void legacyDurableSubscriber() throws JMSException {
        Topic topic = topic("testT1");
        TopicConnection c = track(topicCf().createTopicConnection());
        c.setClientID("tck-legacy");
        c.start();
        TopicSession s = c.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        TopicSubscriber durable = s.createDurableSubscriber(topic, "tckLegacyDurable");
        durable.close();
        try {
            s.createPublisher(topic).publish(s.createTextMessage("stored"));
            durable = s.createDurableSubscriber(topic, "tckLegacyDurable", null, false);
            assertEquals("stored", ((TextMessage) receive(durable)).getText());
        } finally {
            durable.close();
            s.unsubscribe("tckLegacyDurable");
        }
    }

    @Test
    @DisplayName("9.2 QueueSession refuses topic-only methods with IllegalStateException")
    void queueSessionRefusesTopicMethods() throws JMSException {
        QueueSession s = track(queueCf().createQueueConnection()).createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = topic("testT0");
        assertThrows(jakarta.jms.IllegalStateException.class, () -> s.createDurableSubscriber(topic, "x"));
        assertThrows(jakarta.jms.IllegalStateException.class, () -> s.createDurableConsumer(topic, "x"));
        assertThrows(jakarta.jms.IllegalStateException.class, () -> s.createSharedConsumer(topic, "x"));
        assertThrows(jakarta.jms.IllegalStateException.class, () -> s.createSharedDurableConsumer(topic, "x"));
        assertThrows(jakarta.jms.IllegalStateException.class, s::createTemporaryTopic);
        assertThrows(jakarta.jms.IllegalStateException.class, () -> s.createTopic("t"));
        assertThrows(jakarta.jms.IllegalStateException.class, () -> s.unsubscribe("x"));
    }

    @Test
    @DisplayName("9.2 TopicSession refuses queue-only methods with IllegalStateException")
    void topicSessionRefusesQueueMethods() throws JMSException {
        TopicSession s = track(topicCf().createTopicConnection()).createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = queue("testQueue2");
        assertThrows(jakarta.jms.IllegalStateException.class, () -> s.createBrowser(queue));
        assertThrows(jakarta.jms.IllegalStateException.class, () -> s.createQueue("q"));
        assertThrows(jakarta.jms.IllegalStateException.class, s::createTemporaryQueue);
    }

    @Test
    @DisplayName("4.1.7 QueueRequestor sends a request and waits for the reply on a temporary queue")
    void queueRequestor() throws JMSException {
        Queue queue = queue("testQueue2");
        QueueConnection c = track(queueCf().createQueueConnection());
        c.start();
        QueueSession responderSession = c.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        responderSession.createReceiver(queue).setMessageListener(m -> {
            try {
                QueueSender sender = responderSession.createSender((Queue) m.getJMSReplyTo());
                sender.send(responderSession.createTextMessage("re: " + ((TextMessage) m).getText()));
                sender.close();
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        QueueSession s = c.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        QueueRequestor requestor = new QueueRequestor(s, queue);
        TextMessage reply = (TextMessage) requestor.request(s.createTextMessage("ping"));
        assertEquals("re: ping", reply.getText());
        requestor.close();
    }

    @Test
    @DisplayName("4.2.9 TopicRequestor publishes a request and waits for the reply on a temporary topic")
    void topicRequestor() throws JMSException {
        Topic topic = topic("testT2");
        TopicConnection c = track(topicCf().createTopicConnection());
        c.start();
        TopicSession responderSession = c.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        responderSession.createSubscriber(topic).setMessageListener(m -> {
            try {
                TopicPublisher publisher = responderSession.createPublisher((Topic) m.getJMSReplyTo());
                publisher.publish(responderSession.createTextMessage("re: " + ((TextMessage) m).getText()));
                publisher.close();
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        TopicSession s = c.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        TopicRequestor requestor = new TopicRequestor(s, topic);
        TextMessage reply = (TextMessage) requestor.request(s.createTextMessage("ping"));
        assertEquals("re: ping", reply.getText());
        requestor.close();
    }

    @Test
    @DisplayName("2.9 The legacy factories also create JMSContexts and generic connections")
    void legacyFactoriesAreConnectionFactories() throws JMSException {
        assertNotNull(track(queueCf().createConnection()));
        assertNotNull(track(topicCf().createContext()));
    }
}
