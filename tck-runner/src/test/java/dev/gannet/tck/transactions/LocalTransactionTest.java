package dev.gannet.tck.transactions;

import dev.gannet.tck.support.ConformanceTest;
import jakarta.jms.*;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Spec 6.2.7 "Transactions". */
class LocalTransactionTest extends ConformanceTest {

    private static String text(Message m) throws JMSException {
        assertNotNull(m, "message must arrive");
        return ((TextMessage) m).getText();
    }

    @Test
    @DisplayName("6.2.7 Messages sent in a transaction are delivered only after commit")
    void sentMessagesInvisibleUntilCommit() throws JMSException {
        Queue queue = queue("testQ2");
        Connection c = startedConnection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        assertTrue(tx.getTransacted());
        MessageProducer producer = tx.createProducer(queue);
        producer.send(tx.createTextMessage("a"));
        producer.send(tx.createTextMessage("b"));
        MessageConsumer consumer = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        assertNull(consumer.receive(ABSENT_TIMEOUT), "uncommitted messages are not delivered");
        tx.commit();
        assertEquals("a", text(receive(consumer)));
        assertEquals("b", text(receive(consumer)));
    }

    @Test
    @DisplayName("6.2.7 rollback discards the messages sent in the transaction")
    void rollbackDiscardsSentMessages() throws JMSException {
        Queue queue = queue("testQ2");
        Connection c = startedConnection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = tx.createProducer(queue);
        producer.send(tx.createTextMessage("discarded"));
        tx.rollback();
        producer.send(tx.createTextMessage("kept"));
        tx.commit();
        MessageConsumer consumer = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        assertEquals("kept", text(receive(consumer)));
        assertNull(consumer.receive(ABSENT_TIMEOUT));
    }

    @Test
    @DisplayName("6.2.7 rollback redelivers consumed messages with JMSRedelivered and a higher delivery count")
    void rollbackRedeliversConsumedMessages() throws JMSException {
        Queue queue = queue("testQ2");
        Connection c = startedConnection();
        Session plain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        plain.createProducer(queue).send(plain.createTextMessage("m"));
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = tx.createConsumer(queue);
        Message first = receive(consumer);
        assertEquals("m", text(first));
        assertFalse(first.getJMSRedelivered());
        tx.rollback();
        Message again = receive(consumer);
        assertEquals("m", text(again));
        assertTrue(again.getJMSRedelivered());
        assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
        tx.commit();
        assertNull(consumer.receive(ABSENT_TIMEOUT));
    }

    @Test
    @DisplayName("6.2.7 commit consumes received messages for good")
    void commitConsumes() throws JMSException {
        Queue queue = queue("testQ2");
        Connection c = startedConnection();
        Session plain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        plain.createProducer(queue).send(plain.createTextMessage("m"));
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        assertEquals("m", text(receive(tx.createConsumer(queue))));
        tx.commit();
        tx.close();
        assertNull(plain.createConsumer(queue).receive(ABSENT_TIMEOUT));
    }

    @Test
    @DisplayName("6.2.7 / 6.2.15 closing a transacted session rolls back its transaction")
    void closeRollsBack() throws JMSException {
        Queue queue = queue("testQ2");
        Connection c = startedConnection();
        Session plain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        plain.createProducer(queue).send(plain.createTextMessage("consumed-then-closed"));
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        assertNotNull(receive(tx.createConsumer(queue)));
        tx.createProducer(queue).send(tx.createTextMessage("never-committed"));
        tx.close();
        MessageConsumer consumer = plain.createConsumer(queue);
        Message m = receive(consumer);
        assertEquals("consumed-then-closed", text(m));
        assertTrue(m.getJMSRedelivered());
        assertNull(consumer.receive(ABSENT_TIMEOUT));
    }

    @Test
    @DisplayName("6.2.7 A transaction covers sends to several destinations and receives together")
    void transactionSpansDestinations() throws JMSException {
        Queue q1 = queue("testQ2");
        Queue q2 = queue("testQueue2");
        Connection c = startedConnection();
        Session plain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        plain.createProducer(q1).send(plain.createTextMessage("in"));
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = tx.createProducer(null);
        MessageConsumer in = tx.createConsumer(q1);
        assertEquals("in", text(receive(in)));
        producer.send(q2, tx.createTextMessage("out1"));
        producer.send(q2, tx.createTextMessage("out2"));
        tx.rollback();
        MessageConsumer out = plain.createConsumer(q2);
        assertNull(out.receive(ABSENT_TIMEOUT));
        assertEquals("in", text(receive(in)));
        producer.send(q2, tx.createTextMessage("out1"));
        tx.commit();
        assertEquals("out1", text(receive(out)));
        in.close();
        assertNull(plain.createConsumer(q1).receive(ABSENT_TIMEOUT));
    }

    @Test
    @DisplayName("6.2.7 commit and rollback on a non-transacted session throw IllegalStateException")
    void commitOnNonTransactedThrows() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertFalse(s.getTransacted());
        assertThrows(jakarta.jms.IllegalStateException.class, s::commit);
        assertThrows(jakarta.jms.IllegalStateException.class, s::rollback);
    }

    @Test
    @DisplayName("6.2.7 commit and rollback on a closed session throw IllegalStateException")
    void commitOnClosedSessionThrows() throws JMSException {
        Session s = connection().createSession(true, Session.SESSION_TRANSACTED);
        s.close();
        assertThrows(jakarta.jms.IllegalStateException.class, s::commit);
        assertThrows(jakarta.jms.IllegalStateException.class, s::rollback);
    }

    @Test
    @DisplayName("6.2.7 JMSContext SESSION_TRANSACTED: commit, rollback; non-transacted contexts refuse them")
    void contextTransactions() {
        Queue queue = queue("testQ2");
        JMSContext tx = context(JMSContext.SESSION_TRANSACTED);
        assertTrue(tx.getTransacted());
        JMSContext plain = context();
        JMSConsumer consumer = plain.createConsumer(queue);
        tx.createProducer().send(queue, "rolled-back");
        tx.rollback();
        tx.createProducer().send(queue, "committed");
        assertNull(consumer.receiveBody(String.class, ABSENT_TIMEOUT));
        tx.commit();
        assertEquals("committed", consumer.receiveBody(String.class, RECEIVE_TIMEOUT));
        assertNull(consumer.receiveBody(String.class, ABSENT_TIMEOUT));
        assertFalse(plain.getTransacted());
        assertThrows(IllegalStateRuntimeException.class, plain::commit);
        assertThrows(IllegalStateRuntimeException.class, plain::rollback);
    }

    @Test
    @DisplayName("6.2.7 Transacted receive through a MessageListener: commit in the listener")
    void listenerCommits() throws Exception {
        Queue queue = queue("testQ2");
        Connection c = connection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        java.util.concurrent.BlockingQueue<Object> seen = new java.util.concurrent.LinkedBlockingQueue<>();
        tx.createConsumer(queue).setMessageListener(m -> {
            try {
                seen.add(((TextMessage) m).getText());
                tx.commit();
            } catch (JMSException e) {
                seen.add(e);
            }
        });
        c.start();
        Session plain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        plain.createProducer(queue).send(plain.createTextMessage("l"));
        assertEquals("l", seen.poll(RECEIVE_TIMEOUT, java.util.concurrent.TimeUnit.MILLISECONDS));
    }
}
