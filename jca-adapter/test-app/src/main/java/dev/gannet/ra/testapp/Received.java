package dev.gannet.ra.testapp;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/**
 * What a scenario needs of a message once it has left the broker: its ID, its text, and its properties.
 *
 * @param messageId {@code JMSMessageID}
 * @param text the body of a {@code TextMessage}
 * @param deliveryCount {@code JMSXDeliveryCount}
 * @param properties every property, by name
 */
public record Received(String messageId, String text, int deliveryCount, Map<String, Object> properties) {

    /** Copies what it needs out of {@code message}, which must be a {@code TextMessage}. */
    public static Received of(Message message) throws JMSException {
        Map<String, Object> properties = new HashMap<>();
        for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements();) {
            String name = (String) names.nextElement();
            properties.put(name, message.getObjectProperty(name));
        }
        return new Received(message.getJMSMessageID(), ((TextMessage) message).getText(),
                message.getIntProperty("JMSXDeliveryCount"), Collections.unmodifiableMap(properties));
    }
}
