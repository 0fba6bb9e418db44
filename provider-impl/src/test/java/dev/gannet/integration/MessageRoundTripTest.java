package dev.gannet.integration;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every message type with every header and property type, through the broker and back (spec 3). */
class MessageRoundTripTest extends BrokerTestSupport {

    private static void setEveryPropertyType(Message message) throws Exception {
        message.setBooleanProperty("aBoolean", true);
        message.setByteProperty("aByte", (byte) -7);
        message.setShortProperty("aShort", (short) 300);
        message.setIntProperty("anInt", 70_000);
        message.setLongProperty("aLong", Long.MIN_VALUE);
        message.setFloatProperty("aFloat", 1.5f);
        message.setDoubleProperty("aDouble", Math.PI);
        message.setStringProperty("aString", "héllo wörld");
        message.setObjectProperty("anObject", 99);
        message.setStringProperty("JMSXGroupID", "group-1");
        message.setIntProperty("JMSXGroupSeq", 1);
    }

    private static void assertEveryPropertyType(Message message) throws Exception {
        assertTrue(message.getBooleanProperty("aBoolean"));
        assertEquals((byte) -7, message.getByteProperty("aByte"));
        assertEquals((short) 300, message.getShortProperty("aShort"));
        assertEquals(70_000, message.getIntProperty("anInt"));
        assertEquals(Long.MIN_VALUE, message.getLongProperty("aLong"));
        assertEquals(1.5f, message.getFloatProperty("aFloat"));
        assertEquals(Math.PI, message.getDoubleProperty("aDouble"));
        assertEquals("héllo wörld", message.getStringProperty("aString"));
        assertEquals(99, message.getObjectProperty("anObject"));
        assertEquals("group-1", message.getStringProperty("JMSXGroupID"));
        assertEquals(1, message.getIntProperty("JMSXGroupSeq"));
        List<String> names = Collections.list(castNames(message));
        assertTrue(names.containsAll(List.of("aBoolean", "aByte", "aShort", "anInt", "aLong", "aFloat", "aDouble",
                "aString", "anObject")), "property names: " + names);
    }

    @SuppressWarnings("unchecked")
    private static java.util.Enumeration<String> castNames(Message message) throws Exception {
        return (java.util.Enumeration<String>) message.getPropertyNames();
    }

