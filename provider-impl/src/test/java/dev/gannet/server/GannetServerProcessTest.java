package dev.gannet.server;

import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The standalone server as an operator runs it: {@link GannetServer} in its own JVM, reached by JMS clients in this
 * one over tcp on 127.0.0.1, stopped by signals.
 */
@Timeout(240)
class GannetServerProcessTest {

    /** How long a message that must arrive may take. */
    private static final long ARRIVES = 10_000;
    /** How long a server may take to stop after SIGTERM. */
    private static final long STOPS = 30_000;

    @TempDir
    Path directory;
    private final List<ServerProcess> servers = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void killServersAndCloseConnections() {
        for (ServerProcess server : servers) {
            server.close();
        }
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (JMSException e) {
                // the server is gone; nothing else to release
            }
        }
    }

    /** Starts a server on {@code data} in the temporary directory with tcp.port=0, and returns its port. */
    private int startServer(String... extraLines) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>(List.of("broker.name=standalone", "data.directory=data", "tcp.port=0",
                "queues=orders", "topics=news"));
        lines.addAll(List.of(extraLines));
        ServerProcess server = ServerProcess.launch(directory.resolve("gannet.properties"), lines);
        servers.add(server);
        return server.awaitListening();
    }

    private ServerProcess lastServer() {
        return servers.get(servers.size() - 1);
    }

    private Connection connect(int port, String options) throws JMSException {
        Connection connection = new GannetConnectionFactory("tcp://127.0.0.1:" + port + options).createConnection();
        connections.add(connection);
        return connection;
    }

    @Test
    void clientInAnotherJvmSendsToAndReceivesFromAQueue() throws Exception {
        int port = startServer();
        Connection connection = connect(port, "?clientID=queue-client");
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue orders = session.createQueue("orders");
        MessageConsumer consumer = session.createConsumer(orders);
        session.createProducer(orders).send(session.createTextMessage("order 1"));

        Message received = consumer.receive(ARRIVES);
        assertNotNull(received, "message sent over tcp came back");
        assertEquals("order 1", received.getBody(String.class));
    }

    @Test
    void clientInAnotherJvmPublishesToAndSubscribesToAPreCreatedTopic() throws Exception {
        int port = startServer();
        Connection connection = connect(port, "");
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic news = session.createTopic("news");
        MessageConsumer first = session.createConsumer(news);
        MessageConsumer second = session.createConsumer(news);
        session.createProducer(news).send(session.createTextMessage("headline"));

        assertEquals("headline", first.receive(ARRIVES).getBody(String.class));
        assertEquals("headline", second.receive(ARRIVES).getBody(String.class), "every subscriber gets a copy");
    }

    @Test
    void sigtermStopsWithStatusZeroAndRestartDeliversUnconsumedPersistentMessages() throws Exception {
        int port = startServer();
        Connection connection = connect(port, "");
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue orders = session.createQueue("orders");
        MessageProducer producer = session.createProducer(orders);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (int i = 1; i <= 5; i++) {
            producer.send(session.createTextMessage("order " + i));
        }
        MessageConsumer consumer = session.createConsumer(orders);
        assertEquals("order 1", consumer.receive(ARRIVES).getBody(String.class));
        assertEquals("order 2", consumer.receive(ARRIVES).getBody(String.class));
        consumer.close(); // prefetched but unconsumed messages return to the queue
        connection.close();

        lastServer().terminate();
        assertEquals(0, lastServer().awaitExit(STOPS), "exit status after SIGTERM");

        int restartedPort = startServer();
        Connection again = connect(restartedPort, "");
        again.start();
        Session restartedSession = again.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer restartedConsumer = restartedSession.createConsumer(restartedSession.createQueue("orders"));
        for (int i = 3; i <= 5; i++) {
            Message message = restartedConsumer.receive(ARRIVES);
            assertNotNull(message, "order " + i + " survived the restart");
            assertEquals("order " + i, message.getBody(String.class));
        }
        assertNull(restartedConsumer.receive(500), "consumed messages stay consumed");
    }

    /** What the producers of the in-flight test recorded: each sequence value whose send returned or threw. */
    private record SendRecord(Set<String> confirmed, Set<String> failed) {
    }

    @Test
    void sigtermDuringPersistentSendsLosesNoConfirmedMessageAndInventsNone() throws Exception {
        int port = startServer();
        SendRecord record = new SendRecord(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            Connection connection = connect(port, "?clientID=producer-" + p);
            String prefix = "p" + p + "-";
            Thread thread = new Thread(() -> sendUntilFailure(connection, prefix, record), "producer-" + p);
            thread.setDaemon(true);
            producers.add(thread);
        }
        producers.forEach(Thread::start);
        Deadline.awaitTrue("300 persistent sends confirmed", 60_000, () -> record.confirmed().size() >= 300);

        lastServer().terminate();
        for (Thread producer : producers) {
            producer.join(STOPS);
            assertFalse(producer.isAlive(), producer.getName() + " saw its send fail after SIGTERM");
        }
        assertEquals(0, lastServer().awaitExit(STOPS), "exit status after SIGTERM");

        int restartedPort = startServer();
        Connection drain = connect(restartedPort, "");
        drain.start();
        Session session = drain.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue("inflight"));
        Set<String> found = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (Message message = consumer.receive(ARRIVES); message != null; message = consumer.receive(3000)) {
            String sequence = message.getStringProperty("seq");
            if (!found.add(sequence)) {
                duplicates.add(sequence);
            }
        }
        Set<String> lost = new HashSet<>(record.confirmed());
        lost.removeAll(found);
        Set<String> invented = new HashSet<>(found);
        invented.removeAll(record.confirmed());
        invented.removeAll(record.failed());
        long inDoubtFound = record.failed().stream().filter(found::contains).count();
        System.out.printf("in-flight sends across SIGTERM: sent ok %d, failed %d, found after restart %d"
                        + " (of the failed: %d found), lost %d, invented %d, duplicates %d%n",
                record.confirmed().size(), record.failed().size(), found.size(), inDoubtFound, lost.size(),
                invented.size(), duplicates.size());
        assertTrue(lost.isEmpty(), "every send that returned is stored: lost " + lost);
        assertTrue(invented.isEmpty(), "only sent messages are stored: found " + invented);
        assertTrue(duplicates.isEmpty(), "each message is stored once: duplicates " + duplicates);
    }

    /** Sends persistent messages numbered {@code prefix + i} until a send throws, recording each outcome. */
    private static void sendUntilFailure(Connection connection, String prefix, SendRecord record) {
        try {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("inflight"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; ; i++) {
                String sequence = prefix + i;
                TextMessage message = session.createTextMessage("in flight " + sequence);
                message.setStringProperty("seq", sequence);
                try {
                    producer.send(message);
                    record.confirmed().add(sequence);
                } catch (JMSException e) {
                    record.failed().add(sequence);
                    return;
                }
            }
        } catch (JMSException e) {
            // the connection failed before or between sends: nothing was sent that is not recorded
        }
    }

    @Test
    void killedServerIsDetectedByTheExceptionListenerAndABlockedReceiveReturns() throws Exception {
        int port = startServer("tcp.heartbeat.interval.ms=200", "tcp.heartbeat.timeout.ms=1000");
        Connection connection = connect(port, "?heartbeatInterval=200&heartbeatTimeout=1000");
        CompletableFuture<JMSException> failure = new CompletableFuture<>();
        connection.setExceptionListener(failure::complete);
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue("orders"));
        CompletableFuture<Object> receiveOutcome = new CompletableFuture<>();
        Thread receiver = new Thread(() -> {
            try {
                receiveOutcome.complete(consumer.receive());
            } catch (JMSException | RuntimeException e) {
                receiveOutcome.complete(e);
            }
        }, "blocked-receiver");
        receiver.setDaemon(true);
        receiver.start();
        Deadline.awaitTrue("receiver blocked in receive()", ARRIVES,
                () -> receiver.getState() == Thread.State.WAITING || receiver.getState() == Thread.State.TIMED_WAITING);

        lastServer().kill();

        assertNotNull(failure.get(ARRIVES, TimeUnit.MILLISECONDS), "ExceptionListener told of the lost server");
        Object outcome = receiveOutcome.get(ARRIVES, TimeUnit.MILLISECONDS);
        assertTrue(outcome == null || outcome instanceof Exception, "blocked receive() returns null or throws, got "
                + outcome);
        receiver.join(ARRIVES);
        assertFalse(receiver.isAlive(), "receiver thread is no longer blocked");
    }
}
