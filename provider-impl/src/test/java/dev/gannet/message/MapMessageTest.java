package dev.gannet.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** MapMessage body: spec 3.11.3 and the {@code MapMessage} javadoc. */
@Timeout(10)
class MapMessageTest {

    private final GannetMapMessage message = new GannetMapMessage();

    static Stream<ValueKind.Cell> mapConversionTable() {
        return ValueKind.cells(EnumSet.allOf(ValueKind.class));
    }

    /** Spec 3.11.3 Table 3-7: every cell, marked ones converted, unmarked ones refused with MessageFormatException. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("mapConversionTable")
    void mapConversionTableCell(ValueKind.Cell cell) throws JMSException {
        set("item", cell.written());
        if (cell.legal()) {
            ValueKind.assertValue(cell.expected(), get("item", cell.read()));
        } else {
            assertThrows(MessageFormatException.class, () -> get("item", cell.read()));
        }
    }

    @ParameterizedTest
    @EnumSource(ValueKind.class)
    void setObjectIsEquivalentToTheTypedSetter(ValueKind kind) throws JMSException {
        message.setObject("item", kind.sample());
        ValueKind.assertValue(kind.sample(), get("item", kind));
        ValueKind.assertValue(kind.sample(), message.getObject("item"));
    }

    @Test
    void setObjectRefusesOtherTypesWithMessageFormatException() {
        assertThrows(MessageFormatException.class, () -> message.setObject("item", new Object()));
        assertThrows(MessageFormatException.class, () -> message.setObject("item", new Integer[] {1}));
        assertFalse(message.itemExists("item"));
    }

    /** Spec 3.11.3: an item never set is handled as if it exists with a null value. */
    @Test
    void absentItemReadsAsValueOfNull() throws JMSException {
        assertNull(message.getString("absent"));
        assertNull(message.getBytes("absent"));
        assertNull(message.getObject("absent"));
        assertFalse(message.getBoolean("absent"));
        assertThrows(NumberFormatException.class, () -> message.getByte("absent"));
        assertThrows(NumberFormatException.class, () -> message.getShort("absent"));
        assertThrows(NumberFormatException.class, () -> message.getInt("absent"));
        assertThrows(NumberFormatException.class, () -> message.getLong("absent"));
        assertThrows(NullPointerException.class, () -> message.getFloat("absent"));
        assertThrows(NullPointerException.class, () -> message.getDouble("absent"));
        assertThrows(NullPointerException.class, () -> message.getChar("absent"));
        assertFalse(message.itemExists("absent"));
    }

    @Test
    void nullValuesAreStoredAndReadBackAsNull() throws JMSException {
        message.setString("s", null);
        message.setBytes("b", null);
        message.setObject("o", null);
        assertTrue(message.itemExists("s"));
        assertNull(message.getString("s"));
        assertNull(message.getBytes("b"));
        assertNull(message.getObject("o"));
    }

    @Test
    void unparsableStringThrowsNumberFormatException() throws JMSException {
        message.setString("s", "x1");
        assertThrows(NumberFormatException.class, () -> message.getInt("s"));
        assertThrows(NumberFormatException.class, () -> message.getFloat("s"));
    }

    /** MapMessage javadoc: names must not be null or empty. */
    @Test
    void nullOrEmptyNameIsRefusedByEverySetterWithIllegalArgumentException() {
        for (String name : new String[] {null, ""}) {
            assertThrows(IllegalArgumentException.class, () -> message.setBoolean(name, true));
            assertThrows(IllegalArgumentException.class, () -> message.setByte(name, (byte) 1));
            assertThrows(IllegalArgumentException.class, () -> message.setShort(name, (short) 1));
            assertThrows(IllegalArgumentException.class, () -> message.setChar(name, 'c'));
            assertThrows(IllegalArgumentException.class, () -> message.setInt(name, 1));
            assertThrows(IllegalArgumentException.class, () -> message.setLong(name, 1L));
            assertThrows(IllegalArgumentException.class, () -> message.setFloat(name, 1f));
            assertThrows(IllegalArgumentException.class, () -> message.setDouble(name, 1d));
            assertThrows(IllegalArgumentException.class, () -> message.setString(name, "s"));
            assertThrows(IllegalArgumentException.class, () -> message.setBytes(name, new byte[1]));
            assertThrows(IllegalArgumentException.class, () -> message.setBytes(name, new byte[1], 0, 1));
            assertThrows(IllegalArgumentException.class, () -> message.setObject(name, 1));
        }
    }

    @Test
    void itemNamesNeedNotBeSelectorIdentifiers() throws JMSException {
        message.setInt("a name with spaces", 1);
        message.setInt("NULL", 2);
        assertEquals(1, message.getInt("a name with spaces"));
        assertEquals(2, message.getInt("NULL"));
    }

    @Test
    void mapNamesListEveryItem() throws JMSException {
        message.setInt("a", 1);
        message.setString("b", null);
        message.setBytes("c", new byte[0]);
        Set<Object> names = new HashSet<>(Collections.list(message.getMapNames()));
        assertEquals(Set.of("a", "b", "c"), names);
    }

    /** MapMessage javadoc: byte arrays are copied on set and on get. */
    @Test
    void byteArraysAreCopiedInAndOut() throws JMSException {
        byte[] data = {1, 2, 3};
        message.setBytes("whole", data);
        message.setBytes("part", data, 1, 2);
        message.setObject("object", data);
        data[0] = 9;
        data[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, message.getBytes("whole"));
        assertArrayEquals(new byte[] {2, 3}, message.getBytes("part"));
        message.getBytes("whole")[0] = 7;
        ((byte[]) message.getObject("object"))[0] = 7;
        assertArrayEquals(new byte[] {1, 2, 3}, message.getBytes("whole"));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) message.getObject("object"));
    }

    @Test
    void setBytesWithARangeOutsideTheArrayThrowsIndexOutOfBounds() {
        assertThrows(IndexOutOfBoundsException.class, () -> message.setBytes("b", new byte[2], 1, 5));
    }

    @Test
    void clearBodyRemovesEveryItem() throws JMSException {
        message.setInt("a", 1);
        message.clearBody();
        assertFalse(message.getMapNames().hasMoreElements());
    }

    private void set(String name, ValueKind kind) throws JMSException {
        Object value = kind.sample();
        switch (kind) {
            case BOOLEAN -> message.setBoolean(name, (Boolean) value);
            case BYTE -> message.setByte(name, (Byte) value);
            case SHORT -> message.setShort(name, (Short) value);
            case CHAR -> message.setChar(name, (Character) value);
            case INT -> message.setInt(name, (Integer) value);
            case LONG -> message.setLong(name, (Long) value);
            case FLOAT -> message.setFloat(name, (Float) value);
            case DOUBLE -> message.setDouble(name, (Double) value);
            case STRING -> message.setString(name, (String) value);
            case BYTES -> message.setBytes(name, (byte[]) value);
        }
    }

    private Object get(String name, ValueKind kind) throws JMSException {
        return switch (kind) {
            case BOOLEAN -> message.getBoolean(name);
            case BYTE -> message.getByte(name);
            case SHORT -> message.getShort(name);
            case CHAR -> message.getChar(name);
            case INT -> message.getInt(name);
            case LONG -> message.getLong(name);
            case FLOAT -> message.getFloat(name);
            case DOUBLE -> message.getDouble(name);
            case STRING -> message.getString(name);
            case BYTES -> message.getBytes(name);
        };
    }
}
