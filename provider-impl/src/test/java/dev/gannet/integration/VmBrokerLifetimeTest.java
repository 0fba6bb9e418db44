package dev.gannet.integration;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.broker.Broker;
import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * How long a vm broker runs (issue 18, item 4): one started by a {@code vm://} connection outlives its last
 * connection until {@link EmbeddedBroker#stop(String)} or the JVM's exit; {@code stopWithLastConnection=true} stops
 * it with its last connection; one started by {@link EmbeddedBroker#start} runs until closed. vm only: over tcp the
 * broker is the server's.
 *
 * <p>A broker start is counted by the broker instance the registry holds while a connection is open: a restarted
 * broker is a new instance.
 */
class VmBrokerLifetimeTest extends BrokerTestSupport {

    private static final int LOOP = 20;

    @BeforeEach
    void vmOnly() {
        assumeFalse(TCP, "the vm broker's lifetime; the build runs this class on vm only");
    }

    @Test
    void anOpenUseCloseLoopStartsTheBrokerOnceAndLosesNoNonPersistentMessage() throws Exception {
        Set<Broker> started = Collections.newSetFromMap(new IdentityHashMap<>());
        long begin = System.nanoTime();
        for (int i = 0; i < LOOP; i++) {
            try (JMSContext context = factory.createContext()) { // as JmsTemplate.send does with a plain factory
                started.add(broker());
                context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                        .send(context.createQueue("template"), "m" + i);
            }
        }
        for (int i = 0; i < LOOP; i++) {
            try (JMSContext context = factory.createContext()) { // as JmsTemplate.receive does
                started.add(broker());
                assertEquals("m" + i, context.createConsumer(context.createQueue("template"))
                        .receiveBody(String.class, ARRIVES), "non-persistent message " + i + " kept");
            }
        }
        long nanos = System.nanoTime() - begin;
        System.out.printf("vm open-send-close x%d then open-receive-close x%d: %.1f ms (%d broker start(s))%n", LOOP,
                LOOP, nanos / 1e6, started.size());
        assertEquals(1, started.size(), "broker starts over " + 2 * LOOP + " connections");
        assertNotNull(broker(), "the broker runs on after its last connection closed");
    }

    @Test
    void stopWithLastConnectionStopsTheBrokerWithEachLastConnection() throws Exception {
        ConnectionFactory stopping = new GannetConnectionFactory(brokerUrl + "&stopWithLastConnection=true");
        Set<Broker> started = Collections.newSetFromMap(new IdentityHashMap<>());
        long begin = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            try (JMSContext context = stopping.createContext()) {
                started.add(broker());
                context.createProducer().send(context.createQueue("kept"), "p" + i);
                context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                        .send(context.createQueue("lost"), "n" + i);
            }
            assertNull(broker(), "the broker stopped with its last connection");
        }
        System.out.printf("vm stopWithLastConnection=true, open-send-close x3: %.1f ms (%d broker starts)%n",
                (System.nanoTime() - begin) / 1e6, started.size());
        assertEquals(3, started.size(), "a broker start per connection");
        try (JMSContext context = stopping.createContext()) {
            assertNull(context.createConsumer(context.createQueue("lost")).receiveBody(String.class, ABSENT),
                    "non-persistent messages stop with the broker");
            JMSConsumer kept = context.createConsumer(context.createQueue("kept"));
            for (int i = 0; i < 3; i++) {
                assertEquals("p" + i, kept.receiveBody(String.class, ARRIVES));
            }
        }
    }

    @Test
    void anExplicitStopEndsTheBrokerAndTheNextConnectionStartsItOnTheSameStore() throws Exception {
        Broker first;
        try (JMSContext context = factory.createContext()) {
            first = broker();
            context.createProducer().send(context.createQueue("orders"), "persistent");
            context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .send(context.createQueue("orders"), "non-persistent");
        }
        assertSame(first, broker(), "still running after its last connection");

        assertTrue(EmbeddedBroker.stop(brokerName));
        assertNull(broker());
        assertFalse(EmbeddedBroker.stop(brokerName), "nothing left to stop");

        try (JMSContext context = factory.createContext()) {
            assertNotSame(first, broker(), "started again");
            Queue orders = context.createQueue("orders");
            assertEquals("persistent", context.createConsumer(orders).receiveBody(String.class, ARRIVES));
            assertNull(context.createConsumer(orders).receiveBody(String.class, ABSENT));
        }
    }

    @Test
    void anExplicitStopFailsTheConnectionsStillOpen() throws Exception {
        Connection open = connection();
        CompletableFuture<JMSException> heard = new CompletableFuture<>();
        open.setExceptionListener(heard::complete);

        assertTrue(EmbeddedBroker.stop(brokerName));

        JMSException failure = heard.get(ARRIVES, TimeUnit.MILLISECONDS);
        assertTrue(failure.getMessage().contains(brokerName), failure.getMessage());
        assertNull(broker());
    }

    @Test
    void anEmbeddedBrokerRunsUntilClosedAndThenUntilItsLastConnectionCloses() throws Exception {
        EmbeddedBroker embedded = EmbeddedBroker.start(new BrokerConfig(brokerName, dataDirectory));
        Broker running = broker();
        try (JMSContext context = factory.createContext()) {
            context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .send(context.createQueue("q"), "shared");
        }
        assertSame(running, broker(), "the handle keeps it running without connections");

        JMSContext last = factory.createContext();
        embedded.close();
        assertSame(running, broker(), "a vm connection still uses it");
        assertEquals("shared", last.createConsumer(last.createQueue("q")).receiveBody(String.class, ARRIVES));
        last.close();
        assertNull(broker(), "stopped with its last user");
    }

    @Test
    void stopUnlessSharedKeepsTheBrokerForAnotherHandleAndTheLastHandleStopsIt() throws Exception {
        EmbeddedBroker first = EmbeddedBroker.start(new BrokerConfig(brokerName, dataDirectory));
        EmbeddedBroker second = EmbeddedBroker.start(new BrokerConfig(brokerName, dataDirectory));
        Broker running = broker();
        Connection open = connection();
        CompletableFuture<JMSException> heard = new CompletableFuture<>();
        open.setExceptionListener(heard::complete);

        assertFalse(first.stopUnlessShared(), "the second handle holds the broker");
        assertSame(running, broker());
        open.createSession().createProducer(open.createSession().createQueue("q")).send(
                open.createSession().createTextMessage("still served"));
        assertFalse(heard.isDone(), "the open connection did not fail");

        assertTrue(second.stopUnlessShared(), "the last handle stops the broker");
        assertNull(broker());
        JMSException failure = heard.get(ARRIVES, TimeUnit.MILLISECONDS);
        assertTrue(failure.getMessage().contains(brokerName), "the connection left open failed: " + failure);
    }

    @Test
    void closingAnEmbeddedBrokerLeavesABrokerStartedByAConnectionRunning() throws Exception {
        try (JMSContext context = factory.createContext()) {
            context.createQueue("q");
        }
        Broker running = broker();
        EmbeddedBroker.start(new BrokerConfig(brokerName, dataDirectory)).close();
        assertSame(running, broker());
    }

    @Test
    void aBrokerLeftRunningIsStoppedCleanlyWhenTheJvmExits() throws Exception {
        Path store = dataDirectory.resolve("exit");
        String name = brokerName + "-exit";
        String url = "vm://" + name + "?dataDirectory=" + store;
        Path log = dataDirectory.resolve("exit.log");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.log.dev.gannet.transport.vm=info", SendAndReturn.class.getName(), url)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(process.waitFor(45, TimeUnit.SECONDS), "the JVM exits once main returns: "
                    + Files.readString(log));
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("Stopping broker " + name + " at JVM exit"), output);
        Path lock = store.resolve("derby").resolve("db.lck");
        assertFalse(Files.exists(lock), "Derby shut down, its lock released");

        try (JMSContext context = new GannetConnectionFactory(url).createContext()) {
            assertTrue(Files.exists(lock), "Derby holds the lock while it runs");
            assertEquals("sent before exit", context.createConsumer(context.createQueue("exit"))
                    .receiveBody(String.class, ARRIVES));
        } finally {
            EmbeddedBroker.stop(name);
        }
    }

    /** The other JVM of {@link #aBrokerLeftRunningIsStoppedCleanlyWhenTheJvmExits}: sends, closes, returns. */
    static final class SendAndReturn {
        public static void main(String[] args) {
            try (JMSContext context = new GannetConnectionFactory(args[0]).createContext()) {
                context.createProducer().send(context.createQueue("exit"), "sent before exit");
            }
        }
    }
}
