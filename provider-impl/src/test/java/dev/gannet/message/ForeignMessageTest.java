package dev.gannet.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Copying another provider's messages (spec 3.12 "Provider implementations of Jakarta Messaging message interfaces").
 * The foreign messages are dynamic proxies that expose only one jakarta.jms interface, so the copy can use nothing
 * else; they store their state in a Gannet message and report foreign destinations.
 */
@Timeout(10)
class ForeignMessageTest {

    record Payload(String name) implements Serializable {
    }

    private static final Queue FOREIGN_QUEUE = () -> "orders";
    private static final Topic FOREIGN_TOPIC = () -> "replies";

    @Test
    void headersAndPropertiesAreCopiedAndForeignDestinationsConvertedByName() throws JMSException {
        GannetTextMessage state = new GannetTextMessage("text");
        state.setJMSMessageID("ID:foreign-1");
        state.setJMSTimestamp(5L);
        state.setJMSCorrelationID("corr");
        state.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        state.setJMSRedelivered(true);
        state.setJMSType("type");
        state.setJMSExpiration(6L);
        state.setJMSDeliveryTime(7L);
        state.setJMSPriority(8);
        for (ValueKind kind : ValueKind.PROPERTY_KINDS) {
            state.setObjectProperty("p" + kind, kind.sample());
        }
        TextMessage foreign = foreign(TextMessage.class, state, FOREIGN_QUEUE, FOREIGN_TOPIC);

        GannetMessage copy = MessageCodec.fromForeign(foreign);

        assertEquals("ID:foreign-1", copy.getJMSMessageID());
        assertEquals(5L, copy.getJMSTimestamp());
        assertEquals("corr", copy.getJMSCorrelationID());
        assertEquals(new GannetQueue("orders"), copy.getJMSDestination());
        assertEquals(new GannetTopic("replies"), copy.getJMSReplyTo());
        assertEquals(DeliveryMode.NON_PERSISTENT, copy.getJMSDeliveryMode());
        assertTrue(copy.getJMSRedelivered());
        assertEquals("type", copy.getJMSType());
        assertEquals(6L, copy.getJMSExpiration());
        assertEquals(7L, copy.getJMSDeliveryTime());
        assertEquals(8, copy.getJMSPriority());
        for (ValueKind kind : ValueKind.PROPERTY_KINDS) {
            assertEquals(kind.sample(), copy.getObjectProperty("p" + kind));
        }
        assertEquals("text", assertInstanceOf(GannetTextMessage.class, copy).getText());
    }

    /** Message javadoc: a foreign JMSReplyTo that Gannet cannot use need not be preserved. */
    @Test
    void foreignDestinationThatIsNeitherQueueNorTopicIsDropped() throws JMSException {
        Destination odd = new Destination() {
        };
        GannetMessage copy = MessageCodec.fromForeign(foreign(Message.class, new GannetMessage(), odd, odd));
        assertNull(copy.getJMSDestination());
        assertNull(copy.getJMSReplyTo());
        assertEquals(MessageType.PLAIN, copy.type());
    }

    @Test
    void bytesBodyIsReadFromTheStartAndTheForeignMessageIsLeftReset() throws JMSException {
        GannetBytesMessage state = new GannetBytesMessage();
        byte[] body = new byte[20_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        state.writeBytes(body);
        BytesMessage foreign = foreign(BytesMessage.class, state, null, null);

        GannetBytesMessage copy = assertInstanceOf(GannetBytesMessage.class, MessageCodec.fromForeign(foreign));

        copy.reset();
        byte[] copied = new byte[(int) copy.getBodyLength()];
        copy.readBytes(copied);
        assertArrayEquals(body, copied);
        assertEquals(0, foreign.readByte());
    }

    @Test
    void streamBodyIsCopiedFieldByField() throws JMSException {
        GannetStreamMessage state = new GannetStreamMessage();
        for (ValueKind kind : ValueKind.values()) {
            state.writeObject(kind.sample());
        }
        state.writeObject(null);
        StreamMessage foreign = foreign(StreamMessage.class, state, null, null);

        GannetStreamMessage copy = assertInstanceOf(GannetStreamMessage.class, MessageCodec.fromForeign(foreign));

        copy.reset();
        for (ValueKind kind : ValueKind.values()) {
            ValueKind.assertValue(kind.sample(), copy.readObject());
        }
        assertNull(copy.readObject());
        assertThrows(MessageEOFException.class, copy::readObject);
    }

    @Test
    void mapBodyIsCopiedItemByItem() throws JMSException {
        GannetMapMessage state = new GannetMapMessage();
        for (ValueKind kind : ValueKind.values()) {
            state.setObject(kind.name(), kind.sample());
        }
        MapMessage foreign = foreign(MapMessage.class, state, null, null);

        GannetMapMessage copy = assertInstanceOf(GannetMapMessage.class, MessageCodec.fromForeign(foreign));

        for (ValueKind kind : ValueKind.values()) {
            ValueKind.assertValue(kind.sample(), copy.getObject(kind.name()));
        }
    }

    @Test
    void objectBodyIsCopied() throws JMSException {
        GannetObjectMessage state = new GannetObjectMessage();
        state.setObject(new Payload("p"));
        ObjectMessage foreign = foreign(ObjectMessage.class, state, null, null);

        GannetObjectMessage copy = assertInstanceOf(GannetObjectMessage.class, MessageCodec.fromForeign(foreign));

        assertEquals(new Payload("p"), copy.getObject());
    }

    @Test
    void copyOfAReceivedForeignMessageIsWritable() throws JMSException {
        GannetTextMessage state = new GannetTextMessage("t");
        state.markDelivered(1, false);
        GannetTextMessage copy = (GannetTextMessage) MessageCodec.fromForeign(
                foreign(TextMessage.class, state, null, null));
        copy.setText("changed");
        copy.setIntProperty("added", 1);
        assertEquals("t", state.getText());
    }

    @Test
    void gannetMessageIsCopiedRatherThanConverted() throws JMSException {
        GannetTextMessage message = new GannetTextMessage("t");
        GannetMessage copy = MessageCodec.fromForeign(message);
        assertNotSame(message, copy);
        assertEquals("t", ((GannetTextMessage) copy).getText());
        assertFalse(copy.propertyExists("JMSXDeliveryCount"));
    }

    /** Another provider's message implementing only {@code type}, keeping its state in {@code state}. */
    private static <T extends Message> T foreign(Class<T> type, GannetMessage state, Destination destination,
            Destination replyTo) {
        Object proxy = Proxy.newProxyInstance(ForeignMessageTest.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> {
                    switch (method.getName()) {
                        case "getJMSDestination":
                            return destination;
                        case "getJMSReplyTo":
                            return replyTo;
                        case "toString":
                            return "foreign " + type.getSimpleName();
                        default:
                            try {
                                return method.invoke(state, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                });
        return type.cast(proxy);
    }
}
