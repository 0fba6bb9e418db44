package dev.gannet.integration;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets the exception the spec names, with a message that says what was wrong. */
class ErrorHandlingTest extends BrokerTestSupport {

    @Test
    void callsOnAClosedConnectionThrowIllegalState() throws Exception {
        Connection connection = connection();
        connection.close();
        connection.close(); // closing twice is allowed
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> connection.createSession(Session.AUTO_ACKNOWLEDGE));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, connection::start);
        assertThrows(IllegalStateException.class, connection::getClientID);
        assertThrows(IllegalStateException.class, connection::getMetaData);
    }

    @Test
    void callsOnAClosedSessionProducerAndConsumerThrowIllegalState() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("closing");
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);
        session.close();
        assertThrows(IllegalStateException.class, session::createMessage);
        assertThrows(IllegalStateException.class, () -> session.createConsumer(queue));
        assertThrows(IllegalStateException.class, () -> producer.send(session.createMessage()));
        assertThrows(IllegalStateException.class, () -> producer.send(new dev.gannet.message.GannetMessage()));
        assertThrows(IllegalStateException.class, consumer::receiveNoWait);
        assertThrows(IllegalStateException.class, session::getAcknowledgeMode);
    }

    @Test
    void closingAConsumerReleasesABlockedReceive() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue("blocked"));
        Message[] result = {session.createMessage()};
        Thread receiver = new Thread(() -> {
            try {
                result[0] = consumer.receive();
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        receiver.start();
        while (receiver.getState() != Thread.State.WAITING && receiver.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        consumer.close();
        receiver.join(ARRIVES);
        assertNull(result[0]);
    }

    @Test
    void producerForAQueueRefusesAnotherDestination() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("fixed"));
        assertThrows(UnsupportedOperationException.class,
                () -> producer.send(session.createQueue("other"), session.createMessage()));
        MessageProducer anonymous = session.createProducer(null);
        assertThrows(UnsupportedOperationException.class, () -> anonymous.send(session.createMessage()));
        assertThrows(InvalidDestinationException.class, () -> anonymous.send(null, session.createMessage()));
    }

    @Test
    void nullOrBlankDestinationsAreInvalid() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> session.createConsumer(null));
        assertThrows(InvalidDestinationException.class, () -> session.createQueue(""));
        assertThrows(InvalidDestinationException.class, () -> session.createTopic(null));
    }

    @Test
    void invalidPropertyValuesAndConversionsThrowMessageFormat() throws Exception {
        Message message = session(Session.AUTO_ACKNOWLEDGE).createMessage();
        assertThrows(MessageFormatException.class, () -> message.setObjectProperty("list", new java.util.ArrayList<>()));
        message.setBooleanProperty("flag", true);
        assertThrows(MessageFormatException.class, () -> message.getIntProperty("flag"));
        assertThrows(IllegalArgumentException.class, () -> message.setStringProperty(null, "x"));
    }

    @Test
    void priorityOutsideZeroToNineIsRefused() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("prio"));
        JMSException e = assertThrows(JMSException.class, () -> producer.setPriority(10));
        assertTrue(e.getMessage().contains("10"), e.getMessage());
        assertThrows(JMSException.class,
                () -> producer.send(session.createMessage(), jakarta.jms.DeliveryMode.PERSISTENT, -1, 0));
    }

    @Test
    void clientIdRules() throws Exception {
        Connection first = stoppedConnection();
        first.setClientID("unique");
        assertEquals("unique", first.getClientID());
        assertThrows(IllegalStateException.class, () -> first.setClientID("again"));
        Connection second = stoppedConnection();
        assertThrows(InvalidClientIDException.class, () -> second.setClientID("unique"));
        Connection used = connection();
        assertThrows(IllegalStateException.class, () -> used.setClientID("late"));
        first.close();
        second.setClientID("unique"); // free again once its holder closed
    }

    @Test
    void legacyDomainSessionsRefuseTheOtherDomain() throws Exception {
        QueueSession queueSession = ((QueueConnection) connection()).createQueueSession(false,
                Session.AUTO_ACKNOWLEDGE);
        assertThrows(IllegalStateException.class, () -> queueSession.createTopic("t"));
        assertThrows(IllegalStateException.class, queueSession::createTemporaryTopic);
        assertThrows(IllegalStateException.class, () -> queueSession.unsubscribe("s"));
        TopicSession topicSession = ((TopicConnection) connection()).createTopicSession(false,
                Session.AUTO_ACKNOWLEDGE);
        assertThrows(IllegalStateException.class, () -> topicSession.createQueue("q"));
        assertThrows(IllegalStateException.class, topicSession::createTemporaryQueue);
    }

    @Test
    void receiveOnAConsumerWithAListenerIsRefused() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue("listening"));
        consumer.setMessageListener(m -> { });
        assertThrows(IllegalStateException.class, consumer::receiveNoWait);
    }

    @Test
    void connectionMetaDataNamesGannetAndTheJmsxProperties() throws Exception {
        var metaData = connection().getMetaData();
        assertEquals("Gannet", metaData.getJMSProviderName());
        assertEquals(3, metaData.getJMSMajorVersion());
        assertTrue(java.util.Collections.list(metaData.getJMSXPropertyNames()).contains("JMSXDeliveryCount"));
    }
}