    private static void assertSendHeaders(Message sent, Message received, Queue queue, Queue replyTo)
            throws Exception {
        assertEquals(sent.getJMSMessageID(), received.getJMSMessageID());
        assertTrue(received.getJMSMessageID().startsWith("ID:"), received.getJMSMessageID());
        assertEquals(sent.getJMSTimestamp(), received.getJMSTimestamp());
        assertTrue(received.getJMSTimestamp() > 0);
        assertEquals("corr-42", received.getJMSCorrelationID());
        assertEquals(replyTo, received.getJMSReplyTo());
        assertEquals(queue, received.getJMSDestination());
        assertEquals(DeliveryMode.NON_PERSISTENT, received.getJMSDeliveryMode());
        assertEquals(6, received.getJMSPriority());
        assertEquals("kind-A", received.getJMSType());
        assertEquals(sent.getJMSExpiration(), received.getJMSExpiration());
        assertTrue(received.getJMSExpiration() >= received.getJMSTimestamp() + 60_000);
        assertEquals(sent.getJMSDeliveryTime(), received.getJMSDeliveryTime());
        assertFalse(received.getJMSRedelivered());
        assertEquals(1, received.getIntProperty("JMSXDeliveryCount"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "text", "bytes", "map", "stream", "object"})
    void everyMessageTypeRoundTripsWithEveryHeaderAndPropertyType(String type) throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("types-" + type);
        Queue replyTo = session.createQueue("reply-" + type);
        Message sent = switch (type) {
            case "plain" -> session.createMessage();
            case "text" -> session.createTextMessage("text body ✓");
            case "bytes" -> {
                BytesMessage m = session.createBytesMessage();
                m.writeInt(42);
                m.writeUTF("utf");
                m.writeBytes(new byte[]{9, 8, 7});
                yield m;
            }
            case "map" -> {
                MapMessage m = session.createMapMessage();
                m.setInt("i", 1);
                m.setString("s", "two");
                m.setBytes("b", new byte[]{3});
                m.setDouble("d", 4.0);
                yield m;
            }
            case "stream" -> {
                StreamMessage m = session.createStreamMessage();
                m.writeBoolean(true);
                m.writeLong(5L);
                m.writeString("six");
                m.writeBytes(new byte[]{7});
                yield m;
            }
            case "object" -> session.createObjectMessage(new ArrayList<>(List.of("seven", "eight")));
            default -> throw new IllegalArgumentException(type);
        };
        setEveryPropertyType(sent);
        sent.setJMSCorrelationID("corr-42");
        sent.setJMSReplyTo(replyTo);
        sent.setJMSType("kind-A");
        MessageProducer producer = session.createProducer(queue);
        producer.send(sent, DeliveryMode.NON_PERSISTENT, 6, 60_000);

        Message received = receive(session.createConsumer(queue));
        assertSendHeaders(sent, received, queue, replyTo);
        assertEveryPropertyType(received);
        switch (type) {
            case "text" -> assertEquals("text body ✓", ((TextMessage) received).getText());
            case "bytes" -> {
                BytesMessage m = (BytesMessage) received;
                assertEquals(42, m.readInt());
                assertEquals("utf", m.readUTF());
                byte[] tail = new byte[3];
                assertEquals(3, m.readBytes(tail));
                assertArrayEquals(new byte[]{9, 8, 7}, tail);
            }
            case "map" -> {
                MapMessage m = (MapMessage) received;
                assertEquals(1, m.getInt("i"));
                assertEquals("two", m.getString("s"));
                assertArrayEquals(new byte[]{3}, m.getBytes("b"));
                assertEquals(4.0, m.getDouble("d"));
            }
            case "stream" -> {
                StreamMessage m = (StreamMessage) received;
                assertTrue(m.readBoolean());
                assertEquals(5L, m.readLong());
                assertEquals("six", m.readString());
                byte[] buffer = new byte[1];
                assertEquals(1, m.readBytes(buffer));
            }
            case "object" -> assertEquals(List.of("seven", "eight"), ((ObjectMessage) received).getObject());
            default -> assertNull(received.getBody(Object.class));
        }
        assertThrows(MessageNotWriteableException.class, () -> received.setStringProperty("late", "no"),
                "received properties are read-only (spec 3.5.5)");
        received.clearProperties();
        received.setStringProperty("late", "yes");
        assertEquals("yes", received.getStringProperty("late"));
    }

    @Test
    void simplifiedApiRoundTripsBodiesAndProducerProperties() throws Exception {
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = context.createQueue("simple-types");
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer()
                .setProperty("aBoolean", true).setProperty("aByte", (byte) -7).setProperty("aShort", (short) 300)
                .setProperty("anInt", 70_000).setProperty("aLong", Long.MIN_VALUE).setProperty("aFloat", 1.5f)
                .setProperty("aDouble", Math.PI).setProperty("aString", "héllo wörld").setProperty("anObject", 99)
                .setProperty("JMSXGroupID", "group-1").setProperty("JMSXGroupSeq", 1)
                .setJMSCorrelationID("corr").setJMSType("t")
                .send(queue, "text")
                .send(queue, Map.of("k", "v"))
                .send(queue, new byte[]{1, 2})
                .send(queue, (java.io.Serializable) List.of("obj"));
        Message text = consumer.receive(ARRIVES);
        assertEveryPropertyType(text);
        assertEquals("corr", text.getJMSCorrelationID());
        assertEquals("t", text.getJMSType());
        assertEquals("text", text.getBody(String.class));
        assertEquals(Map.of("k", "v"), consumer.receive(ARRIVES).getBody(Map.class));
        assertArrayEquals(new byte[]{1, 2}, consumer.receiveBody(byte[].class, ARRIVES));
        assertEquals(List.of("obj"), consumer.receiveBody(List.class, ARRIVES));
    }

    @Test
    void foreignMessageImplementationIsSentThroughGannet() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("foreign");
        TextMessage foreign = ForeignTextMessage.create("from elsewhere");
        foreign.setStringProperty("origin", "other-provider");
        session.createProducer(queue).send(foreign);
        assertTrue(foreign.getJMSMessageID().startsWith("ID:"), "send sets headers on the foreign object");
        TextMessage received = (TextMessage) receive(session.createConsumer(queue));
        assertEquals("from elsewhere", received.getText());
        assertEquals("other-provider", received.getStringProperty("origin"));
        assertEquals(foreign.getJMSMessageID(), received.getJMSMessageID());
    }
}
