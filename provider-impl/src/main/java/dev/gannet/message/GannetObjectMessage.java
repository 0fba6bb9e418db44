package dev.gannet.message;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.ObjectMessage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * A message whose body is a serializable object. The object is serialized when set (so later changes to it do not
 * affect the message) and deserialized afresh on every read, with the thread context class loader, so that the
 * application's classes resolve inside application servers.
 */
public final class GannetObjectMessage extends GannetMessage implements ObjectMessage {

    /** The serialized body; null when the body is null. */
    private byte[] serialized;

    /** An empty object message (null object), as made by {@code Session.createObjectMessage()}. */
    public GannetObjectMessage() {
        super(MessageType.OBJECT);
    }

    /**
     * @throws MessageNotWriteableException if the body is read-only
     * @throws MessageFormatException if {@code object} cannot be serialized
     */
    @Override
    public void setObject(Serializable object) throws MessageNotWriteableException, MessageFormatException {
        checkBodyWritable();
        this.serialized = object == null ? null : serialize(object);
    }

    /** A new copy of the body, deserialized with the thread context class loader. */
    @Override
    public Serializable getObject() throws MessageFormatException {
        return serialized == null ? null : deserialize(serialized);
    }

    @Override
    public <T> T getBody(Class<T> c) throws MessageFormatException {
        Serializable object = getObject();
        return object == null ? null : bodyAs(c, object.getClass(), object);
    }

    /** False, as the javadoc asks, when the body cannot be deserialized. */
    @Override
    public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) {
        if (serialized == null) {
            return true;
        }
        try {
            return c.isInstance(deserialize(serialized));
        } catch (MessageFormatException e) {
            return false;
        }
    }

    @Override
    void clearBodyContent() {
        serialized = null;
    }

    /** The serialized body, for the codec; callers must not modify it. */
    byte[] serializedObject() {
        return serialized;
    }

    /** Sets the body from its serialized form without deserializing it, for the codec. */
    void restoreSerializedObject(byte[] serializedObject) {
        this.serialized = serializedObject;
    }

    private byte[] serialize(Serializable object) throws MessageFormatException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw formatException("Cannot serialize the " + object.getClass().getName() + " set on " + describe(), e);
        }
        return bytes.toByteArray();
    }

    private Serializable deserialize(byte[] data) throws MessageFormatException {
        try (ObjectInputStream in = new ContextClassLoaderObjectInputStream(new ByteArrayInputStream(data))) {
            Object object = in.readObject();
            if (!(object instanceof Serializable serializable)) {
                throw new MessageFormatException("Body of " + describe() + " deserialized to a non-Serializable "
                        + (object == null ? "null" : object.getClass().getName()));
            }
            return serializable;
        } catch (IOException | ClassNotFoundException e) {
            throw formatException("Cannot deserialize the body of " + describe() + ": " + e, e);
        }
    }

    private static MessageFormatException formatException(String text, Exception cause) {
        MessageFormatException exception = new MessageFormatException(text);
        exception.setLinkedException(cause);
        exception.initCause(cause);
        return exception;
    }

    /** Resolves classes with the thread context class loader first, then as Java serialization does by default. */
    private static final class ContextClassLoaderObjectInputStream extends ObjectInputStream {

        ContextClassLoaderObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(description.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // Primitive types and classes only the default resolution sees: fall through.
                }
            }
            return super.resolveClass(description);
        }
    }
}
