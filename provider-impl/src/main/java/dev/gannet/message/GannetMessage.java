package dev.gannet.message;

import dev.gannet.selector.Filterable;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Gannet message: the header fields, the properties and the read-only rules shared by every message type, and the
 * plain {@link Message} without a body. The subclasses add the five body types.
 * <p>
 * Like every JMS message, it is not thread-safe: it is used by one thread at a time (the application's or the
 * session's delivery thread).
 * <p>
 * Deviations from the {@code Message} javadoc, all permitted by it:
 * <ul>
 * <li>{@code setJMSDestination} and {@code setJMSReplyTo} convert another provider's {@code Queue} or {@code Topic}
 * to a Gannet one of the same name, so {@code getJMSReplyTo()} returns an equal Gannet destination, not the same
 * object.
 * <li>{@code JMSCorrelationID} set as bytes reads back as a String by decoding the bytes as UTF-8, and a String
 * correlation ID reads back as bytes by encoding it as UTF-8.
 * <li>Property names must be selector identifiers (spec 3.5.1); any other name is refused with
 * {@link IllegalArgumentException}, like the null or empty name.
 * </ul>
 */
public sealed class GannetMessage implements Message, Filterable
        permits GannetTextMessage, GannetBytesMessage, GannetMapMessage, GannetStreamMessage, GannetObjectMessage {

    /** The JMS-defined property holding the delivery attempt count (spec 3.5.11). */
    public static final String JMSX_DELIVERY_COUNT = "JMSXDeliveryCount";

    private final MessageType type;

    private String messageId;
    private long timestamp;
    /** At most one of the two correlation ID forms is set. */
    private String correlationId;
    private byte[] correlationIdBytes;
    private GannetDestination destination;
    private GannetDestination replyTo;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private boolean redelivered;
    private String jmsType;
    private long expiration;
    private long deliveryTime;
    private int priority = Message.DEFAULT_PRIORITY;

    /** Application and JMSX properties in the order set; values are property types or null. */
    private final Map<String, Object> properties = new LinkedHashMap<>();
    /** Delivery attempts as reported by {@link #markDelivered}; 0 while the message has not been delivered. */
    private int deliveryCount;

    private boolean propertiesReadOnly;
    private boolean bodyReadOnly;
    private MessageAcknowledger acknowledger;

    /** A plain message without a body, as made by {@code Session.createMessage()}. */
    public GannetMessage() {
        this(MessageType.PLAIN);
    }

    GannetMessage(MessageType type) {
        this.type = type;
    }

    // ----- hooks for the client ------------------------------------------------------------------------------------

    /** The body type of this message. */
    public final MessageType type() {
        return type;
    }

    /**
     * Prepares a message that is about to be handed to the application by a consumer: sets {@code JMSRedelivered},
     * makes {@code JMSXDeliveryCount} readable as an int property, makes properties and body read-only, and puts a
     * Bytes or Stream body in read mode at its start.
     * <p>
     * When {@code redelivered} is true the delivery count is raised to at least 2, as spec 3.5.11 requires.
     *
     * @param deliveryCount the number of delivery attempts including this one, at least 1
     * @throws IllegalArgumentException if {@code deliveryCount} is less than 1
     */
    public final void markDelivered(int deliveryCount, boolean redelivered) {
        if (deliveryCount < 1) {
            throw new IllegalArgumentException("Delivery count of " + describe() + " must be at least 1, was "
                    + deliveryCount);
        }
        this.deliveryCount = redelivered ? Math.max(deliveryCount, 2) : deliveryCount;
        this.redelivered = redelivered;
        this.propertiesReadOnly = true;
        makeBodyReadOnly();
    }

    /**
     * Sets what {@link #acknowledge()} does; null (the default) makes it do nothing, as for sessions that ignore
     * {@code acknowledge()}.
     */
    public final void setAcknowledger(MessageAcknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    /**
     * A deep copy made through {@link MessageCodec}: same headers, properties, body and delivery count, but writable
     * (properties and body, Bytes and Stream bodies in write mode) and without an acknowledger.
     */
    public final GannetMessage copy() {
        try {
            return MessageCodec.decode(MessageCodec.encode(this));
        } catch (MessageFormatException e) {
            throw new IllegalStateException("MessageCodec could not read back its own encoding of " + describe(), e);
        }
    }

    /**
     * The value of a selector identifier: the selectable headers ({@code JMSDeliveryMode} as {@code "PERSISTENT"} or
     * {@code "NON_PERSISTENT"}, {@code JMSPriority} as Integer, {@code JMSMessageID}, {@code JMSTimestamp} as Long,
     * {@code JMSCorrelationID}, {@code JMSType}) or else the property of that name; null if absent.
     */
    @Override
    public final Object valueOf(String identifier) {
        return switch (identifier) {
            case "JMSDeliveryMode" -> deliveryMode == DeliveryMode.PERSISTENT ? "PERSISTENT" : "NON_PERSISTENT";
            case "JMSPriority" -> priority;
            case "JMSMessageID" -> messageId;
            case "JMSTimestamp" -> timestamp;
            case "JMSCorrelationID" -> getJMSCorrelationID();
            case "JMSType" -> jmsType;
            default -> property(identifier);
        };
    }

    // ----- header fields -------------------------------------------------------------------------------------------

    @Override
    public final String getJMSMessageID() {
        return messageId;
    }

    @Override
    public final void setJMSMessageID(String id) {
        this.messageId = id;
    }

    @Override
    public final long getJMSTimestamp() {
        return timestamp;
    }

    @Override
    public final void setJMSTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    @Override
    public final byte[] getJMSCorrelationIDAsBytes() {
        if (correlationIdBytes != null) {
            return correlationIdBytes.clone();
        }
        return correlationId == null ? null : correlationId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public final void setJMSCorrelationIDAsBytes(byte[] correlationID) {
        this.correlationIdBytes = correlationID == null ? null : correlationID.clone();
        this.correlationId = null;
    }

    @Override
    public final void setJMSCorrelationID(String correlationID) {
        this.correlationId = correlationID;
        this.correlationIdBytes = null;
    }

    @Override
    public final String getJMSCorrelationID() {
        if (correlationIdBytes != null) {
            return new String(correlationIdBytes, StandardCharsets.UTF_8);
        }
        return correlationId;
    }

    @Override
    public final Destination getJMSReplyTo() {
        return replyTo;
    }

    /**
     * @throws jakarta.jms.InvalidDestinationException if {@code replyTo} is another provider's destination that is
     *         neither a {@code Queue} nor a {@code Topic}
     */
    @Override
    public final void setJMSReplyTo(Destination replyTo) throws JMSException {
        this.replyTo = GannetDestination.from(replyTo);
    }

    @Override
    public final Destination getJMSDestination() {
        return destination;
    }

    /**
     * @throws jakarta.jms.InvalidDestinationException if {@code destination} is another provider's destination that
     *         is neither a {@code Queue} nor a {@code Topic}
     */
    @Override
    public final void setJMSDestination(Destination destination) throws JMSException {
        this.destination = GannetDestination.from(destination);
    }

    @Override
    public final int getJMSDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public final void setJMSDeliveryMode(int deliveryMode) {
        this.deliveryMode = deliveryMode;
    }

    @Override
    public final boolean getJMSRedelivered() {
        return redelivered;
    }

    @Override
    public final void setJMSRedelivered(boolean redelivered) {
        this.redelivered = redelivered;
    }

    @Override
    public final String getJMSType() {
        return jmsType;
    }

    @Override
    public final void setJMSType(String type) {
        this.jmsType = type;
    }

    @Override
    public final long getJMSExpiration() {
        return expiration;
    }

    @Override
    public final void setJMSExpiration(long expiration) {
        this.expiration = expiration;
    }

    @Override
    public final long getJMSDeliveryTime() {
        return deliveryTime;
    }

    @Override
    public final void setJMSDeliveryTime(long deliveryTime) {
        this.deliveryTime = deliveryTime;
    }

    @Override
    public final int getJMSPriority() {
        return priority;
    }

    @Override
    public final void setJMSPriority(int priority) {
        this.priority = priority;
    }

    // ----- properties ----------------------------------------------------------------------------------------------

    /** Removes all properties and makes them writable again; {@code JMSXDeliveryCount} stays, being set on delivery. */
    @Override
    public final void clearProperties() {
        properties.clear();
        propertiesReadOnly = false;
    }

    @Override
    public final boolean propertyExists(String name) {
        return isDeliveryCount(name) || properties.containsKey(name);
    }

    @Override
    public final boolean getBooleanProperty(String name) throws MessageFormatException {
        return ValueConversion.toBoolean(property(name), propertySource(name));
    }

    @Override
    public final byte getByteProperty(String name) throws MessageFormatException {
        return ValueConversion.toByte(property(name), propertySource(name));
    }

    @Override
    public final short getShortProperty(String name) throws MessageFormatException {
        return ValueConversion.toShort(property(name), propertySource(name));
    }

    @Override
    public final int getIntProperty(String name) throws MessageFormatException {
        return ValueConversion.toInt(property(name), propertySource(name));
    }

    @Override
    public final long getLongProperty(String name) throws MessageFormatException {
        return ValueConversion.toLong(property(name), propertySource(name));
    }

    @Override
    public final float getFloatProperty(String name) throws MessageFormatException {
        return ValueConversion.toFloat(property(name), propertySource(name));
    }

    @Override
    public final double getDoubleProperty(String name) throws MessageFormatException {
        return ValueConversion.toDouble(property(name), propertySource(name));
    }

    @Override
    public final String getStringProperty(String name) throws MessageFormatException {
        return ValueConversion.toText(property(name), propertySource(name));
    }

    @Override
    public final Object getObjectProperty(String name) {
        return property(name);
    }

    @Override
    public final Enumeration<String> getPropertyNames() {
        List<String> names = new ArrayList<>(properties.keySet());
        if (deliveryCount > 0 && !properties.containsKey(JMSX_DELIVERY_COUNT)) {
            names.add(JMSX_DELIVERY_COUNT);
        }
        return Collections.enumeration(names);
    }

    @Override
    public final void setBooleanProperty(String name, boolean value) throws MessageNotWriteableException {
        putProperty(name, value);
    }

    @Override
    public final void setByteProperty(String name, byte value) throws MessageNotWriteableException {
        putProperty(name, value);
    }

    @Override
    public final void setShortProperty(String name, short value) throws MessageNotWriteableException {
        putProperty(name, value);
    }

    @Override
    public final void setIntProperty(String name, int value) throws MessageNotWriteableException {
        putProperty(name, value);
    }

    @Override
    public final void setLongProperty(String name, long value) throws MessageNotWriteableException {
        putProperty(name, value);
    }

    @Override
    public final void setFloatProperty(String name, float value) throws MessageNotWriteableException {
        putProperty(name, value);
    }

    @Override
    public final void setDoubleProperty(String name, double value) throws MessageNotWriteableException {
        putProperty(name, value);
    }

    @Override
    public final void setStringProperty(String name, String value) throws MessageNotWriteableException {
        putProperty(name, value);
    }

    /** A null value is accepted and reads back as null, like a null String (spec 3.12). */
    @Override
    public final void setObjectProperty(String name, Object value) throws JMSException {
        if (value != null && !ValueConversion.isPropertyType(value)) {
            PropertyName.check(name);
            throw new MessageFormatException("Property '" + name + "' of " + describe() + " cannot hold a "
                    + value.getClass().getName() + ": only Boolean, Byte, Short, Integer, Long, Float, Double and"
                    + " String are allowed (spec 3.5.5)");
        }
        putProperty(name, value);
    }

    private void putProperty(String name, Object value) throws MessageNotWriteableException {
        PropertyName.check(name);
        if (propertiesReadOnly) {
            throw new MessageNotWriteableException("Properties of " + describe() + " are read-only since it was"
                    + " received; call clearProperties() to make them writable (spec 3.5.3)");
        }
        properties.put(name, value);
    }

    private Object property(String name) {
        return isDeliveryCount(name) ? Integer.valueOf(deliveryCount) : properties.get(name);
    }

    private boolean isDeliveryCount(String name) {
        return deliveryCount > 0 && JMSX_DELIVERY_COUNT.equals(name);
    }

    private String propertySource(String name) {
        return "Property '" + name + "' of " + describe();
    }

    // ----- acknowledgement and body --------------------------------------------------------------------------------

    @Override
    public final void acknowledge() throws JMSException {
        if (acknowledger != null) {
            acknowledger.acknowledge();
        }
    }

    @Override
    public final void clearBody() {
        bodyReadOnly = false;
        clearBodyContent();
    }

    /** A plain message has no body: returns null whatever {@code c} is. */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        return null;
    }

    /** A plain message has no body: true whatever {@code c} is. */
    @Override
    public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) throws JMSException {
        return true;
    }

    /**
     * Returns {@code body} as {@code c} for {@code getBody}: null if there is no body, else {@code body} if
     * {@code c} is {@code bodyClass} or one of its supertypes.
     *
     * @throws MessageFormatException if the body cannot be assigned to {@code c}
     */
    final <T> T bodyAs(Class<T> c, Class<?> bodyClass, Object body) throws MessageFormatException {
        if (body == null) {
            return null;
        }
        if (!c.isAssignableFrom(bodyClass)) {
            throw new MessageFormatException("Body of " + describe() + " is a " + bodyClass.getName()
                    + " and cannot be assigned to " + c.getName());
        }
        return c.cast(body);
    }

    // ----- body state, shared with the subclasses and the codec ----------------------------------------------------

    /** Empties the body; called by {@link #clearBody()} after making the body writable. */
    void clearBodyContent() {
    }

    /** Makes the body read-only on delivery; Bytes and Stream messages also switch to read mode. */
    void makeBodyReadOnly() {
        bodyReadOnly = true;
    }

    final boolean isBodyReadOnly() {
        return bodyReadOnly;
    }

    final void setBodyReadOnly(boolean readOnly) {
        this.bodyReadOnly = readOnly;
    }

    /**
     * @throws MessageNotWriteableException if the body is read-only (received, or a Bytes or Stream body after
     *         {@code reset()})
     */
    final void checkBodyWritable() throws MessageNotWriteableException {
        if (bodyReadOnly) {
            throw new MessageNotWriteableException("Body of " + describe() + " is read-only (received, or reset);"
                    + " call clearBody() to write it (spec 3.11.2)");
        }
    }

    /**
     * @throws MessageNotReadableException if a Bytes or Stream body is still in write mode
     */
    final void checkBodyReadable() throws MessageNotReadableException {
        if (!bodyReadOnly) {
            throw new MessageNotReadableException("Body of " + describe() + " is write-only; call reset() before"
                    + " reading it");
        }
    }

    /** True if the correlation ID was set as bytes, for the codec. */
    final boolean hasBinaryCorrelationId() {
        return correlationIdBytes != null;
    }

    /** The properties as set, without the delivery count, for the codec. */
    final Map<String, Object> propertyMap() {
        return Collections.unmodifiableMap(properties);
    }

    final int deliveryCount() {
        return deliveryCount;
    }

    final void restoreDeliveryCount(int deliveryCount) {
        this.deliveryCount = deliveryCount;
    }

    /** The message for exception texts: interface and message ID, e.g. {@code "TextMessage ID:7f3a"}. */
    final String describe() {
        return messageId == null ? type.interfaceName() + " (no JMSMessageID)" : type.interfaceName() + " " + messageId;
    }

    @Override
    public String toString() {
        return describe() + " to " + destination;
    }
}
