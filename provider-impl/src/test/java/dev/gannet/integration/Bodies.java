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

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The text bodies a consumer or browser yields, in the order the provider hands them out. */
final class Bodies {

    private Bodies() {
    }

    static String text(Message message) throws JMSException {
        return ((TextMessage) message).getText();
    }

    /**
     * Asserts that {@code consumer} yields exactly {@code expected}, in that order: each expected message may take up
     * to {@link BrokerTestSupport#ARRIVES} to come (a busy machine, a page read behind a disk write), and nothing
     * more arrives within {@link BrokerTestSupport#ABSENT} after the last.
     */
    static void assertReceives(List<String> expected, MessageConsumer consumer, String... because)
            throws JMSException {
        List<String> bodies = new ArrayList<>();
        Message message;
        while (bodies.size() < expected.size() && (message = consumer.receive(BrokerTestSupport.ARRIVES)) != null) {
            bodies.add(text(message));
        }
        bodies.addAll(drain(consumer));
        assertEquals(expected, bodies, String.join("", because));
    }

    /** {@link #assertReceives(List, MessageConsumer, String...)} for the simplified API. */
    static void assertReceives(List<String> expected, JMSConsumer consumer, String... because) {
        List<String> bodies = new ArrayList<>();
        String body;
        while (bodies.size() < expected.size()
                && (body = consumer.receiveBody(String.class, BrokerTestSupport.ARRIVES)) != null) {
            bodies.add(body);
        }
        bodies.addAll(drain(consumer));
        assertEquals(expected, bodies, String.join("", because));
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
