package dev.gannet.message;

import jakarta.jms.JMSException;

/**
 * What {@code Message.acknowledge()} does for a received message; set by the consuming session through
 * {@link GannetMessage#setAcknowledger(MessageAcknowledger)}. Sessions that ignore {@code acknowledge()} (transacted or
 * auto-acknowledging) simply set none.
 */
@FunctionalInterface
public interface MessageAcknowledger {

    /**
     * Acknowledges all messages consumed by the session this message was delivered to.
     *
     * @throws jakarta.jms.IllegalStateException if that session is closed
     * @throws JMSException if the acknowledgement fails
     */
    void acknowledge() throws JMSException;
}
