package dev.gannet.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The binary message format: round trips of every message type, and rejection of bad input. */
@Timeout(30)
class MessageCodecTest {

    record Payload(String name, List<Integer> values) implements Serializable {
    }

    /** One message of every type, every header set, every property type present. */
    static Stream<GannetMessage> fullMessages() throws JMSException {
        GannetTextMessage text = new GannetTextMessage("héllo wörld ✓");
        GannetBytesMessage bytes = new GannetBytesMessage();
        bytes.writeInt(42);
        bytes.writeUTF("bytes");
        bytes.reset();
        GannetMapMessage map = new GannetMapMessage();
        int i = 0;
        for (ValueKind kind : ValueKind.values()) {
            map.setObject("item" + i++, kind.sample());
        }
        map.setObject("null", null);
        GannetStreamMessage stream = new GannetStreamMessage();
        for (ValueKind kind : ValueKind.values()) {
            stream.writeObject(kind.sample());
        }
        stream.writeObject(null);
        stream.reset();
        GannetObjectMessage object = new GannetObjectMessage();
        object.setObject(new Payload("p", List.of(1, 2)));
        List<GannetMessage> messages = List.of(new GannetMessage(), text, bytes, map, stream, object);
        for (GannetMessage message : messages) {
            setEveryHeaderAndProperty(message);
        }
        return messages.stream();
    }

