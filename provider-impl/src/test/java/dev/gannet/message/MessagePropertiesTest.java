package dev.gannet.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Message properties: spec 3.5 and the {@code Message} javadoc. */
@Timeout(10)
class MessagePropertiesTest {

    private final GannetMessage message = new GannetMessage();

    static Stream<ValueKind.Cell> propertyConversionTable() {
        return ValueKind.cells(ValueKind.PROPERTY_KINDS);
    }

    /** Spec 3.5.4 Table 3-2: every cell, marked ones converted, unmarked ones refused with MessageFormatException. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("propertyConversionTable")
    void propertyConversionTableCell(ValueKind.Cell cell) throws JMSException {
        setProperty("p", cell.written());
        if (cell.legal()) {
            ValueKind.assertValue(cell.expected(), getProperty("p", cell.read()));
        } else {
            assertThrows(MessageFormatException.class, () -> getProperty("p", cell.read()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("propertyKinds")
    void objectPropertyReturnsTheWrapperOfTheTypeSet(ValueKind kind) throws JMSException {
        setProperty("p", kind);
        ValueKind.assertValue(kind.sample(), message.getObjectProperty("p"));
        ValueKind.assertValue(kind.sample(), message.getObjectProperty("p"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("propertyKinds")
    void setObjectPropertyAcceptsEveryPropertyTypeWithTheSameConversions(ValueKind kind) throws JMSException {
        message.setObjectProperty("p", kind.sample());
        for (ValueKind read : ValueKind.PROPERTY_KINDS) {
            ValueKind.Cell cell = new ValueKind.Cell(kind, read);
            if (cell.legal()) {
                ValueKind.assertValue(cell.expected(), getProperty("p", read));
            } else {
                assertThrows(MessageFormatException.class, () -> getProperty("p", read));
            }
        }
    }

    static Stream<ValueKind> propertyKinds() {
        return ValueKind.PROPERTY_KINDS.stream();
    }

    /** Spec 3.5.5: only Boolean, Byte, Short, Integer, Long, Float, Double and String. */
    @Test
    void setObjectPropertyRefusesOtherClassesWithMessageFormatException() {
        for (Object value : List.of('c', new byte[] {1}, new Object(), List.of(), new StringBuilder("x"))) {
            assertThrows(MessageFormatException.class, () -> message.setObjectProperty("p", value), value.toString());
            assertFalse(message.propertyExists("p"));
        }
    }

    /** Spec 3.5.4: String to numeric conversions throw NumberFormatException if valueOf rejects the String. */
    @Test
    void unparsableStringThrowsNumberFormatException() throws JMSException {
        message.setStringProperty("p", "twelve");
        assertThrows(NumberFormatException.class, () -> message.getByteProperty("p"));
        assertThrows(NumberFormatException.class, () -> message.getShortProperty("p"));
        assertThrows(NumberFormatException.class, () -> message.getIntProperty("p"));
        assertThrows(NumberFormatException.class, () -> message.getLongProperty("p"));
        assertThrows(NumberFormatException.class, () -> message.getFloatProperty("p"));
        assertThrows(NumberFormatException.class, () -> message.getDoubleProperty("p"));
        assertFalse(message.getBooleanProperty("p"));
    }

    @Test
    void stringToBooleanFollowsBooleanValueOf() throws JMSException {
        message.setStringProperty("yes", "TRUE");
        message.setStringProperty("no", "yes");
        assertTrue(message.getBooleanProperty("yes"));
        assertFalse(message.getBooleanProperty("no"));
    }

    @Test
    void stringOutOfRangeForByteThrowsNumberFormatException() throws JMSException {
        message.setStringProperty("p", "300");
        assertThrows(NumberFormatException.class, () -> message.getByteProperty("p"));
        assertEquals(300, message.getIntProperty("p"));
    }

    /** Spec 3.5.8 and Message javadoc: an absent property reads as null, i.e. as valueOf(null). */
    @Test
    void absentPropertyReadsAsNullConvertedByValueOf() throws JMSException {
        assertNull(message.getStringProperty("absent"));
        assertNull(message.getObjectProperty("absent"));
        assertFalse(message.getBooleanProperty("absent"));
        assertThrows(NumberFormatException.class, () -> message.getByteProperty("absent"));
        assertThrows(NumberFormatException.class, () -> message.getShortProperty("absent"));
        assertThrows(NumberFormatException.class, () -> message.getIntProperty("absent"));
        assertThrows(NumberFormatException.class, () -> message.getLongProperty("absent"));
        // Float.valueOf(null) and Double.valueOf(null) throw NullPointerException.
        assertThrows(NullPointerException.class, () -> message.getFloatProperty("absent"));
        assertThrows(NullPointerException.class, () -> message.getDoubleProperty("absent"));
        assertFalse(message.propertyExists("absent"));
    }

    @Test
    void nullStringPropertyExistsAndReadsAsNull() throws JMSException {
        message.setStringProperty("p", null);
        message.setObjectProperty("q", null);
        assertTrue(message.propertyExists("p"));
        assertTrue(message.propertyExists("q"));
        assertNull(message.getStringProperty("p"));
        assertNull(message.getObjectProperty("q"));
        assertThrows(NumberFormatException.class, () -> message.getIntProperty("p"));
    }

    @Test
    void settingAPropertyAgainReplacesValueAndType() throws JMSException {
        message.setIntProperty("p", 1);
        message.setStringProperty("p", "x");
        assertEquals("x", message.getObjectProperty("p"));
        assertEquals(Set.of("p"), propertyNames());
    }

