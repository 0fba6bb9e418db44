package dev.gannet.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.JMSException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Read-only properties and bodies of received messages (spec 3.5.3, 3.10, 3.11.2) and the write-only bodies of Bytes
 * and Stream messages before {@code reset()}.
 */
@Timeout(10)
class ReadOnlyRulesTest {

    static Stream<GannetMessage> everyMessageType() {
        return Stream.of(new GannetMessage(), new GannetTextMessage(), new GannetBytesMessage(),
                new GannetMapMessage(), new GannetStreamMessage(), new GannetObjectMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyMessageType")
    void propertiesOfAReceivedMessageAreReadOnly(GannetMessage message) throws JMSException {
        message.setIntProperty("before", 1);
        message.markDelivered(1, false);
        assertThrows(MessageNotWriteableException.class, () -> message.setBooleanProperty("p", true));
        assertThrows(MessageNotWriteableException.class, () -> message.setByteProperty("p", (byte) 1));
        assertThrows(MessageNotWriteableException.class, () -> message.setShortProperty("p", (short) 1));
        assertThrows(MessageNotWriteableException.class, () -> message.setIntProperty("p", 1));
        assertThrows(MessageNotWriteableException.class, () -> message.setLongProperty("p", 1L));
        assertThrows(MessageNotWriteableException.class, () -> message.setFloatProperty("p", 1f));
        assertThrows(MessageNotWriteableException.class, () -> message.setDoubleProperty("p", 1d));
        assertThrows(MessageNotWriteableException.class, () -> message.setStringProperty("p", "v"));
        assertThrows(MessageNotWriteableException.class, () -> message.setObjectProperty("p", "v"));
        assertEquals(1, message.getIntProperty("before"));
    }

    /** Message javadoc: after clearProperties the properties can be both read and written. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyMessageType")
    void clearPropertiesMakesPropertiesWritableAgain(GannetMessage message) throws JMSException {
        message.markDelivered(1, false);
        message.clearProperties();
        message.setIntProperty("p", 5);
        assertEquals(5, message.getIntProperty("p"));
    }

    @Test
    void textBodyOfAReceivedMessageIsReadOnlyUntilClearBody() throws JMSException {
        GannetTextMessage message = new GannetTextMessage("original");
        message.markDelivered(1, false);
        assertThrows(MessageNotWriteableException.class, () -> message.setText("x"));
        assertEquals("original", message.getText());
        message.clearBody();
        assertNull(message.getText());
        message.setText("new");
        assertEquals("new", message.getText());
    }

    @Test
    void objectBodyOfAReceivedMessageIsReadOnlyUntilClearBody() throws JMSException {
        GannetObjectMessage message = new GannetObjectMessage();
        message.setObject("original");
        message.markDelivered(1, false);
        assertThrows(MessageNotWriteableException.class, () -> message.setObject("x"));
        assertEquals("original", message.getObject());
        message.clearBody();
        assertNull(message.getObject());
        message.setObject("new");
        assertEquals("new", message.getObject());
    }

    @Test
    void mapBodyOfAReceivedMessageIsReadOnlyUntilClearBody() throws JMSException {
        GannetMapMessage message = new GannetMapMessage();
        message.setInt("n", 1);
        message.markDelivered(1, false);
        List<Executable> writes = List.of(() -> message.setBoolean("a", true), () -> message.setByte("a", (byte) 1),
                () -> message.setShort("a", (short) 1), () -> message.setChar("a", 'a'), () -> message.setInt("a", 1),
                () -> message.setLong("a", 1L), () -> message.setFloat("a", 1f), () -> message.setDouble("a", 1d),
                () -> message.setString("a", "s"), () -> message.setBytes("a", new byte[1]),
                () -> message.setBytes("a", new byte[1], 0, 1), () -> message.setObject("a", 1));
        for (Executable write : writes) {
            assertThrows(MessageNotWriteableException.class, write);
        }
        assertEquals(1, message.getInt("n"));
        message.clearBody();
        assertNull(message.getObject("n"));
        message.setInt("n", 2);
        assertEquals(2, message.getInt("n"));
    }

    @Test
    void bytesBodyIsWriteOnlyBeforeResetAndReadOnlyAfter() throws JMSException {
        GannetBytesMessage message = new GannetBytesMessage();
        message.writeInt(1);
        assertThrows(MessageNotReadableException.class, message::readInt);
        assertThrows(MessageNotReadableException.class, message::getBodyLength);
        assertThrows(MessageNotReadableException.class, () -> message.readBytes(new byte[1]));
        message.reset();
        assertThrows(MessageNotWriteableException.class, () -> message.writeInt(2));
        assertEquals(1, message.readInt());
    }

    @Test
    void bytesBodyOfAReceivedMessageIsReadableAndReadOnlyUntilClearBody() throws JMSException {
        GannetBytesMessage message = new GannetBytesMessage();
        message.writeByte((byte) 5);
        message.markDelivered(1, false);
        List<Executable> writes = List.of(() -> message.writeBoolean(true), () -> message.writeByte((byte) 1),
                () -> message.writeShort((short) 1), () -> message.writeChar('c'), () -> message.writeInt(1),
                () -> message.writeLong(1L), () -> message.writeFloat(1f), () -> message.writeDouble(1d),
                () -> message.writeUTF("s"), () -> message.writeBytes(new byte[1]),
                () -> message.writeBytes(new byte[1], 0, 1), () -> message.writeObject(1));
        for (Executable write : writes) {
            assertThrows(MessageNotWriteableException.class, write);
        }
        assertEquals(5, message.readByte());
        message.clearBody();
        assertThrows(MessageNotReadableException.class, message::readByte);
        message.writeByte((byte) 6);
        message.reset();
        assertEquals(6, message.readByte());
    }

    @Test
    void streamBodyIsWriteOnlyBeforeResetAndReadOnlyAfter() throws JMSException {
        GannetStreamMessage message = new GannetStreamMessage();
        message.writeInt(1);
        assertThrows(MessageNotReadableException.class, message::readInt);
        assertThrows(MessageNotReadableException.class, message::readObject);
        assertThrows(MessageNotReadableException.class, () -> message.readBytes(new byte[1]));
        message.reset();
        assertThrows(MessageNotWriteableException.class, () -> message.writeInt(2));
        assertEquals(1, message.readInt());
    }

    @Test
    void streamBodyOfAReceivedMessageIsReadableAndReadOnlyUntilClearBody() throws JMSException {
        GannetStreamMessage message = new GannetStreamMessage();
        message.writeString("s");
        message.markDelivered(1, false);
        List<Executable> writes = List.of(() -> message.writeBoolean(true), () -> message.writeByte((byte) 1),
                () -> message.writeShort((short) 1), () -> message.writeChar('c'), () -> message.writeInt(1),
                () -> message.writeLong(1L), () -> message.writeFloat(1f), () -> message.writeDouble(1d),
                () -> message.writeString("s"), () -> message.writeBytes(new byte[1]),
                () -> message.writeBytes(new byte[1], 0, 1), () -> message.writeObject(1));
        for (Executable write : writes) {
            assertThrows(MessageNotWriteableException.class, write);
        }
        assertEquals("s", message.readString());
        message.clearBody();
        assertThrows(MessageNotReadableException.class, message::readString);
        message.writeString("t");
        message.reset();
        assertEquals("t", message.readString());
    }
}
