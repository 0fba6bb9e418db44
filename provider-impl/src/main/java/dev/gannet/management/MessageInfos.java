package dev.gannet.management;

import dev.gannet.api.management.MessageInfo;
import dev.gannet.message.GannetBytesMessage;
import dev.gannet.message.GannetMapMessage;
import dev.gannet.message.GannetMessage;
import dev.gannet.message.GannetStreamMessage;
import dev.gannet.message.GannetTextMessage;
import dev.gannet.message.MessageCodec;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Describes an encoded message as a {@link MessageInfo}: headers, properties as text, and a preview of the body that
 * never runs application code (an object message is not deserialized). The MXBeans and the web console
 * ({@code dev.gannet.management.console}) show messages through it.
 */
public final class MessageInfos {

    /** Bytes of a bytes message shown, as hexadecimal (two characters each). */
    private static final int PREVIEW_BYTES = MessageInfo.PREVIEW_LENGTH / 2;

    private MessageInfos() {
    }

    /** The message {@code encoded} holds; one the broker cannot decode is described as unreadable, not refused. */
    public static MessageInfo describe(byte[] encoded) {
        GannetMessage message;
        try {
            message = MessageCodec.decode(encoded);
        } catch (JMSException e) {
            return new MessageInfo(null, "unreadable", null, 0, null, null, null, null, 0, 0, 0, Map.of(),
                    encoded.length, e.getMessage());
        }
        Map<String, String> properties = new TreeMap<>();
        for (String name : Collections.list(message.getPropertyNames())) {
            properties.put(name, String.valueOf(message.getObjectProperty(name)));
        }
        return new MessageInfo(message.getJMSMessageID(), message.type().interfaceName(),
                text(message.getJMSDestination()), message.getJMSTimestamp(), message.getJMSCorrelationID(),
                message.getJMSType(), text(message.getJMSReplyTo()),
                message.getJMSDeliveryMode() == DeliveryMode.PERSISTENT ? "PERSISTENT" : "NON_PERSISTENT",
                message.getJMSPriority(), message.getJMSExpiration(), message.getJMSDeliveryTime(), properties,
                encoded.length, preview(message));
    }

    private static String text(Destination destination) {
        return destination == null ? null : destination.toString();
    }

    private static String preview(GannetMessage message) {
        try {
            String whole = switch (message.type()) {
                case PLAIN -> "";
                case TEXT -> String.valueOf(((GannetTextMessage) message).getText());
                case BYTES -> bytes((GannetBytesMessage) message);
                case MAP -> map((GannetMapMessage) message);
                case STREAM -> stream((GannetStreamMessage) message);
                case OBJECT -> "(a serialized Java object; not deserialized for browsing)";
            };
            return cut(whole);
        } catch (JMSException e) {
            return "(body cannot be read: " + e.getMessage() + ")";
        }
    }

    private static String bytes(GannetBytesMessage message) throws JMSException {
        message.reset();
        long length = message.getBodyLength();
        byte[] start = new byte[(int) Math.min(length, PREVIEW_BYTES)];
        message.readBytes(start);
        return HexFormat.of().formatHex(start) + (length > start.length ? "..." : "");
    }

    private static String map(GannetMapMessage message) throws JMSException {
        List<String> names = new ArrayList<>();
        for (Enumeration<?> all = message.getMapNames(); all.hasMoreElements(); ) {
            names.add((String) all.nextElement());
        }
        Collections.sort(names);
        Map<String, String> entries = new LinkedHashMap<>();
        for (String name : names) {
            entries.put(name, valueText(message.getObject(name)));
        }
        return entries.toString();
    }

    private static String stream(GannetStreamMessage message) throws JMSException {
        message.reset();
        StringBuilder items = new StringBuilder("[");
        try {
            while (items.length() <= MessageInfo.PREVIEW_LENGTH) {
                Object item = message.readObject();
                items.append(items.length() > 1 ? ", " : "").append(valueText(item));
            }
        } catch (MessageEOFException end) {
            return items.append(']').toString();
        }
        return items.toString();
    }

    private static String valueText(Object value) {
        return value instanceof byte[] data ? "0x" + HexFormat.of().formatHex(data) : String.valueOf(value);
    }

    private static String cut(String text) {
        return text.length() <= MessageInfo.PREVIEW_LENGTH ? text
                : text.substring(0, MessageInfo.PREVIEW_LENGTH) + "...";
    }
}
