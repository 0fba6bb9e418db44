package dev.gannet.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** BytesMessage body: the {@code BytesMessage} javadoc. */
@Timeout(10)
class BytesMessageTest {

    private final GannetBytesMessage message = new GannetBytesMessage();

    @Test
    void everyWrittenTypeReadsBackInOrder() throws JMSException {
        message.writeBoolean(true);
        message.writeBoolean(false);
        message.writeByte((byte) -2);
        message.writeShort((short) -300);
        message.writeChar('é');
        message.writeInt(-70_000);
        message.writeLong(5_000_000_000L);
        message.writeFloat(1.5f);
        message.writeDouble(-2.25);
        message.writeUTF("héllo");
        message.writeBytes(new byte[] {1, 2});
        message.writeBytes(new byte[] {0, 3, 4, 0}, 1, 2);
        message.reset();

        assertTrue(message.readBoolean());
        assertFalse(message.readBoolean());
        assertEquals(-2, message.readByte());
        assertEquals(-300, message.readShort());
        assertEquals('é', message.readChar());
        assertEquals(-70_000, message.readInt());
        assertEquals(5_000_000_000L, message.readLong());
        assertEquals(1.5f, message.readFloat());
        assertEquals(-2.25, message.readDouble());
        assertEquals("héllo", message.readUTF());
        byte[] rest = new byte[4];
        assertEquals(4, message.readBytes(rest));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, rest);
        assertEquals(-1, message.readBytes(rest));
    }

    @Test
    void unsignedReadsInterpretTheSameBytesAsUnsigned() throws JMSException {
        message.writeByte((byte) -1);
        message.writeShort((short) -1);
        message.reset();
        assertEquals(255, message.readUnsignedByte());
        assertEquals(65535, message.readUnsignedShort());
    }

    /** BytesMessage javadoc: the encoding is that of DataOutputStream. */
    @Test
    void bodyIsEncodedAsDataOutputStreamDoes() throws JMSException, IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(expected);
        data.writeBoolean(true);
        data.writeShort(513);
        data.writeChar('x');
        data.writeInt(7);
        data.writeLong(8L);
        data.writeFloat(1.25f);
        data.writeDouble(2.5);
        data.writeUTF("utf");

        message.writeBoolean(true);
        message.writeShort((short) 513);
        message.writeChar('x');
        message.writeInt(7);
        message.writeLong(8L);
        message.writeFloat(1.25f);
        message.writeDouble(2.5);
        message.writeUTF("utf");
        message.reset();

        byte[] body = new byte[(int) message.getBodyLength()];
        message.readBytes(body);
        assertArrayEquals(expected.toByteArray(), body);
    }

    @Test
    void writeObjectWritesEachSupportedTypeLikeItsTypedWrite() throws JMSException {
        Object[] values = {true, (byte) 1, (short) 2, 'c', 3, 4L, 5f, 6d, "s", new byte[] {7}};
        GannetBytesMessage typed = new GannetBytesMessage();
        typed.writeBoolean(true);
        typed.writeByte((byte) 1);
        typed.writeShort((short) 2);
        typed.writeChar('c');
        typed.writeInt(3);
        typed.writeLong(4L);
        typed.writeFloat(5f);
        typed.writeDouble(6d);
        typed.writeUTF("s");
        typed.writeBytes(new byte[] {7});
        for (Object value : values) {
            message.writeObject(value);
        }
        assertArrayEquals(typed.bodyBytes(), message.bodyBytes());
    }

    @Test
    void writeObjectRefusesOtherTypesWithMessageFormatException() {
        assertThrows(MessageFormatException.class, () -> message.writeObject(new Object()));
        assertThrows(MessageFormatException.class, () -> message.writeObject(new StringBuilder()));
    }

    /** Spec 3.12: BytesMessage has no null stream; writing null throws NullPointerException. */
    @Test
    void writingNullThrowsNullPointerException() {
        assertThrows(NullPointerException.class, () -> message.writeObject(null));
        assertThrows(NullPointerException.class, () -> message.writeBytes(null));
        assertThrows(NullPointerException.class, () -> message.writeBytes(null, 0, 0));
        assertThrows(NullPointerException.class, () -> message.writeUTF(null));
    }

    @Test
    void writeBytesWithARangeOutsideTheArrayThrowsIndexOutOfBounds() {
        assertThrows(IndexOutOfBoundsException.class, () -> message.writeBytes(new byte[2], 1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> message.writeBytes(new byte[2], -1, 1));
    }

    @Test
    void writeUtfOfAStringLongerThan65535EncodedBytesThrowsMessageFormatException() {
        assertThrows(MessageFormatException.class, () -> message.writeUTF("x".repeat(70_000)));
    }

    @Test
    void readPastTheEndThrowsMessageEofAndDoesNotMoveThePosition() throws JMSException {
        message.writeShort((short) 0x0102);
        message.reset();
        assertThrows(MessageEOFException.class, message::readInt);
        assertThrows(MessageEOFException.class, message::readLong);
        assertThrows(MessageEOFException.class, message::readDouble);
        assertEquals(0x0102, message.readShort());
        assertThrows(MessageEOFException.class, message::readByte);
        assertThrows(MessageEOFException.class, message::readBoolean);
        assertThrows(MessageEOFException.class, message::readUTF);
    }

    @Test
    void truncatedUtfThrowsMessageEofAndDoesNotMoveThePosition() throws JMSException {
        message.writeShort((short) 10);
        message.writeByte((byte) 'a');
        message.reset();
        assertThrows(MessageEOFException.class, message::readUTF);
        assertEquals(10, message.readShort());
    }

    @Test
    void malformedUtfThrowsMessageFormatExceptionAndDoesNotMoveThePosition() throws JMSException {
        message.writeShort((short) 1);
        message.writeByte((byte) 0xC0);
        message.reset();
        assertThrows(MessageFormatException.class, message::readUTF);
        assertEquals(1, message.readShort());
    }

    /** BytesMessage javadoc of readBytes: fill the array, then the rest, then -1. */
    @Test
    void readBytesReadsInIncrementsThenReturnsMinusOne() throws JMSException {
        message.writeBytes(new byte[] {1, 2, 3, 4, 5});
        message.reset();
        byte[] buffer = new byte[2];
        assertEquals(2, message.readBytes(buffer));
        assertArrayEquals(new byte[] {1, 2}, buffer);
        assertEquals(2, message.readBytes(buffer));
        assertArrayEquals(new byte[] {3, 4}, buffer);
        assertEquals(1, message.readBytes(buffer));
        assertEquals(5, buffer[0]);
        assertEquals(-1, message.readBytes(buffer));
    }

    @Test
    void readBytesWithLengthReadsAtMostLength() throws JMSException {
        message.writeBytes(new byte[] {1, 2, 3});
        message.reset();
        byte[] buffer = new byte[3];
        assertEquals(2, message.readBytes(buffer, 2));
        assertArrayEquals(new byte[] {1, 2, 0}, buffer);
        assertEquals(1, message.readBytes(buffer, 3));
        assertEquals(-1, message.readBytes(buffer, 3));
    }

    @Test
    void readBytesWithABadLengthThrowsIndexOutOfBoundsAndReadsNothing() throws JMSException {
        message.writeByte((byte) 9);
        message.reset();
        assertThrows(IndexOutOfBoundsException.class, () -> message.readBytes(new byte[1], 2));
        assertThrows(IndexOutOfBoundsException.class, () -> message.readBytes(new byte[1], -1));
        assertEquals(9, message.readByte());
    }

    @Test
    void bodyLengthIsTheWholeBodyWhateverThePosition() throws JMSException {
        message.writeLong(1L);
        message.reset();
        assertEquals(8, message.getBodyLength());
        message.readInt();
        assertEquals(8, message.getBodyLength());
    }

    @Test
    void resetInReadModeRewindsToTheStart() throws JMSException {
        message.writeInt(42);
        message.reset();
        assertEquals(42, message.readInt());
        message.reset();
        assertEquals(42, message.readInt());
    }

    @Test
    void writtenArraysAreCopied() throws JMSException {
        byte[] data = {1, 2};
        message.writeBytes(data);
        data[0] = 9;
        message.reset();
        assertEquals(1, message.readByte());
    }

    /** Message javadoc of clearBody: a cleared body is empty and in write-only mode. */
    @Test
    void clearBodyEmptiesTheBodyAndReturnsToWriteMode() throws JMSException {
        message.writeInt(1);
        message.reset();
        message.clearBody();
        message.reset();
        assertEquals(0, message.getBodyLength());
    }
}
