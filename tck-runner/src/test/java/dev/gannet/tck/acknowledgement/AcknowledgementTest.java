package dev.gannet.tck.acknowledgement;

import dev.gannet.tck.support.ConformanceTest;
import jakarta.jms.*;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Spec 6.2.10 "Message acknowledgment" and 3.6 "Message acknowledgment". */
class AcknowledgementTest extends ConformanceTest {

    private void send(Queue queue, String... texts) throws JMSException {
        try (Connection c = cf().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(queue);
            for (String text : texts) {
                p.send(s.createTextMessage(text));
            }
        }
    }

    private static String text(Message m) throws JMSException {
        assertNotNull(m, "message must arrive");
        return ((TextMessage) m).getText();
    }

    @Test
    @DisplayName("6.2.10 Session reports the acknowledge mode it was created with")
    void sessionReportsAcknowledgeMode() throws JMSException {
        Connection c = connection();
        assertEquals(Session.AUTO_ACKNOWLEDGE, c.createSession(false, Session.AUTO_ACKNOWLEDGE).getAcknowledgeMode());
        assertEquals(Session.CLIENT_ACKNOWLEDGE, c.createSession(false, Session.CLIENT_ACKNOWLEDGE).getAcknowledgeMode());
        assertEquals(Session.DUPS_OK_ACKNOWLEDGE, c.createSession(false, Session.DUPS_OK_ACKNOWLEDGE).getAcknowledgeMode());
        assertEquals(Session.SESSION_TRANSACTED, c.createSession(true, Session.AUTO_ACKNOWLEDGE).getAcknowledgeMode());
        assertEquals(Session.CLIENT_ACKNOWLEDGE, c.createSession(Session.CLIENT_ACKNOWLEDGE).getAcknowledgeMode());
        assertEquals(Session.AUTO_ACKNOWLEDGE, c.createSession().getAcknowledgeMode());
    }

    @Test
    @DisplayName("6.2.10 AUTO_ACKNOWLEDGE: a received message is not redelivered after the session closes")
    void autoAcknowledgedMessageIsGone() throws JMSException {
        Queue queue = queue("testQ1");
        send(queue, "a");
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertEquals("a", text(receive(s.createConsumer(queue))));
        s.close();
        Session s2 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertNull(s2.createConsumer(queue).receive(ABSENT_TIMEOUT));
    }

    @Test
    @DisplayName("6.2.10 DUPS_OK_ACKNOWLEDGE delivers every message")
    void dupsOkDelivers() throws JMSException {
        Queue queue = queue("testQ1");
        send(queue, "a", "b");
        Session s = startedConnection().createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(queue);
        assertEquals("a", text(receive(consumer)));
        assertEquals("b", text(receive(consumer)));
    }

    @Test
    @DisplayName("6.2.10 CLIENT_ACKNOWLEDGE: unacknowledged messages are redelivered after session close, marked redelivered")
    void clientAckUnacknowledgedRedelivered() throws JMSException {
        Queue queue = queue("testQ1");
        send(queue, "a", "b");
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(queue);
        Message first = receive(consumer);
        assertEquals("a", text(first));
        assertFalse(first.getJMSRedelivered());
        assertEquals("b", text(receive(consumer)));
        s.close();
        Session s2 = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer again = s2.createConsumer(queue);
        Message redelivered = receive(again);
        assertEquals("a", text(redelivered));
        assertTrue(redelivered.getJMSRedelivered());
        assertEquals(2, redelivered.getIntProperty("JMSXDeliveryCount"));
        assertEquals("b", text(receive(again)));
        redelivered.acknowledge();
    }

    @Test
    @DisplayName("6.2.10 CLIENT_ACKNOWLEDGE: acknowledge() acknowledges every message the session consumed")
    void clientAckAcknowledgesAllConsumed() throws JMSException {
        Queue queue = queue("testQ1");
        send(queue, "a", "b", "c");
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(queue);
        Message a = receive(consumer);
        Message b = receive(consumer);
        assertEquals("b", text(b));
        a.acknowledge(); // acknowledges b too: acknowledgement is per session
        s.close();
        Session s2 = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer again = s2.createConsumer(queue);
        Message remaining = receive(again);
        assertEquals("c", text(remaining));
        remaining.acknowledge();
        assertNull(again.receive(ABSENT_TIMEOUT));
    }

