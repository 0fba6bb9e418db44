package dev.gannet.ra.testapp;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Consumes the queue {@link Destinations#LISTENED_ORDERS}. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.LISTENED_ORDERS)})
public class OrderListener implements MessageListener {
    @EJB
    private Deliveries deliveries;

    @Override
    public void onMessage(Message message) {
        try {
            deliveries.record(OrderListener.class.getSimpleName(), Received.of(message));
        } catch (JMSException e) {
            throw new IllegalStateException("Message could not be read", e);
        }
    }
}
