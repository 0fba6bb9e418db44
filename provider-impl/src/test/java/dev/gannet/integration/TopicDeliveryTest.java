package dev.gannet.integration;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Publish/subscribe (spec 4.2): every subscriber active at publication gets its own copy. */
class TopicDeliveryTest extends BrokerTestSupport {

    @Test
    void everyActiveSubscriberReceivesEachMessage() throws Exception {
        Connection connection = connection();
        Session publisherSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = publisherSession.createTopic("news");
        MessageConsumer[] subscribers = new MessageConsumer[3];
        for (int i = 0; i < subscribers.length; i++) {
            subscribers[i] = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(topic);
        }
        MessageProducer publisher = publisherSession.createProducer(topic);
        for (int i = 0; i < 10; i++) {
            publisher.send(publisherSession.createTextMessage("n" + i));
        }
        for (MessageConsumer subscriber : subscribers) {
            for (int i = 0; i < 10; i++) {
                assertEquals("n" + i, ((TextMessage) receive(subscriber)).getText());
            }
            assertNull(subscriber.receive(ABSENT));
        }
    }

    @Test
    void subscriberDoesNotGetMessagesPublishedBeforeItSubscribed() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("late");
        MessageProducer publisher = session.createProducer(topic);
        publisher.send(session.createTextMessage("before"));
        MessageConsumer subscriber = session.createConsumer(topic);
        publisher.send(session.createTextMessage("after"));
        assertEquals("after", ((TextMessage) receive(subscriber)).getText());
        assertNull(subscriber.receive(ABSENT));
    }

    @Test
    void noLocalSubscriberSkipsItsOwnConnectionsMessages() throws Exception {
        Connection mine = connection();
        Session session = mine.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("chatter");
        MessageConsumer noLocal = session.createConsumer(topic, null, true);
        session.createProducer(topic).send(session.createTextMessage("mine"));
        Session other = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        other.createProducer(topic).send(other.createTextMessage("theirs"));
        assertEquals("theirs", ((TextMessage) receive(noLocal)).getText());
        assertNull(noLocal.receive(ABSENT));
    }

    @Test
    void legacyTopicInterfacesPublishAndSubscribe() throws Exception {
        TopicConnection connection = (TopicConnection) connection();
        TopicSession session = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("legacy-topic");
        TopicSubscriber subscriber = session.createSubscriber(topic);
        TopicPublisher publisher = session.createPublisher(topic);
        publisher.publish(session.createTextMessage("extra"));
        assertEquals("extra", ((TextMessage) receive(subscriber)).getText());
        assertEquals(topic, subscriber.getTopic());
        assertEquals(topic, publisher.getTopic());
    }
}
