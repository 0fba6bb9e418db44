package dev.gannet.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.Topic;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Header fields (spec 3.4), acknowledge, the client hooks and the selector view. */
@Timeout(10)
class MessageHeadersTest {

    private final GannetMessage message = new GannetMessage();

    @Test
    void newMessageHasDefaultHeaders() {
        assertNull(message.getJMSMessageID());
        assertEquals(0L, message.getJMSTimestamp());
        assertNull(message.getJMSCorrelationID());
        assertNull(message.getJMSCorrelationIDAsBytes());
        assertNull(message.getJMSDestination());
        assertNull(message.getJMSReplyTo());
        assertEquals(DeliveryMode.PERSISTENT, message.getJMSDeliveryMode());
        assertFalse(message.getJMSRedelivered());
        assertNull(message.getJMSType());
        assertEquals(0L, message.getJMSExpiration());
        assertEquals(0L, message.getJMSDeliveryTime());
        assertEquals(Message.DEFAULT_PRIORITY, message.getJMSPriority());
        assertEquals(MessageType.PLAIN, message.type());
    }

    @Test
    void everyHeaderReadsBackAsSet() throws JMSException {
        GannetQueue queue = new GannetQueue("orders");
        GannetTopic topic = new GannetTopic("replies");
        message.setJMSMessageID("ID:1");
        message.setJMSTimestamp(11L);
        message.setJMSCorrelationID("corr");
        message.setJMSDestination(queue);
        message.setJMSReplyTo(topic);
        message.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        message.setJMSRedelivered(true);
        message.setJMSType("car");
        message.setJMSExpiration(22L);
        message.setJMSDeliveryTime(33L);
        message.setJMSPriority(9);

        assertEquals("ID:1", message.getJMSMessageID());
        assertEquals(11L, message.getJMSTimestamp());
        assertEquals("corr", message.getJMSCorrelationID());
        assertSame(queue, message.getJMSDestination());
        assertSame(topic, message.getJMSReplyTo());
        assertEquals(DeliveryMode.NON_PERSISTENT, message.getJMSDeliveryMode());
        assertTrue(message.getJMSRedelivered());
        assertEquals("car", message.getJMSType());
        assertEquals(22L, message.getJMSExpiration());
        assertEquals(33L, message.getJMSDeliveryTime());
        assertEquals(9, message.getJMSPriority());
    }

    /** Message javadoc: the correlation ID byte array is copied on set. */
    @Test
    void correlationIdBytesAreCopiedInAndOut() {
        byte[] id = {1, 2, 3};
        message.setJMSCorrelationIDAsBytes(id);
        id[0] = 9;
        byte[] read = message.getJMSCorrelationIDAsBytes();
        assertArrayEquals(new byte[] {1, 2, 3}, read);
        read[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, message.getJMSCorrelationIDAsBytes());
    }