    private static void setEveryHeaderAndProperty(GannetMessage message) throws JMSException {
        message.setJMSMessageID("ID:gannet-1");
        message.setJMSTimestamp(1_700_000_000_000L);
        message.setJMSCorrelationID("corr-ü");
        message.setJMSDestination(new GannetQueue("orders"));
        message.setJMSReplyTo(new GannetTemporaryTopic("replies", d -> { }));
        message.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        message.setJMSRedelivered(true);
        message.setJMSType("car");
        message.setJMSExpiration(Long.MAX_VALUE);
        message.setJMSDeliveryTime(-1L);
        message.setJMSPriority(9);
        for (ValueKind kind : ValueKind.PROPERTY_KINDS) {
            message.setObjectProperty("p" + kind, kind.sample());
        }
        message.setStringProperty("nothing", null);
        message.setIntProperty("JMSXGroupSeq", 3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullMessages")
    void roundTripKeepsTypeHeadersPropertiesAndBody(GannetMessage original) throws JMSException {
        GannetMessage decoded = MessageCodec.decode(MessageCodec.encode(original));
        assertEquals(original.type(), decoded.type());
        assertEquals(original.getClass(), decoded.getClass());
        assertHeadersEqual(original, decoded);
        assertPropertiesEqual(original, decoded);
        assertBodyEqual(original, decoded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullMessages")
    void decodedMessageIsWritableLikeANewOne(GannetMessage original) throws JMSException {
        original.markDelivered(2, true);
        GannetMessage decoded = MessageCodec.decode(MessageCodec.encode(original));
        decoded.setIntProperty("added", 1);
        decoded.clearBody();
        assertEquals(2, decoded.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void correlationIdAsBytesRoundTripsAsBytes() throws JMSException {
        GannetMessage message = new GannetMessage();
        message.setJMSCorrelationIDAsBytes(new byte[] {(byte) 0xFF, 0, 1});
        GannetMessage decoded = MessageCodec.decode(MessageCodec.encode(message));
        assertArrayEquals(new byte[] {(byte) 0xFF, 0, 1}, decoded.getJMSCorrelationIDAsBytes());
    }

    @Test
    void emptyMessageRoundTripsWithDefaultHeaders() throws JMSException {
        GannetMessage decoded = MessageCodec.decode(MessageCodec.encode(new GannetMessage()));
        assertNull(decoded.getJMSMessageID());
        assertNull(decoded.getJMSDestination());
        assertNull(decoded.getJMSCorrelationID());
        assertEquals(DeliveryMode.PERSISTENT, decoded.getJMSDeliveryMode());
        assertEquals(4, decoded.getJMSPriority());
        assertFalse(decoded.getPropertyNames().hasMoreElements());
        assertFalse(decoded.propertyExists("JMSXDeliveryCount"));
    }

    @Test
    void everyDestinationKindRoundTripsAndTemporaryOnesComeBackWithoutOwner() throws JMSException {
        for (DestinationKind kind : DestinationKind.values()) {
            GannetMessage message = new GannetMessage();
            message.setJMSDestination(GannetDestination.of(kind, "d-" + kind));
            message.setJMSReplyTo(GannetDestination.of(kind, "r-" + kind));
            GannetMessage decoded = MessageCodec.decode(MessageCodec.encode(message));
            assertEquals(message.getJMSDestination(), decoded.getJMSDestination());
            assertEquals(message.getJMSReplyTo(), decoded.getJMSReplyTo());
        }
        GannetMessage message = new GannetMessage();
        message.setJMSReplyTo(new GannetTemporaryQueue("tq", d -> { }));
        GannetTemporaryQueue decoded = (GannetTemporaryQueue) MessageCodec.decode(MessageCodec.encode(message))
                .getJMSReplyTo();
        assertThrows(JMSException.class, decoded::delete);
    }

    @Test
    void textBodiesOfEveryShapeRoundTrip() throws JMSException {
        for (String text : Arrays.asList(null, "", "x".repeat(100_000), "\u0000\uD83D\uDE00")) {
            GannetTextMessage decoded = (GannetTextMessage) MessageCodec.decode(
                    MessageCodec.encode(new GannetTextMessage(text)));
            assertEquals(text, decoded.getText());
        }
    }

    /** A message in write mode is encoded with everything written so far and stays writable for its sender. */
    @Test
    void bytesMessageInWriteModeIsCapturedWithoutDisturbingTheSender() throws JMSException {
        GannetBytesMessage sender = new GannetBytesMessage();
        sender.writeInt(1);
        byte[] first = MessageCodec.encode(sender);
        sender.writeInt(2);
        GannetBytesMessage firstCopy = (GannetBytesMessage) MessageCodec.decode(first);
        firstCopy.reset();
        assertEquals(4, firstCopy.getBodyLength());
        assertEquals(1, firstCopy.readInt());

        GannetBytesMessage secondCopy = (GannetBytesMessage) MessageCodec.decode(MessageCodec.encode(sender));
        secondCopy.reset();
        assertEquals(1, secondCopy.readInt());
        assertEquals(2, secondCopy.readInt());
    }

    @Test
    void streamMessageInWriteModeIsCapturedWithoutDisturbingTheSender() throws JMSException {
        GannetStreamMessage sender = new GannetStreamMessage();
        sender.writeString("a");
        byte[] first = MessageCodec.encode(sender);
        sender.writeString("b");
        GannetStreamMessage copy = (GannetStreamMessage) MessageCodec.decode(first);
        copy.reset();
        assertEquals("a", copy.readString());
        assertThrows(jakarta.jms.MessageEOFException.class, copy::readString);
        sender.reset();
        assertEquals("a", sender.readString());
        assertEquals("b", sender.readString());
    }

    @Test
    void encodingAReadModeMessageDoesNotMoveItsReadPosition() throws JMSException {
        GannetBytesMessage message = new GannetBytesMessage();
        message.writeInt(1);
        message.writeInt(2);
        message.reset();
        message.readInt();
        MessageCodec.encode(message);
        assertEquals(2, message.readInt());
    }

    @Test
    void formatStartsWithTheVersionByte() {
        assertEquals(MessageCodec.FORMAT_VERSION, MessageCodec.encode(new GannetMessage())[0]);
    }

    // ----- bad input -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullMessages")
    void everyTruncationIsRejectedWithMessageFormatException(GannetMessage message) {
        byte[] data = MessageCodec.encode(message);
        for (int length = 0; length < data.length; length++) {
            byte[] truncated = Arrays.copyOf(data, length);
            MessageFormatException e = assertThrows(MessageFormatException.class,
                    () -> MessageCodec.decode(truncated), "prefix of " + length + " bytes");
            assertTrue(e.getMessage().startsWith("Cannot decode message: "), e.getMessage());
        }
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] data = MessageCodec.encode(new GannetMessage());
        byte[] longer = Arrays.copyOf(data, data.length + 1);
        assertRejected(longer, "unexpected bytes after the body");
    }

    @Test
    void randomGarbageIsRejectedWithMessageFormatExceptionOnly() {
        Random random = new Random(20240601L);
        for (int i = 0; i < 2_000; i++) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            if (garbage.length > 0 && random.nextBoolean()) {
                garbage[0] = MessageCodec.FORMAT_VERSION;
            }
            try {
                MessageCodec.decode(garbage);
            } catch (MessageFormatException expected) {
                // The only acceptable failure.
            }
        }
    }

    @Test
    void everySingleByteCorruptionDecodesOrIsRejectedWithMessageFormatException() throws JMSException {
        for (GannetMessage message : fullMessages().toList()) {
            byte[] data = MessageCodec.encode(message);
            for (int position = 0; position < data.length; position++) {
                byte[] corrupt = data.clone();
                corrupt[position] ^= (byte) 0xA5;
                try {
                    MessageCodec.decode(corrupt);
                } catch (MessageFormatException expected) {
                    // The only acceptable failure.
                }
            }
        }
    }

    /*
     * Offsets in the encoding of a new plain message: 0 version, 1 type, 2-5 JMSMessageID length, 6-13 JMSTimestamp,
     * 14 correlation kind, 15 JMSDestination kind, 16 JMSReplyTo kind, 17-20 JMSDeliveryMode, 21 JMSRedelivered,
     * 22-25 JMSType length, 26-33 JMSExpiration, 34-41 JMSDeliveryTime, 42-45 JMSPriority, 46-49 JMSXDeliveryCount,
     * 50-53 property count.
     */

    @Test
    void unknownVersionIsRejected() {
        assertRejected(patch(0, (byte) 2), "format version 2 is not supported");
    }

    @Test
    void unknownMessageTypeIsRejected() {
        assertRejected(patch(1, (byte) 6), "unknown message type code 6");
    }

    @Test
    void lengthBeyondTheDataIsRejectedWithoutAllocatingIt() {
        assertRejected(patchInt(2, Integer.MAX_VALUE), "truncated: JMSMessageID needs 2147483647 bytes");
    }

    @Test
    void negativeLengthIsRejected() {
        assertRejected(patchInt(22, -7), "JMSType has negative length -7");
    }

    @Test
    void unknownCorrelationAndDestinationKindsAreRejected() {
        assertRejected(patch(14, (byte) 3), "unknown JMSCorrelationID kind 3");
        assertRejected(patch(15, (byte) 5), "unknown JMSDestination kind 5");
        assertRejected(patch(16, (byte) -1), "unknown JMSReplyTo kind -1");
    }

    @Test
    void invalidBooleanIsRejected() {
        assertRejected(patch(21, (byte) 2), "JMSRedelivered is 2, not a boolean");
    }

    @Test
    void negativeDeliveryCountIsRejected() {
        assertRejected(patchInt(46, -1), "JMSXDeliveryCount is negative");
    }

    @Test
    void impossibleCountIsRejectedWithoutLooping() {
        assertRejected(patchInt(50, Integer.MAX_VALUE), "property count 2147483647 is impossible");
        assertRejected(patchInt(50, -1), "property count -1 is impossible");
    }

    @Test
    void emptyDestinationNameIsRejected() throws IOException {
        byte[] prefix = Arrays.copyOf(emptyPlainMessage(), 15);
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(tail);
        out.writeByte(1);
        out.writeInt(0);
        byte[] rest = Arrays.copyOfRange(emptyPlainMessage(), 16, emptyPlainMessage().length);
        out.write(rest);
        assertRejected(concat(prefix, tail.toByteArray()),
                "JMSDestination: Destination name must not be null or empty");
    }

    @Test
    void badPropertiesAreRejected() throws IOException {
        assertRejected(withProperty(out -> {
            out.writeInt(0);
            out.writeByte(5);
            out.writeInt(1);
        }), "property '': Property name must not be null or empty");
        assertRejected(withProperty(out -> out.writeInt(-1)), "property name is null");
        assertRejected(withProperty(out -> {
            writeString(out, "1st");
            out.writeByte(5);
            out.writeInt(1);
        }), "property '1st'");
        assertRejected(withProperty(out -> {
            writeString(out, "p");
            out.writeByte(4);
            out.writeChar('c');
        }), "property 'p': Property 'p' of Message (no JMSMessageID) cannot hold a java.lang.Character");
        assertRejected(withProperty(out -> {
            writeString(out, "p");
            out.writeByte(99);
        }), "unknown value type 99 for property 'p'");
        assertRejected(withProperty(out -> {
            out.writeInt(2);
            out.write(new byte[] {(byte) 0xC3, 0x28});
        }), "property name is not valid UTF-8");
    }

    @Test
    void nullBytesBodyIsRejected() {
        GannetBytesMessage message = new GannetBytesMessage();
        byte[] data = MessageCodec.encode(message);
        ByteBuffer.wrap(data).putInt(data.length - 4, -1);
        assertRejected(data, "bytes body is null");
    }

    @Test
    void emptyMapItemNameIsRejected() throws JMSException {
        GannetMapMessage message = new GannetMapMessage();
        message.setInt("a", 1);
        byte[] data = MessageCodec.encode(message);
        // The body is: count (4), name length (4), 'a', tag, int.
        int nameLength = data.length - 4 - 1 - 1 - 4;
        ByteBuffer.wrap(data).putInt(nameLength, 0);
        byte[] withoutName = concat(Arrays.copyOf(data, nameLength + 4), Arrays.copyOfRange(data, nameLength + 5,
                data.length));
        assertRejected(withoutName, "must not be null or empty");
    }

    @Test
    void decodingNullIsANullPointerException() {
        assertThrows(NullPointerException.class, () -> MessageCodec.decode(null));
    }

    // ----- helpers -------------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface PropertyWriter {
        void write(DataOutputStream out) throws IOException;
    }

    /** A new plain message whose single property is written by {@code property}. */
    private static byte[] withProperty(PropertyWriter property) throws IOException {
        byte[] headers = Arrays.copyOf(emptyPlainMessage(), 50);
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(tail);
        out.writeInt(1);
        property.write(out);
        return concat(headers, tail.toByteArray());
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] emptyPlainMessage() {
        byte[] data = MessageCodec.encode(new GannetMessage());
        assertEquals(54, data.length, "layout of an empty plain message");
        return data;
    }

    private static byte[] patch(int offset, byte value) {
        byte[] data = emptyPlainMessage();
        data[offset] = value;
        return data;
    }

    private static byte[] patchInt(int offset, int value) {
        byte[] data = emptyPlainMessage();
        ByteBuffer.wrap(data).putInt(offset, value);
        return data;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static void assertRejected(byte[] data, String expectedText) {
        MessageFormatException e = assertThrows(MessageFormatException.class, () -> MessageCodec.decode(data));
        assertTrue(e.getMessage().contains(expectedText), e.getMessage());
    }

    private static void assertHeadersEqual(GannetMessage expected, GannetMessage actual) {
        assertEquals(expected.getJMSMessageID(), actual.getJMSMessageID());
        assertEquals(expected.getJMSTimestamp(), actual.getJMSTimestamp());
        assertEquals(expected.getJMSCorrelationID(), actual.getJMSCorrelationID());
        assertEquals(expected.getJMSDestination(), actual.getJMSDestination());
        assertEquals(expected.getJMSReplyTo(), actual.getJMSReplyTo());
        assertInstanceOf(GannetTemporaryTopic.class, actual.getJMSReplyTo());
        assertEquals(expected.getJMSDeliveryMode(), actual.getJMSDeliveryMode());
        assertEquals(expected.getJMSRedelivered(), actual.getJMSRedelivered());
        assertEquals(expected.getJMSType(), actual.getJMSType());
        assertEquals(expected.getJMSExpiration(), actual.getJMSExpiration());
        assertEquals(expected.getJMSDeliveryTime(), actual.getJMSDeliveryTime());
        assertEquals(expected.getJMSPriority(), actual.getJMSPriority());
    }

    private static void assertPropertiesEqual(GannetMessage expected, GannetMessage actual) {
        List<String> names = Collections.list(expected.getPropertyNames());
        assertEquals(names, Collections.list(actual.getPropertyNames()));
        for (String name : names) {
            Object value = actual.getObjectProperty(name);
            assertEquals(expected.getObjectProperty(name), value, name);
            if (value != null) {
                assertEquals(expected.getObjectProperty(name).getClass(), value.getClass());
            }
        }
    }

    private static void assertBodyEqual(GannetMessage expected, GannetMessage actual) throws JMSException {
        switch (expected.type()) {
            case PLAIN -> {
            }
            case TEXT -> assertEquals(((GannetTextMessage) expected).getText(), ((GannetTextMessage) actual).getText());
            case BYTES -> assertArrayEquals(((GannetBytesMessage) expected).bodyBytes(),
                    ((GannetBytesMessage) actual).bodyBytes());
            case MAP -> {
                GannetMapMessage expectedMap = (GannetMapMessage) expected;
                GannetMapMessage actualMap = (GannetMapMessage) actual;
                assertEquals(Collections.list(expectedMap.getMapNames()), Collections.list(actualMap.getMapNames()));
                for (Object name : Collections.list(expectedMap.getMapNames())) {
                    ValueKind.assertValue(expectedMap.getObject((String) name), actualMap.getObject((String) name));
                }
            }
            case STREAM -> {
                GannetStreamMessage actualStream = (GannetStreamMessage) actual;
                actualStream.reset();
                for (Object field : ((GannetStreamMessage) expected).fields()) {
                    Object read = actualStream.readObject();
                    ValueKind.assertValue(field, read);
                    if (field != null) {
                        assertEquals(field.getClass(), read.getClass());
                    }
                }
                assertThrows(jakarta.jms.MessageEOFException.class, actualStream::readObject);
            }
            case OBJECT -> assertEquals(((GannetObjectMessage) expected).getObject(),
                    ((GannetObjectMessage) actual).getObject());
        }
    }
}
