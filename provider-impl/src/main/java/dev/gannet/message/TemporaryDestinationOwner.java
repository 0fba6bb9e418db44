package dev.gannet.message;

import jakarta.jms.JMSException;

/**
 * The connection that created a temporary destination. {@code TemporaryQueue.delete()} and
 * {@code TemporaryTopic.delete()} delegate to it.
 */
public interface TemporaryDestinationOwner {

    /**
     * Deletes the temporary destination {@code destination}, which this owner created.
     *
     * @throws JMSException if the destination still has consumers, the connection is closed, or the broker refuses
     */
    void deleteTemporaryDestination(GannetDestination destination) throws JMSException;
}
