package dev.gannet.message;

import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Objects;

import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;

/**
 * A Gannet destination: a {@link DestinationKind} and a non-empty name. Two destinations are equal when kind and
 * name are equal; the connection that owns a temporary destination takes no part in equality.
 * <p>
 * Destinations are immutable, serializable, and bindable in JNDI through {@link #getReference()} and
 * {@link DestinationObjectFactory}.
 */
public abstract class GannetDestination implements Destination, Serializable, Referenceable {

    private static final long serialVersionUID = 1L;

    /** Name of the {@link StringRefAddr} holding the destination name in a JNDI {@link Reference}. */
    public static final String REFERENCE_NAME_ADDRESS = "name";

    private final String name;

    /**
     * @throws IllegalArgumentException if {@code name} is null or empty
     */
    GannetDestination(String name) {
        this.name = checkName(name);
    }

    /**
     * Returns the destination of the given kind and name. Temporary destinations made here have no owner and cannot be
     * deleted through them; the creating connection uses the owner-taking constructors instead.
     *
     * @throws IllegalArgumentException if {@code name} is null or empty
     */
    public static GannetDestination of(DestinationKind kind, String name) {
        return switch (Objects.requireNonNull(kind, "kind")) {
            case QUEUE -> new GannetQueue(name);
            case TOPIC -> new GannetTopic(name);
            case TEMPORARY_QUEUE -> new GannetTemporaryQueue(name);
            case TEMPORARY_TOPIC -> new GannetTemporaryTopic(name);
        };
    }

    /**
     * Returns {@code destination} as a Gannet destination: Gannet destinations are returned as they are, another
     * provider's {@link Queue} or {@link Topic} becomes a Gannet queue or topic of the same name, and null stays null.
     * A foreign temporary destination becomes an ordinary queue or topic, since Gannet cannot own it.
     *
     * @throws InvalidDestinationException if {@code destination} is neither a {@code Queue} nor a {@code Topic}, or
     *         its name is null or empty
     * @throws JMSException if the foreign destination fails to report its name
     */
    public static GannetDestination from(Destination destination) throws JMSException {
        if (destination == null || destination instanceof GannetDestination) {
            return (GannetDestination) destination;
        }
        try {
            if (destination instanceof Queue queue) {
                return new GannetQueue(queue.getQueueName());
            }
            if (destination instanceof Topic topic) {
                return new GannetTopic(topic.getTopicName());
            }
        } catch (IllegalArgumentException e) {
            throw invalidForeign(destination, e.getMessage());
        }
        throw invalidForeign(destination, "it is neither a jakarta.jms.Queue nor a jakarta.jms.Topic");
    }

    private static InvalidDestinationException invalidForeign(Destination destination, String reason) {
        return new InvalidDestinationException(
                "Destination " + destination + " (" + destination.getClass().getName()
                        + ") cannot be used with Gannet: " + reason);
    }

    /** The destination name, never null or empty. */
    public String name() {
        return name;
    }

    /** The kind of this destination. */
    public abstract DestinationKind kind();

    /**
     * A JNDI reference that {@link DestinationObjectFactory} turns back into an equal destination.
     */
    @Override
    public Reference getReference() {
        Reference reference = new Reference(getClass().getName(), DestinationObjectFactory.class.getName(), null);
        reference.add(new StringRefAddr(REFERENCE_NAME_ADDRESS, name));
        return reference;
    }

    @Override
    public final boolean equals(Object other) {
        return other instanceof GannetDestination that && kind() == that.kind() && name.equals(that.name);
    }

    @Override
    public final int hashCode() {
        return 31 * kind().hashCode() + name.hashCode();
    }

    /** Kind and name, e.g. {@code "queue://orders"}. */
    @Override
    public final String toString() {
        return kind().scheme() + "://" + name;
    }

    private static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Destination name must not be null or empty, was "
                    + (name == null ? "null" : "\"\""));
        }
        return name;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (name == null || name.isEmpty()) {
            throw new InvalidObjectException("Serialized destination has a null or empty name");
        }
    }
}
