package dev.gannet.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A message whose body is a stream of uninterpreted bytes, written and read as {@link DataOutputStream} and
 * {@link java.io.DataInputStream} do. The body is in write mode (write-only) when created and after
 * {@code clearBody()}, and in read mode (read-only) after {@code reset()} or delivery.
 * <p>
 * A read that fails with {@link MessageEOFException} or {@link MessageFormatException} does not move the read
 * position (spec 3.11.3).
 */
public final class GannetBytesMessage extends GannetMessage implements BytesMessage {

    /** Write mode: the bytes written so far, and the stream writing them. Both null in read mode. */
    private ByteArrayOutputStream written;
    private DataOutputStream writer;
    /** Read mode: the whole body, with the read position. Null in write mode. */
    private ByteBuffer reader;

    /** An empty bytes message in write mode, as made by {@code Session.createBytesMessage()}. */
    public GannetBytesMessage() {
        super(MessageType.BYTES);
        startWriting();
    }

    // ----- read mode -----------------------------------------------------------------------------------------------

    @Override
    public long getBodyLength() throws MessageNotReadableException {
        checkBodyReadable();
        return reader.limit();
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return readable(1, "boolean").get() != 0;
    }

    @Override
    public byte readByte() throws JMSException {
        return readable(1, "byte").get();
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        return Byte.toUnsignedInt(readable(1, "unsigned byte").get());
    }

    @Override
    public short readShort() throws JMSException {
        return readable(2, "short").getShort();
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        return Short.toUnsignedInt(readable(2, "unsigned short").getShort());
    }

    @Override
    public char readChar() throws JMSException {
        return readable(2, "char").getChar();
    }

    @Override
    public int readInt() throws JMSException {
        return readable(4, "int").getInt();
    }

    @Override
    public long readLong() throws JMSException {
        return readable(8, "long").getLong();
    }

    @Override
    public float readFloat() throws JMSException {
        return readable(4, "float").getFloat();
    }

    @Override
    public double readDouble() throws JMSException {
        return readable(8, "double").getDouble();
    }

