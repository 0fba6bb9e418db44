package dev.gannet.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;

import java.io.ByteArrayOutputStream;
import java.util.EnumSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** StreamMessage body: spec 3.11.3 and the {@code StreamMessage} javadoc. */
@Timeout(10)
class StreamMessageTest {

    private final GannetStreamMessage message = new GannetStreamMessage();

    static Stream<ValueKind.Cell> streamConversionTable() {
        return ValueKind.cells(EnumSet.allOf(ValueKind.class));
    }

    /**
     * Spec 3.11.3 Table 3-7: every cell, marked ones converted, unmarked ones refused with MessageFormatException
     * without moving the read position.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("streamConversionTable")
    void streamConversionTableCell(ValueKind.Cell cell) throws JMSException {
        write(cell.written());
        message.reset();
        if (cell.legal()) {
            ValueKind.assertValue(cell.expected(), read(cell.read()));
        } else {
            assertThrows(MessageFormatException.class, () -> read(cell.read()));
            ValueKind.assertValue(cell.written().sample(), message.readObject());
        }
        assertThrows(MessageEOFException.class, message::readObject);
    }

    @ParameterizedTest
    @EnumSource(ValueKind.class)
    void writeObjectIsEquivalentToTheTypedWrite(ValueKind kind) throws JMSException {
        message.writeObject(kind.sample());
        message.reset();
        ValueKind.assertValue(kind.sample(), read(kind));
    }

    @Test
    void writeObjectRefusesOtherTypesWithMessageFormatException() {
        assertThrows(MessageFormatException.class, () -> message.writeObject(new Object()));
        assertThrows(MessageFormatException.class, () -> message.writeObject(new Byte[] {1}));
    }

    /** Spec 3.11.3: a failed conversion leaves the position, so the field can be reread as another type. */
    @Test
    void failedNumberConversionDoesNotMoveThePosition() throws JMSException {
        message.writeString("abc");
        message.reset();
        assertThrows(NumberFormatException.class, message::readInt);
        assertThrows(NumberFormatException.class, message::readDouble);
        assertEquals("abc", message.readString());
    }

    /** Spec 3.11.3: a null field reads as valueOf(null); char throws NullPointerException. */
    @Test
    void nullFieldReadsAsValueOfNull() throws JMSException {
        message.writeString(null);
        message.reset();
        assertThrows(NumberFormatException.class, message::readByte);
        assertThrows(NumberFormatException.class, message::readShort);
        assertThrows(NumberFormatException.class, message::readInt);
        assertThrows(NumberFormatException.class, message::readLong);
        assertThrows(NullPointerException.class, message::readFloat);
        assertThrows(NullPointerException.class, message::readDouble);
        assertThrows(NullPointerException.class, message::readChar);
        assertFalse(message.readBoolean());
        message.reset();
        assertNull(message.readString());
        message.reset();
        assertNull(message.readObject());
    }

    @Test
    void readingPastTheLastFieldThrowsMessageEof() throws JMSException {
        message.writeInt(1);
        message.reset();
        message.readInt();
        assertThrows(MessageEOFException.class, message::readInt);
        assertThrows(MessageEOFException.class, message::readObject);
        assertThrows(MessageEOFException.class, () -> message.readBytes(new byte[1]));
    }

    /** StreamMessage javadoc of readBytes: read until a short count; then -1 only if the buffer was filled. */
    @Test
    void readBytesReadsAFieldInPiecesUntilAShortCount() throws JMSException {
        message.writeBytes(new byte[] {1, 2, 3, 4, 5});
        message.writeInt(9);
        message.reset();
        byte[] buffer = new byte[2];
        assertEquals(2, message.readBytes(buffer));
        assertArrayEquals(new byte[] {1, 2}, buffer);
        assertEquals(2, message.readBytes(buffer));
        assertArrayEquals(new byte[] {3, 4}, buffer);
        assertEquals(1, message.readBytes(buffer));
        assertEquals(5, buffer[0]);
        assertEquals(9, message.readInt());
    }

    @Test
    void readBytesReturnsMinusOneAfterAFieldThatExactlyFilledTheBuffer() throws JMSException {
        message.writeBytes(new byte[] {1, 2});
        message.writeBytes(new byte[] {3});
        message.reset();
        byte[] buffer = new byte[2];
        assertEquals(2, message.readBytes(buffer));
        assertEquals(-1, message.readBytes(buffer));
        assertEquals(1, message.readBytes(buffer));
        assertEquals(3, buffer[0]);
    }

