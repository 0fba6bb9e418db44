package dev.gannet.integration;

import dev.gannet.api.Limits;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 19: the largest values {@link Limits} allows are accepted and kept across a restart: nothing is confirmed that
 * the store cannot hold (the store's columns are sized from the limits and the keys the broker derives from them).
 */
class LimitBoundariesTest extends BrokerTestSupport {

    @Test
    void queueWithTheLongestNameKeepsItsMessagesAcrossARestart() throws Exception {
        String longest = "q".repeat(Limits.MAX_DESTINATION_NAME_LENGTH);
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        TextMessage message = session.createTextMessage("kept");
        message.setStringProperty("JMSXGroupID", "g".repeat(Limits.MAX_GROUP_ID_LENGTH));
        session.createProducer(session.createQueue(longest)).send(message);
        stopBroker();
        Session again = session(Session.AUTO_ACKNOWLEDGE);
        assertEquals("kept", ((TextMessage) receive(again.createConsumer(again.createQueue(longest)))).getText());
    }

    @Test
    void durableSubscriptionWithTheLongestNamesAndSelectorSurvivesARestart() throws Exception {
        String clientId = "c".repeat(Limits.MAX_CLIENT_ID_LENGTH);
        String name = "s".repeat(Limits.MAX_SUBSCRIPTION_NAME_LENGTH);
        String topicName = "t".repeat(Limits.MAX_DESTINATION_NAME_LENGTH);
        String selector = "x = '" + "y".repeat(Limits.MAX_SELECTOR_LENGTH - 6) + "'";
        assertEquals(Limits.MAX_SELECTOR_LENGTH, selector.length());

        Connection connection = stoppedConnection();
        connection.setClientID(clientId);
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(topicName);
        session.createDurableConsumer(topic, name, selector, false).close();
        MessageProducer producer = session.createProducer(topic);
        TextMessage selected = session.createTextMessage("selected");
        selected.setStringProperty("x", "y".repeat(Limits.MAX_SELECTOR_LENGTH - 6));
        producer.send(selected);
        producer.send(session.createTextMessage("not selected"));
        stopBroker();

        Connection again = stoppedConnection();
        again.setClientID(clientId);
        Session restarted = again.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = restarted.createDurableConsumer(restarted.createTopic(topicName), name, selector,
                false);
        again.start();
        assertEquals("selected", ((TextMessage) receive(consumer)).getText());
        assertEquals(null, consumer.receive(ABSENT));
    }
}
