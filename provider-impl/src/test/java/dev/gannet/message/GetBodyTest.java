package dev.gannet.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;

import java.io.Serializable;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code Message.getBody} and {@code Message.isBodyAssignableTo} for every message type (JMS 2.0). */
@Timeout(10)
class GetBodyTest {

    record Payload(String name) implements Serializable {
    }

    @Test
    void plainMessageHasNoBodyAndAcceptsAnyType() throws JMSException {
        GannetMessage message = new GannetMessage();
        assertNull(message.getBody(Integer.class));
        assertTrue(message.isBodyAssignableTo(Integer.class));
    }

    @Test
    void textBodyIsAssignableToStringAndItsSupertypesOnly() throws JMSException {
        GannetTextMessage message = new GannetTextMessage("hi");
        assertEquals("hi", message.getBody(String.class));
        assertEquals("hi", message.getBody(CharSequence.class));
        assertEquals("hi", message.getBody(Object.class));
        assertTrue(message.isBodyAssignableTo(String.class));
        assertFalse(message.isBodyAssignableTo(Integer.class));
        assertThrows(MessageFormatException.class, () -> message.getBody(Integer.class));
    }

    @Test
    void emptyBodiesReturnNullForAnyType() throws JMSException {
        GannetMessage[] empty = {new GannetTextMessage(), new GannetBytesMessage(), new GannetMapMessage(),
            new GannetObjectMessage()};
        for (GannetMessage message : empty) {
            assertNull(message.getBody(Integer.class), message.type().toString());
            assertTrue(message.isBodyAssignableTo(Integer.class), message.type().toString());
        }
    }

    @Test
    void bytesBodyIsAssignableToByteArrayInEitherMode() throws JMSException {
        GannetBytesMessage message = new GannetBytesMessage();
        message.writeBytes(new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, message.getBody(byte[].class));
        message.writeByte((byte) 4);
        message.reset();
        assertArrayEquals(new byte[] {1, 2, 3, 4}, (byte[]) message.getBody(Object.class));
        assertTrue(message.isBodyAssignableTo(byte[].class));
        assertFalse(message.isBodyAssignableTo(String.class));
        assertThrows(MessageFormatException.class, () -> message.getBody(String.class));
    }

    /** Message javadoc: getBody resets a BytesMessage before and after use. */
    @Test
    void bytesBodyOfAReceivedMessageIsWholeAndLeavesTheReadPositionAtTheStart() throws JMSException {
        GannetBytesMessage message = new GannetBytesMessage();
        message.writeBytes(new byte[] {1, 2, 3});
        message.markDelivered(1, false);
        assertEquals(1, message.readByte());
        byte[] body = message.getBody(byte[].class);
        assertArrayEquals(new byte[] {1, 2, 3}, body);
        body[0] = 9;
        assertEquals(1, message.readByte());
    }

    @Test
    void mapBodyIsACopyAssignableToMap() throws JMSException {
        GannetMapMessage message = new GannetMapMessage();
        message.setInt("n", 1);
        message.setBytes("b", new byte[] {5});
        @SuppressWarnings("unchecked")
        Map<String, Object> body = message.getBody(Map.class);
        assertEquals(1, body.get("n"));
        assertArrayEquals(new byte[] {5}, (byte[]) body.get("b"));
        body.put("n", 2);
        ((byte[]) body.get("b"))[0] = 6;
        assertEquals(1, message.getInt("n"));
        assertArrayEquals(new byte[] {5}, message.getBytes("b"));
        assertTrue(message.isBodyAssignableTo(Map.class));
        assertTrue(message.isBodyAssignableTo(Object.class));
        assertFalse(message.isBodyAssignableTo(String.class));
        assertThrows(MessageFormatException.class, () -> message.getBody(String.class));
    }

    /** Message javadoc: getBody may not be called on a StreamMessage. */
    @Test
    void streamBodyIsNeverAssignable() throws JMSException {
        GannetStreamMessage message = new GannetStreamMessage();
        assertThrows(MessageFormatException.class, () -> message.getBody(Object.class));
        assertFalse(message.isBodyAssignableTo(Object.class));
        message.writeInt(1);
        assertThrows(MessageFormatException.class, () -> message.getBody(Object.class));
        assertFalse(message.isBodyAssignableTo(Object.class));
    }

    @Test
    void objectBodyIsAssignableToItsClassAndSupertypes() throws JMSException {
        GannetObjectMessage message = new GannetObjectMessage();
        message.setObject(new Payload("p"));
        assertEquals(new Payload("p"), message.getBody(Payload.class));
        assertEquals(new Payload("p"), message.getBody(Serializable.class));
        assertEquals(new Payload("p"), message.getBody(Record.class));
        assertTrue(message.isBodyAssignableTo(Serializable.class));
        assertFalse(message.isBodyAssignableTo(String.class));
        assertThrows(MessageFormatException.class, () -> message.getBody(String.class));
    }

    @Test
    void objectBodyThatCannotBeDeserializedIsNotAssignable() {
        GannetObjectMessage message = new GannetObjectMessage();
        message.restoreSerializedObject(new byte[] {0, 1});
        assertFalse(message.isBodyAssignableTo(Object.class));
        assertThrows(MessageFormatException.class, () -> message.getBody(Object.class));
    }

    @Test
    void getBodyOfTextReturnsTheSameStringAsGetText() throws JMSException {
        String text = "same";
        GannetTextMessage message = new GannetTextMessage(text);
        assertSame(message.getText(), message.getBody(String.class));
    }
}
