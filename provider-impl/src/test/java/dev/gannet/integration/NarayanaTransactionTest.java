package dev.gannet.integration;

import dev.gannet.client.GannetXAConnectionFactory;
import dev.gannet.protocol.BranchId;
import dev.gannet.xa.narayana.CountingXAResource;
import dev.gannet.xa.narayana.InDoubt;
import dev.gannet.xa.narayana.NarayanaEnvironment;
import dev.gannet.xa.narayana.OrdersDatabase;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.transaction.xa.Xid;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gannet and a Derby XA data source in one JTA transaction with Narayana as the transaction manager (issue 12, "Proven
 * with Narayana"): what the application did on both sides is committed together or rolled back together. With two
 * resource managers Narayana runs two-phase commit; the counted resources ({@link CountingXAResource}) show it.
 */
class NarayanaTransactionTest extends BrokerTestSupport {

    @TempDir
    Path databaseDirectory;
    private TransactionManager transactionManager;
    private OrdersDatabase database;
    private GannetXAConnectionFactory xaFactory;
    private final List<AutoCloseable> xaOpened = new ArrayList<>();

    @BeforeEach
    void enlistables() throws Exception {
        transactionManager = NarayanaEnvironment.transactionManager();
        database = new OrdersDatabase(databaseDirectory.resolve("orders"));
        xaFactory = new GannetXAConnectionFactory(brokerUrl);
    }

    @AfterEach
    void closeEnlistables() throws Exception {
        if (transactionManager.getStatus() != Status.STATUS_NO_TRANSACTION) {
            transactionManager.rollback(); // a failed test leaves nothing associated with the thread
        }
        for (int i = xaOpened.size() - 1; i >= 0; i--) {
            xaOpened.get(i).close();
        }
        database.close();
    }

    private XASession xaSession() throws Exception {
        XAConnection connection = xaFactory.createXAConnection();
        xaOpened.add(connection);
        connection.start();
        return connection.createXASession();
    }

    private javax.sql.XAConnection databaseConnection() throws Exception {
        javax.sql.XAConnection connection = database.xaConnection();
        xaOpened.add(connection::close);
        return connection;
    }

    /** Begins a transaction with the database and then {@code gannet} enlisted, counted. */
    private Enlisted begin(XASession gannet) throws Exception {
        transactionManager.begin();
        javax.sql.XAConnection sql = databaseConnection();
        CountingXAResource db = new CountingXAResource("derby", sql.getXAResource());
        CountingXAResource broker = new CountingXAResource("gannet", gannet.getXAResource());
        Transaction transaction = transactionManager.getTransaction();
        assertTrue(transaction.enlistResource(db));
        assertTrue(transaction.enlistResource(broker));
        return new Enlisted(db, broker, sql);
    }

    private record Enlisted(CountingXAResource database, CountingXAResource broker, javax.sql.XAConnection sql) {
        void insert(String id) throws Exception {
            try (Connection connection = sql.getConnection()) {
                OrdersDatabase.insert(connection, id, "row of " + id);
            }
        }

        void assertTwoPhaseCommit() {
            for (CountingXAResource resource : List.of(database, broker)) {
                assertEquals(1, resource.prepares(), resource + " prepared");
                assertEquals(1, resource.twoPhaseCommits(), resource + " committed in phase two");
                assertEquals(0, resource.onePhaseCommits(), resource + " not committed in one phase");
            }
        }
    }

    private static String text(Message message) throws Exception {
        return ((TextMessage) message).getText();
    }

    @Test
    void aSendAndAnInsertAreCommittedTogether() throws Exception {
        XASession gannet = xaSession();
        Queue queue = gannet.getSession().createQueue("xa-send-commit");
        MessageConsumer observer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        Enlisted enlisted = begin(gannet);
        gannet.getSession().createProducer(queue).send(gannet.getSession().createTextMessage("order-1"));
        enlisted.insert("order-1");
        assertNull(observer.receive(ABSENT), "a send of an open global transaction is invisible");

        transactionManager.commit();

        assertEquals("order-1", text(receive(observer)));
        assertEquals(1, database.count("order-1"));
        enlisted.assertTwoPhaseCommit();
    }

    @Test
    void aSendAndAnInsertAreRolledBackTogether() throws Exception {
        XASession gannet = xaSession();
        Queue queue = gannet.getSession().createQueue("xa-send-rollback");
        Enlisted enlisted = begin(gannet);
        gannet.getSession().createProducer(queue).send(gannet.getSession().createTextMessage("order-2"));
        enlisted.insert("order-2");

        transactionManager.rollback();

        assertNull(session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue).receive(ABSENT));
        assertEquals(0, database.count("order-2"));
        assertEquals(1, enlisted.broker().rollbacks());
        assertEquals(0, enlisted.broker().prepares());
    }

    @Test
    void aConsumeAndAnInsertAreCommittedTogether() throws Exception {
        Session plain = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = plain.createQueue("xa-consume-commit");
        plain.createProducer(queue).send(plain.createTextMessage("order-3"));
        XASession gannet = xaSession();
        MessageConsumer consumer = gannet.getSession().createConsumer(queue);
        Enlisted enlisted = begin(gannet);
        String order = text(receive(consumer));
        enlisted.insert(order);

        transactionManager.commit();

        assertEquals("order-3", order);
        assertEquals(1, database.count("order-3"));
        consumer.close();
        assertNull(plain.createConsumer(queue).receive(ABSENT), "the committed consume took the order for good");
        enlisted.assertTwoPhaseCommit();
    }

    @Test
    void aRolledBackConsumeReturnsTheOrderRedeliveredAndLeavesNoRow() throws Exception {
        Session plain = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = plain.createQueue("xa-consume-rollback");
        plain.createProducer(queue).send(plain.createTextMessage("order-4"));
        XASession gannet = xaSession();
        MessageConsumer consumer = gannet.getSession().createConsumer(queue);
        Enlisted enlisted = begin(gannet);
        enlisted.insert(text(receive(consumer)));

        transactionManager.rollback();
        consumer.close();

        Message again = receive(plain.createConsumer(queue));
        assertEquals("order-4", text(again));
        assertTrue(again.getJMSRedelivered());
        assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
        assertEquals(0, database.count("order-4"));
    }

    @Test
    void aTransactionMarkedRollbackOnlyRollsBackBothSides() throws Exception {
        Session plain = session(Session.AUTO_ACKNOWLEDGE);
        Queue in = plain.createQueue("xa-rollback-only-in");
        Queue out = plain.createQueue("xa-rollback-only-out");
        plain.createProducer(in).send(plain.createTextMessage("order-5"));
        XASession gannet = xaSession();
        MessageConsumer consumer = gannet.getSession().createConsumer(in);
        Enlisted enlisted = begin(gannet);
        String order = text(receive(consumer));
        enlisted.insert(order);
        gannet.getSession().createProducer(out).send(gannet.getSession().createTextMessage("confirmed " + order));
        transactionManager.setRollbackOnly();

        assertThrows(RollbackException.class, transactionManager::commit);

        consumer.close();
        assertEquals("order-5", text(receive(plain.createConsumer(in))), "the consumed order is back");
        assertNull(plain.createConsumer(out).receive(ABSENT), "the confirmation was never sent");
        assertEquals(0, database.count("order-5"));
        assertEquals(0, enlisted.broker().prepares(), "a rollback-only transaction prepares nothing");
    }

    /**
     * Two XA sessions of the broker, each its own branch (Narayana gives counted resources their own branch), and the
     * database: three branches, really two-phase: when the first commit goes out, the broker holds both of its branches
     * prepared, as its {@code recover} over a third connection shows.
     */
    @Test
    void twoBrokerBranchesAndTheDatabaseCommitInTwoPhases() throws Exception {
        XASession first = xaSession();
        XASession second = xaSession();
        Queue queue = first.getSession().createQueue("xa-two-branches");
        MessageConsumer observer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        Enlisted enlisted = begin(first);
        CountingXAResource secondBranch = new CountingXAResource("gannet-2", second.getXAResource());
        assertTrue(transactionManager.getTransaction().enlistResource(secondBranch));
        AtomicReference<List<Xid>> inDoubtAtPhaseTwo = new AtomicReference<>();
        CountingXAResource.Step lookOnce = xid -> {
            if (inDoubtAtPhaseTwo.get() == null) {
                inDoubtAtPhaseTwo.set(InDoubt.inBroker(xaFactory));
            }
        };
        for (CountingXAResource resource : List.of(enlisted.database(), enlisted.broker(), secondBranch)) {
            resource.beforeCommit(lookOnce);
        }
        first.getSession().createProducer(queue).send(first.getSession().createTextMessage("from branch 1"));
        second.getSession().createProducer(queue).send(second.getSession().createTextMessage("from branch 2"));
        enlisted.insert("order-6");

        transactionManager.commit();

        enlisted.assertTwoPhaseCommit();
        assertEquals(1, secondBranch.prepares());
        assertEquals(1, secondBranch.twoPhaseCommits());
        Xid one = enlisted.broker().preparedXids().get(0);
        Xid two = secondBranch.preparedXids().get(0);
        assertArrayEquals(one.getGlobalTransactionId(), two.getGlobalTransactionId(), "one global transaction");
        assertFalse(Arrays.equals(one.getBranchQualifier(), two.getBranchQualifier()), "two branches");
        List<BranchId> prepared = inDoubtAtPhaseTwo.get().stream().map(BranchId::of).toList();
        assertTrue(prepared.contains(BranchId.of(one)) && prepared.contains(BranchId.of(two)),
                "both broker branches prepared when phase two began: " + prepared);
        List<String> received = List.of(text(receive(observer)), text(receive(observer)));
        assertEquals(List.of("from branch 1", "from branch 2"), received.stream().sorted().toList());
        assertEquals(1, database.count("order-6"));
        assertTrue(InDoubt.inBroker(xaFactory).isEmpty(), "nothing left in doubt");
    }

    /**
     * Two XA sessions of one broker are one resource manager ({@code isSameRM}), so Narayana makes the second join the
     * first's branch ({@code TMJOIN}): the broker prepares one branch holding both sessions' work.
     */
    @Test
    void twoSessionsOfOneBrokerJoinOneBranch() throws Exception {
        XASession first = xaSession();
        XASession second = xaSession();
        assertTrue(first.getXAResource().isSameRM(second.getXAResource()), "one broker, one resource manager");
        Queue queue = first.getSession().createQueue("xa-joined");
        MessageConsumer observer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        transactionManager.begin();
        javax.sql.XAConnection sql = databaseConnection();
        CountingXAResource db = new CountingXAResource("derby", sql.getXAResource());
        Transaction transaction = transactionManager.getTransaction();
        assertTrue(transaction.enlistResource(db));
        assertTrue(transaction.enlistResource(first.getXAResource()));
        assertTrue(transaction.enlistResource(second.getXAResource()));
        AtomicReference<List<Xid>> inDoubtAtPhaseTwo = new AtomicReference<>();
        db.beforeCommit(xid -> inDoubtAtPhaseTwo.compareAndSet(null, InDoubt.inBroker(xaFactory)));
        first.getSession().createProducer(queue).send(first.getSession().createTextMessage("joined 1"));
        second.getSession().createProducer(queue).send(second.getSession().createTextMessage("joined 2"));
        try (Connection connection = sql.getConnection()) {
            OrdersDatabase.insert(connection, "order-7", "joined");
        }

        transactionManager.commit();

        byte[] global = db.preparedXids().get(0).getGlobalTransactionId();
        List<Xid> ours = inDoubtAtPhaseTwo.get().stream()
                .filter(xid -> Arrays.equals(global, xid.getGlobalTransactionId())).toList();
        assertNotNull(inDoubtAtPhaseTwo.get());
        assertEquals(1, ours.size(), "one broker branch for both sessions: " + ours);
        List<String> received = List.of(text(receive(observer)), text(receive(observer)));
        assertEquals(List.of("joined 1", "joined 2"), received.stream().sorted().toList());
        assertEquals(1, database.count("order-7"));
    }
}
