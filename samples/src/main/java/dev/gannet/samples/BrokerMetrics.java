package dev.gannet.samples;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.management.metrics.GannetMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;

/**
 * An embedded broker's figures in the application's own Micrometer registry: {@link GannetMetrics} bound to it, a
 * queue's depth and counters read as meters while messages come and go, and the same meters as a Prometheus scrape
 * shows them. The application brings Micrometer (here micrometer-registry-prometheus); Gannet only binds to it.
 *
 * <p>Run: {@code mvn -q -B -pl samples exec:java -Dsample=dev.gannet.samples.BrokerMetrics}
 */
public final class BrokerMetrics {

    private BrokerMetrics() {
    }

    public static void main(String[] args) throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.builder().name("metered").inMemoryStore()
                .build());
             GannetMetrics metrics = new GannetMetrics(broker);
             JMSContext context = new GannetConnectionFactory("vm://metered").createContext()) {
            metrics.bindTo(registry);
            Queue orders = context.createQueue("orders");
            for (int n = 1; n <= 5; n++) {
                context.createProducer().send(orders, "order " + n);
            }
            Tags ordersTags = Tags.of("broker", "metered", "destination", "orders");
            Gauge depth = registry.find("gannet.queue.depth").tags(ordersTags).gauge();
            while (depth == null) { // the queue's meters are added as it comes into being
                Thread.sleep(10);
                depth = registry.find("gannet.queue.depth").tags(ordersTags).gauge();
            }
            System.out.println("orders: depth " + depth.value() + ", enqueued "
                    + registry.get("gannet.queue.messages.enqueued").tags(ordersTags).functionCounter().count());

            try (JMSConsumer consumer = context.createConsumer(orders)) {
                for (int n = 1; n <= 2; n++) {
                    System.out.println("received " + consumer.receiveBody(String.class, 5000));
                }
            }
            while (depth.value() > 3) { // the acknowledgements reach the broker
                Thread.sleep(10);
            }
            System.out.println("orders: depth " + depth.value() + ", acknowledged "
                    + registry.get("gannet.queue.messages.acknowledged").tags(ordersTags).functionCounter().count());

            System.out.println("as Prometheus scrapes them:");
            registry.scrape().lines().filter(line -> line.startsWith("gannet_"))
                    .forEach(line -> System.out.println("  " + line));
        } finally {
            registry.close();
        }
    }
}
