package dev.gannet.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TextMessage and ObjectMessage bodies. */
@Timeout(10)
class TextAndObjectMessageTest {

    record Payload(String name, int count) implements Serializable {
    }

    @Test
    void textReadsBackAsSetAndDefaultsToNull() throws JMSException {
        GannetTextMessage message = new GannetTextMessage();
        assertNull(message.getText());
        message.setText("<order id='1'/>");
        assertEquals("<order id='1'/>", message.getText());
        message.setText(null);
        assertNull(message.getText());
        assertEquals("x", new GannetTextMessage("x").getText());
        assertEquals(MessageType.TEXT, message.type());
    }

    @Test
    void objectDefaultsToNullAndNullCanBeSet() throws JMSException {
        GannetObjectMessage message = new GannetObjectMessage();
        assertNull(message.getObject());
        message.setObject(new Payload("a", 1));
        message.setObject(null);
        assertNull(message.getObject());
    }

    /** ObjectMessage javadoc: the body is a snapshot taken by setObject. */
    @Test
    void objectIsSnapshotOnSetAndCopiedOnEveryGet() throws JMSException {
        GannetObjectMessage message = new GannetObjectMessage();
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        message.setObject(list);
        list.add("b");
        Serializable first = message.getObject();
        assertEquals(List.of("a"), first);
        assertNotSame(first, message.getObject());
        assertEquals(new Payload("p", 2), roundTrip(new Payload("p", 2)));
    }

    @Test
    void unserializableObjectIsRefusedWithMessageFormatException() {
        GannetObjectMessage message = new GannetObjectMessage();
        ArrayList<Object> list = new ArrayList<>();
        list.add(new Object());
        MessageFormatException e = assertThrows(MessageFormatException.class, () -> message.setObject(list));
        assertTrue(e.getMessage().contains("ArrayList"), e.getMessage());
    }

    @Test
    void undeserializableBodyThrowsMessageFormatException() {
        GannetObjectMessage message = new GannetObjectMessage();
        message.restoreSerializedObject(new byte[] {1, 2, 3});
        assertThrows(MessageFormatException.class, message::getObject);
    }

    /** Classes are resolved with the thread context class loader, as application servers need. */
    @Test
    void objectIsDeserializedWithTheThreadContextClassLoader() throws JMSException {
        GannetObjectMessage message = new GannetObjectMessage();
        message.setObject(new Payload("p", 1));
        RecordingClassLoader loader = new RecordingClassLoader(getClass().getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            assertEquals(new Payload("p", 1), message.getObject());
        } finally {
            thread.setContextClassLoader(previous);
        }
        assertTrue(loader.requested.contains(Payload.class.getName()), loader.requested.toString());
    }

    private static Serializable roundTrip(Serializable object) throws JMSException {
        GannetObjectMessage message = new GannetObjectMessage();
        message.setObject(object);
        return message.getObject();
    }

    private static final class RecordingClassLoader extends ClassLoader {

        final List<String> requested = new CopyOnWriteArrayList<>();

        RecordingClassLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            return super.loadClass(name, resolve);
        }
    }
}
