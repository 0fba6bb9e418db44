package dev.gannet.management.metrics;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationSettings;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.transport.vm.VmEmbeddedBroker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link GannetMetrics} bound to a {@link SimpleMeterRegistry} as an application binds it, over an embedded broker
 * reached by {@code vm://} connections: the figures move with sends and receives, queues and subscriptions that come
 * get meters and those that go lose them, and closing removes every meter.
 */
class GannetMetricsTest {

    private static final long WAIT_MILLIS = 20_000;

    private String name;
    private EmbeddedBroker broker;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void start(TestInfo test) {
        name = "metrics-" + test.getTestMethod().orElseThrow().getName();
        broker = EmbeddedBroker.start(BrokerConfig.builder().name(name).inMemoryStore().jmxEnabled(false)
                .destination("orders", DestinationSettings.builder().maxDeliveryAttempts(1)
                        .deadLetterQueue("orders.DLQ").build())
                .build());
    }

    @AfterEach
    void stop() {
        broker.close();
        EmbeddedBroker.stop(name);
        registry.close();
    }

    private JMSContext context() {
        return new GannetConnectionFactory("vm://" + name).createContext();
    }

    private Tags queue(String queue) {
        return Tags.of("broker", name, "destination", queue);
    }

    private Gauge gauge(String meter, Tags tags) {
        return registry.find(meter).tags(tags).gauge();
    }

    private double gaugeValue(String meter, Tags tags) {
        Gauge gauge = gauge(meter, tags);
        assertNotNull(gauge, meter + " " + tags + " among " + names());
        return gauge.value();
    }

    private double count(String meter, Tags tags) {
        FunctionCounter counter = registry.find(meter).tags(tags).functionCounter();
        assertNotNull(counter, meter + " " + tags + " among " + names());
        return counter.count();
    }

    private List<String> names() {
        return registry.getMeters().stream().map(meter -> meter.getId().getName() + meter.getId().getTags()).toList();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + WAIT_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                fail("not within " + WAIT_MILLIS + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void queueCountersAndGaugesMoveWithSendsAndReceives() throws Exception {
        try (GannetMetrics metrics = new GannetMetrics(broker); JMSContext context = context()) {
            metrics.bindTo(registry);
            Queue orders = context.createQueue("orders");
            for (int n = 0; n < 3; n++) {
                context.createProducer().send(orders, "order " + n);
            }
            await("the orders queue's meters", () -> gauge("gannet.queue.depth", queue("orders")) != null);

            assertEquals(3, gaugeValue("gannet.queue.depth", queue("orders")));
            assertEquals(3, count("gannet.queue.messages.enqueued", queue("orders")));
            assertTrue(gaugeValue("gannet.queue.bytes", queue("orders")) > 0);
            assertTrue(gaugeValue("gannet.queue.memory", queue("orders")) > 0);
            assertEquals(0, gaugeValue("gannet.queue.paged", queue("orders")));
            assertEquals(0, gaugeValue("gannet.queue.consumers", queue("orders")));
            TimeGauge oldest = registry.find("gannet.queue.oldest.message.age").tags(queue("orders")).timeGauge();
            assertNotNull(oldest);
            assertTrue(oldest.value(TimeUnit.MILLISECONDS) >= 0);

            try (JMSConsumer consumer = context.createConsumer(orders)) {
                await("the consumer counted", () -> gaugeValue("gannet.queue.consumers", queue("orders")) == 1);
                Message received = consumer.receive(WAIT_MILLIS);
                assertNotNull(received);
                await("the acknowledgement counted", () -> count("gannet.queue.messages.acknowledged",
                        queue("orders")) == 1);
            }
            assertEquals(2, gaugeValue("gannet.queue.depth", queue("orders")));
            assertTrue(count("gannet.queue.messages.delivered", queue("orders")) >= 1);
            assertEquals(0, gaugeValue("gannet.queue.consumers", queue("orders")));
            assertEquals(0, count("gannet.queue.messages.expired", queue("orders")));
            assertEquals(0, count("gannet.queue.messages.duplicates.dropped", queue("orders")));
        }
    }

    @Test
    void aDeadLetterCountsAtItsQueueAndArrivesInTheDeadLetterQueue() throws Exception {
        try (GannetMetrics metrics = new GannetMetrics(broker);
             JMSContext context = new GannetConnectionFactory("vm://" + name)
                     .createContext(JMSContext.SESSION_TRANSACTED)) {
            metrics.bindTo(registry);
            Queue orders = context.createQueue("orders");
            context.createProducer().send(orders, "poison");
            context.commit();
            try (JMSConsumer consumer = context.createConsumer(orders)) {
                assertNotNull(consumer.receive(WAIT_MILLIS));
                context.rollback(); // its one delivery attempt spent: dead-lettered
            }
            await("the dead letter counted", () -> gauge("gannet.queue.depth", queue("orders.DLQ")) != null
                    && count("gannet.queue.messages.dead.lettered", queue("orders")) == 1);
            assertEquals(0, gaugeValue("gannet.queue.depth", queue("orders")));
            assertEquals(1, gaugeValue("gannet.queue.depth", queue("orders.DLQ")));
            assertEquals(1, count("gannet.queue.messages.enqueued", queue("orders.DLQ")));
        }
    }

    @Test
    void aQueueCreatedLaterGetsMetersAndADeletedOneLosesThem() throws Exception {
        try (GannetMetrics metrics = new GannetMetrics(broker); JMSContext context = context()) {
            metrics.bindTo(registry);
            assertNull(gauge("gannet.queue.depth", queue("later")));

            context.createProducer().send(context.createQueue("later"), "hello");
            await("the new queue's meters", () -> gauge("gannet.queue.depth", queue("later")) != null);
            assertEquals(1, gaugeValue("gannet.queue.depth", queue("later")));
            assertEquals(1, gaugeValue("gannet.queues", Tags.of("broker", name)));

            assertTrue(((VmEmbeddedBroker) broker).administration().deleteQueue("later"));
            await("the deleted queue's meters gone", () -> gauge("gannet.queue.depth", queue("later")) == null);
            assertTrue(registry.getMeters().stream().noneMatch(meter -> "later".equals(meter.getId()
                    .getTag("destination"))), () -> "no meter of the deleted queue: " + names());
            assertEquals(0, gaugeValue("gannet.queues", Tags.of("broker", name)));
        }
    }

    @Test
    void aTemporaryQueueHasMetersWhileItLives() throws Exception {
        try (GannetMetrics metrics = new GannetMetrics(broker); JMSContext context = context()) {
            metrics.bindTo(registry);
            String temporary;
            try (JMSContext owner = context()) {
                temporary = owner.createTemporaryQueue().getQueueName();
                await("the temporary queue's meters", () -> gauge("gannet.queue.depth", queue(temporary)) != null);
            }
            await("the temporary queue's meters gone", () -> gauge("gannet.queue.depth", queue(temporary)) == null);
        }
    }

    @Test
    void subscriptionsComeAndGoWithTheirMeters() throws Exception {
        try (GannetMetrics metrics = new GannetMetrics(broker);
             JMSContext context = new GannetConnectionFactory("vm://" + name).createContext()) {
            metrics.bindTo(registry);
            context.setClientID("shop");
            Topic news = context.createTopic("news");
            Tags durable = Tags.of("broker", name, "destination", "news", "subscription", "archive", "kind", "durable",
                    "client.id", "shop");
            JMSConsumer archive = context.createDurableConsumer(news, "archive");
            JMSConsumer shared = context.createSharedConsumer(news, "workers");
            await("the subscriptions' meters", () -> gauge("gannet.subscription.depth", durable) != null
                    && gauge("gannet.subscription.depth", Tags.of("subscription", "workers", "kind", "shared"))
                    != null);
            assertEquals(2, gaugeValue("gannet.subscriptions", Tags.of("broker", name)));
            assertEquals(1, gaugeValue("gannet.subscription.consumers", durable));

            archive.close();
            context.createProducer().send(news, "extra");
            await("the published message counted", () -> count("gannet.subscription.messages.enqueued",
                    durable) == 1);
            assertEquals(1, gaugeValue("gannet.subscription.depth", durable));
            assertEquals(0, gaugeValue("gannet.subscription.consumers", durable));
            assertNull(registry.find("gannet.subscription.messages.duplicates.dropped").functionCounter(),
                    "a topic's duplicates are dropped before its subscriptions");

            shared.close();
            await("the shared subscription's meters gone", () -> gauge("gannet.subscription.depth",
                    Tags.of("subscription", "workers")) == null);
            context.unsubscribe("archive");
            await("the durable subscription's meters gone", () -> gauge("gannet.subscription.depth", durable) == null);
            assertEquals(0, gaugeValue("gannet.subscriptions", Tags.of("broker", name)));
        }
    }

    @Test
    void brokerWideGaugesCountConnectionsAndDestinations() throws Exception {
        try (GannetMetrics metrics = new GannetMetrics(broker)) {
            metrics.bindTo(registry);
            Tags tags = Tags.of("broker", name);
            assertEquals(0, gaugeValue("gannet.connections", tags));
            try (JMSContext context = context()) {
                context.createProducer().send(context.createQueue("orders"), "one");
                context.createProducer().send(context.createTopic("news"), "no subscriber");
                await("the connection counted", () -> gaugeValue("gannet.connections", tags) == 1);
                await("the destinations counted", () -> gaugeValue("gannet.queues", tags) == 1
                        && gaugeValue("gannet.topics", tags) == 1);
                assertTrue(gaugeValue("gannet.queues.memory", tags) > 0);
            }
            await("the connection gone", () -> gaugeValue("gannet.connections", tags) == 0);
            TimeGauge uptime = registry.find("gannet.uptime").tags(tags).timeGauge();
            assertNotNull(uptime);
            assertTrue(uptime.value(TimeUnit.MILLISECONDS) >= 0);
        }
    }

    @Test
    void closingRemovesEveryMeterFromEveryRegistryAndStopsFollowing() throws Exception {
        MeterRegistry second = new SimpleMeterRegistry();
        GannetMetrics metrics = new GannetMetrics(broker);
        try (JMSContext context = context()) {
            context.createProducer().send(context.createQueue("orders"), "before binding");
            metrics.bindTo(registry);
            metrics.bindTo(second);
            metrics.bindTo(second); // again: nothing more
            assertEquals(1, second.find("gannet.queue.depth").tags(queue("orders")).gauges().size());
            assertEquals(registry.getMeters().size(), second.getMeters().size());

            metrics.close();
            assertEquals(List.of(), gannetMeters(registry));
            assertEquals(List.of(), gannetMeters(second));

            context.createProducer().send(context.createQueue("after"), "after closing");
            assertEquals(List.of(), gannetMeters(registry), "a closed binding adds no meter");
            assertThrows(IllegalStateException.class, () -> metrics.bindTo(new SimpleMeterRegistry()));
            metrics.close(); // again: nothing
        } finally {
            second.close();
        }
    }

    private static List<Meter> gannetMeters(MeterRegistry registry) {
        return registry.getMeters().stream().filter(meter -> meter.getId().getName().startsWith("gannet.")).toList();
    }

    @Test
    void onlyABrokerStartedByEmbeddedBrokerCanBeMetered() {
        EmbeddedBroker foreign = new EmbeddedBroker() {
            @Override
            public BrokerConfig config() {
                return broker.config();
            }

            @Override
            public void close() {
            }

            @Override
            public boolean stopUnlessShared() {
                return false;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> new GannetMetrics(foreign));
    }
}
