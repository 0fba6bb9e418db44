package dev.gannet.ra.outbound;

import dev.gannet.ra.server.PoolingConnectionManager;
import dev.gannet.ra.server.RunningAdapter;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.resource.spi.ConnectionEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application's handles on pooled connections (Connectors 2.1 section 6.5.4, Messaging 3.1 sections 12.2 and
 * 12.3), outside transactions: close gives the connection back to the pool, one session per connection, forbidden
 * methods refused with the exception the spec names.
 */
class ConnectionHandleTest {

    @TempDir
    Path directory;

    private RunningAdapter running;
    private PoolingConnectionManager pool;
    private PooledConnectionFactory factory;

    @BeforeEach
    void start() throws Exception {
        running = RunningAdapter.embedded(directory);
        pool = new PoolingConnectionManager(null);
        factory = running.connectionFactory(pool);
    }

    @AfterEach
    void stop() throws Exception {
        running.close();
    }

    @Test
    void closingAHandleTellsTheServerWhichReturnsTheConnectionToThePool() throws Exception {
        Connection first = factory.createConnection();
        first.close();
        assertEquals(List.of(ConnectionEvent.CONNECTION_CLOSED), pool.heardTypes());
        assertSame(first, pool.heard().get(0).handle(), "the event names the closed handle");
        assertEquals(1, pool.idle());
        Connection second = factory.createConnection();
        assertEquals(1, pool.created(), "the pooled connection served the second request");
        assertEquals(0, pool.idle());
        second.close();
        first.close();
        assertEquals(2, pool.heard().size(), "closing a closed handle again tells nobody");
    }

