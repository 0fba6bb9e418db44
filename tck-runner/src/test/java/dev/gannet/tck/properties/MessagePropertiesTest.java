package dev.gannet.tck.properties;

import dev.gannet.tck.support.ConformanceTest;
import jakarta.jms.*;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Spec 3.5 "Message properties". */
class MessagePropertiesTest extends ConformanceTest {

    private Session session;
    private MessageProducer producer;
    private MessageConsumer consumer;

    private void open() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        session = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(queue);
        consumer = session.createConsumer(queue);
    }

    private Message roundTrip(Message message) throws JMSException {
        producer.send(message);
        Message received = receive(consumer);
        assertNotNull(received, "message must arrive");
        return received;
    }

    private Message allTypes() throws JMSException {
        Message m = session.createMessage();
        m.setBooleanProperty("aBoolean", true);
        m.setByteProperty("aByte", (byte) 7);
        m.setShortProperty("aShort", (short) 300);
        m.setIntProperty("anInt", 70000);
        m.setLongProperty("aLong", 5_000_000_000L);
        m.setFloatProperty("aFloat", 1.5f);
        m.setDoubleProperty("aDouble", 2.25d);
        m.setStringProperty("aString", "text");
        return m;
    }

    @Test
    @DisplayName("3.5.4 Every property type survives send and receive")
    void propertiesOfEveryTypeRoundTrip() throws JMSException {
        open();
        Message r = roundTrip(allTypes());
        assertTrue(r.getBooleanProperty("aBoolean"));
        assertEquals((byte) 7, r.getByteProperty("aByte"));
        assertEquals((short) 300, r.getShortProperty("aShort"));
        assertEquals(70000, r.getIntProperty("anInt"));
        assertEquals(5_000_000_000L, r.getLongProperty("aLong"));
        assertEquals(1.5f, r.getFloatProperty("aFloat"));
        assertEquals(2.25d, r.getDoubleProperty("aDouble"));
        assertEquals("text", r.getStringProperty("aString"));
    }

    @Test
    @DisplayName("3.5.6 getObjectProperty returns the objectified primitive")
    void objectPropertyReturnsWrapperTypes() throws JMSException {
        open();
        Message r = roundTrip(allTypes());
        assertEquals(Boolean.TRUE, r.getObjectProperty("aBoolean"));
        assertEquals(Byte.valueOf((byte) 7), r.getObjectProperty("aByte"));
        assertEquals(Short.valueOf((short) 300), r.getObjectProperty("aShort"));
        assertEquals(Integer.valueOf(70000), r.getObjectProperty("anInt"));
        assertEquals(Long.valueOf(5_000_000_000L), r.getObjectProperty("aLong"));
        assertEquals(Float.valueOf(1.5f), r.getObjectProperty("aFloat"));
        assertEquals(Double.valueOf(2.25d), r.getObjectProperty("aDouble"));
        assertEquals("text", r.getObjectProperty("aString"));
    }

    @Test
    @DisplayName("3.5.6 setObjectProperty accepts wrappers and String, rejects other objects")
    void setObjectPropertyAcceptsOnlyPrimitiveWrappers() throws JMSException {
        open();
        Message m = session.createMessage();
        m.setObjectProperty("i", 5);
        m.setObjectProperty("s", "x");
        m.setObjectProperty("b", Boolean.FALSE);
        assertEquals(5, m.getIntProperty("i"));
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("list", new ArrayList<>()));
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("chars", new char[]{'a'}));
        Message r = roundTrip(m);
        assertEquals(Integer.valueOf(5), r.getObjectProperty("i"));
        assertEquals(Boolean.FALSE, r.getObjectProperty("b"));
    }

    @Test
    @DisplayName("3.5.5 Allowed conversions: widening numerics and anything to String")
    void allowedConversions() throws JMSException {
        open();
        Message r = roundTrip(allTypes());
        assertEquals("true", r.getStringProperty("aBoolean"));
        assertEquals((short) 7, r.getShortProperty("aByte"));
        assertEquals(7, r.getIntProperty("aByte"));
        assertEquals(7L, r.getLongProperty("aByte"));
        assertEquals("7", r.getStringProperty("aByte"));
        assertEquals(300, r.getIntProperty("aShort"));
        assertEquals(300L, r.getLongProperty("aShort"));
        assertEquals(70000L, r.getLongProperty("anInt"));
        assertEquals("70000", r.getStringProperty("anInt"));
        assertEquals("5000000000", r.getStringProperty("aLong"));
        assertEquals(1.5d, r.getDoubleProperty("aFloat"));
        assertEquals("1.5", r.getStringProperty("aFloat"));
        assertEquals("2.25", r.getStringProperty("aDouble"));
    }

    @Test
    @DisplayName("3.5.5 Strings convert to other types via valueOf")
    void stringConversions() throws JMSException {
        open();
        Message m = session.createMessage();
        m.setStringProperty("num", "123");
        m.setStringProperty("real", "2.5");
        m.setStringProperty("truth", "TRUE");
        m.setStringProperty("word", "abc");
        Message r = roundTrip(m);
        assertEquals((byte) 123, r.getByteProperty("num"));
        assertEquals((short) 123, r.getShortProperty("num"));
        assertEquals(123, r.getIntProperty("num"));
        assertEquals(123L, r.getLongProperty("num"));
        assertEquals(2.5f, r.getFloatProperty("real"));
        assertEquals(2.5d, r.getDoubleProperty("real"));
        assertTrue(r.getBooleanProperty("truth"));
        assertFalse(r.getBooleanProperty("word"));
        assertThrows(NumberFormatException.class, () -> r.getIntProperty("word"));
        assertThrows(NumberFormatException.class, () -> r.getDoubleProperty("word"));
    }

    @Test
    @DisplayName("3.5.5 Disallowed conversions throw MessageFormatException")
    void disallowedConversionsThrow() throws JMSException {
        open();
        Message r = roundTrip(allTypes());
        assertThrows(MessageFormatException.class, () -> r.getIntProperty("aBoolean"));
        assertThrows(MessageFormatException.class, () -> r.getByteProperty("aBoolean"));
        assertThrows(MessageFormatException.class, () -> r.getBooleanProperty("anInt"));
        assertThrows(MessageFormatException.class, () -> r.getByteProperty("aShort"));
        assertThrows(MessageFormatException.class, () -> r.getShortProperty("anInt"));
        assertThrows(MessageFormatException.class, () -> r.getIntProperty("aLong"));
        assertThrows(MessageFormatException.class, () -> r.getFloatProperty("aLong"));
        assertThrows(MessageFormatException.class, () -> r.getFloatProperty("aDouble"));
        assertThrows(MessageFormatException.class, () -> r.getIntProperty("aFloat"));
        assertThrows(MessageFormatException.class, () -> r.getLongProperty("aDouble"));
        assertThrows(MessageFormatException.class, () -> r.getDoubleProperty("anInt"));
    }

    @Test
    @DisplayName("3.5.8 A property that was not set reads as null")
    void missingPropertyBehavesAsNull() throws JMSException {
        open();
        Message r = roundTrip(session.createMessage());
        assertFalse(r.propertyExists("nothing"));
        assertNull(r.getStringProperty("nothing"));
        assertNull(r.getObjectProperty("nothing"));
        assertFalse(r.getBooleanProperty("nothing"));
        assertThrows(NumberFormatException.class, () -> r.getIntProperty("nothing"));
        assertThrows(NumberFormatException.class, () -> r.getLongProperty("nothing"));
        assertThrows(NumberFormatException.class, () -> r.getByteProperty("nothing"));
        assertThrows(NumberFormatException.class, () -> r.getShortProperty("nothing"));
        assertThrows(NullPointerException.class, () -> r.getFloatProperty("nothing"));
        assertThrows(NullPointerException.class, () -> r.getDoubleProperty("nothing"));
    }

    @Test
    @DisplayName("3.5.7 getPropertyNames enumerates the set properties; propertyExists agrees")
    void propertyNamesAndExists() throws JMSException {
        open();
        Message r = roundTrip(allTypes());
        List<String> names = Collections.list((java.util.Enumeration<String>) r.getPropertyNames());
        for (String name : List.of("aBoolean", "aByte", "aShort", "anInt", "aLong", "aFloat", "aDouble", "aString")) {
            assertTrue(names.contains(name), name + " in " + names);
            assertTrue(r.propertyExists(name));
        }
        assertFalse(names.contains("JMSMessageID"), "header fields are not properties");
    }

    @Test
    @DisplayName("3.5.1 Property names are case sensitive")
    void propertyNamesAreCaseSensitive() throws JMSException {
        open();
        Message m = session.createMessage();
        m.setStringProperty("Name", "upper");
        m.setStringProperty("name", "lower");
        Message r = roundTrip(m);
        assertEquals("upper", r.getStringProperty("Name"));
        assertEquals("lower", r.getStringProperty("name"));
        assertNull(r.getStringProperty("NAME"));
    }

    @Test
    @DisplayName("3.5.1 A null or empty property name is rejected with IllegalArgumentException")
    void nullOrEmptyNameRejected() throws JMSException {
        open();
        Message m = session.createMessage();
        assertThrows(IllegalArgumentException.class, () -> m.setStringProperty(null, "x"));
        assertThrows(IllegalArgumentException.class, () -> m.setStringProperty("", "x"));
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty("", 1));
        assertThrows(IllegalArgumentException.class, () -> m.setObjectProperty(null, 1));
    }

    @Test
    @DisplayName("3.5.9 / 3.10 Received properties are read-only until clearProperties")
    void receivedPropertiesAreReadOnlyUntilCleared() throws JMSException {
        open();
        Message r = roundTrip(allTypes());
        assertThrows(MessageNotWriteableException.class, () -> r.setStringProperty("x", "y"));
        assertThrows(MessageNotWriteableException.class, () -> r.setIntProperty("anInt", 1));
        assertThrows(MessageNotWriteableException.class, () -> r.setObjectProperty("o", 1));
        r.clearProperties();
        assertFalse(r.propertyExists("aString"));
        assertNull(r.getStringProperty("aString"));
        r.setStringProperty("x", "y");
        assertEquals("y", r.getStringProperty("x"));
    }

    @Test
    @DisplayName("3.5.9 clearProperties leaves the header fields and the body")
    void clearPropertiesKeepsBodyAndHeaders() throws JMSException {
        open();
        TextMessage m = session.createTextMessage("body");
        m.setStringProperty("p", "v");
        m.setJMSCorrelationID("corr");
        m.clearProperties();
        assertNull(m.getStringProperty("p"));
        assertEquals("body", m.getText());
        assertEquals("corr", m.getJMSCorrelationID());
    }

    @Test
    @DisplayName("3.5.11 JMSXDeliveryCount is 1 on first delivery")
    void deliveryCountIsOneOnFirstDelivery() throws JMSException {
        open();
        Message r = roundTrip(session.createMessage());
        assertEquals(1, r.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    @DisplayName("3.5.10 JMSXGroupID and JMSXGroupSeq set by the client are delivered")
    void groupPropertiesAreCarried() throws JMSException {
        open();
        Message m = session.createMessage();
        m.setStringProperty("JMSXGroupID", "g1");
        m.setIntProperty("JMSXGroupSeq", 3);
        Message r = roundTrip(m);
        assertEquals("g1", r.getStringProperty("JMSXGroupID"));
        assertEquals(3, r.getIntProperty("JMSXGroupSeq"));
    }

    @Test
    @DisplayName("3.5.6 Null String property value is kept as null")
    void nullStringValue() throws JMSException {
        open();
        Message m = session.createMessage();
        m.setStringProperty("s", "x");
        m.setStringProperty("n", "set");
        Message r = roundTrip(m);
        assertEquals("x", r.getStringProperty("s"));
        assertTrue(r.propertyExists("n"));
    }
}
