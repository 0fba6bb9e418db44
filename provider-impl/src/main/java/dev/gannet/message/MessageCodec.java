package dev.gannet.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Map;
import java.util.Objects;

/**
 * Turns Gannet messages into bytes and back, and copies other providers' messages into Gannet messages.
 * <p>
 * The encoding (all numbers big-endian) is:
 * <pre>
 * message     = version:u8 (=1) type:u8 headers properties body
 * headers     = JMSMessageID:string JMSTimestamp:i64 correlation JMSDestination:destination JMSReplyTo:destination
 *               JMSDeliveryMode:i32 JMSRedelivered:bool JMSType:string JMSExpiration:i64 JMSDeliveryTime:i64
 *               JMSPriority:i32 JMSXDeliveryCount:i32
 * correlation = 0 | 1 string | 2 bytes                  (none, String, byte[])
 * destination = 0 | kind:u8 name:string                 (kind 1 queue, 2 topic, 3 temporary queue, 4 temporary topic)
 * properties  = count:i32 (name:string value)*
 * body        = nothing (plain) | string (text) | bytes (bytes; object, serialized)
 *             | count:i32 (name:string value)* (map) | count:i32 value* (stream)
 * value       = tag:u8 payload                          (0 null, 1 boolean, 2 byte, 3 short, 4 char, 5 int, 6 long,
 *                                                        7 float, 8 double, 9 string, 10 bytes)
 * string      = length:i32 UTF-8 bytes                  (length -1: null)
 * bytes       = length:i32 bytes                        (length -1: null)
 * </pre>
 * Message types are coded 0 plain, 1 text, 2 bytes, 3 map, 4 stream, 5 object. The encoding holds every header,
 * property and the body, but neither the read-only state nor the acknowledger: a decoded message is writable.
 */
public final class MessageCodec {

    /** The format version written as the first byte; {@link #decode} reads only this version. */
    public static final byte FORMAT_VERSION = 1;

    private static final byte NO_CORRELATION_ID = 0;
    private static final byte STRING_CORRELATION_ID = 1;
    private static final byte BYTES_CORRELATION_ID = 2;

    private static final byte NO_DESTINATION = 0;

    private static final byte NULL = 0;
    private static final byte BOOLEAN = 1;
    private static final byte BYTE = 2;
    private static final byte SHORT = 3;
    private static final byte CHAR = 4;
    private static final byte INT = 5;
    private static final byte LONG = 6;
    private static final byte FLOAT = 7;
    private static final byte DOUBLE = 8;
    private static final byte STRING = 9;
    private static final byte BYTES = 10;

    private MessageCodec() {
    }

    // ----- encoding ------------------------------------------------------------------------------------------------