    @Test
    void aHandleSendsAndReceivesOutsideATransactionWithAutoAcknowledge() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            assertFalse(session.getTransacted());
            assertEquals(Session.AUTO_ACKNOWLEDGE, session.getAcknowledgeMode(),
                    "CLIENT_ACKNOWLEDGE is ignored in a container (section 12.3)");
            Queue queue = session.createQueue("handles");
            session.createProducer(queue).send(session.createTextMessage("one"));
            connection.start();
            TextMessage received = (TextMessage) session.createConsumer(queue).receive(5_000);
            assertEquals("one", received.getText());
        }
        assertEquals(List.of(), running.drain("handles", Duration.ofMillis(200)),
                "the message was acknowledged when received");
    }

    @Test
    void aConnectionHasOneSessionAtATime() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            IllegalStateException second = assertThrows(IllegalStateException.class, connection::createSession);
            assertTrue(second.getMessage().contains("one session per connection"), second.getMessage());
            session.close();
            assertNotNull(connection.createSession(Session.AUTO_ACKNOWLEDGE), "a closed session makes room");
        }
    }

    @Test
    void aContextCannotMakeAnotherContext() {
        try (JMSContext context = factory.createContext()) {
            IllegalStateRuntimeException e = assertThrows(IllegalStateRuntimeException.class,
                    () -> context.createContext(JMSContext.AUTO_ACKNOWLEDGE));
            assertTrue(e.getMessage().contains("section 12.2"), e.getMessage());
        }
    }

    @Test
    void methodsForbiddenInAContainerThrowIllegalStateException() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Topic topic;
            Session session = connection.createSession();
            topic = session.createTopic("forbidden");
            Queue queue = session.createQueue("forbidden");
            assertForbidden(() -> connection.setClientID("mine"), "Connection.setClientID");
            assertForbidden(() -> connection.setExceptionListener(e -> { }), "Connection.setExceptionListener");
            assertForbidden(connection::stop, "Connection.stop");
            assertForbidden(() -> connection.createConnectionConsumer(queue, null, null, 1),
                    "createConnectionConsumer");
            assertForbidden(() -> connection.createSharedConnectionConsumer(topic, "s", null, null, 1),
                    "Connection.createSharedConnectionConsumer");
            assertForbidden(() -> connection.createDurableConnectionConsumer(topic, "d", null, null, 1),
                    "Connection.createDurableConnectionConsumer");
            assertForbidden(() -> connection.createSharedDurableConnectionConsumer(topic, "sd", null, null, 1),
                    "Connection.createSharedDurableConnectionConsumer");
            assertNull(connection.getExceptionListener());
            assertForbidden(() -> session.setMessageListener(m -> { }), "Session.setMessageListener");
            assertForbidden(session::getMessageListener, "Session.getMessageListener");
            IllegalStateRuntimeException run = assertThrows(IllegalStateRuntimeException.class, session::run);
            assertTrue(run.getMessage().startsWith("Session.run must not be used"), run.getMessage());
            MessageConsumer consumer = session.createConsumer(queue);
            assertForbidden(() -> consumer.setMessageListener(m -> { }), "MessageConsumer.setMessageListener");
            assertForbidden(consumer::getMessageListener, "MessageConsumer.getMessageListener");
            MessageProducer producer = session.createProducer(queue);
            assertForbidden(() -> producer.send(session.createMessage(), new NoCompletion()),
                    "MessageProducer.send with a CompletionListener");
        }
    }

    private static void assertForbidden(Executable call, String method) {
        IllegalStateException e = assertThrows(IllegalStateException.class, call);
        assertTrue(e.getMessage().contains(method) && e.getMessage().contains("section 12.2"), e.getMessage());
    }

    @Test
    void contextMethodsForbiddenInAContainerThrowIllegalStateRuntimeException() {
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("forbidden");
            assertForbiddenRuntime(() -> context.setClientID("mine"), "JMSContext.setClientID");
            assertForbiddenRuntime(() -> context.setExceptionListener(e -> { }), "JMSContext.setExceptionListener");
            assertForbiddenRuntime(context::stop, "JMSContext.stop");
            JMSConsumer consumer = context.createConsumer(queue);
            assertForbiddenRuntime(() -> consumer.setMessageListener(m -> { }), "JMSConsumer.setMessageListener");
            assertForbiddenRuntime(consumer::getMessageListener, "JMSConsumer.getMessageListener");
            JMSProducer producer = context.createProducer();
            assertForbiddenRuntime(() -> producer.setAsync(new NoCompletion()), "JMSProducer.setAsync");
            assertSame(producer, producer.setAsync(null), "synchronous sends stay allowed");
        }
    }

    private static void assertForbiddenRuntime(Executable call, String method) {
        IllegalStateRuntimeException e = assertThrows(IllegalStateRuntimeException.class, call);
        assertTrue(e.getMessage().contains(method) && e.getMessage().contains("section 12.2"), e.getMessage());
    }

    @Test
    void aContextSendsAndReceivesWithItsProducersSettings() throws Exception {
        try (JMSContext context = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            assertFalse(context.getTransacted(), "SESSION_TRANSACTED is ignored in a container (section 12.3)");
            assertEquals(JMSContext.AUTO_ACKNOWLEDGE, context.getSessionMode());
            Queue queue = context.createQueue("context");
            context.createProducer().setProperty("region", "north").setJMSType("order").setPriority(7)
                    .send(queue, "first");
            TextMessage received = (TextMessage) context.createConsumer(queue).receive(5_000);
            assertEquals("first", received.getText());
            assertEquals("north", received.getStringProperty("region"));
            assertEquals("order", received.getJMSType());
            assertEquals(7, received.getJMSPriority());
        }
    }

    @Test
    void receiveBodyOfABodyThatDoesNotFitLeavesTheMessageUnacknowledged() throws Exception {
        running.send("bodies", false, "text, not bytes");
        try (JMSContext context = factory.createContext()) {
            JMSConsumer consumer = context.createConsumer(context.createQueue("bodies"));
            assertThrows(jakarta.jms.MessageFormatRuntimeException.class,
                    () -> consumer.receiveBody(byte[].class, 5_000));
            assertEquals("text, not bytes", consumer.receiveBody(String.class, 5_000),
                    "the message came back (JMSConsumer.receiveBody javadoc)");
        }
        assertEquals(List.of(), running.drain("bodies", Duration.ofMillis(200)), "and was acknowledged then");
        assertEquals(List.of(ConnectionEvent.CONNECTION_CLOSED), pool.heardTypes(),
                "the adapter's own local transactions raise no events");
    }

    @Test
    void closingAHandleClosesWhatWasOpenedThroughItAndDeletesTemporaryQueues() throws Exception {
        Connection connection = factory.createConnection();
        Session session = connection.createSession();
        TemporaryQueue temporary = session.createTemporaryQueue();
        MessageConsumer consumer = session.createConsumer(temporary);
        connection.close();
        assertThrows(IllegalStateException.class, () -> consumer.receive(10), "the consumer closed with the handle");
        assertThrows(IllegalStateException.class, session::createMessage, "the session closed with the handle");
        assertThrows(IllegalStateException.class, connection::createSession, "the handle is closed");
        try (Connection other = running.clientFactory().createConnection()) {
            Session otherSession = other.createSession();
            assertThrows(jakarta.jms.InvalidDestinationException.class,
                    () -> otherSession.createProducer(temporary).send(otherSession.createMessage()),
                    "the temporary queue was deleted");
        }
    }

    @Test
    void cleanupInvalidatesEveryHandle() throws Exception {
        GannetManagedConnectionFactory managedFactory = running.managedConnectionFactory();
        GannetManagedConnection managed = (GannetManagedConnection) managedFactory.createManagedConnection(null, null);
        try {
            Connection handle = (Connection) managed.getConnection(null, null);
            Session session = handle.createSession();
            managed.cleanup();
            assertThrows(IllegalStateException.class, handle::createSession);
            assertThrows(IllegalStateException.class, session::createMessage);
            Connection fresh = (Connection) managed.getConnection(null, null);
            assertNotNull(fresh.createSession(), "the cleaned-up connection serves new handles");
        } finally {
            managed.destroy();
        }
    }

    @Test
    void queueConnectionsKeepToTheirDomain() throws Exception {
        try (QueueConnection connection = factory.createQueueConnection()) {
            QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThrows(IllegalStateException.class, () -> session.createTopic("prices"));
            assertThrows(IllegalStateException.class, () -> ((jakarta.jms.TopicConnection) connection)
                    .createTopicSession(false, Session.AUTO_ACKNOWLEDGE));
            assertNotNull(session.createSender(session.createQueue("orders")));
        }
    }

    private static final class NoCompletion implements jakarta.jms.CompletionListener {
        @Override
        public void onCompletion(jakarta.jms.Message message) {
        }

        @Override
        public void onException(jakarta.jms.Message message, Exception exception) {
        }
    }
}