    @Test
    void correlationIdStringAndBytesFormsConvertThroughUtf8() {
        message.setJMSCorrelationID("héllo");
        assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), message.getJMSCorrelationIDAsBytes());
        message.setJMSCorrelationIDAsBytes("abc".getBytes(StandardCharsets.UTF_8));
        assertEquals("abc", message.getJMSCorrelationID());
        message.setJMSCorrelationID(null);
        assertNull(message.getJMSCorrelationIDAsBytes());
    }

    /** Message javadoc: a provider must accept messages and destinations that are not its own. */
    @Test
    void foreignQueueAndTopicBecomeGannetDestinationsOfTheSameName() throws JMSException {
        Queue foreignQueue = () -> "orders";
        Topic foreignTopic = () -> "prices";
        message.setJMSDestination(foreignQueue);
        message.setJMSReplyTo(foreignTopic);
        assertEquals(new GannetQueue("orders"), message.getJMSDestination());
        assertEquals(new GannetTopic("prices"), message.getJMSReplyTo());
        message.setJMSReplyTo(null);
        assertNull(message.getJMSReplyTo());
    }

    @Test
    void destinationThatIsNeitherQueueNorTopicIsRefused() {
        Destination odd = new Destination() {
        };
        assertThrows(InvalidDestinationException.class, () -> message.setJMSReplyTo(odd));
    }

    /** Spec 3.6: acknowledge calls the session's acknowledger; without one it does nothing. */
    @Test
    void acknowledgeCallsTheAcknowledgerAndIsANoOpWithoutOne() throws JMSException {
        message.acknowledge();
        AtomicInteger calls = new AtomicInteger();
        message.setAcknowledger(calls::incrementAndGet);
        message.acknowledge();
        message.acknowledge();
        assertEquals(2, calls.get());
        message.setAcknowledger(null);
        message.acknowledge();
        assertEquals(2, calls.get());
    }

    @Test
    void acknowledgeFailureReachesTheCaller() {
        message.setAcknowledger(() -> {
            throw new jakarta.jms.IllegalStateException("Session 1:2 is closed");
        });
        assertThrows(jakarta.jms.IllegalStateException.class, message::acknowledge);
    }

    @Test
    void markDeliveredSetsRedeliveredAndDeliveryCount() throws JMSException {
        message.markDelivered(1, false);
        assertFalse(message.getJMSRedelivered());
        assertEquals(1, message.getIntProperty("JMSXDeliveryCount"));
        message.markDelivered(4, true);
        assertTrue(message.getJMSRedelivered());
        assertEquals(4, message.getIntProperty("JMSXDeliveryCount"));
    }

    /** Spec 3.5.11: if JMSRedelivered is set, JMSXDeliveryCount must be 2 or more. */
    @Test
    void redeliveredMessageHasDeliveryCountOfAtLeastTwo() throws JMSException {
        message.markDelivered(1, true);
        assertEquals(2, message.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void deliveryCountBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> message.markDelivered(0, false));
    }

    /** Spec 3.5.3 and the Message javadoc: header fields are never read-only. */
    @Test
    void headersStayWritableAfterDelivery() throws JMSException {
        message.markDelivered(1, false);
        message.setJMSType("changed");
        message.setJMSCorrelationID("c");
        message.setJMSReplyTo(new GannetQueue("q"));
        assertEquals("changed", message.getJMSType());
    }

    /** Spec 3.8.1.1: selector header references and properties. */
    @Test
    void selectorViewExposesSelectableHeadersAndProperties() throws JMSException {
        message.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        message.setJMSPriority(7);
        message.setJMSMessageID("ID:9");
        message.setJMSTimestamp(1234L);
        message.setJMSCorrelationID("c");
        message.setJMSType("car");
        message.setStringProperty("color", "blue");
        message.setIntProperty("weight", 2600);

        assertEquals("PERSISTENT", message.valueOf("JMSDeliveryMode"));
        assertEquals(Integer.valueOf(7), message.valueOf("JMSPriority"));
        assertEquals("ID:9", message.valueOf("JMSMessageID"));
        assertEquals(Long.valueOf(1234L), message.valueOf("JMSTimestamp"));
        assertEquals("c", message.valueOf("JMSCorrelationID"));
        assertEquals("car", message.valueOf("JMSType"));
        assertEquals("blue", message.valueOf("color"));
        assertEquals(Integer.valueOf(2600), message.valueOf("weight"));
        assertNull(message.valueOf("absent"));

        message.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        assertEquals("NON_PERSISTENT", message.valueOf("JMSDeliveryMode"));
    }

    @Test
    void selectorViewGivesNullForUnsetNullableHeaders() {
        assertNull(message.valueOf("JMSMessageID"));
        assertNull(message.valueOf("JMSCorrelationID"));
        assertNull(message.valueOf("JMSType"));
    }

    @Test
    void copyIsDeepAndWritable() throws JMSException {
        GannetTextMessage original = new GannetTextMessage("hello");
        original.setJMSMessageID("ID:1");
        original.setIntProperty("n", 1);
        original.markDelivered(2, true);
        original.setAcknowledger(() -> {
            throw new AssertionError("the copy must not share the acknowledger");
        });

        GannetTextMessage copy = (GannetTextMessage) original.copy();
        assertEquals("hello", copy.getText());
        assertEquals("ID:1", copy.getJMSMessageID());
        assertEquals(1, copy.getIntProperty("n"));
        assertEquals(2, copy.getIntProperty("JMSXDeliveryCount"));
        assertTrue(copy.getJMSRedelivered());
        copy.setText("changed");
        copy.setIntProperty("n", 2);
        copy.acknowledge();
        assertEquals("hello", original.getText());
        assertEquals(1, original.getIntProperty("n"));
    }
}