    /**
     * @throws MessageFormatException if the bytes at the read position are not modified UTF-8
     */
    @Override
    public String readUTF() throws JMSException {
        int start = readable(2, "UTF length").position();
        int size = 2 + Short.toUnsignedInt(reader.getShort(start));
        readable(size, "UTF string");
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(reader.array(), start, size));
            String value = in.readUTF();
            reader.position(start + size);
            return value;
        } catch (IOException e) {
            MessageFormatException exception = new MessageFormatException("Bytes at position " + start + " of "
                    + describe() + " are not a modified UTF-8 string: " + e.getMessage());
            exception.initCause(e);
            throw exception;
        }
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return readBytes(value, value.length);
    }

    /**
     * @throws IndexOutOfBoundsException if {@code length} is negative or greater than {@code value.length}
     */
    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("Cannot read " + length + " bytes of " + describe()
                    + " into an array of length " + value.length);
        }
        checkBodyReadable();
        if (!reader.hasRemaining()) {
            return -1;
        }
        int count = Math.min(length, reader.remaining());
        reader.get(value, 0, count);
        return count;
    }

    private ByteBuffer readable(int size, String what) throws MessageNotReadableException, MessageEOFException {
        checkBodyReadable();
        if (reader.remaining() < size) {
            throw new MessageEOFException("Cannot read a " + what + " (" + size + " bytes) at position "
                    + reader.position() + " of " + describe() + ": only " + reader.remaining() + " bytes left");
        }
        return reader;
    }

    // ----- write mode ----------------------------------------------------------------------------------------------

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        write(out -> out.writeBoolean(value));
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        write(out -> out.writeByte(value));
    }

    @Override
    public void writeShort(short value) throws JMSException {
        write(out -> out.writeShort(value));
    }

    @Override
    public void writeChar(char value) throws JMSException {
        write(out -> out.writeChar(value));
    }

    @Override
    public void writeInt(int value) throws JMSException {
        write(out -> out.writeInt(value));
    }

    @Override
    public void writeLong(long value) throws JMSException {
        write(out -> out.writeLong(value));
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        write(out -> out.writeFloat(value));
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        write(out -> out.writeDouble(value));
    }

    /**
     * @throws NullPointerException if {@code value} is null
     * @throws MessageFormatException if {@code value} is longer than 65535 bytes in modified UTF-8
     */
    @Override
    public void writeUTF(String value) throws JMSException {
        Objects.requireNonNull(value, "BytesMessage.writeUTF does not accept null (spec 3.12)");
        write(out -> out.writeUTF(value));
    }

    /**
     * @throws NullPointerException if {@code value} is null
     */
    @Override
    public void writeBytes(byte[] value) throws JMSException {
        Objects.requireNonNull(value, "BytesMessage.writeBytes does not accept null (spec 3.12)");
        write(out -> out.write(value));
    }

    /**
     * @throws NullPointerException if {@code value} is null
     * @throws IndexOutOfBoundsException if {@code offset} and {@code length} do not lie within {@code value}
     */
    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        Objects.requireNonNull(value, "BytesMessage.writeBytes does not accept null (spec 3.12)");
        Objects.checkFromIndexSize(offset, length, value.length);
        write(out -> out.write(value, offset, length));
    }

    @Override
    public void writeObject(Object value) throws JMSException {
        Objects.requireNonNull(value, "BytesMessage.writeObject does not accept null");
        if (value instanceof Boolean b) {
            writeBoolean(b);
        } else if (value instanceof Byte b) {
            writeByte(b);
        } else if (value instanceof Short s) {
            writeShort(s);
        } else if (value instanceof Character c) {
            writeChar(c);
        } else if (value instanceof Integer i) {
            writeInt(i);
        } else if (value instanceof Long l) {
            writeLong(l);
        } else if (value instanceof Float f) {
            writeFloat(f);
        } else if (value instanceof Double d) {
            writeDouble(d);
        } else if (value instanceof String s) {
            writeUTF(s);
        } else if (value instanceof byte[] bytes) {
            writeBytes(bytes);
        } else {
            throw new MessageFormatException("BytesMessage.writeObject cannot write a " + value.getClass().getName()
                    + " to " + describe() + ": only primitive wrappers, String and byte[] are allowed");
        }
    }

    @FunctionalInterface
    private interface Write {
        void to(DataOutputStream out) throws IOException;
    }

    private void write(Write write) throws MessageNotWriteableException, MessageFormatException {
        checkBodyWritable();
        try {
            write.to(writer);
        } catch (IOException e) {
            // Writing to memory fails only for a writeUTF string over 65535 encoded bytes.
            MessageFormatException exception = new MessageFormatException("Cannot write to " + describe() + ": "
                    + e.getMessage());
            exception.initCause(e);
            throw exception;
        }
    }

    // ----- mode changes and body access ----------------------------------------------------------------------------

    /** Puts the body in read mode (read-only) with the read position at the start. */
    @Override
    public void reset() {
        if (reader == null) {
            reader = ByteBuffer.wrap(written.toByteArray());
            written = null;
            writer = null;
        }
        reader.rewind();
        setBodyReadOnly(true);
    }

    /**
     * A copy of the whole body, or null if it is empty. Works in both modes; in read mode the read position is then
     * moved back to the start, as the javadoc's "reset before and after use" asks. In write mode the message stays in
     * write mode, so that the application may go on writing.
     */
    @Override
    public <T> T getBody(Class<T> c) throws MessageFormatException {
        byte[] body = bodyBytes();
        if (reader != null) {
            reader.rewind();
        }
        return body.length == 0 ? null : bodyAs(c, byte[].class, reader != null ? body.clone() : body);
    }

    @Override
    public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) {
        Class<?> target = c;
        return bodyBytes().length == 0 || target.isAssignableFrom(byte[].class);
    }

    @Override
    void clearBodyContent() {
        startWriting();
    }

    @Override
    void makeBodyReadOnly() {
        reset();
    }

    /**
     * The whole body in either mode, for the codec; in write mode a snapshot of everything written so far. Callers
     * must not modify the returned array.
     */
    byte[] bodyBytes() {
        return reader != null ? reader.array() : written.toByteArray();
    }

    private void startWriting() {
        written = new ByteArrayOutputStream();
        writer = new DataOutputStream(written);
        reader = null;
    }
}