    /**
     * Encodes {@code message}. A Bytes or Stream message in write mode is encoded with everything written so far and
     * stays as it is.
     */
    public static byte[] encode(GannetMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.writeByte(FORMAT_VERSION);
            out.writeByte(typeCode(message.type()));
            writeHeaders(out, message);
            out.writeInt(message.propertyMap().size());
            for (Map.Entry<String, Object> property : message.propertyMap().entrySet()) {
                writeString(out, property.getKey());
                writeValue(out, property.getValue());
            }
            writeBody(out, message);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to a byte array failed", e);
        }
        return bytes.toByteArray();
    }

    private static void writeHeaders(DataOutputStream out, GannetMessage message) throws IOException {
        writeString(out, message.getJMSMessageID());
        out.writeLong(message.getJMSTimestamp());
        if (message.hasBinaryCorrelationId()) {
            out.writeByte(BYTES_CORRELATION_ID);
            writeBytes(out, message.getJMSCorrelationIDAsBytes());
        } else if (message.getJMSCorrelationID() != null) {
            out.writeByte(STRING_CORRELATION_ID);
            writeString(out, message.getJMSCorrelationID());
        } else {
            out.writeByte(NO_CORRELATION_ID);
        }
        writeDestination(out, (GannetDestination) message.getJMSDestination());
        writeDestination(out, (GannetDestination) message.getJMSReplyTo());
        out.writeInt(message.getJMSDeliveryMode());
        out.writeBoolean(message.getJMSRedelivered());
        writeString(out, message.getJMSType());
        out.writeLong(message.getJMSExpiration());
        out.writeLong(message.getJMSDeliveryTime());
        out.writeInt(message.getJMSPriority());
        out.writeInt(message.deliveryCount());
    }

    private static void writeBody(DataOutputStream out, GannetMessage message) throws IOException {
        switch (message.type()) {
            case PLAIN -> {
            }
            case TEXT -> writeString(out, ((GannetTextMessage) message).getText());
            case BYTES -> writeBytes(out, ((GannetBytesMessage) message).bodyBytes());
            case MAP -> {
                Map<String, Object> items = ((GannetMapMessage) message).items();
                out.writeInt(items.size());
                for (Map.Entry<String, Object> item : items.entrySet()) {
                    writeString(out, item.getKey());
                    writeValue(out, item.getValue());
                }
            }
            case STREAM -> {
                var fields = ((GannetStreamMessage) message).fields();
                out.writeInt(fields.size());
                for (Object field : fields) {
                    writeValue(out, field);
                }
            }
            case OBJECT -> writeBytes(out, ((GannetObjectMessage) message).serializedObject());
        }
    }

    private static void writeDestination(DataOutputStream out, GannetDestination destination) throws IOException {
        if (destination == null) {
            out.writeByte(NO_DESTINATION);
            return;
        }
        out.writeByte(kindCode(destination.kind()));
        writeString(out, destination.name());
    }

    private static void writeValue(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (value instanceof Byte b) {
            out.writeByte(BYTE);
            out.writeByte(b);
        } else if (value instanceof Short s) {
            out.writeByte(SHORT);
            out.writeShort(s);
        } else if (value instanceof Character c) {
            out.writeByte(CHAR);
            out.writeChar(c);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeFloat(f);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            writeString(out, s);
        } else if (value instanceof byte[] bytes) {
            out.writeByte(BYTES);
            writeBytes(out, bytes);
        } else {
            // The message setters admit only the types above.
            throw new IllegalStateException("A message holds a value of unexpected type " + value.getClass().getName());
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        writeBytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }

    // ----- decoding ------------------------------------------------------------------------------------------------

    /**
     * Decodes a message made by {@link #encode}. The result is writable, like a new message; a consumer calls
     * {@link GannetMessage#markDelivered} before handing it to the application. Temporary destinations in the headers
     * come back without an owner.
     *
     * @throws MessageFormatException if {@code data} is not a complete encoding of format version 1: truncated,
     *         followed by extra bytes, or holding an unknown code, an impossible length, invalid UTF-8, or an invalid
     *         name; the exception text says what and where
     */
    public static GannetMessage decode(byte[] data) throws MessageFormatException {
        Input in = new Input(Objects.requireNonNull(data, "data"));
        GannetMessage message = readHeaders(in);
        try {
            readProperties(in, message);
            readBody(in, message);
        } catch (MessageFormatException e) {
            throw e;
        } catch (JMSException | IllegalArgumentException e) {
            throw in.fail(e.getMessage(), e);
        }
        if (in.remaining() > 0) {
            throw in.fail(in.remaining() + " unexpected bytes after the body");
        }
        return message;
    }

    /**
     * Decodes the headers and properties of an encoded message, leaving the body empty: all a message selector
     * reads, without copying the body.
     *
     * @throws MessageFormatException if the headers or properties are not a valid encoding
     */
    public static GannetMessage decodeForSelection(byte[] data) throws MessageFormatException {
        Input in = new Input(Objects.requireNonNull(data, "data"));
        GannetMessage message = readHeaders(in);
        try {
            readProperties(in, message);
        } catch (MessageFormatException e) {
            throw e;
        } catch (JMSException | IllegalArgumentException e) {
            throw in.fail(e.getMessage(), e);
        }
        return message;
    }

    /**
     * The value of one property of an encoded message, or null if it has none, read without decoding the body:
     * what the broker routes by.
     *
     * @throws MessageFormatException if the headers or properties are not a valid encoding
     */
    public static Object peekProperty(byte[] data, String name) throws MessageFormatException {
        Input in = new Input(Objects.requireNonNull(data, "data"));
        readHeaders(in);
        int count = in.readCount("property count");
        for (int i = 0; i < count; i++) {
            String property = in.readName("property name");
            Object value = in.readValue("property '" + property + "'");
            if (property.equals(name)) {
                return value;
            }
        }
        return null;
    }

    /**
     * The encoded message {@code data} with its property {@code name} set to the string {@code value} (removed when
     * {@code value} is null), everything else byte for byte as it was; the body is copied, not decoded. What the
     * broker stamps a sent message with ({@code JMSXUserID}).
     *
     * @throws MessageFormatException if the headers or properties are not a valid encoding
     */
    public static byte[] withStringProperty(byte[] data, String name, String value) throws MessageFormatException {
        Input in = new Input(Objects.requireNonNull(data, "data"));
        readHeaders(in);
        int propertiesStart = in.position();
        int count = in.readCount("property count");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length + 16 + (value == null ? 0
                : value.length() * 3));
        bytes.write(data, 0, propertiesStart);
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        int keptCount = 0;
        for (int i = 0; i < count; i++) {
            int start = in.position();
            String property = in.readName("property name");
            in.readValue("property '" + property + "'");
            if (!property.equals(name)) {
                kept.write(data, start, in.position() - start);
                keptCount++;
            }
        }
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(keptCount + (value == null ? 0 : 1));
            kept.writeTo(out);
            if (value != null) {
                writeString(out, name);
                writeValue(out, value);
            }
            out.write(data, in.position(), in.remaining());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** Reads the format version, the type and the headers: a message with neither properties nor body yet. */
    private static GannetMessage readHeaders(Input in) throws MessageFormatException {
        byte version = in.readByte("format version");
        if (version != FORMAT_VERSION) {
            throw in.fail("format version " + version + " is not supported; this codec reads version "
                    + FORMAT_VERSION);
        }
        GannetMessage message = newMessage(in);
        try {
            readHeaders(in, message);
        } catch (MessageFormatException e) {
            throw e;
        } catch (JMSException | IllegalArgumentException e) {
            throw in.fail(e.getMessage(), e);
        }
        return message;
    }

    private static GannetMessage newMessage(Input in) throws MessageFormatException {
        byte code = in.readByte("message type");
        return switch (code) {
            case 0 -> new GannetMessage();
            case 1 -> new GannetTextMessage();
            case 2 -> new GannetBytesMessage();
            case 3 -> new GannetMapMessage();
            case 4 -> new GannetStreamMessage();
            case 5 -> new GannetObjectMessage();
            default -> throw in.fail("unknown message type code " + code);
        };
    }

    private static void readHeaders(Input in, GannetMessage message) throws JMSException {
        message.setJMSMessageID(in.readString("JMSMessageID"));
        message.setJMSTimestamp(in.readLong("JMSTimestamp"));
        byte correlation = in.readByte("JMSCorrelationID kind");
        switch (correlation) {
            case NO_CORRELATION_ID -> {
            }
            case STRING_CORRELATION_ID -> message.setJMSCorrelationID(in.readString("JMSCorrelationID"));
            case BYTES_CORRELATION_ID -> message.setJMSCorrelationIDAsBytes(in.readBytes("JMSCorrelationID"));
            default -> throw in.fail("unknown JMSCorrelationID kind " + correlation);
        }
        message.setJMSDestination(readDestination(in, "JMSDestination"));
        message.setJMSReplyTo(readDestination(in, "JMSReplyTo"));
        message.setJMSDeliveryMode(in.readInt("JMSDeliveryMode"));
        message.setJMSRedelivered(in.readBoolean("JMSRedelivered"));
        message.setJMSType(in.readString("JMSType"));
        message.setJMSExpiration(in.readLong("JMSExpiration"));
        message.setJMSDeliveryTime(in.readLong("JMSDeliveryTime"));
        message.setJMSPriority(in.readInt("JMSPriority"));
        int deliveryCount = in.readInt("JMSXDeliveryCount");
        if (deliveryCount < 0) {
            throw in.fail("JMSXDeliveryCount is negative: " + deliveryCount);
        }
        message.restoreDeliveryCount(deliveryCount);
    }

    private static GannetDestination readDestination(Input in, String header) throws MessageFormatException {
        byte code = in.readByte(header + " kind");
        if (code == NO_DESTINATION) {
            return null;
        }
        DestinationKind kind = switch (code) {
            case 1 -> DestinationKind.QUEUE;
            case 2 -> DestinationKind.TOPIC;
            case 3 -> DestinationKind.TEMPORARY_QUEUE;
            case 4 -> DestinationKind.TEMPORARY_TOPIC;
            default -> throw in.fail("unknown " + header + " kind " + code);
        };
        String name = in.readString(header + " name");
        try {
            return GannetDestination.of(kind, name);
        } catch (IllegalArgumentException e) {
            throw in.fail(header + ": " + e.getMessage(), e);
        }
    }

    private static void readProperties(Input in, GannetMessage message) throws JMSException {
        int count = in.readCount("property count");
        for (int i = 0; i < count; i++) {
            String name = in.readName("property name");
            Object value = in.readValue("property '" + name + "'");
            try {
                message.setObjectProperty(name, value);
            } catch (JMSException | IllegalArgumentException e) {
                throw in.fail("property '" + name + "': " + e.getMessage(), e);
            }
        }
    }

    private static void readBody(Input in, GannetMessage message) throws JMSException {
        switch (message.type()) {
            case PLAIN -> {
            }
            case TEXT -> ((GannetTextMessage) message).setText(in.readString("text body"));
            case BYTES -> {
                byte[] body = in.readBytes("bytes body");
                if (body == null) {
                    throw in.fail("bytes body is null");
                }
                ((GannetBytesMessage) message).writeBytes(body);
            }
            case MAP -> {
                GannetMapMessage map = (GannetMapMessage) message;
                int count = in.readCount("map item count");
                for (int i = 0; i < count; i++) {
                    String name = in.readName("map item name");
                    map.setObject(name, in.readValue("map item '" + name + "'"));
                }
            }
            case STREAM -> {
                GannetStreamMessage stream = (GannetStreamMessage) message;
                int count = in.readCount("stream field count");
                for (int i = 0; i < count; i++) {
                    stream.writeObject(in.readValue("stream field " + i));
                }
            }
            case OBJECT -> ((GannetObjectMessage) message).restoreSerializedObject(in.readBytes("object body"));
        }
    }

    /** The encoded bytes with a read position; every read checks that enough bytes remain. */
    private static final class Input {

        private final byte[] data;
        private final ByteBuffer buffer;

        Input(byte[] data) {
            this.data = data;
            this.buffer = ByteBuffer.wrap(data);
        }

        int remaining() {
            return buffer.remaining();
        }

        int position() {
            return buffer.position();
        }

        byte readByte(String what) throws MessageFormatException {
            return need(1, what).get();
        }

        boolean readBoolean(String what) throws MessageFormatException {
            byte value = readByte(what);
            if (value != 0 && value != 1) {
                throw fail(what + " is " + value + ", not a boolean 0 or 1");
            }
            return value == 1;
        }

        int readInt(String what) throws MessageFormatException {
            return need(4, what).getInt();
        }

        long readLong(String what) throws MessageFormatException {
            return need(8, what).getLong();
        }

        /** A count of entries, each taking at least one byte. */
        int readCount(String what) throws MessageFormatException {
            int count = readInt(what);
            if (count < 0 || count > buffer.remaining()) {
                throw fail(what + " " + count + " is impossible with " + buffer.remaining() + " bytes left");
            }
            return count;
        }

        byte[] readBytes(String what) throws MessageFormatException {
            int length = readLength(what);
            if (length < 0) {
                return null;
            }
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            return bytes;
        }

        String readString(String what) throws MessageFormatException {
            int length = readLength(what);
            if (length < 0) {
                return null;
            }
            try {
                String value = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(buffer.slice(buffer.position(), length))
                        .toString();
                buffer.position(buffer.position() + length);
                return value;
            } catch (CharacterCodingException e) {
                throw fail(what + " is not valid UTF-8");
            }
        }

        /** A string that must not be null: a property or map item name. */
        String readName(String what) throws MessageFormatException {
            String name = readString(what);
            if (name == null) {
                throw fail(what + " is null");
            }
            return name;
        }

        Object readValue(String what) throws MessageFormatException {
            byte tag = readByte(what + " type");
            return switch (tag) {
                case NULL -> null;
                case BOOLEAN -> readBoolean(what);
                case BYTE -> readByte(what);
                case SHORT -> need(2, what).getShort();
                case CHAR -> need(2, what).getChar();
                case INT -> readInt(what);
                case LONG -> readLong(what);
                case FLOAT -> need(4, what).getFloat();
                case DOUBLE -> need(8, what).getDouble();
                case STRING -> readString(what);
                case BYTES -> readBytes(what);
                default -> throw fail("unknown value type " + tag + " for " + what);
            };
        }

        /** A length of -1 (null) up to the bytes remaining. */
        private int readLength(String what) throws MessageFormatException {
            int length = readInt(what + " length");
            if (length < -1) {
                throw fail(what + " has negative length " + length);
            }
            need(Math.max(length, 0), what);
            return length;
        }

        private ByteBuffer need(int size, String what) throws MessageFormatException {
            if (buffer.remaining() < size) {
                throw fail("truncated: " + what + " needs " + size + " bytes, " + buffer.remaining() + " left");
            }
            return buffer;
        }

        MessageFormatException fail(String problem) {
            return new MessageFormatException("Cannot decode message: " + problem + " (at byte " + buffer.position()
                    + " of " + data.length + ")");
        }

        MessageFormatException fail(String problem, Exception cause) {
            MessageFormatException failure = fail(problem);
            failure.setLinkedException(cause);
            failure.initCause(cause);
            return failure;
        }
    }

    private static byte typeCode(MessageType type) {
        return switch (type) {
            case PLAIN -> 0;
            case TEXT -> 1;
            case BYTES -> 2;
            case MAP -> 3;
            case STREAM -> 4;
            case OBJECT -> 5;
        };
    }

    private static byte kindCode(DestinationKind kind) {
        return switch (kind) {
            case QUEUE -> 1;
            case TOPIC -> 2;
            case TEMPORARY_QUEUE -> 3;
            case TEMPORARY_TOPIC -> 4;
        };
    }

    // ----- foreign messages ----------------------------------------------------------------------------------------

    /**
     * Copies another provider's message into a new, writable Gannet message for sending (spec 3.12): headers,
     * properties, and the body according to the jakarta.jms interface {@code foreign} implements. A foreign
     * {@code BytesMessage} or {@code StreamMessage} is read after {@code reset()} and left reset, in read mode.
     * Foreign destinations become Gannet destinations of the same name; a destination that is neither a
     * {@code Queue} nor a {@code Topic} is dropped, as the {@code Message} javadoc permits. A Gannet message is
     * simply copied.
     *
     * @throws JMSException if reading {@code foreign} fails
     * @throws MessageFormatException if a foreign property or body value has a type Gannet cannot hold
     * @throws IllegalArgumentException if a foreign property name is not a valid selector identifier
     */
    public static GannetMessage fromForeign(Message foreign) throws JMSException {
        if (foreign instanceof GannetMessage gannet) {
            return gannet.copy();
        }
        GannetMessage message = copyBody(Objects.requireNonNull(foreign, "foreign"));
        message.setJMSMessageID(foreign.getJMSMessageID());
        message.setJMSTimestamp(foreign.getJMSTimestamp());
        message.setJMSCorrelationID(foreign.getJMSCorrelationID());
        message.setJMSDestination(gannetOrNull(foreign.getJMSDestination()));
        message.setJMSReplyTo(gannetOrNull(foreign.getJMSReplyTo()));
        message.setJMSDeliveryMode(foreign.getJMSDeliveryMode());
        message.setJMSRedelivered(foreign.getJMSRedelivered());
        message.setJMSType(foreign.getJMSType());
        message.setJMSExpiration(foreign.getJMSExpiration());
        message.setJMSDeliveryTime(foreign.getJMSDeliveryTime());
        message.setJMSPriority(foreign.getJMSPriority());
        Enumeration<?> names = foreign.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            message.setObjectProperty(name, foreign.getObjectProperty(name));
        }
        return message;
    }

    private static GannetMessage copyBody(Message foreign) throws JMSException {
        if (foreign instanceof BytesMessage bytes) {
            GannetBytesMessage copy = new GannetBytesMessage();
            bytes.reset();
            byte[] buffer = new byte[8192];
            int count;
            while ((count = bytes.readBytes(buffer)) > 0) {
                copy.writeBytes(buffer, 0, count);
            }
            bytes.reset();
            return copy;
        }
        if (foreign instanceof MapMessage map) {
            GannetMapMessage copy = new GannetMapMessage();
            Enumeration<?> names = map.getMapNames();
            while (names.hasMoreElements()) {
                String name = (String) names.nextElement();
                copy.setObject(name, map.getObject(name));
            }
            return copy;
        }
        if (foreign instanceof StreamMessage stream) {
            GannetStreamMessage copy = new GannetStreamMessage();
            stream.reset();
            try {
                while (true) {
                    copy.writeObject(stream.readObject());
                }
            } catch (MessageEOFException endOfStream) {
                stream.reset();
            }
            return copy;
        }
        if (foreign instanceof ObjectMessage object) {
            GannetObjectMessage copy = new GannetObjectMessage();
            copy.setObject(object.getObject());
            return copy;
        }
        if (foreign instanceof TextMessage text) {
            return new GannetTextMessage(text.getText());
        }
        return new GannetMessage();
    }

    private static GannetDestination gannetOrNull(Destination destination) throws JMSException {
        try {
            return GannetDestination.from(destination);
        } catch (InvalidDestinationException e) {
            return null;
        }
    }
}
