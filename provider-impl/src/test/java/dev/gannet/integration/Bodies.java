package dev.gannet.integration;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The text bodies a consumer or browser yields, in the order the provider hands them out. */
final class Bodies {

    private Bodies() {
    }

    static String text(Message message) throws JMSException {
        return ((TextMessage) message).getText();
    }

    /** Receives until nothing more arrives within {@link BrokerTestSupport#ABSENT}. */
    static List<String> drain(MessageConsumer consumer) throws JMSException {
        List<String> bodies = new ArrayList<>();
        Message message;
        while ((message = consumer.receive(BrokerTestSupport.ABSENT)) != null) {
            bodies.add(text(message));
        }
        return bodies;
    }

    /** Receives until nothing more arrives within {@link BrokerTestSupport#ABSENT}. */
    static List<String> drain(JMSConsumer consumer) {
        List<String> bodies = new ArrayList<>();
        String body;
        while ((body = consumer.receiveBody(String.class, BrokerTestSupport.ABSENT)) != null) {
            bodies.add(body);
        }
        return bodies;
    }

    /** Everything the browser's enumeration yields; the enumeration is taken once. */
    static List<String> browse(QueueBrowser browser) throws JMSException {
        List<String> bodies = new ArrayList<>();
        for (Object message : Collections.list(browser.getEnumeration())) {
            bodies.add(text((Message) message));
        }
        return bodies;
    }
}
