package dev.gannet.ra.testapp;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads what arrived on a queue, outside any transaction, through the same adapter connection factory the
 * application sends with: the scenarios' way to see what the broker holds.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class QueueProbe {
    @Resource(name = "jms/gannet")
    private ConnectionFactory factory;

    /**
     * Receives the next message of {@code queue}, waiting up to {@code timeout} for one.
     *
     * @return the message, or empty if none came within the timeout
     */
    public Optional<Received> receive(String queue, Duration timeout) {
        try (JMSContext context = factory.createContext(); JMSConsumer consumer =
                context.createConsumer(context.createQueue(queue))) {
            Message message = consumer.receive(timeout.toMillis());
            return message == null ? Optional.empty() : Optional.of(Received.of(message));
        } catch (JMSException e) {
            throw new IllegalStateException("Receiving from " + queue + " failed", e);
        }
    }
}