    @Test
    @DisplayName("6.2.11 recover() redelivers unacknowledged messages in order, marked redelivered")
    void recoverRedeliversInOrder() throws JMSException {
        Queue queue = queue("testQ1");
        send(queue, "a", "b", "c");
        Session s = startedConnection().createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(queue);
        assertEquals("a", text(receive(consumer)));
        assertEquals("b", text(receive(consumer)));
        s.recover();
        Message a = receive(consumer);
        assertEquals("a", text(a));
        assertTrue(a.getJMSRedelivered());
        Message b = receive(consumer);
        assertEquals("b", text(b));
        assertTrue(b.getJMSRedelivered());
        Message c = receive(consumer);
        assertEquals("c", text(c));
        // c's JMSRedelivered is not checked: 3.4.7 only makes the flag "likely, but not guaranteed" to mean an earlier
        // delivery, so a provider that had c prefetched when recover() ran may mark it redelivered too.
        c.acknowledge();
    }

    @Test
    @DisplayName("6.2.11 recover() on a transacted session throws IllegalStateException")
    void recoverOnTransactedSessionThrows() throws JMSException {
        Session s = connection().createSession(true, Session.SESSION_TRANSACTED);
        assertThrows(jakarta.jms.IllegalStateException.class, s::recover);
    }

    @Test
    @DisplayName("3.6 acknowledge() on a message of a closed session throws IllegalStateException")
    void acknowledgeAfterSessionCloseThrows() throws JMSException {
        Queue queue = queue("testQ1");
        send(queue, "a");
        Session s = startedConnection().createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Message m = receive(s.createConsumer(queue));
        assertNotNull(m);
        s.close();
        assertThrows(jakarta.jms.IllegalStateException.class, m::acknowledge);
    }

    @Test
    @DisplayName("3.6 acknowledge() is ignored in AUTO_ACKNOWLEDGE mode")
    void acknowledgeIgnoredInAutoMode() throws JMSException {
        Queue queue = queue("testQ1");
        send(queue, "a");
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Message m = receive(s.createConsumer(queue));
        assertNotNull(m);
        assertDoesNotThrow(m::acknowledge);
    }

    @Test
    @DisplayName("6.2.10 CLIENT_ACKNOWLEDGE on JMSContext: acknowledge() and redelivery on close")
    void contextClientAcknowledge() throws JMSException {
        Queue queue = queue("testQ1");
        send(queue, "a", "b");
        JMSContext ctx = cf().createContext(JMSContext.CLIENT_ACKNOWLEDGE);
        assertEquals(JMSContext.CLIENT_ACKNOWLEDGE, ctx.getSessionMode());
        JMSConsumer consumer = ctx.createConsumer(queue);
        assertEquals("a", consumer.receiveBody(String.class, RECEIVE_TIMEOUT));
        ctx.acknowledge();
        assertEquals("b", consumer.receiveBody(String.class, RECEIVE_TIMEOUT));
        ctx.close();
        JMSContext ctx2 = context(JMSContext.CLIENT_ACKNOWLEDGE);
        Message m = ctx2.createConsumer(queue).receive(RECEIVE_TIMEOUT);
        assertEquals("b", text(m));
        assertTrue(m.getJMSRedelivered());
        ctx2.acknowledge();
    }

    @Test
    @DisplayName("6.2.10 JMSContext.acknowledge outside CLIENT_ACKNOWLEDGE does nothing; recover on a transacted context fails")
    void contextAcknowledgeModes() {
        JMSContext auto = context(JMSContext.AUTO_ACKNOWLEDGE);
        assertDoesNotThrow(auto::acknowledge);
        JMSContext tx = context(JMSContext.SESSION_TRANSACTED);
        assertThrows(IllegalStateRuntimeException.class, tx::recover);
    }
}
