package dev.gannet.cli;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static dev.gannet.cli.Output.fields;
import static dev.gannet.cli.Output.time;

/**
 * {@code gannet consume}: receives messages from a queue (or a topic) as a JMS client would, acknowledging each, for a
 * quick check that they arrive (and that a user may consume there).
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = "Receives up to --count messages from a queue (or a topic, from now on), each acknowledged, "
                + "waiting up to --timeout for each. Exit status 5 if none came.")
final class ConsumeCommand implements Callable<Integer> {

    @Mixin
    private BrokerOptions broker;

    @Mixin
    private OutputOptions output;

    @Option(names = "--topic", description = "DESTINATION is a topic.")
    private boolean topic;

    @Option(names = "--count", defaultValue = "1", paramLabel = "N",
            description = "Receive at most N messages (default: ${DEFAULT-VALUE}).")
    private int count;

    @Option(names = "--timeout", defaultValue = "5000", paramLabel = "MS",
            description = "Wait at most MS milliseconds for each message (default: ${DEFAULT-VALUE}).")
    private long timeout;

    @Option(names = "--selector", paramLabel = "SELECTOR", description = "Only messages this selector selects.")
    private String selector;

    @Parameters(index = "0", paramLabel = "DESTINATION", description = "The queue's (or topic's) name.")
    private String destination;

    @Override
    public Integer call() throws JMSException {
        List<Map<String, Object>> received = new ArrayList<>();
        try (Connection connection = broker.connect()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Destination source = topic ? session.createTopic(destination) : session.createQueue(destination);
            MessageConsumer consumer = session.createConsumer(source, selector);
            connection.start();
            while (received.size() < count) {
                Message message = consumer.receive(Math.max(1, timeout));
                if (message == null) {
                    break;
                }
                received.add(describe(message));
            }
        }
        output.output().rows(received, List.of("messageId", "timestamp", "bodyType", "body"));
        if (received.isEmpty()) {
            throw CommandFailure.notFound("No message from " + (topic ? "topic '" : "queue '") + destination
                    + "' within " + timeout + " ms");
        }
        return ExitStatus.OK;
    }

    private static Map<String, Object> describe(Message message) throws JMSException {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
            properties.put((String) name, message.getObjectProperty((String) name));
        }
        return fields("messageId", message.getJMSMessageID(), "timestamp", time(message.getJMSTimestamp()),
                "bodyType", bodyType(message), "priority", message.getJMSPriority(),
                "redelivered", message.getJMSRedelivered(), "correlationId", message.getJMSCorrelationID(),
                "type", message.getJMSType(), "properties", properties, "body", body(message));
    }

    private static String bodyType(Message message) {
        if (message instanceof TextMessage) {
            return "TextMessage";
        } else if (message instanceof BytesMessage) {
            return "BytesMessage";
        } else if (message instanceof MapMessage) {
            return "MapMessage";
        } else if (message instanceof StreamMessage) {
            return "StreamMessage";
        } else if (message instanceof ObjectMessage) {
            return "ObjectMessage";
        }
        return "Message";
    }

    /**
     * The body as text: a text message's text, a bytes message's bytes in hexadecimal, a map message's entries; null
     * for the others (an object message is not deserialized: that would run the sender's classes).
     */
    private static Object body(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        } else if (message instanceof BytesMessage bytes) {
            byte[] content = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(content);
            return HexFormat.of().formatHex(content);
        } else if (message instanceof MapMessage map) {
            Map<String, Object> entries = new LinkedHashMap<>();
            for (Object name : Collections.list(map.getMapNames())) {
                entries.put((String) name, map.getObject((String) name));
            }
            return entries;
        }
        return null;
    }
}
