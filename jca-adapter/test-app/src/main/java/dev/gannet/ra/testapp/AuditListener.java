package dev.gannet.ra.testapp;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Holds the durable subscription {@value #SUBSCRIPTION} on the topic {@link Destinations#AUDIT}. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.AUDIT),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
        @ActivationConfigProperty(propertyName = "clientId", propertyValue = AuditListener.CLIENT_ID),
        @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = AuditListener.SUBSCRIPTION)})
public class AuditListener implements MessageListener {
    /** The client identifier the subscription belongs to. */
    public static final String CLIENT_ID = "gannet-it";
    /** The durable subscription's name. */
    public static final String SUBSCRIPTION = "audit";

    @EJB
    private Deliveries deliveries;

    @Override
    public void onMessage(Message message) {
        try {
            deliveries.record(AuditListener.class.getSimpleName(), Received.of(message));
        } catch (JMSException e) {
            throw new IllegalStateException("Message could not be read", e);
        }
    }
}
