package dev.gannet.samples;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationSettings;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.api.MessageProperties;
import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;

/**
 * Per-destination settings: a redelivery delay and dead-letter queue for failing messages, duplicate detection
 * for safe resends, and a depth limit that refuses producers when a queue is full.
 *
 * <p>Run: {@code mvn -q -B -pl samples exec:java -Dsample=dev.gannet.samples.DeliveryPolicies}
 */
public final class DeliveryPolicies {

    private DeliveryPolicies() {
    }

    public static void main(String[] args) throws Exception {
        BrokerConfig config = BrokerConfig.builder().name("policies")
                .destination("orders.#", DestinationSettings.builder()
                        .maxDeliveryAttempts(3)
                        .redeliveryDelayMillis(200).redeliveryMultiplier(2.0)
                        .deadLetterQueue("orders.DLQ")
                        .build())
                .destination("orders.small", DestinationSettings.builder()
                        .maxDepth(2).fullPolicy(DestinationSettings.FullPolicy.FAIL).build())
                .build();
        // The broker runs with these settings while it is open; vm://policies connections join it.
        try (EmbeddedBroker broker = EmbeddedBroker.start(config);
             JMSContext context = new GannetConnectionFactory("vm://policies").createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue incoming = context.createQueue("orders.incoming");
            context.createProducer().send(incoming, "an order the application cannot handle");
            context.commit();

            JMSConsumer consumer = context.createConsumer(incoming);
            for (int attempt = 1; attempt <= 3; attempt++) {
                Message message = consumer.receive(5000);
                System.out.println("attempt " + message.getIntProperty("JMSXDeliveryCount") + " fails, rolled back");
                context.rollback(); // redelivered after 200 ms, then 400 ms
            }
            System.out.println("after 3 attempts the queue is empty: " + consumer.receive(1000));
            consumer.close();
            Message dead = context.createConsumer(context.createQueue("orders.DLQ")).receive(5000);
            System.out.println("orders.DLQ holds: " + dead.getBody(String.class) + " from "
                    + dead.getStringProperty(MessageProperties.ORIGINAL_DESTINATION) + ", reason "
                    + dead.getStringProperty(MessageProperties.REASON));
            context.commit();

            Queue payments = context.createQueue("orders.payments");
            for (int send = 1; send <= 2; send++) {
                // A producer that does not know whether its send went through sends again with the same ID.
                context.createProducer().setProperty(MessageProperties.DUPLICATE_ID, "payment-42")
                        .send(payments, "pay 42 EUR (send " + send + ")");
                context.commit();
            }
            JMSConsumer paymentConsumer = context.createConsumer(payments);
            System.out.println("payments received: " + paymentConsumer.receiveBody(String.class, 5000)
                    + "; and then: " + paymentConsumer.receiveBody(String.class, 500));
            context.commit();

            try (JMSContext auto = new GannetConnectionFactory("vm://policies").createContext()) {
                Queue small = auto.createQueue("orders.small");
                auto.createProducer().send(small, "1").send(small, "2");
                auto.createProducer().send(small, "3");
            } catch (JMSRuntimeException e) {
                System.out.println("third message to a queue of max-depth 2: " + e.getClass().getSimpleName() + ": "
                        + e.getMessage());
            }
        }
    }
}
