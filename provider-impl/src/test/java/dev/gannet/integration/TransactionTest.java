package dev.gannet.integration;

import jakarta.jms.IllegalStateException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Local transactions (spec 6.2.7): sends and receives take effect at commit only. */
class TransactionTest extends BrokerTestSupport {

    @Test
    void sentMessagesBecomeVisibleOnlyAtCommit() throws Exception {
        Session transacted = session(Session.SESSION_TRANSACTED);
        Queue queue = transacted.createQueue("tx-send");
        MessageProducer producer = transacted.createProducer(queue);
        producer.send(transacted.createTextMessage("a"));
        producer.send(transacted.createTextMessage("b"));
        MessageConsumer observer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        assertNull(observer.receive(ABSENT), "uncommitted sends must be invisible");
        transacted.commit();
        assertEquals("a", ((TextMessage) receive(observer)).getText());
        assertEquals("b", ((TextMessage) receive(observer)).getText());
    }

    @Test
    void rolledBackSendsAreDiscarded() throws Exception {
        Session transacted = session(Session.SESSION_TRANSACTED);
        Queue queue = transacted.createQueue("tx-discard");
        MessageProducer producer = transacted.createProducer(queue);
        producer.send(transacted.createTextMessage("gone"));
        transacted.rollback();
        producer.send(transacted.createTextMessage("kept"));
        transacted.commit();
        MessageConsumer observer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        assertEquals("kept", ((TextMessage) receive(observer)).getText());
        assertNull(observer.receive(ABSENT));
    }

    @Test
    void rolledBackReceivesAreRedeliveredWithIncrementedDeliveryCount() throws Exception {
        Session plain = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = plain.createQueue("tx-receive");
        plain.createProducer(queue).send(plain.createTextMessage("again"));
        Session transacted = session(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = transacted.createConsumer(queue);
        Message first = receive(consumer);
        assertEquals(1, first.getIntProperty("JMSXDeliveryCount"));
        transacted.rollback();
        Message second = receive(consumer);
        assertTrue(second.getJMSRedelivered());
        assertEquals(2, second.getIntProperty("JMSXDeliveryCount"));
        assertEquals(first.getJMSMessageID(), second.getJMSMessageID());
        transacted.commit();
        assertNull(consumer.receive(ABSENT));
    }

    @Test
    void committedReceivesAreConsumed() throws Exception {
        Session plain = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = plain.createQueue("tx-consume");
        plain.createProducer(queue).send(plain.createTextMessage("once"));
        Session transacted = session(Session.SESSION_TRANSACTED);
        receive(transacted.createConsumer(queue));
        transacted.commit();
        transacted.close();
        assertNull(session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue).receive(ABSENT));
    }

    @Test
    void closingATransactedSessionRollsBack() throws Exception {
        Session plain = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = plain.createQueue("tx-close");
        plain.createProducer(queue).send(plain.createTextMessage("back"));
        Session transacted = session(Session.SESSION_TRANSACTED);
        receive(transacted.createConsumer(queue));
        transacted.createProducer(queue).send(transacted.createTextMessage("never"));
        transacted.close();
        MessageConsumer observer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        Message message = receive(observer);
        assertEquals("back", ((TextMessage) message).getText());
        assertTrue(message.getJMSRedelivered());
        assertNull(observer.receive(ABSENT));
    }

    @Test
    void transactedPublishReachesSubscribersAtCommit() throws Exception {
        Session transacted = session(Session.SESSION_TRANSACTED);
        Topic topic = transacted.createTopic("tx-topic");
        MessageConsumer subscriber = session(Session.AUTO_ACKNOWLEDGE).createConsumer(topic);
        transacted.createProducer(topic).send(transacted.createTextMessage("news"));
        assertNull(subscriber.receive(ABSENT));
        transacted.commit();
        assertEquals("news", ((TextMessage) receive(subscriber)).getText());
    }

    @Test
    void commitAndRollbackOnANonTransactedSessionAreRefused() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        assertThrows(IllegalStateException.class, session::commit);
        assertThrows(IllegalStateException.class, session::rollback);
    }
}
