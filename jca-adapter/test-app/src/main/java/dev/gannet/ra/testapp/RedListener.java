package dev.gannet.ra.testapp;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Consumes only the red messages of {@link Destinations#COLOURS}, by its selector. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.COLOURS),
        @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = RedListener.SELECTOR)})
public class RedListener implements MessageListener {
    /** The selector: the messages whose {@value OrderDesk#COLOUR} property is {@code red}. */
    public static final String SELECTOR = OrderDesk.COLOUR + " = 'red'";

    @EJB
    private Deliveries deliveries;

    @Override
    public void onMessage(Message message) {
        try {
            deliveries.record(RedListener.class.getSimpleName(), Received.of(message));
        } catch (JMSException e) {
            throw new IllegalStateException("Message could not be read", e);
        }
    }
}
