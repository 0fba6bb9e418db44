package dev.gannet.message;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;

/**
 * A temporary queue. Only the instance handed out by the creating connection knows its owner and can be deleted;
 * copies (deserialized, decoded from a message, rebuilt from JNDI) are equal to it but refuse {@link #delete()}.
 */
public final class GannetTemporaryQueue extends GannetQueue implements TemporaryQueue {

    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinationOwner owner;

    /**
     * An ownerless copy, e.g. one decoded from a message's {@code JMSReplyTo}.
     *
     * @throws IllegalArgumentException if {@code name} is null or empty
     */
    public GannetTemporaryQueue(String name) {
        this(name, null);
    }

    /**
     * The queue as created by {@code owner}, which {@link #delete()} delegates to.
     *
     * @throws IllegalArgumentException if {@code name} is null or empty
     */
    public GannetTemporaryQueue(String name, TemporaryDestinationOwner owner) {
        super(name);
        this.owner = owner;
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.TEMPORARY_QUEUE;
    }

    /**
     * @throws JMSException if this is a copy without its creating connection, or the connection refuses the deletion
     *         (for example because receivers still use the queue)
     */
    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new JMSException("Temporary queue " + this + " cannot be deleted through this copy: only the"
                    + " connection that created it can delete it");
        }
        owner.deleteTemporaryDestination(this);
    }
}
