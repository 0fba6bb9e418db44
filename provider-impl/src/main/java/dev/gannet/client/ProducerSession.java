package dev.gannet.client;

import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;

/**
 * What a {@link GannetJMSProducer} sends with: the session that makes the messages of its {@code send(Destination,
 * body)} methods, and the send itself with the producer's options. Gannet's JMSContext gives its own session; a
 * resource adapter's JMSContext handle gives its pooled session, whose sends must be synchronous.
 */
public interface ProducerSession {

    /**
     * The session that creates the messages a producer sends.
     *
     * @throws JMSException {@link jakarta.jms.IllegalStateException} if the context is closed
     */
    Session session() throws JMSException;

    /**
     * Sends {@code message} to {@code destination} as {@code options} say: synchronously when {@code completion} is
     * null, else asynchronously, {@code completion} hearing the outcome.
     *
     * @throws JMSException as {@link jakarta.jms.MessageProducer#send(Destination, Message, int, int, long)} says
     */
    void send(Destination destination, Message message, SendOptions options, CompletionListener completion)
            throws JMSException;

    /**
     * Accepts that sends become asynchronous ({@link jakarta.jms.JMSProducer#setAsync} with a listener); does nothing
     * where they may.
     *
     * @throws JMSException {@link jakarta.jms.IllegalStateException} where sends must be synchronous (an application
     *                      in a Jakarta EE web or EJB container, Messaging 3.1 section 12.2)
     */
    default void acceptAsync() throws JMSException {
    }
}
