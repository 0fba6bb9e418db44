package dev.gannet.ra.inbound;

import dev.gannet.ra.GannetQueue;
import dev.gannet.ra.outbound.PooledConnectionFactory;
import dev.gannet.ra.server.MapContextFactory;
import dev.gannet.ra.server.Narayana;
import dev.gannet.ra.server.PoolingConnectionManager;
import dev.gannet.ra.server.RunningAdapter;
import dev.gannet.ra.server.TestEndpointFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.transaction.TransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Message endpoints on the adapter's embedded broker (Connectors 2.1 chapter 13, Messaging 3.1 section 13.1):
 * delivery on the WorkManager, transacted through Narayana or not, from queues and topic subscriptions, with
 * selectors, up to maxSession at once, redelivery and dead-lettering of what the endpoint fails on, and deactivation
 * that waits for the deliveries under way.
 */
class InboundDeliveryTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    Path directory;

    private RunningAdapter running;
    private TransactionManager transactions;

    @BeforeAll
    static void jndi() {
        MapContextFactory.install();
    }

    @BeforeEach
    void start() throws Exception {
        running = RunningAdapter.embedded(directory);
        transactions = Narayana.transactionManager();
    }

    @AfterEach
    void stop() throws Exception {
        running.close();
    }

    private static GannetActivationSpec queue(String name) {
        GannetActivationSpec spec = new GannetActivationSpec();
        spec.setDestination(name);
        spec.setDestinationType("jakarta.jms.Queue");
        return spec;
    }

    private TestEndpointFactory endpoint(boolean transacted, TestEndpointFactory.Bean bean) {
        return new TestEndpointFactory("bean", transacted ? transactions : null, bean);
    }

    @ParameterizedTest(name = "transacted={0}")
    @ValueSource(booleans = {true, false})
    void aQueuesMessagesReachTheEndpointOnceEach(boolean transacted) throws Exception {
        TestEndpointFactory bean = endpoint(transacted, message -> { });
        GannetActivationSpec spec = queue("orders");
        running.adapter().endpointActivation(bean, spec);
        running.send("orders", false, "a", "b", "c", "d", "e");
        assertEquals(5, bean.awaitReceived(5, LIMIT));
        assertEquals(List.of("a", "b", "c", "d", "e"), bean.receivedTexts().stream().sorted().toList());
        assertEquals(transacted ? 5 : 0, bean.committed(), "each transacted delivery in a transaction of its own");
        running.adapter().endpointDeactivation(bean, spec);
        assertEquals(List.of(), running.drain("orders", QUIET), "every message was acknowledged");
        assertEquals(bean.created(), bean.released(), "deactivation released every endpoint");
    }

    @Test
    void aSelectorLetsOnlyItsMessagesThrough() throws Exception {
        TestEndpointFactory bean = endpoint(true, message -> { });
        GannetActivationSpec spec = queue("selected");
        spec.setMessageSelector("kind = 'wanted'");
        running.adapter().endpointActivation(bean, spec);
        try (JMSContext context = running.clientFactory().createContext()) {
            Queue queue = context.createQueue("selected");
            context.createProducer().setProperty("kind", "other").send(queue, "not for the bean");
            context.createProducer().setProperty("kind", "wanted").send(queue, "for the bean");
        }
        assertEquals(1, bean.awaitReceived(1, LIMIT));
        running.adapter().endpointDeactivation(bean, spec);
        assertEquals(List.of("for the bean"), bean.receivedTexts());
        assertEquals(List.of("not for the bean"), running.drain("selected", QUIET));
    }

    @Test
    void aDurableSubscriptionKeepsWhatIsPublishedWhileTheEndpointIsInactive() throws Exception {
        TestEndpointFactory bean = endpoint(true, message -> { });
        GannetActivationSpec spec = new GannetActivationSpec();
        spec.setDestination("prices");
        spec.setDestinationType("jakarta.jms.Topic");
        spec.setSubscriptionDurability("Durable");
        spec.setSubscriptionName("audit");
        spec.setClientId("auditor");
        running.adapter().endpointActivation(bean, spec);
        running.send("prices", true, "first");
        assertEquals(1, bean.awaitReceived(1, LIMIT));
        running.adapter().endpointDeactivation(bean, spec);
        running.send("prices", true, "while away");
        TestEndpointFactory again = endpoint(true, message -> { });
        GannetActivationSpec sameSubscription = new GannetActivationSpec();
        sameSubscription.setDestination("prices");
        sameSubscription.setDestinationType("jakarta.jms.Topic");
        sameSubscription.setSubscriptionDurability("Durable");
        sameSubscription.setSubscriptionName("audit");
        sameSubscription.setClientId("auditor");
        running.adapter().endpointActivation(again, sameSubscription);
        assertEquals(1, again.awaitReceived(1, LIMIT));
        assertEquals(List.of("while away"), again.receivedTexts());
        running.adapter().endpointDeactivation(again, sameSubscription);
    }

    @Test
    void aSharedSubscriptionIsConsumedByTheEndpointsSessionsInTurn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TestEndpointFactory bean = endpoint(false, message -> release.await(LIMIT.toSeconds(), TimeUnit.SECONDS));
        GannetActivationSpec spec = new GannetActivationSpec();
        spec.setDestination("news");
        spec.setDestinationType("jakarta.jms.Topic");
        spec.setShareSubscriptions(true);
        spec.setSubscriptionName("readers");
        spec.setMaxSession(2);
        running.adapter().endpointActivation(bean, spec);
        running.send("news", true, "one", "two", "three");
        assertEquals(2, bean.awaitConcurrent(2, LIMIT), "two sessions take the subscription's messages at once");
        release.countDown();
        assertEquals(3, bean.awaitReceived(3, LIMIT));
        running.adapter().endpointDeactivation(bean, spec);
        assertEquals(List.of("one", "three", "two"), bean.receivedTexts().stream().sorted().toList(),
                "each message once");
    }

    @Test
    void upToMaxSessionMessagesAreDeliveredAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TestEndpointFactory bean = endpoint(true, message -> release.await(LIMIT.toSeconds(), TimeUnit.SECONDS));
        GannetActivationSpec spec = queue("busy");
        spec.setMaxSession(3);
        running.adapter().endpointActivation(bean, spec);
        running.send("busy", false, "1", "2", "3", "4", "5", "6", "7");
        assertEquals(3, bean.awaitConcurrent(3, LIMIT), "three deliveries under way at once");
        assertEquals(3, running.context().getWorkManager().running(), "each delivery is work on the WorkManager");
        release.countDown();
        assertEquals(7, bean.awaitReceived(7, LIMIT));
        running.adapter().endpointDeactivation(bean, spec);
        assertEquals(3, bean.mostConcurrent(), "never more than maxSession");
    }

    @ParameterizedTest(name = "transacted={0}")
    @ValueSource(booleans = {true, false})
    void aMessageTheEndpointFailsOnIsRedeliveredThenDeadLettered(boolean transacted) throws Exception {
        TestEndpointFactory bean = endpoint(transacted, message -> {
            if (TestEndpointFactory.text(message).equals("poison")) {
                throw new IllegalStateException("the bean cannot take " + TestEndpointFactory.text(message));
            }
        });
        GannetActivationSpec spec = queue("fragile");
        spec.setMaxSession(1);
        running.adapter().endpointActivation(bean, spec);
        running.send("fragile", false, "poison", "fine");
        assertEquals(1, bean.awaitReceived(1, LIMIT));
        // the destination's default policy: 10 delivery attempts, then the dead-letter queue DLQ
        assertEquals(List.of("poison"), running.take("DLQ", 1, LIMIT));
        running.adapter().endpointDeactivation(bean, spec);
        assertEquals(11, bean.attempts(), "ten attempts at the poison message, one at the fine one");
        assertEquals(List.of("fine"), bean.receivedTexts());
        if (transacted) {
            assertEquals(10, bean.rolledBack(), "each failed attempt rolled its transaction back");
        }
    }

    @Test
    void aMessageTheEndpointFailsOnOnceArrivesAgainMarkedRedelivered() throws Exception {
        AtomicBoolean failed = new AtomicBoolean();
        TestEndpointFactory bean = endpoint(true, message -> {
            if (failed.compareAndSet(false, true)) {
                throw new IllegalStateException("first attempt fails");
            }
        });
        GannetActivationSpec spec = queue("retried");
        running.adapter().endpointActivation(bean, spec);
        running.send("retried", false, "again");
        assertEquals(1, bean.awaitReceived(1, LIMIT));
        running.adapter().endpointDeactivation(bean, spec);
        assertEquals(2, bean.received().get(0).deliveryCount());
    }

    @Test
    void aBeanForwardingThroughAPooledConnectionForwardsOnceThoughItsFirstAttemptFailed() throws Exception {
        PoolingConnectionManager pool = new PoolingConnectionManager(transactions);
        PooledConnectionFactory outbound = running.connectionFactory(pool);
        AtomicBoolean failed = new AtomicBoolean();
        TestEndpointFactory bean = endpoint(true, message -> {
            try (JMSContext context = outbound.createContext()) {
                context.createProducer().send(context.createQueue("forwarded"), TestEndpointFactory.text(message));
            }
            if (failed.compareAndSet(false, true)) {
                throw new IllegalStateException("fails after forwarding, the first time");
            }
        });
        GannetActivationSpec spec = queue("incoming");
        running.adapter().endpointActivation(bean, spec);
        running.send("incoming", false, "order 7");
        assertEquals(1, bean.awaitReceived(1, LIMIT));
        running.adapter().endpointDeactivation(bean, spec);
        assertEquals(List.of("order 7"), running.drain("forwarded", QUIET),
                "the failed attempt's forward rolled back with its delivery");
        assertEquals(1, bean.rolledBack());
        assertEquals(1, bean.committed());
    }

    @Test
    void deactivationWaitsForTheDeliveryUnderWay() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TestEndpointFactory bean = endpoint(true, message -> release.await(LIMIT.toSeconds(), TimeUnit.SECONDS));
        GannetActivationSpec spec = queue("slow");
        running.adapter().endpointActivation(bean, spec);
        running.send("slow", false, "in flight");
        assertEquals(1, bean.awaitConcurrent(1, LIMIT));
        AtomicBoolean deactivated = new AtomicBoolean();
        Thread deactivation = new Thread(() -> {
            running.adapter().endpointDeactivation(bean, spec);
            deactivated.set(true);
        });
        deactivation.start();
        awaitBlocked(deactivation);
        assertFalse(deactivated.get(), "deactivation waits while the endpoint works");
        release.countDown();
        deactivation.join(LIMIT.toMillis());
        assertTrue(deactivated.get());
        assertEquals(List.of("in flight"), bean.receivedTexts());
        assertEquals(1, bean.committed(), "the delivery under way completed");
        assertEquals(bean.created(), bean.released());
        assertEquals(List.of(), running.drain("slow", QUIET));
    }

    /** Waits until {@code thread} waits on something (it got as far as it can). */
    private static void awaitBlocked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError(thread + " never waited");
    }

    @Test
    void destinationLookupFindsTheAdministeredQueue() throws Exception {
        MapContextFactory.bind("java:global/jms/lookedUp", GannetQueue.named("looked-up"));
        try {
            TestEndpointFactory bean = endpoint(true, message -> { });
            GannetActivationSpec spec = new GannetActivationSpec();
            spec.setDestinationLookup("java:global/jms/lookedUp");
            spec.setDestinationType("jakarta.jms.Queue");
            running.adapter().endpointActivation(bean, spec);
            running.send("looked-up", false, "found");
            assertEquals(1, bean.awaitReceived(1, LIMIT));
            running.adapter().endpointDeactivation(bean, spec);
        } finally {
            MapContextFactory.unbind("java:global/jms/lookedUp");
        }
    }

    @Test
    void anActivationTheBrokerOrLookupRefusesFailsSayingWhy() {
        GannetActivationSpec selector = queue("refused");
        selector.setMessageSelector("kind = ");
        ResourceException bad = assertThrows(ResourceException.class,
                () -> running.adapter().endpointActivation(endpoint(true, message -> { }), selector));
        assertTrue(bad.getMessage().contains("refused by the broker"), bad.getMessage());
        GannetActivationSpec missing = new GannetActivationSpec();
        missing.setDestinationLookup("java:global/jms/none");
        missing.setDestinationType("jakarta.jms.Queue");
        ResourceException lookup = assertThrows(ResourceException.class,
                () -> running.adapter().endpointActivation(endpoint(true, message -> { }), missing));
        assertTrue(lookup.getMessage().contains("destinationLookup 'java:global/jms/none' failed"),
                lookup.getMessage());
        GannetActivationSpec invalid = queue("invalid");
        invalid.setMaxSession(0);
        assertThrows(InvalidPropertyException.class,
                () -> running.adapter().endpointActivation(endpoint(true, message -> { }), invalid));
    }
}