    @Test
    void readBytesReturnsMinusOneForANullFieldAndZeroForAnEmptyOne() throws JMSException {
        message.writeBytes(null);
        message.writeBytes(new byte[0]);
        message.writeString("after");
        message.reset();
        assertEquals(-1, message.readBytes(new byte[4]));
        assertEquals(0, message.readBytes(new byte[4]));
        assertEquals("after", message.readString());
    }

    /** StreamMessage javadoc: once readBytes has started a field, it must be read fully before other reads. */
    @Test
    void readingAnotherFieldDuringAPartialByteFieldReadIsRefused() throws JMSException {
        message.writeBytes(new byte[] {1, 2, 3});
        message.writeInt(7);
        message.reset();
        assertEquals(2, message.readBytes(new byte[2]));
        assertThrows(MessageFormatException.class, message::readInt);
        assertThrows(MessageFormatException.class, message::readObject);
        assertEquals(1, message.readBytes(new byte[2]));
        assertEquals(7, message.readInt());
    }

    @Test
    void readBytesOfAFieldThatIsNotAByteArrayIsRefusedWithoutMovingThePosition() throws JMSException {
        message.writeInt(7);
        message.reset();
        assertThrows(MessageFormatException.class, () -> message.readBytes(new byte[4]));
        assertEquals(7, message.readInt());
    }

    @Test
    void consecutiveByteArraysAreDistinctFields() throws JMSException {
        message.writeBytes(new byte[] {1});
        message.writeBytes(new byte[] {2, 3}, 1, 1);
        message.reset();
        assertArrayEquals(new byte[] {1}, (byte[]) message.readObject());
        assertArrayEquals(new byte[] {3}, (byte[]) message.readObject());
    }

    /** Spec 3.12: values are copied on write and on read. */
    @Test
    void byteArraysAreCopiedInAndOut() throws JMSException {
        byte[] data = {1, 2};
        message.writeBytes(data);
        message.writeObject(data);
        data[0] = 9;
        message.reset();
        byte[] first = (byte[]) message.readObject();
        assertArrayEquals(new byte[] {1, 2}, first);
        first[1] = 9;
        assertArrayEquals(new byte[] {1, 2}, (byte[]) message.readObject());
        message.reset();
        assertArrayEquals(new byte[] {1, 2}, (byte[]) message.readObject());
    }

    @Test
    void resetRereadsFromTheFirstField() throws JMSException {
        message.writeInt(1);
        message.writeInt(2);
        message.reset();
        message.readInt();
        message.reset();
        assertEquals(1, message.readInt());
        assertEquals(2, message.readInt());
    }

    @Test
    void clearBodyEmptiesTheStream() throws JMSException {
        message.writeInt(1);
        message.reset();
        message.clearBody();
        message.reset();
        assertThrows(MessageEOFException.class, message::readObject);
    }

    private void write(ValueKind kind) throws JMSException {
        Object value = kind.sample();
        switch (kind) {
            case BOOLEAN -> message.writeBoolean((Boolean) value);
            case BYTE -> message.writeByte((Byte) value);
            case SHORT -> message.writeShort((Short) value);
            case CHAR -> message.writeChar((Character) value);
            case INT -> message.writeInt((Integer) value);
            case LONG -> message.writeLong((Long) value);
            case FLOAT -> message.writeFloat((Float) value);
            case DOUBLE -> message.writeDouble((Double) value);
            case STRING -> message.writeString((String) value);
            case BYTES -> message.writeBytes((byte[]) value);
        }
    }

    private Object read(ValueKind kind) throws JMSException {
        return switch (kind) {
            case BOOLEAN -> message.readBoolean();
            case BYTE -> message.readByte();
            case SHORT -> message.readShort();
            case CHAR -> message.readChar();
            case INT -> message.readInt();
            case LONG -> message.readLong();
            case FLOAT -> message.readFloat();
            case DOUBLE -> message.readDouble();
            case STRING -> message.readString();
            case BYTES -> readByteField();
        };
    }

    /** Reads a whole byte[] field with readBytes, one byte at a time; null for a null field. */
    private byte[] readByteField() throws JMSException {
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        byte[] buffer = new byte[1];
        int count = message.readBytes(buffer);
        if (count < 0) {
            return null;
        }
        while (count > 0) {
            field.write(buffer, 0, count);
            count = message.readBytes(buffer);
        }
        return field.toByteArray();
    }
}
