package dev.gannet.integration;

import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.DestinationSettings;
import dev.gannet.api.Limits;
import dev.gannet.broker.ServerConnection;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.message.GannetTextMessage;
import dev.gannet.message.MessageCodec;
import dev.gannet.protocol.ClientEndpoint;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Delivery;
import dev.gannet.protocol.OutboundMessage;
import dev.gannet.protocol.SubscriptionSpec;
import dev.gannet.transport.tcp.RawTcpClient;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19: a command with a value the protocol does not allow is refused with the exception the spec names, before
 * anything is stored, and never harms the broker or another client. Some of these commands no JMS client sends; they
 * go through a raw client (a tcp socket, or the broker's command entry in the same JVM for vm) that sends them as
 * they are.
 */
class CommandValidationTest extends BrokerTestSupport {

    private static final int SESSION = 1;

    /** Set, so that the vm broker stays reachable through broker() for the raw clients. */
    @Override
    DestinationPolicies destinations() {
        return DestinationPolicies.builder() // duplicate detection reads properties at send time: not here
                .add("unreadable", DestinationSettings.builder().duplicateCacheSize(0).build())
                .build();
    }

    // ---- defect 1: a priority outside 0-9 was stored, and the broker could not start again

    @Test
    void sendWithPriorityOutOfRangeIsRefusedAndTheBrokerStillRestarts() throws Exception {
        connection();
        try (RawClient raw = raw()) {
            raw.call(new Command.CreateSession(SESSION, false));
            MessageFormatException refused = assertThrows(MessageFormatException.class,
                    () -> raw.call(send("prio", true, 12, null, encodedText("twelve"))));
            assertTrue(refused.getMessage().contains("JMSPriority 12"), refused.getMessage());
            raw.call(send("prio", true, 9, null, encodedText("nine")));
        }
        stopBroker();
        Session session = session(Session.AUTO_ACKNOWLEDGE); // the broker starts again on the same store
        MessageConsumer consumer = session.createConsumer(session.createQueue("prio"));
        assertEquals("nine", ((TextMessage) receive(consumer)).getText());
        assertNull(consumer.receive(ABSENT));
    }

    // ---- defect 2: a JMSXGroupID longer than the store holds failed other producers' sends

    @Test
    void groupIdLongerThanTheLimitIsRefusedAndOtherProducersAreUnharmed() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("groups");
        int producers = 4;
        int sendsEach = 50;
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try {
            List<Future<?>> good = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                Connection own = connection();
                good.add(pool.submit(() -> {
                    Session s = own.createSession(Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = s.createProducer(queue);
                    for (int i = 0; i < sendsEach; i++) {
                        TextMessage message = s.createTextMessage("good");
                        message.setStringProperty("JMSXGroupID", "g".repeat(Limits.MAX_GROUP_ID_LENGTH));
                        producer.send(message);
                    }
                    return null;
                }));
            }
            MessageProducer producer = session.createProducer(queue);
            for (int i = 0; i < 20; i++) {
                TextMessage bad = session.createTextMessage("bad");
                bad.setStringProperty("JMSXGroupID", "g".repeat(Limits.MAX_GROUP_ID_LENGTH + 1));
                MessageFormatException refused = assertThrows(MessageFormatException.class, () -> producer.send(bad));
                assertTrue(refused.getMessage().contains("JMSXGroupID"), refused.getMessage());
            }
            for (Future<?> sends : good) {
                sends.get(60, TimeUnit.SECONDS); // every good send succeeded
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(producers * sendsEach, Collections.list(session.createBrowser(queue).getEnumeration()).size());
    }

    // ---- defect 3: a queue name longer than the store holds was confirmed, then lost at restart

    @Test
    void queueNameLongerThanTheLimitIsRefused() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue tooLong = session.createQueue("q".repeat(Limits.MAX_DESTINATION_NAME_LENGTH + 1));
        InvalidDestinationException refused = assertThrows(InvalidDestinationException.class,
                () -> session.createProducer(tooLong).send(session.createTextMessage("lost?")));
        assertTrue(refused.getMessage().contains("longer than " + Limits.MAX_DESTINATION_NAME_LENGTH),
                refused.getMessage());
        assertThrows(InvalidDestinationException.class, () -> session.createConsumer(tooLong));
        assertThrows(InvalidDestinationException.class, () -> session.createBrowser(tooLong).getEnumeration());
    }

    // ---- defect 5: a second CreateSession with the same id replaced the first, whose consumer lived on

    @Test
    void duplicateSessionIdIsRefusedAndClosingTheConnectionReleasesEveryConsumer() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("orphans");
        try (RawClient raw = raw()) {
            raw.call(new Command.CreateSession(SESSION, false));
            raw.call(new Command.CreateConsumer(SESSION, 1, (GannetDestination) queue, null, false,
                    SubscriptionSpec.PRIVATE, 1000));
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> raw.call(new Command.CreateSession(SESSION, true)));
            assertTrue(refused.getMessage().contains("exists already"), refused.getMessage());
            raw.call(new Command.Credit(SESSION, 1, 1)); // the first session and its consumer are untouched
            assertThrows(IllegalStateException.class, () -> raw.call(new Command.CreateConsumer(SESSION, 1,
                    (GannetDestination) queue, null, false, SubscriptionSpec.PRIVATE, 1000)));
        }
        MessageConsumer consumer = session.createConsumer(queue);
        MessageProducer producer = session.createProducer(queue);
        int count = 20;
        for (int i = 0; i < count; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
        for (int i = 0; i < count; i++) {
            assertEquals("m" + i, ((TextMessage) receive(consumer)).getText(), "no consumer of the closed raw"
                    + " connection may take messages");
        }
    }

    // ---- defect 6: every queued message kept the connection that sent it reachable

    @Test
    void closedConnectionsAreNotKeptReachableByTheMessagesTheySent() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("pinned");
        int connections = 20;
        List<WeakReference<ServerConnection>> closed = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            ServerConnection connection = broker().connect(new IgnoringEndpoint());
            connection.handle(new Command.Open(null, null, null)).get();
            connection.handle(new Command.CreateSession(SESSION, i % 2 == 0)).get();
            connection.handle(send("pinned", i % 3 == 0, 4, null, encodedText("from " + i))).get();
            if (i % 2 == 0) {
                connection.handle(new Command.Commit(SESSION, List.of())).get();
            }
            connection.handle(new Command.Close()).get();
            closed.add(new WeakReference<>(connection));
        }
        QueueBrowser browser = session.createBrowser(queue);
        assertEquals(connections, Collections.list(browser.getEnumeration()).size(), "the messages wait in the queue");
        long deadline = System.currentTimeMillis() + ARRIVES;
        while (closed.stream().anyMatch(reference -> reference.get() != null)) {
            assertTrue(System.currentTimeMillis() < deadline, closed.stream().filter(r -> r.get() != null).count()
                    + " of " + connections + " closed connections are still reachable");
            System.gc();
            Thread.sleep(20);
        }
    }

    // ---- defect 7: a message the broker cannot read was stored, and every selector evaluation logged a trace

    @Test
    void messageTheBrokerCannotReadIsRefusedAtSendTime() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("unreadable");
        try (RawClient raw = raw()) {
            raw.call(new Command.CreateSession(SESSION, false));
            MessageFormatException refused = assertThrows(MessageFormatException.class,
                    () -> raw.call(send("unreadable", true, 4, null, new byte[] {1, 2, 3})));
            assertTrue(refused.getMessage().contains("Cannot decode message"), refused.getMessage());
            assertThrows(MessageFormatException.class, () -> raw.call(send("unreadable", false, 4, null,
                    new byte[] {MessageCodec.FORMAT_VERSION, 1, 0, 0, 0})));
        }
        MessageConsumer selecting = session.createConsumer(queue, "color = 'red'");
        TextMessage red = session.createTextMessage("red");
        red.setStringProperty("color", "red");
        session.createProducer(queue).send(red);
        assertEquals("red", ((TextMessage) receive(selecting)).getText());
        assertEquals(0, Collections.list(session.createBrowser(queue).getEnumeration()).size());
    }

    // ---- defect 8: a send with missing parts failed inside the broker (on tcp, on a Netty thread)

    @Test
    void sendWithMissingPartsIsRefusedAndTheConnectionStaysUsable() throws Exception {
        connection();
        try (RawClient raw = raw()) {
            raw.call(new Command.CreateSession(SESSION, false));
            MessageFormatException noContent = assertThrows(MessageFormatException.class,
                    () -> raw.call(send("missing", true, 4, null, null)));
            assertTrue(noContent.getMessage().contains("no content"), noContent.getMessage());
            assertThrows(InvalidDestinationException.class, () -> raw.call(new Command.Send(SESSION,
                    new OutboundMessage(null, true, 4, 0, 0, null, encodedText("nowhere")))));
            raw.call(new Command.CreateSession(SESSION + 1, false));
            raw.call(send("missing", true, 4, null, encodedText("still served")));
        }
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Message message = receive(session.createConsumer(session.createQueue("missing")));
        assertEquals("still served", ((TextMessage) message).getText());
    }

    @Test
    void everyKindOfInvalidValueGetsTheExceptionTheSpecNames() throws Exception {
        connection();
        GannetDestination queue = GannetDestination.of(DestinationKind.QUEUE, "values");
        try (RawClient raw = raw()) {
            raw.call(new Command.CreateSession(SESSION, false));
            assertThrows(jakarta.jms.InvalidClientIDException.class, () -> raw.call(
                    new Command.SetClientId("c".repeat(Limits.MAX_CLIENT_ID_LENGTH + 1))));
            assertThrows(jakarta.jms.InvalidSelectorException.class, () -> raw.call(new Command.CreateConsumer(
                    SESSION, 1, queue, "a".repeat(Limits.MAX_SELECTOR_LENGTH + 1), false, null, 10)));
            assertThrows(InvalidDestinationException.class, () -> raw.call(
                    new Command.Unsubscribe("s".repeat(Limits.MAX_SUBSCRIPTION_NAME_LENGTH + 1))));
            assertThrows(InvalidDestinationException.class, () -> raw.call(
                    new Command.Browse(SESSION, 1, GannetDestination.of(DestinationKind.TOPIC, "t"), null, 10)));
            JMSException credit = assertThrows(JMSException.class, () -> raw.call(new Command.Credit(SESSION, 1, 0)));
            assertTrue(credit.getMessage().contains("Credit: count 0"), credit.getMessage());
            JMSException ids = assertThrows(JMSException.class,
                    () -> raw.call(new Command.Acknowledge(SESSION, List.of(-5L))));
            assertTrue(ids.getMessage().contains("delivery id -5"), ids.getMessage());
            assertThrows(MessageFormatException.class, () -> raw.call(new Command.Send(SESSION,
                    new OutboundMessage(queue, true, 4, -1, 0, null, encodedText("x")))));
            JMSException topicWithoutSubscription = assertThrows(JMSException.class, () -> raw.call(
                    new Command.CreateConsumer(SESSION, 2, GannetDestination.of(DestinationKind.TOPIC, "t"), null,
                            false, null, 10)));
            assertTrue(topicWithoutSubscription.getMessage().contains("needs a subscription"),
                    topicWithoutSubscription.getMessage());
            TextMessage longProperty = new GannetTextMessage("x");
            longProperty.setStringProperty("_GANNET_DUPLICATE_ID", "d".repeat(Limits.MAX_DUPLICATE_ID_LENGTH + 1));
            assertThrows(MessageFormatException.class, () -> raw.call(new Command.Send(SESSION, new OutboundMessage(
                    queue, true, 4, 0, 0, null, MessageCodec.encode((GannetTextMessage) longProperty)))));
            raw.call(new Command.CheckDestination(queue)); // and the connection goes on
        }
    }

    // ---- helpers

    private static Command.Send send(String queue, boolean persistent, int priority, String groupId, byte[] encoded) {
        return new Command.Send(SESSION, new OutboundMessage(GannetDestination.of(DestinationKind.QUEUE, queue),
                persistent, priority, 0, 0, groupId, encoded));
    }

    private static byte[] encodedText(String text) {
        GannetTextMessage message = new GannetTextMessage(text);
        return MessageCodec.encode(message);
    }

    /** A client that sends commands as they are: over a tcp socket, or (vm) to the broker's command entry. */
    private interface RawClient extends AutoCloseable {
        Object call(Command<?> command) throws JMSException;

        @Override
        void close();
    }

    private RawClient raw() throws IOException, JMSException {
        if (TCP) {
            RawTcpClient client = RawTcpClient.connect(Integer.parseInt(brokerUrl.substring(
                    brokerUrl.lastIndexOf(':') + 1)));
            return new RawClient() {
                @Override
                public Object call(Command<?> command) throws JMSException {
                    return client.call(command);
                }

                @Override
                public void close() {
                    client.close();
                }
            };
        }
        ServerConnection connection = broker().connect(new IgnoringEndpoint());
        RawClient client = new RawClient() {
            @Override
            public Object call(Command<?> command) throws JMSException {
                CompletableFuture<?> answer = connection.handle(command);
                try {
                    return answer.get(ARRIVES, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
                    if (cause instanceof JMSException jms) {
                        throw jms;
                    }
                    throw new AssertionError("not a JMSException: " + cause, cause);
                } catch (InterruptedException | TimeoutException e) {
                    throw new AssertionError("no answer to " + command, e);
                }
            }

            @Override
            public void close() {
                connection.handle(new Command.Close());
            }
        };
        client.call(new Command.Open(null, null, null));
        return client;
    }

    /** The end of a raw vm connection: nothing is delivered to it that a test reads. */
    private static final class IgnoringEndpoint implements ClientEndpoint {
        @Override
        public void deliver(Delivery delivery) {
        }

        @Override
        public void sendFailed(JMSException cause) {
        }

        @Override
        public void connectionFailed(JMSException cause) {
        }
    }
}
