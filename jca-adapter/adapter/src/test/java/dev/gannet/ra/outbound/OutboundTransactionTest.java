package dev.gannet.ra.outbound;

import dev.gannet.ra.server.Narayana;
import dev.gannet.ra.server.PoolingConnectionManager;
import dev.gannet.ra.server.RunningAdapter;
import dev.gannet.ra.server.TestXid;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.LocalTransactionException;
import jakarta.transaction.TransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Transactions of pooled connections: global ones run by Narayana through the connection's XAResource (Connectors 2.1
 * chapter 7, Messaging 3.1 section 12.3), the container's local ones without events, and the application's local
 * ones (a transacted session outside a global transaction) announced as LOCAL_TRANSACTION_* events (section 7.7).
 */
class OutboundTransactionTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    Path directory;

    private RunningAdapter running;
    private TransactionManager transactions;
    private PoolingConnectionManager pool;
    private PooledConnectionFactory factory;

    @BeforeEach
    void start() throws Exception {
        running = RunningAdapter.embedded(directory);
        transactions = Narayana.transactionManager();
        pool = new PoolingConnectionManager(transactions);
        factory = running.connectionFactory(pool);
    }

    @AfterEach
    void stop() throws Exception {
        if (transactions.getTransaction() != null) {
            transactions.rollback();
        }
        running.close();
    }

    private void sendInTransaction(String queueName, String text, boolean commit) throws Exception {
        transactions.begin();
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            session.createProducer(session.createQueue(queueName)).send(session.createTextMessage(text));
        }
        if (commit) {
            transactions.commit();
        } else {
            transactions.rollback();
        }
    }

    @Test
    void aSendInACommittedGlobalTransactionIsDeliveredAndInARolledBackOneNot() throws Exception {
        sendInTransaction("global", "committed", true);
        sendInTransaction("global", "rolled back", false);
        assertEquals(List.of("committed"), running.drain("global", QUIET));
        assertEquals(1, pool.created(), "both transactions used the one pooled connection");
        assertEquals(List.of(ConnectionEvent.CONNECTION_CLOSED, ConnectionEvent.CONNECTION_CLOSED), pool.heardTypes(),
                "no local transaction events for global transactions");
    }

    @Test
    void inAGlobalTransactionSessionArgumentsAreIgnoredAndTheSessionIsTransacted() throws Exception {
        transactions.begin();
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            assertTrue(session.getTransacted(), "section 12.3: the session works in the global transaction");
            assertEquals(Session.SESSION_TRANSACTED, session.getAcknowledgeMode());
            TransactionInProgressException commit = assertThrows(TransactionInProgressException.class,
                    session::commit);
            assertTrue(commit.getMessage().contains("global"), commit.getMessage());
            assertThrows(TransactionInProgressException.class, session::rollback);
            assertThrows(IllegalStateException.class, session::recover);
            session.createProducer(session.createQueue("ignored")).send(session.createTextMessage("held"));
            assertEquals(List.of(), running.drain("ignored", QUIET), "held until the transaction commits");
        }
        transactions.commit();
        assertEquals(List.of("held"), running.drain("ignored", QUIET));
    }

    @Test
    void aContextInAGlobalTransactionSendsAndConsumesInIt() throws Exception {
        running.send("context-tx", false, "to consume");
        transactions.begin();
        try (JMSContext context = factory.createContext()) {
            assertTrue(context.getTransacted());
            assertEquals(JMSContext.SESSION_TRANSACTED, context.getSessionMode());
            assertThrows(TransactionInProgressRuntimeException.class, context::commit);
            Queue queue = context.createQueue("context-tx");
            assertEquals("to consume", context.createConsumer(queue).receiveBody(String.class, 5_000));
            context.createProducer().send(context.createQueue("context-out"), "sent");
        }
        transactions.rollback();
        assertEquals(List.of("to consume"), running.drain("context-tx", Duration.ofSeconds(2)),
                "the rollback returned the consumed message");
        assertEquals(List.of(), running.drain("context-out", QUIET), "and dropped the sent one");
    }

    @Test
    void anApplicationsTransactedSessionAnnouncesItsLocalTransactions() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            assertTrue(session.getTransacted());
            Queue queue = session.createQueue("local");
            var producer = session.createProducer(queue);
            producer.send(session.createTextMessage("kept"));
            producer.send(session.createTextMessage("kept too"));
            assertEquals(List.of(), running.drain("local", QUIET), "held until commit");
            session.commit();
            producer.send(session.createTextMessage("dropped"));
            session.rollback();
            session.commit(); // nothing done since: nothing to announce
        }
        assertEquals(List.of("kept", "kept too"), running.drain("local", QUIET));
        assertEquals(List.of(ConnectionEvent.LOCAL_TRANSACTION_STARTED, ConnectionEvent.LOCAL_TRANSACTION_COMMITTED,
                ConnectionEvent.LOCAL_TRANSACTION_STARTED, ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK,
                ConnectionEvent.CONNECTION_CLOSED), pool.heardTypes());
    }

    @Test
    void closingATransactedSessionRollsItsLocalTransactionBack() throws Exception {
        running.send("local-close", false, "returned");
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            TextMessage taken = (TextMessage) session.createConsumer(session.createQueue("local-close"))
                    .receive(5_000);
            assertEquals("returned", taken.getText());
            session.close();
        }
        assertEquals(List.of("returned"), running.drain("local-close", Duration.ofSeconds(2)));
        assertEquals(List.of(ConnectionEvent.LOCAL_TRANSACTION_STARTED, ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK,
                ConnectionEvent.CONNECTION_CLOSED), pool.heardTypes());
    }

    @Test
    void theContainersLocalTransactionCommitsAndRollsBackWithoutEvents() throws Exception {
        GannetManagedConnectionFactory managedFactory = running.managedConnectionFactory();
        GannetManagedConnection managed = (GannetManagedConnection) managedFactory.createManagedConnection(null, null);
        PoolingConnectionManager listening = new PoolingConnectionManager(null);
        try {
            LocalTransaction local = managed.getLocalTransaction();
            for (boolean commit : new boolean[] {true, false}) {
                local.begin();
                Connection handle = (Connection) managed.getConnection(null, null);
                Session session = handle.createSession();
                assertTrue(session.getTransacted(), "the handle works in the container's transaction");
                assertThrows(TransactionInProgressException.class, session::commit);
                session.createProducer(session.createQueue("container-local"))
                        .send(session.createTextMessage(commit ? "committed" : "rolled back"));
                handle.close();
                if (commit) {
                    local.commit();
                } else {
                    local.rollback();
                }
            }
            assertThrows(LocalTransactionException.class, local::commit, "no local transaction under way");
        } finally {
            managed.destroy();
            listening.close();
        }
        assertEquals(List.of("committed"), running.drain("container-local", QUIET));
    }

    @Test
    void aGlobalTransactionCannotStartInsideALocalOne() throws Exception {
        GannetManagedConnection managed = (GannetManagedConnection) running.managedConnectionFactory()
                .createManagedConnection(null, null);
        try {
            managed.getLocalTransaction().begin();
            XAException refused = assertThrows(XAException.class, () -> managed.getXAResource()
                    .start(new TestXid(1), XAResource.TMNOFLAGS));
            assertEquals(XAException.XAER_PROTO, refused.errorCode);
            managed.getLocalTransaction().rollback();
        } finally {
            managed.destroy();
        }
    }

    @Test
    void outsideATransactionNothingIsHeld() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            assertFalse(session.getTransacted());
            IllegalStateException commit = assertThrows(IllegalStateException.class, session::commit);
            assertTrue(commit.getMessage().contains("not transacted"), commit.getMessage());
            session.createProducer(session.createQueue("plain")).send(session.createTextMessage("now"));
            assertEquals(List.of("now"), running.drain("plain", QUIET));
        }
    }
}
