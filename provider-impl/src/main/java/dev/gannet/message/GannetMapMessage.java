package dev.gannet.message;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message whose body is a set of named, typed items, read with the conversions of spec 3.11.3. An item that was
 * never set reads as null. Item names are any non-empty String.
 */
public final class GannetMapMessage extends GannetMessage implements MapMessage {

    /** Items in the order set: values of {@link ValueConversion#isBodyValueType} types or null; byte[] owned here. */
    private final Map<String, Object> items = new LinkedHashMap<>();

    /** An empty map message, as made by {@code Session.createMapMessage()}. */
    public GannetMapMessage() {
        super(MessageType.MAP);
    }

    // ----- reading -------------------------------------------------------------------------------------------------

    @Override
    public boolean getBoolean(String name) throws MessageFormatException {
        return ValueConversion.toBoolean(items.get(name), itemSource(name));
    }

    @Override
    public byte getByte(String name) throws MessageFormatException {
        return ValueConversion.toByte(items.get(name), itemSource(name));
    }

    @Override
    public short getShort(String name) throws MessageFormatException {
        return ValueConversion.toShort(items.get(name), itemSource(name));
    }

    @Override
    public char getChar(String name) throws MessageFormatException {
        return ValueConversion.toChar(items.get(name), itemSource(name));
    }

    @Override
    public int getInt(String name) throws MessageFormatException {
        return ValueConversion.toInt(items.get(name), itemSource(name));
    }

    @Override
    public long getLong(String name) throws MessageFormatException {
        return ValueConversion.toLong(items.get(name), itemSource(name));
    }

    @Override
    public float getFloat(String name) throws MessageFormatException {
        return ValueConversion.toFloat(items.get(name), itemSource(name));
    }

    @Override
    public double getDouble(String name) throws MessageFormatException {
        return ValueConversion.toDouble(items.get(name), itemSource(name));
    }

    @Override
    public String getString(String name) throws MessageFormatException {
        return ValueConversion.toText(items.get(name), itemSource(name));
    }

    @Override
    public byte[] getBytes(String name) throws MessageFormatException {
        return ValueConversion.toBytes(items.get(name), itemSource(name));
    }

    @Override
    public Object getObject(String name) {
        return ValueConversion.copyOf(items.get(name));
    }

    @Override
    public Enumeration<String> getMapNames() {
        return Collections.enumeration(new ArrayList<>(items.keySet()));
    }

    @Override
    public boolean itemExists(String name) {
        return items.containsKey(name);
    }

    private String itemSource(String name) {
        return "Item '" + name + "' of " + describe();
    }

    // ----- writing -------------------------------------------------------------------------------------------------

    @Override
    public void setBoolean(String name, boolean value) throws MessageNotWriteableException {
        put(name, value);
    }

    @Override
    public void setByte(String name, byte value) throws MessageNotWriteableException {
        put(name, value);
    }

    @Override
    public void setShort(String name, short value) throws MessageNotWriteableException {
        put(name, value);
    }

    @Override
    public void setChar(String name, char value) throws MessageNotWriteableException {
        put(name, value);
    }

    @Override
    public void setInt(String name, int value) throws MessageNotWriteableException {
        put(name, value);
    }

    @Override
    public void setLong(String name, long value) throws MessageNotWriteableException {
        put(name, value);
    }

    @Override
    public void setFloat(String name, float value) throws MessageNotWriteableException {
        put(name, value);
    }

    @Override
    public void setDouble(String name, double value) throws MessageNotWriteableException {
        put(name, value);
    }

    @Override
    public void setString(String name, String value) throws MessageNotWriteableException {
        put(name, value);
    }

    /** Stores a copy of {@code value}; null is stored as a null item. */
    @Override
    public void setBytes(String name, byte[] value) throws MessageNotWriteableException {
        put(name, value == null ? null : value.clone());
    }

    /**
     * @throws NullPointerException if {@code value} is null
     * @throws IndexOutOfBoundsException if {@code offset} and {@code length} do not lie within {@code value}
     */
    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws MessageNotWriteableException {
        Objects.requireNonNull(value, "MapMessage.setBytes(name, value, offset, length) needs a value");
        Objects.checkFromIndexSize(offset, length, value.length);
        byte[] portion = new byte[length];
        System.arraycopy(value, offset, portion, 0, length);
        put(name, portion);
    }

    /** Accepts primitive wrappers, String, byte[] (copied) and null. */
    @Override
    public void setObject(String name, Object value) throws JMSException {
        if (value != null && !ValueConversion.isBodyValueType(value)) {
            checkName(name);
            throw new MessageFormatException("Item '" + name + "' of " + describe() + " cannot hold a "
                    + value.getClass().getName() + ": only primitive wrappers, String and byte[] are allowed");
        }
        put(name, ValueConversion.copyOf(value));
    }

    private void put(String name, Object value) throws MessageNotWriteableException {
        checkName(name);
        checkBodyWritable();
        items.put(name, value);
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Item name in " + describe() + " must not be null or empty, was "
                    + (name == null ? "null" : "\"\""));
        }
    }

    // ----- body access ---------------------------------------------------------------------------------------------

    /** A new {@code Map} of the items (byte[] values copied), or null if there are none. */
    @Override
    public <T> T getBody(Class<T> c) throws MessageFormatException {
        if (items.isEmpty()) {
            return null;
        }
        Map<String, Object> copy = new HashMap<>();
        items.forEach((name, value) -> copy.put(name, ValueConversion.copyOf(value)));
        return bodyAs(c, Map.class, copy);
    }

    @Override
    public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) {
        Class<?> target = c;
        return items.isEmpty() || target.isAssignableFrom(Map.class);
    }

    @Override
    void clearBodyContent() {
        items.clear();
    }

    /** The items, for the codec; byte[] values must not be modified. */
    Map<String, Object> items() {
        return Collections.unmodifiableMap(items);
    }
}
