package dev.gannet.cli;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static dev.gannet.cli.Output.fields;

/**
 * {@code gannet send}: sends text messages to a queue or topic as a JMS client would, for a quick check that a broker
 * takes them (and that a user may send there).
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Sends text messages to a queue (or a topic): each TEXT one message, or without TEXT each line "
                + "of standard input. Persistent: the broker has stored each when the command returns.")
final class SendCommand implements Callable<Integer> {

    @Mixin
    private BrokerOptions broker;

    @Mixin
    private OutputOptions output;

    @Option(names = "--topic", description = "DESTINATION is a topic.")
    private boolean topic;

    @Option(names = {"-P", "--property"}, paramLabel = "NAME=VALUE",
            description = "A string property of every message (repeatable).")
    private Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--non-persistent", description = "Send non-persistent messages.")
    private boolean nonPersistent;

    @Option(names = "--count", defaultValue = "1", paramLabel = "N",
            description = "Send each text N times (default: ${DEFAULT-VALUE}).")
    private int count;

    @Parameters(index = "0", paramLabel = "DESTINATION", description = "The queue's (or topic's) name.")
    private String destination;

    @Parameters(index = "1..*", paramLabel = "TEXT", description = "The messages' texts.")
    private List<String> texts = new ArrayList<>();

    @Override
    public Integer call() throws JMSException {
        List<String> bodies = texts.isEmpty() ? standardInputLines() : texts;
        List<String> messageIds = new ArrayList<>();
        try (Connection connection = broker.connect()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Destination target = topic ? session.createTopic(destination) : session.createQueue(destination);
            MessageProducer producer = session.createProducer(target);
            producer.setDeliveryMode(nonPersistent ? DeliveryMode.NON_PERSISTENT : DeliveryMode.PERSISTENT);
            for (String body : bodies) {
                for (int i = 0; i < count; i++) {
                    TextMessage message = session.createTextMessage(body);
                    for (Map.Entry<String, String> property : properties.entrySet()) {
                        message.setStringProperty(property.getKey(), property.getValue());
                    }
                    producer.send(message);
                    messageIds.add(message.getJMSMessageID());
                }
            }
        }
        String kind = topic ? "topic" : "queue";
        output.output().result(fields(kind, destination, "sent", messageIds.size(), "messageIds", messageIds),
                "Sent " + messageIds.size() + " message(s) to " + kind + " '" + destination + "'");
        return ExitStatus.OK;
    }

    private static List<String> standardInputLines() {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read standard input", e);
        }
        return lines;
    }
}
