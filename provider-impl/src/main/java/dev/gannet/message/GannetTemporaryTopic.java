package dev.gannet.message;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;

/**
 * A temporary topic. Only the instance handed out by the creating connection knows its owner and can be deleted;
 * copies (deserialized, decoded from a message, rebuilt from JNDI) are equal to it but refuse {@link #delete()}.
 */
public final class GannetTemporaryTopic extends GannetTopic implements TemporaryTopic {

    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinationOwner owner;

    /**
     * An ownerless copy, e.g. one decoded from a message's {@code JMSReplyTo}.
     *
     * @throws IllegalArgumentException if {@code name} is null or empty
     */
    public GannetTemporaryTopic(String name) {
        this(name, null);
    }

    /**
     * The topic as created by {@code owner}, which {@link #delete()} delegates to.
     *
     * @throws IllegalArgumentException if {@code name} is null or empty
     */
    public GannetTemporaryTopic(String name, TemporaryDestinationOwner owner) {
        super(name);
        this.owner = owner;
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.TEMPORARY_TOPIC;
    }

    /**
     * @throws JMSException if this is a copy without its creating connection, or the connection refuses the deletion
     *         (for example because subscribers still use the topic)
     */
    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new JMSException("Temporary topic " + this + " cannot be deleted through this copy: only the"
                    + " connection that created it can delete it");
        }
        owner.deleteTemporaryDestination(this);
    }
}
