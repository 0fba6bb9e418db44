package dev.gannet.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.StreamMessage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A message whose body is a sequence of typed fields, written and then read in order, with the conversions of spec
 * 3.11.3. The body is in write mode (write-only) when created and after {@code clearBody()}, and in read mode
 * (read-only) after {@code reset()} or delivery.
 * <p>
 * A read that fails with {@link MessageFormatException} or {@link NumberFormatException} does not move to the next
 * field, so the field can be read again as another type.
 */
public final class GannetStreamMessage extends GannetMessage implements StreamMessage {

    /** The fields in order: values of {@link ValueConversion#isBodyValueType} types or null; byte[] owned here. */
    private final List<Object> fields = new ArrayList<>();
    /** Read mode: index of the next field to read. */
    private int position;
    /** Read mode: bytes of the byte[] field at {@code position} already returned by readBytes; -1 if none. */
    private int bytesRead = -1;

    /** An empty stream message in write mode, as made by {@code Session.createStreamMessage()}. */
    public GannetStreamMessage() {
        super(MessageType.STREAM);
    }

    // ----- read mode -----------------------------------------------------------------------------------------------

    @Override
    public boolean readBoolean() throws JMSException {
        return read(ValueConversion::toBoolean);
    }

    @Override
    public byte readByte() throws JMSException {
        return read(ValueConversion::toByte);
    }

    @Override
    public short readShort() throws JMSException {
        return read(ValueConversion::toShort);
    }

    @Override
    public char readChar() throws JMSException {
        return read(ValueConversion::toChar);
    }

    @Override
    public int readInt() throws JMSException {
        return read(ValueConversion::toInt);
    }

    @Override
    public long readLong() throws JMSException {
        return read(ValueConversion::toLong);
    }

    @Override
    public float readFloat() throws JMSException {
        return read(ValueConversion::toFloat);
    }

    @Override
    public double readDouble() throws JMSException {
        return read(ValueConversion::toDouble);
    }

    @Override
    public String readString() throws JMSException {
        return read(ValueConversion::toText);
    }

    /** Byte array fields are returned as a new {@code byte[]}. */
    @Override
    public Object readObject() throws JMSException {
        return read((value, source) -> ValueConversion.copyOf(value));
    }

    /**
     * Reads the byte[] field at the read position in pieces of at most {@code value.length} bytes; a return value
     * smaller than {@code value.length} (or -1) ends the field. Returns -1 for a null field and 0 for an empty one.
     *
     * @throws MessageFormatException if the field is not a byte[] (the position does not move)
     */
    @Override
    public int readBytes(byte[] value) throws JMSException {
        checkBodyReadable();
        if (bytesRead < 0) {
            Object field = fieldAtPosition();
            if (field == null) {
                position++;
                return -1;
            }
            ValueConversion.toBytes(field, fieldSource());
            bytesRead = 0;
        }
        byte[] field = (byte[]) fields.get(position);
        int remaining = field.length - bytesRead;
        if (remaining == 0 && bytesRead > 0) {
            finishBytesField();
            return -1;
        }
        int count = Math.min(value.length, remaining);
        System.arraycopy(field, bytesRead, value, 0, count);
        bytesRead += count;
        if (count < value.length) {
            finishBytesField();
        }
        return count;
    }

    @FunctionalInterface
    private interface Conversion<T> {
        T apply(Object value, String source) throws MessageFormatException;
    }

    /** Converts the field at the read position and, if that succeeds, moves past it. */
    private <T> T read(Conversion<T> conversion) throws JMSException {
        checkBodyReadable();
        if (bytesRead >= 0) {
            throw new MessageFormatException("Field " + position + " of " + describe() + " is a byte[] partly read by"
                    + " readBytes; read it to its end before reading other fields");
        }
        T value = conversion.apply(fieldAtPosition(), fieldSource());
        position++;
        return value;
    }

    private Object fieldAtPosition() throws MessageEOFException {
        if (position >= fields.size()) {
            throw new MessageEOFException("No field left to read in " + describe() + ": all " + fields.size()
                    + " fields have been read");
        }
        return fields.get(position);
    }

    private void finishBytesField() {
        bytesRead = -1;
        position++;
    }

    private String fieldSource() {
        return "Field " + position + " of " + describe();
    }

    // ----- write mode ----------------------------------------------------------------------------------------------

    @Override
    public void writeBoolean(boolean value) throws MessageNotWriteableException {
        append(value);
    }

    @Override
    public void writeByte(byte value) throws MessageNotWriteableException {
        append(value);
    }

    @Override
    public void writeShort(short value) throws MessageNotWriteableException {
        append(value);
    }

    @Override
    public void writeChar(char value) throws MessageNotWriteableException {
        append(value);
    }

    @Override
    public void writeInt(int value) throws MessageNotWriteableException {
        append(value);
    }

    @Override
    public void writeLong(long value) throws MessageNotWriteableException {
        append(value);
    }

    @Override
    public void writeFloat(float value) throws MessageNotWriteableException {
        append(value);
    }

    @Override
    public void writeDouble(double value) throws MessageNotWriteableException {
        append(value);
    }

    @Override
    public void writeString(String value) throws MessageNotWriteableException {
        append(value);
    }

    /** Writes a copy of {@code value}; null writes a null field. */
    @Override
    public void writeBytes(byte[] value) throws MessageNotWriteableException {
        append(value == null ? null : value.clone());
    }

    /**
     * @throws NullPointerException if {@code value} is null
     * @throws IndexOutOfBoundsException if {@code offset} and {@code length} do not lie within {@code value}
     */
    @Override
    public void writeBytes(byte[] value, int offset, int length) throws MessageNotWriteableException {
        Objects.requireNonNull(value, "StreamMessage.writeBytes(value, offset, length) needs a value");
        Objects.checkFromIndexSize(offset, length, value.length);
        append(Arrays.copyOfRange(value, offset, offset + length));
    }

    /** Accepts primitive wrappers, String, byte[] (copied) and null. */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (value != null && !ValueConversion.isBodyValueType(value)) {
            throw new MessageFormatException("StreamMessage.writeObject cannot write a " + value.getClass().getName()
                    + " to " + describe() + ": only primitive wrappers, String and byte[] are allowed");
        }
        append(ValueConversion.copyOf(value));
    }

    private void append(Object value) throws MessageNotWriteableException {
        checkBodyWritable();
        fields.add(value);
    }

    // ----- mode changes and body access ----------------------------------------------------------------------------

    /** Puts the body in read mode (read-only) with the read position at the first field. */
    @Override
    public void reset() {
        setBodyReadOnly(true);
        position = 0;
        bytesRead = -1;
    }

    /**
     * @throws MessageFormatException always: a StreamMessage body cannot be returned by getBody
     */
    @Override
    public <T> T getBody(Class<T> c) throws MessageFormatException {
        throw new MessageFormatException("getBody is not supported for " + describe()
                + ": a StreamMessage body cannot be returned as one object (Message.getBody javadoc)");
    }

    /** Always false, as the javadoc asks for a StreamMessage. */
    @Override
    public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) {
        return false;
    }

    @Override
    void clearBodyContent() {
        fields.clear();
        position = 0;
        bytesRead = -1;
    }

    @Override
    void makeBodyReadOnly() {
        reset();
    }

    /** The fields in order, in either mode, for the codec; byte[] values must not be modified. */
    List<Object> fields() {
        return Collections.unmodifiableList(fields);
    }
}
