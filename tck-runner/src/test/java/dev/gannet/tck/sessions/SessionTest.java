package dev.gannet.tck.sessions;

import dev.gannet.tck.support.ConformanceTest;
import jakarta.jms.*;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Spec 6.2 "Sessions". */
class SessionTest extends ConformanceTest {

    @Test
    @DisplayName("6.2 createSession variants set transacted and acknowledge mode")
    void createSessionVariants() throws JMSException {
        Connection c = connection();
        Session transacted = c.createSession(Session.SESSION_TRANSACTED);
        assertTrue(transacted.getTransacted());
        Session byDefault = c.createSession();
        assertFalse(byDefault.getTransacted());
        assertEquals(Session.AUTO_ACKNOWLEDGE, byDefault.getAcknowledgeMode());
        Session legacy = c.createSession(true, Session.CLIENT_ACKNOWLEDGE);
        assertTrue(legacy.getTransacted(), "acknowledgeMode is ignored when transacted is true");
    }

    @Test
    @DisplayName("6.2.15 close is idempotent; other methods on a closed session throw IllegalStateException")
    void closedSessionRefusesUse() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        s.close();
        s.close();
        assertThrows(jakarta.jms.IllegalStateException.class, s::createMessage);
        assertThrows(jakarta.jms.IllegalStateException.class, () -> s.createTextMessage("x"));
        assertThrows(jakarta.jms.IllegalStateException.class, () -> s.createProducer(queue));
        assertThrows(jakarta.jms.IllegalStateException.class, () -> s.createConsumer(queue));
        assertThrows(jakarta.jms.IllegalStateException.class, () -> s.createBrowser(queue));
        assertThrows(jakarta.jms.IllegalStateException.class, s::createTemporaryQueue);
        assertThrows(jakarta.jms.IllegalStateException.class, s::getAcknowledgeMode);
        assertThrows(jakarta.jms.IllegalStateException.class, s::getTransacted);
        assertThrows(jakarta.jms.IllegalStateException.class, s::recover);
        assertThrows(jakarta.jms.IllegalStateException.class, () -> s.setMessageListener(null));
    }

    @Test
    @DisplayName("6.2.15 Closing a session closes its producers and consumers")
    void closeClosesProducersAndConsumers() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(queue);
        MessageConsumer consumer = s.createConsumer(queue);
        Message m = s.createTextMessage("x");
        s.close();
        assertThrows(jakarta.jms.IllegalStateException.class, () -> p.send(m));
        assertThrows(jakarta.jms.IllegalStateException.class, consumer::receiveNoWait);
        assertThrows(jakarta.jms.IllegalStateException.class, consumer::getMessageSelector);
    }

    @Test
    @DisplayName("6.2.4 A session creates every message type")
    void sessionCreatesMessages() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertNotNull(s.createMessage());
        assertInstanceOf(TextMessage.class, s.createTextMessage());
        assertEquals("x", s.createTextMessage("x").getText());
        assertInstanceOf(BytesMessage.class, s.createBytesMessage());
        assertInstanceOf(MapMessage.class, s.createMapMessage());
        assertInstanceOf(StreamMessage.class, s.createStreamMessage());
        assertInstanceOf(ObjectMessage.class, s.createObjectMessage());
        assertEquals("o", s.createObjectMessage("o").getObject());
    }

    @Test
    @DisplayName("6.2.3 Producers and consumers report their destination and settings")
    void producerAndConsumerAccessors() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(queue);
        assertEquals(queue, p.getDestination());
        assertNull(s.createProducer(null).getDestination());
        assertFalse(p.getDisableMessageID());
        assertFalse(p.getDisableMessageTimestamp());
        p.setDisableMessageID(true);
        assertTrue(p.getDisableMessageID());
        p.setDisableMessageTimestamp(true);
        assertTrue(p.getDisableMessageTimestamp());
        assertEquals(0L, p.getDeliveryDelay());
        MessageConsumer consumer = s.createConsumer(queue, "a = 1");
        assertEquals("a = 1", consumer.getMessageSelector());
        assertNull(consumer.getMessageListener());
    }

    @Test
    @DisplayName("6.2.9.1 Messages of one session are received in send order across producers")
    void orderAcrossProducersOfOneSession() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p1 = s.createProducer(queue);
        MessageProducer p2 = s.createProducer(queue);
        for (int i = 0; i < 10; i++) {
            Message m = s.createMessage();
            m.setIntProperty("seq", i);
            (i % 2 == 0 ? p1 : p2).send(m);
        }
        MessageConsumer consumer = s.createConsumer(queue);
        for (int i = 0; i < 10; i++) {
            Message m = receive(consumer);
            assertNotNull(m);
            assertEquals(i, m.getIntProperty("seq"));
        }
    }

    @Test
    @DisplayName("6.2.5 createConsumer with a null destination throws InvalidDestinationException")
    void nullDestinationRejected() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> s.createConsumer(null));
        assertThrows(InvalidDestinationException.class, () -> s.createBrowser(null));
        assertThrows(InvalidDestinationException.class, () -> s.createSharedConsumer(null, "x"));
        assertThrows(InvalidDestinationException.class, () -> s.createSharedDurableConsumer(null, "x"));
    }
}
