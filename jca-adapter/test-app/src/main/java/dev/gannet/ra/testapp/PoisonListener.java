package dev.gannet.ra.testapp;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Consumes {@link Destinations#POISON} and throws on every message: the container rolls back each delivery's
 * transaction, the broker delivers the message again until its last attempt, then moves it to
 * {@link Destinations#DEAD_LETTERS}.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.POISON)})
public class PoisonListener implements MessageListener {
    @EJB
    private Deliveries deliveries;

    @Override
    public void onMessage(Message message) {
        Received received;
        try {
            received = Received.of(message);
        } catch (JMSException e) {
            throw new IllegalStateException("Message could not be read", e);
        }
        deliveries.record(PoisonListener.class.getSimpleName(), received);
        throw new IllegalStateException("Poisoned message " + received.messageId() + ", delivery "
                + received.deliveryCount() + " refused");
    }
}
