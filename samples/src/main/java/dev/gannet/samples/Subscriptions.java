package dev.gannet.samples;

import dev.gannet.api.EmbeddedBroker;
import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;

/**
 * Topic subscriptions: a durable subscription keeps messages published while its consumer is away; a shared
 * subscription spreads messages over its consumers; a selector picks what a subscription wants.
 *
 * <p>Run: {@code mvn -q -B -pl samples exec:java -Dsample=dev.gannet.samples.Subscriptions}
 */
public final class Subscriptions {

    private Subscriptions() {
    }

    public static void main(String[] args) {
        GannetConnectionFactory factory = new GannetConnectionFactory("vm://samples");
        try (JMSContext context = factory.createContext()) {
            context.setClientID("subscriptions-sample");
            Topic prices = context.createTopic("prices");

            context.createDurableConsumer(prices, "audit", "currency = 'EUR'", false).close();
            for (String currency : new String[]{"EUR", "USD", "EUR"}) {
                context.createProducer().setProperty("currency", currency).send(prices, "1.0 " + currency);
            }
            try (JMSConsumer audit = context.createDurableConsumer(prices, "audit", "currency = 'EUR'", false)) {
                String body;
                while ((body = audit.receiveBody(String.class, 500)) != null) {
                    System.out.println("durable 'audit' (EUR only) kept: " + body);
                }
            }
            context.unsubscribe("audit");

            JMSConsumer workerA = context.createSharedConsumer(prices, "workers");
            JMSConsumer workerB = context.createContext(JMSContext.AUTO_ACKNOWLEDGE).createSharedConsumer(prices, "workers");
            for (int i = 0; i < 6; i++) {
                context.createProducer().send(prices, "tick " + i);
            }
            int a = 0;
            int b = 0;
            while (workerA.receive(300) != null) {
                a++;
            }
            while (workerB.receive(300) != null) {
                b++;
            }
            System.out.printf("shared subscription 'workers': A got %d, B got %d of 6%n", a, b);
        } finally {
            EmbeddedBroker.stop("samples"); // started by the first connection, it runs until stopped
        }
    }
}
