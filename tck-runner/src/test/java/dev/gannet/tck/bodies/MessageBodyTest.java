package dev.gannet.tck.bodies;

import dev.gannet.tck.support.ConformanceTest;
import jakarta.jms.*;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Spec 3.11 "Jakarta Messaging message body" and the Message subinterfaces' javadoc. */
class MessageBodyTest extends ConformanceTest {

    private Session session;
    private MessageProducer producer;
    private MessageConsumer consumer;

    private void open() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        session = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(queue);
        consumer = session.createConsumer(queue);
    }

    @SuppressWarnings("unchecked")
    private <T extends Message> T roundTrip(T message) throws JMSException {
        producer.send(message);
        Message received = receive(consumer);
        assertNotNull(received, "message must arrive");
        return (T) received;
    }

    record Point(int x, int y) implements Serializable {
    }

    @Test
    @DisplayName("3.11 TextMessage carries text, including non-ASCII and empty, and null")
    void textMessageRoundTrip() throws JMSException {
        open();
        assertEquals("héllo ✓ 世界", roundTrip(session.createTextMessage("héllo ✓ 世界")).getText());
        assertEquals("", roundTrip(session.createTextMessage("")).getText());
        assertNull(roundTrip(session.createTextMessage()).getText());
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            big.append((char) ('a' + i % 26));
        }
        assertEquals(big.toString(), roundTrip(session.createTextMessage(big.toString())).getText());
    }

    @Test
    @DisplayName("3.11.2 A received body is read-only; clearBody makes it writable and empty")
    void receivedTextBodyReadOnlyUntilCleared() throws JMSException {
        open();
        TextMessage r = roundTrip(session.createTextMessage("x"));
        assertThrows(MessageNotWriteableException.class, () -> r.setText("y"));
        r.clearBody();
        assertNull(r.getText());
        r.setText("z");
        assertEquals("z", r.getText());
    }

    @Test
    @DisplayName("3.11 BytesMessage: values read back in the order written")
    void bytesMessageRoundTrip() throws JMSException {
        open();
        BytesMessage m = session.createBytesMessage();
        m.writeBoolean(true);
        m.writeByte((byte) -2);
        m.writeShort((short) -300);
        m.writeChar('Z');
        m.writeInt(123456);
        m.writeLong(-9L);
        m.writeFloat(3.5f);
        m.writeDouble(-1.25);
        m.writeUTF("utf ✓");
        m.writeBytes(new byte[]{1, 2, 3});
        m.writeBytes(new byte[]{9, 8, 7, 6}, 1, 2);
        m.writeObject(Integer.valueOf(77));
        BytesMessage r = roundTrip(m);
        assertTrue(r.readBoolean());
        assertEquals(-2, r.readByte());
        assertEquals(-300, r.readShort());
        assertEquals('Z', r.readChar());
        assertEquals(123456, r.readInt());
        assertEquals(-9L, r.readLong());
        assertEquals(3.5f, r.readFloat());
        assertEquals(-1.25, r.readDouble());
        assertEquals("utf ✓", r.readUTF());
        byte[] three = new byte[3];
        assertEquals(3, r.readBytes(three));
        assertArrayEquals(new byte[]{1, 2, 3}, three);
        byte[] two = new byte[2];
        assertEquals(2, r.readBytes(two));
        assertArrayEquals(new byte[]{8, 7}, two);
        assertEquals(77, r.readInt());
        assertEquals(-1, r.readBytes(new byte[4]), "readBytes at end returns -1");
        assertThrows(MessageEOFException.class, r::readByte);
    }

    @Test
    @DisplayName("3.11 BytesMessage: getBodyLength, reset, unsigned reads")
    void bytesMessageLengthAndReset() throws JMSException {
        open();
        BytesMessage m = session.createBytesMessage();
        m.writeBytes(new byte[]{(byte) 0xFF, (byte) 0xFE, 5, 6});
        BytesMessage r = roundTrip(m);
        assertEquals(4, r.getBodyLength());
        assertEquals(255, r.readUnsignedByte());
        assertEquals(0xFE05, r.readUnsignedShort());
        r.reset();
        assertEquals(-1, r.readByte());
        byte[] rest = new byte[10];
        assertEquals(3, r.readBytes(rest));
    }

    @Test
    @DisplayName("3.11.3 BytesMessage: write-only until reset, read-only after receipt")
    void bytesMessageModes() throws JMSException {
        open();
        BytesMessage m = session.createBytesMessage();
        m.writeInt(1);
        assertThrows(MessageNotReadableException.class, m::readInt);
        assertThrows(MessageNotReadableException.class, m::getBodyLength);
        m.reset();
        assertEquals(4, m.getBodyLength());
        assertEquals(1, m.readInt());
        assertThrows(MessageNotWriteableException.class, () -> m.writeInt(2));
        m.clearBody();
        m.writeInt(3);
        BytesMessage r = roundTrip(m);
        assertThrows(MessageNotWriteableException.class, () -> r.writeByte((byte) 1));
        assertEquals(3, r.readInt());
        r.clearBody();
        r.writeInt(4);
        assertThrows(MessageFormatException.class, () -> session.createBytesMessage().writeObject(new Object()));
    }

    @Test
    @DisplayName("3.11 MapMessage: every type round trips; names enumerate")
    void mapMessageRoundTrip() throws JMSException {
        open();
        MapMessage m = session.createMapMessage();
        m.setBoolean("bool", true);
        m.setByte("byte", (byte) 1);
        m.setShort("short", (short) 2);
        m.setChar("char", 'c');
        m.setInt("int", 3);
        m.setLong("long", 4L);
        m.setFloat("float", 5.5f);
        m.setDouble("double", 6.5);
        m.setString("string", "s");
        m.setBytes("bytes", new byte[]{1, 2});
        m.setBytes("slice", new byte[]{1, 2, 3, 4}, 1, 2);
        m.setObject("object", 9L);
        MapMessage r = roundTrip(m);
        assertTrue(r.getBoolean("bool"));
        assertEquals(1, r.getByte("byte"));
        assertEquals(2, r.getShort("short"));
        assertEquals('c', r.getChar("char"));
        assertEquals(3, r.getInt("int"));
        assertEquals(4L, r.getLong("long"));
        assertEquals(5.5f, r.getFloat("float"));
        assertEquals(6.5, r.getDouble("double"));
        assertEquals("s", r.getString("string"));
        assertArrayEquals(new byte[]{1, 2}, r.getBytes("bytes"));
        assertArrayEquals(new byte[]{2, 3}, r.getBytes("slice"));
        assertEquals(9L, r.getObject("object"));
        assertTrue(r.itemExists("int"));
        assertFalse(r.itemExists("nope"));
        assertNull(r.getString("nope"));
        assertNull(r.getObject("nope"));
        List<String> names = Collections.list((java.util.Enumeration<String>) r.getMapNames());
        assertEquals(12, names.size(), names.toString());
    }

    @Test
    @DisplayName("3.11.3 MapMessage conversions follow the table")
    void mapMessageConversions() throws JMSException {
        open();
        MapMessage m = session.createMapMessage();
        m.setInt("int", 42);
        m.setString("num", "17");
        m.setString("word", "xyz");
        m.setBoolean("bool", false);
        m.setFloat("f", 1.5f);
        m.setBytes("bytes", new byte[]{1});
        MapMessage r = roundTrip(m);
        assertEquals(42L, r.getLong("int"));
        assertEquals("42", r.getString("int"));
        assertEquals(17, r.getInt("num"));
        assertEquals(17.0, r.getDouble("num"));
        assertEquals("false", r.getString("bool"));
        assertEquals(1.5, r.getDouble("f"));
        assertThrows(MessageFormatException.class, () -> r.getShort("int"));
        assertThrows(MessageFormatException.class, () -> r.getBoolean("int"));
        assertThrows(MessageFormatException.class, () -> r.getInt("bool"));
        assertThrows(MessageFormatException.class, () -> r.getChar("int"));
        assertThrows(MessageFormatException.class, () -> r.getString("bytes"));
        assertThrows(MessageFormatException.class, () -> r.getBytes("int"));
        assertThrows(MessageFormatException.class, () -> r.getFloat("int"));
        assertThrows(NumberFormatException.class, () -> r.getInt("word"));
    }

    @Test
    @DisplayName("3.11 MapMessage: null/empty names rejected; received map read-only")
    void mapMessageErrors() throws JMSException {
        open();
        MapMessage m = session.createMapMessage();
        assertThrows(IllegalArgumentException.class, () -> m.setInt(null, 1));
        assertThrows(IllegalArgumentException.class, () -> m.setString("", "x"));
        assertThrows(MessageFormatException.class, () -> m.setObject("o", new ArrayList<>()));
        m.setInt("a", 1);
        MapMessage r = roundTrip(m);
        assertThrows(MessageNotWriteableException.class, () -> r.setInt("b", 2));
        r.clearBody();
        assertFalse(r.itemExists("a"));
        r.setInt("b", 2);
        assertEquals(2, r.getInt("b"));
    }

    @Test
    @DisplayName("3.11 StreamMessage: values read back in order; end raises MessageEOFException")
    void streamMessageRoundTrip() throws JMSException {
        open();
        StreamMessage m = session.createStreamMessage();
        m.writeBoolean(true);
        m.writeByte((byte) 3);
        m.writeShort((short) 4);
        m.writeChar('q');
        m.writeInt(5);
        m.writeLong(6L);
        m.writeFloat(7.5f);
        m.writeDouble(8.5);
        m.writeString("nine");
        m.writeBytes(new byte[]{10, 11});
        m.writeObject("twelve");
        m.writeString(null);
        StreamMessage r = roundTrip(m);
        assertTrue(r.readBoolean());
        assertEquals(3, r.readByte());
        assertEquals(4, r.readShort());
        assertEquals('q', r.readChar());
        assertEquals(5, r.readInt());
        assertEquals(6L, r.readLong());
        assertEquals(7.5f, r.readFloat());
        assertEquals(8.5, r.readDouble());
        assertEquals("nine", r.readString());
        byte[] bytes = new byte[5];
        assertEquals(2, r.readBytes(bytes));
        assertEquals("twelve", r.readObject());
        assertNull(r.readString());
        assertThrows(MessageEOFException.class, r::readInt);
    }

    @Test
    @DisplayName("3.11.3 StreamMessage conversions; a failed conversion does not advance")
    void streamMessageConversions() throws JMSException {
        open();
        StreamMessage m = session.createStreamMessage();
        m.writeInt(42);
        m.writeString("17");
        m.writeBoolean(true);
        StreamMessage r = roundTrip(m);
        assertThrows(MessageFormatException.class, r::readShort);
        assertThrows(MessageFormatException.class, r::readBoolean);
        assertEquals(42L, r.readLong());
        assertEquals(17, r.readInt());
        assertEquals("true", r.readString());
        r.reset();
        assertEquals("42", r.readString());
        assertEquals(17.0, r.readDouble());
        assertTrue(r.readBoolean());
    }

    @Test
    @DisplayName("3.11.3 StreamMessage write-only/read-only modes")
    void streamMessageModes() throws JMSException {
        open();
        StreamMessage m = session.createStreamMessage();
        m.writeInt(1);
        assertThrows(MessageNotReadableException.class, m::readInt);
        m.reset();
        assertEquals(1, m.readInt());
        assertThrows(MessageNotWriteableException.class, () -> m.writeInt(2));
        StreamMessage r = roundTrip(session.createStreamMessage());
        assertThrows(MessageNotWriteableException.class, () -> r.writeInt(1));
        assertThrows(MessageEOFException.class, r::readInt);
        assertThrows(MessageFormatException.class, () -> session.createStreamMessage().writeObject(new Object()));
    }

    @Test
    @DisplayName("3.11 ObjectMessage carries a serializable object by value")
    void objectMessageRoundTrip() throws JMSException {
        open();
        ObjectMessage m = session.createObjectMessage(new Point(1, 2));
        ObjectMessage r = roundTrip(m);
        assertEquals(new Point(1, 2), r.getObject());
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        ObjectMessage listMessage = session.createObjectMessage(list);
        list.add("b"); // set copies the object (ObjectMessage.setObject)
        ObjectMessage r2 = roundTrip(listMessage);
        assertEquals(List.of("a"), r2.getObject());
        assertNull(roundTrip(session.createObjectMessage()).getObject());
        assertThrows(MessageNotWriteableException.class, () -> r.setObject("x"));
    }

    @Test
    @DisplayName("3.11 Message without a body round trips; getBody returns null")
    void plainMessage() throws JMSException {
        open();
        Message r = roundTrip(session.createMessage());
        assertNull(r.getBody(Object.class));
        assertTrue(r.isBodyAssignableTo(String.class));
    }

    @Test
    @DisplayName("3.11 / Message.getBody: body returned as the requested type, else MessageFormatException")
    void getBodyAndIsBodyAssignableTo() throws JMSException {
        open();
        TextMessage text = roundTrip(session.createTextMessage("t"));
        assertEquals("t", text.getBody(String.class));
        assertTrue(text.isBodyAssignableTo(String.class));
        assertFalse(text.isBodyAssignableTo(Integer.class));
        assertThrows(MessageFormatException.class, () -> text.getBody(Integer.class));

        BytesMessage bytes = session.createBytesMessage();
        bytes.writeBytes(new byte[]{1, 2});
        BytesMessage rb = roundTrip(bytes);
        assertArrayEquals(new byte[]{1, 2}, rb.getBody(byte[].class));
        assertTrue(rb.isBodyAssignableTo(byte[].class));

        MapMessage map = session.createMapMessage();
        map.setInt("k", 1);
        MapMessage rm = roundTrip(map);
        assertEquals(Map.of("k", 1), rm.getBody(Map.class));

        ObjectMessage object = roundTrip(session.createObjectMessage(new Point(3, 4)));
        assertEquals(new Point(3, 4), object.getBody(Point.class));
        assertEquals(new Point(3, 4), object.getBody(Serializable.class));
        assertThrows(MessageFormatException.class, () -> object.getBody(String.class));

        StreamMessage stream = session.createStreamMessage();
        stream.writeInt(1);
        StreamMessage rs = roundTrip(stream);
        assertFalse(rs.isBodyAssignableTo(Object.class));
        assertThrows(MessageFormatException.class, () -> rs.getBody(Object.class));
    }

    @Test
    @DisplayName("3.11.1 clearBody on a new message empties it")
    void clearBodyOnNewMessages() throws JMSException {
        open();
        TextMessage text = session.createTextMessage("x");
        text.clearBody();
        assertNull(text.getText());
        MapMessage map = session.createMapMessage();
        map.setInt("a", 1);
        map.clearBody();
        assertFalse(map.getMapNames().hasMoreElements());
        ObjectMessage object = session.createObjectMessage("o");
        object.clearBody();
        assertNull(object.getObject());
    }
}
