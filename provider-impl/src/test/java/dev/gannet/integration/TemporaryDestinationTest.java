package dev.gannet.integration;

import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Temporary destinations (spec 4.1.6, 4.2.9): owned by their connection, gone with it. */
class TemporaryDestinationTest extends BrokerTestSupport {

    @Test
    void requestReplyThroughATemporaryQueue() throws Exception {
        Session server = session(Session.AUTO_ACKNOWLEDGE);
        Queue requests = server.createQueue("requests");
        MessageProducer replier = server.createProducer(null);
        server.createConsumer(requests).setMessageListener(request -> {
            try {
                TextMessage reply = server.createTextMessage("re: " + ((TextMessage) request).getText());
                reply.setJMSCorrelationID(request.getJMSMessageID());
                replier.send(request.getJMSReplyTo(), reply);
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        Session client = session(Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue replies = client.createTemporaryQueue();
        TextMessage request = client.createTextMessage("ping");
        request.setJMSReplyTo(replies);
        client.createProducer(requests).send(request);
        Message reply = receive(client.createConsumer(replies));
        assertEquals("re: ping", ((TextMessage) reply).getText());
        assertEquals(request.getJMSMessageID(), reply.getJMSCorrelationID());
    }

    @Test
    void temporaryQueueCannotBeDeletedWhileItHasAConsumer() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue queue = session.createTemporaryQueue();
        MessageConsumer consumer = session.createConsumer(queue);
        assertThrows(JMSException.class, queue::delete);
        consumer.close();
        queue.delete();
        assertThrows(InvalidDestinationException.class,
                () -> session.createProducer(null).send(queue, session.createTextMessage("nowhere")));
    }

    @Test
    void temporaryTopicDeliversToItsSubscribers() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        TemporaryTopic topic = session.createTemporaryTopic();
        MessageConsumer subscriber = session.createConsumer(topic);
        session.createProducer(topic).send(session.createTextMessage("temp news"));
        assertEquals("temp news", ((TextMessage) receive(subscriber)).getText());
        subscriber.close();
        topic.delete();
    }

    @Test
    void onlyTheCreatingConnectionMayConsumeFromATemporaryQueue() throws Exception {
        TemporaryQueue queue = session(Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        Session other = session(Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> other.createConsumer(queue));
        other.createProducer(queue).send(other.createTextMessage("sending is fine"));
    }

    @Test
    void temporaryQueueIsDeletedWithItsConnection() throws Exception {
        Connection owner = connection();
        TemporaryQueue queue = owner.createSession(Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        Session other = session(Session.AUTO_ACKNOWLEDGE);
        owner.close();
        assertThrows(InvalidDestinationException.class,
                () -> other.createProducer(null).send(queue, other.createTextMessage("too late")));
    }
}