    /** Spec 3.5.6: getPropertyNames lists the properties, never the header fields. */
    @Test
    void propertyNamesListPropertiesButNoHeaders() throws JMSException {
        message.setJMSType("t");
        message.setJMSCorrelationID("c");
        message.setIntProperty("a", 1);
        message.setStringProperty("JMSXGroupID", "g");
        message.setBooleanProperty("JMS_gannet_flag", true);
        assertEquals(Set.of("a", "JMSXGroupID", "JMS_gannet_flag"), propertyNames());
    }

    /** Spec 3.5.7: clearProperties leaves an empty, writable set and keeps the body. */
    @Test
    void clearPropertiesRemovesAllPropertiesAndKeepsTheBody() throws JMSException {
        GannetTextMessage text = new GannetTextMessage("body");
        text.setIntProperty("a", 1);
        text.clearProperties();
        assertFalse(text.propertyExists("a"));
        assertFalse(text.getPropertyNames().hasMoreElements());
        assertEquals("body", text.getText());
    }

    /** Spec 3.5.11: JMSXDeliveryCount is an int property set on receipt. */
    @Test
    void deliveryCountIsAnIntPropertyAfterDelivery() throws JMSException {
        assertFalse(message.propertyExists(GannetMessage.JMSX_DELIVERY_COUNT));
        message.markDelivered(3, true);
        assertTrue(message.propertyExists("JMSXDeliveryCount"));
        assertEquals(3, message.getIntProperty("JMSXDeliveryCount"));
        assertEquals(3L, message.getLongProperty("JMSXDeliveryCount"));
        assertEquals("3", message.getStringProperty("JMSXDeliveryCount"));
        assertEquals(Integer.valueOf(3), message.getObjectProperty("JMSXDeliveryCount"));
        assertTrue(propertyNames().contains("JMSXDeliveryCount"));
        assertEquals(3, message.valueOf("JMSXDeliveryCount"));
    }

    @Test
    void deliveryCountSurvivesClearProperties() throws JMSException {
        message.markDelivered(1, false);
        message.clearProperties();
        assertEquals(1, message.getIntProperty("JMSXDeliveryCount"));
    }

    // ----- property names (spec 3.5.1, Message javadoc) -------------------------------------------------------------

    @Test
    void nullOrEmptyNameIsRefusedByEverySetterWithIllegalArgumentException() {
        for (String name : new String[] {null, ""}) {
            assertThrows(IllegalArgumentException.class, () -> message.setBooleanProperty(name, true));
            assertThrows(IllegalArgumentException.class, () -> message.setByteProperty(name, (byte) 1));
            assertThrows(IllegalArgumentException.class, () -> message.setShortProperty(name, (short) 1));
            assertThrows(IllegalArgumentException.class, () -> message.setIntProperty(name, 1));
            assertThrows(IllegalArgumentException.class, () -> message.setLongProperty(name, 1L));
            assertThrows(IllegalArgumentException.class, () -> message.setFloatProperty(name, 1f));
            assertThrows(IllegalArgumentException.class, () -> message.setDoubleProperty(name, 1d));
            assertThrows(IllegalArgumentException.class, () -> message.setStringProperty(name, "v"));
            assertThrows(IllegalArgumentException.class, () -> message.setObjectProperty(name, "v"));
        }
    }

    /** Spec 3.5.1: property names must obey the rules for a message selector identifier (spec 3.8.1.1). */
    @ParameterizedTest
    @ValueSource(strings = {"1abc", "a-b", "a b", "a.b", "NULL", "true", "False", "NOT", "and", "Or", "BETWEEN", "like",
        "IN", "is", "ESCAPE", "é-", "#x"})
    void nameThatIsNotASelectorIdentifierIsRefused(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> message.setStringProperty(name, "v"));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "_a", "$a", "a1", "JMSXGroupSeq", "JMS_gannet_x", "éclair", "Nullable", "isSet",
        "ORDER", "a$_9"})
    void nameThatIsASelectorIdentifierIsAccepted(String name) throws JMSException {
        message.setIntProperty(name, 1);
        assertEquals(1, message.getIntProperty(name));
    }

    private Set<String> propertyNames() throws JMSException {
        Set<String> names = new HashSet<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
            names.add(assertInstanceOf(String.class, name));
        }
        return names;
    }

    private void setProperty(String name, ValueKind kind) throws JMSException {
        Object value = kind.sample();
        switch (kind) {
            case BOOLEAN -> message.setBooleanProperty(name, (Boolean) value);
            case BYTE -> message.setByteProperty(name, (Byte) value);
            case SHORT -> message.setShortProperty(name, (Short) value);
            case INT -> message.setIntProperty(name, (Integer) value);
            case LONG -> message.setLongProperty(name, (Long) value);
            case FLOAT -> message.setFloatProperty(name, (Float) value);
            case DOUBLE -> message.setDoubleProperty(name, (Double) value);
            case STRING -> message.setStringProperty(name, (String) value);
            default -> throw new IllegalArgumentException("properties cannot hold " + kind);
        }
    }

    private Object getProperty(String name, ValueKind kind) throws JMSException {
        return switch (kind) {
            case BOOLEAN -> message.getBooleanProperty(name);
            case BYTE -> message.getByteProperty(name);
            case SHORT -> message.getShortProperty(name);
            case INT -> message.getIntProperty(name);
            case LONG -> message.getLongProperty(name);
            case FLOAT -> message.getFloatProperty(name);
            case DOUBLE -> message.getDoubleProperty(name);
            case STRING -> message.getStringProperty(name);
            default -> throw new IllegalArgumentException("properties have no getter for " + kind);
        };
    }
}
