package dev.gannet.integration;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Message groups (JMSXGroupID, spec 3.5.9): one group, one consumer, in order, while that consumer lives. */
class MessageGroupTest extends BrokerTestSupport {

    private static void send(Session session, MessageProducer producer, String group, int seq) throws JMSException {
        TextMessage message = session.createTextMessage(group + "-" + seq);
        message.setStringProperty("JMSXGroupID", group);
        message.setIntProperty("JMSXGroupSeq", seq);
        producer.send(message);
    }

    @Test
    void allMessagesOfAGroupGoToOneConsumerInOrder() throws Exception {
        Connection connection = connection();
        Session producerSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = producerSession.createQueue("grouped");
        List<MessageConsumer> consumers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            consumers.add(connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue));
        }
        MessageProducer producer = producerSession.createProducer(queue);
        for (int seq = 1; seq <= 10; seq++) {
            for (String group : List.of("a", "b", "c", "d")) {
                send(producerSession, producer, group, seq);
            }
        }
        Map<String, Integer> ownerOfGroup = new HashMap<>();
        Map<String, Integer> lastSeq = new HashMap<>();
        int total = 0;
        for (int c = 0; c < consumers.size(); c++) {
            Message message;
            while ((message = consumers.get(c).receive(ABSENT)) != null) {
                String group = message.getStringProperty("JMSXGroupID");
                int seq = message.getIntProperty("JMSXGroupSeq");
                Integer owner = ownerOfGroup.putIfAbsent(group, c);
                assertEquals(owner == null ? c : owner, c, "group " + group + " went to two consumers");
                assertEquals(lastSeq.getOrDefault(group, 0) + 1, seq, "group " + group + " out of order");
                lastSeq.put(group, seq);
                total++;
            }
        }
        assertEquals(40, total);
        assertTrue(ownerOfGroup.values().stream().distinct().count() > 1, "groups are spread over consumers");
    }

    @Test
    void groupMovesToAnotherConsumerWhenItsOwnerCloses() throws Exception {
        Connection connection = connection();
        Session producerSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = producerSession.createQueue("regrouped");
        MessageProducer producer = producerSession.createProducer(queue);
        Session ownerSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer owner = ownerSession.createConsumer(queue);
        send(producerSession, producer, "g", 1);
        assertEquals("g-1", ((TextMessage) receive(owner)).getText());
        MessageConsumer other = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        send(producerSession, producer, "g", 2);
        assertEquals("g-2", ((TextMessage) receive(owner)).getText(), "the owner keeps its group");
        owner.close();
        send(producerSession, producer, "g", 3);
        assertEquals("g-3", ((TextMessage) receive(other)).getText());
    }
}
