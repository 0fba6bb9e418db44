package dev.gannet.samples;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;

/**
 * Gannet's main job in one class: an embedded broker on its Derby store, a persistent send, a receive.
 *
 * <p>Run: {@code mvn -q -B install -DskipTests && mvn -q -B -pl samples exec:java}. The broker starts with the first
 * connection (vm://localhost), runs until stopped (or until the JVM exits) and keeps its store in
 * {@code gannet-data/localhost}; run it twice and the second run also finds what the first left unconsumed.
 */
public final class HelloGannet {

    private HelloGannet() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        ConnectionFactory factory = new GannetConnectionFactory();
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("hello");
            long start = System.nanoTime();
            for (int i = 1; i <= count; i++) {
                context.createProducer().setProperty("n", i).send(queue, "Hello from Gannet #" + i);
            }
            long sent = System.nanoTime();
            System.out.printf("Sent %d persistent messages to queue 'hello' in %.1f ms%n", count,
                    (sent - start) / 1e6);
            try (JMSConsumer consumer = context.createConsumer(queue)) {
                String body;
                int received = 0;
                long last = sent;
                while ((body = consumer.receiveBody(String.class, 1000)) != null) {
                    last = System.nanoTime();
                    received++;
                    if (received <= 3 || received == count) {
                        System.out.println("Received: " + body);
                    }
                }
                System.out.printf("Received %d messages in %.1f ms%n", received, (last - sent) / 1e6);
            }
        } finally {
            EmbeddedBroker.stop(BrokerConfig.DEFAULT_NAME); // started by the first connection, it runs until stopped
        }
    }
}
