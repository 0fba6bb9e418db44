package dev.gannet.integration;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simplified API (spec 2.? and the JMSContext, JMSProducer, JMSConsumer javadoc). */
class SimplifiedApiTest extends BrokerTestSupport {

    @Test
    void contextSendsAndReceivesWithAutoStart() {
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = context.createQueue("simple");
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "hi");
        assertEquals("hi", consumer.receiveBody(String.class, ARRIVES));
        assertNull(consumer.receiveBodyNoWait(String.class));
    }

    @Test
    void producerSettersChainAndKeepTheirValues() {
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        JMSProducer producer = context.createProducer();
        assertSame(producer, producer.setDeliveryMode(jakarta.jms.DeliveryMode.NON_PERSISTENT).setPriority(2)
                .setTimeToLive(5000).setDeliveryDelay(0).setDisableMessageID(true).setDisableMessageTimestamp(true)
                .setJMSType("t").setJMSCorrelationID("c").setProperty("p", "v"));
        assertEquals(jakarta.jms.DeliveryMode.NON_PERSISTENT, producer.getDeliveryMode());
        assertEquals(2, producer.getPriority());
        assertEquals(5000, producer.getTimeToLive());
        assertTrue(producer.getDisableMessageID());
        assertTrue(producer.getDisableMessageTimestamp());
        assertEquals("t", producer.getJMSType());
        assertEquals("c", producer.getJMSCorrelationID());
        assertEquals(Set.of("p"), producer.getPropertyNames());
        assertEquals("v", producer.getStringProperty("p"));
        producer.clearProperties();
        assertFalse(producer.propertyExists("p"));
    }

    @Test
    void producerRejectsBadPriorityAndPropertyValues() {
        JMSProducer producer = context(JMSContext.AUTO_ACKNOWLEDGE).createProducer();
        assertThrows(jakarta.jms.JMSRuntimeException.class, () -> producer.setPriority(10));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.setProperty("p", new Object()));
        assertThrows(IllegalArgumentException.class, () -> producer.setProperty("", "v"));
        producer.setProperty("n", "not a number");
        assertThrows(NumberFormatException.class, () -> producer.getIntProperty("n"));
    }

    @Test
    void receiveBodyOfTheWrongTypeThrowsAndTheMessageIsDeliveredAgain() throws Exception {
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = context.createQueue("wrong-body");
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "text");
        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Integer.class, ARRIVES));
        Message again = consumer.receive(ARRIVES);
        assertEquals("text", ((TextMessage) again).getBody(String.class));
        assertTrue(again.getJMSRedelivered());
    }

    @Test
    void transactedContextCommitsAndRollsBack() {
        JMSContext transacted = context(JMSContext.SESSION_TRANSACTED);
        Queue queue = transacted.createQueue("simple-tx");
        JMSConsumer observer = context(JMSContext.AUTO_ACKNOWLEDGE).createConsumer(queue);
        transacted.createProducer().send(queue, "dropped");
        transacted.rollback();
        transacted.createProducer().send(queue, "kept");
        transacted.commit();
        assertEquals("kept", observer.receiveBody(String.class, ARRIVES));
        assertNull(observer.receive(ABSENT));
    }

    @Test
    void clientAcknowledgeContextAcknowledgesItsSession() throws Exception {
        JMSContext context = context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue queue = context.createQueue("simple-client");
        context.createProducer().send(queue, "a");
        JMSConsumer consumer = context.createConsumer(queue);
        assertEquals("a", consumer.receiveBody(String.class, ARRIVES));
        context.recover();
        Message again = consumer.receive(ARRIVES);
        assertTrue(again.getJMSRedelivered());
        context.acknowledge();
        context.recover();
        assertNull(consumer.receive(ABSENT));
    }

    @Test
    void contextsCreatedFromAContextShareItsConnection() {
        JMSContext first = context(JMSContext.AUTO_ACKNOWLEDGE);
        first.setClientID("shared-conn");
        JMSContext second = first.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        assertEquals("shared-conn", second.getClientID());
        Topic topic = second.createTopic("simple-topic");
        JMSConsumer subscriber = second.createConsumer(topic);
        first.createProducer().send(topic, "both");
        assertEquals("both", subscriber.receiveBody(String.class, ARRIVES));
        second.close();
        first.createProducer().send(topic, "still open");
    }

    @Test
    void closedContextRefusesCalls() {
        JMSContext context = factory.createContext();
        Queue queue = context.createQueue("q");
        context.close();
        context.close(); // closing twice is allowed
        assertThrows(IllegalStateRuntimeException.class, () -> context.createProducer());
        assertThrows(IllegalStateRuntimeException.class, () -> context.createConsumer(queue));
        assertThrows(IllegalStateRuntimeException.class, context::commit);
    }

    @Test
    void setClientIdAfterUseIsRefused() {
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        context.createProducer().send(context.createQueue("used"), "x");
        assertThrows(IllegalStateRuntimeException.class, () -> context.setClientID("too-late"));
    }

    @Test
    void sendingToANullDestinationThrowsInvalidDestination() {
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationRuntimeException.class, () -> context.createProducer().send(null, "x"));
    }

    @Test
    void invalidSessionModeIsRefused() {
        assertThrows(jakarta.jms.JMSRuntimeException.class, () -> factory.createContext(42));
    }
}
