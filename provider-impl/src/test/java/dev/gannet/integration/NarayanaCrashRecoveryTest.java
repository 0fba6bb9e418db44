package dev.gannet.integration;

import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.broker.Broker;
import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.client.GannetXAConnectionFactory;
import dev.gannet.protocol.BranchId;
import dev.gannet.server.GannetServer;
import dev.gannet.transport.tcp.TcpOptions;
import dev.gannet.transport.tcp.server.TcpAcceptor;
import dev.gannet.xa.narayana.ChildJvm;
import dev.gannet.xa.narayana.CrashingTransactionManager;
import dev.gannet.xa.narayana.CrashingTransactionManager.CrashPoint;
import dev.gannet.xa.narayana.GannetXAResourceRecovery;
import dev.gannet.xa.narayana.InDoubt;
import dev.gannet.xa.narayana.NarayanaEnvironment;
import dev.gannet.xa.narayana.OrderTransfer;
import dev.gannet.xa.narayana.OrdersDatabase;
import dev.gannet.xa.narayana.RecoveringTransactionManager;
import dev.gannet.xa.narayana.Tally;
import dev.gannet.xa.narayana.Tally.Outcome;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.XAConnection;
import jakarta.transaction.TransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.transaction.xa.Xid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Crashes between prepare and commit, completed by Narayana's recovery manager with {@link GannetXAResourceRecovery}
 * registered (issue 12, "Proven with Narayana"). Each transaction consumes an order, inserts it into Derby and sends
 * its confirmation ({@link OrderTransfer}); afterwards {@link Tally} checks every order: its effects there exactly once
 * if its transaction committed, the order back on its queue and nothing else if it rolled back. The tally of the whole
 * class (committed, rolled back, recovered, lost, duplicated) is logged at the end.
 *
 * <ul>
 * <li>The broker dies: a standalone server process, killed with SIGKILL when Narayana, in this JVM, is about to send
 * the broker its commit; restarted on the same data directory; recovery commits the branch. Over tcp only: a vm broker
 * lives in the transaction manager's JVM, which the next case kills.</li>
 * <li>The transaction manager dies: a child JVM halts after both resources prepared (before the commit decision was
 * logged: recovery rolls back, presumed abort) or when the first commit is about to go out (after the decision:
 * recovery commits); a fresh JVM on the same object store recovers. Over tcp the broker runs in this JVM and
 * survives; over vm it runs in the dying JVM and dies with it.</li>
 * </ul>
 */
@EnabledOnOs({OS.LINUX, OS.MAC}) // SIGKILL, and the exit status 128 + 9 a JVM reports for it
@Timeout(600)
class NarayanaCrashRecoveryTest {

    private static final Logger LOG = LoggerFactory.getLogger(NarayanaCrashRecoveryTest.class);
    private static final Tally TOTAL = new Tally();
    private static final String TRANSPORT = BrokerTestSupport.TCP ? "tcp" : "vm";
    private static final Pattern LISTENING = Pattern.compile("listening on tcp://[^ ]+:(\\d+) ");
    private static final Pattern IN_DOUBT_BEFORE =
            Pattern.compile("in doubt before recovery: (gannet=\\d+ derby=\\d+)");
    /** How long a JVM may take to start Derby and get going on a busy 2-core machine. */
    private static final long STARTS = 120_000;
    /** An empty receive this long ends the drain of a queue. */
    private static final long DRAINED = 1_000;
    private static final int MAX_SCANS = 20;

    @TempDir
    Path directory;

    @AfterAll
    static void logTally() {
        LOG.info("Narayana crash tally over {}: {}", TRANSPORT, TOTAL);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------- the broker dies

    @Test
    void aBrokerKilledBetweenPrepareAndCommitIsCommittedByRecoveryAfterItsRestart() throws Exception {
        assumeTrue(BrokerTestSupport.TCP, "the broker as a process of its own is reached over tcp");
        int port = freePort();
        Path config = directory.resolve("gannet.properties");
        Files.write(config, List.of("broker.name=xa-crash", "data.directory=broker", "tcp.host=127.0.0.1",
                "tcp.port=" + port, "queues=" + OrderTransfer.ORDERS + "," + OrderTransfer.CONFIRMATIONS));
        String url = "tcp://127.0.0.1:" + port;
        GannetXAConnectionFactory factory = new GannetXAConnectionFactory(url);
        TransactionManager transactionManager = NarayanaEnvironment.transactionManager();
        RecoveryManager recoveryManager = NarayanaEnvironment.recoveryManager();
        XARecoveryModule module = NarayanaEnvironment.xaRecoveryModule();
        List<ChildJvm> servers = new ArrayList<>();
        Map<String, Outcome> expected = new LinkedHashMap<>();
        try (OrdersDatabase database = new OrdersDatabase(directory.resolve("orders"));
             GannetXAResourceRecovery gannetRecovery = new GannetXAResourceRecovery(factory)) {
            XAResourceRecoveryHelper databaseRecovery = database.recovery();
            module.addXAResourceRecoveryHelper(gannetRecovery);
            module.addXAResourceRecoveryHelper(databaseRecovery);
            try {
                ChildJvm server = startServer(config, servers);
                sendOrders(url, "order-1", "order-2", "order-3");

                XAConnection connection = factory.createXAConnection();
                connection.start();
                OrderTransfer transfers = new OrderTransfer(transactionManager, connection, database);
                try (OrderTransfer.Transfer committed = transfers.begin(STARTS)) {
                    transactionManager.commit();
                    expected.put(committed.order(), Outcome.COMMITTED);
                }

                Xid crashed;
                try (OrderTransfer.Transfer transfer = transfers.begin(STARTS)) {
                    transfer.broker().beforeCommit(xid -> {
                        int status = server.kill();
                        LOG.info("broker killed before its commit of {}: exit status {}", transfer.order(), status);
                        assertEquals(ChildJvm.KILLED, status);
                    });
                    transactionManager.commit(); // the broker's commit fails (XAER_RMFAIL): left to recovery
                    assertEquals(1, transfer.broker().prepares());
                    assertEquals(0, transfer.broker().twoPhaseCommits(), "the broker died before committing");
                    assertEquals(1, transfer.database().twoPhaseCommits(), "the database committed");
                    crashed = transfer.broker().preparedXids().get(0);
                    expected.put(transfer.order(), Outcome.RECOVERED_COMMIT);
                }
                closeQuietly(connection);

                recoveryManager.scan(); // the broker is down: this scan skips it, the next ones find it again
                startServer(config, servers);
                List<BranchId> inDoubt = InDoubt.inBroker(factory).stream().map(BranchId::of).toList();
                assertTrue(inDoubt.contains(BranchId.of(crashed)),
                        "the prepared branch survived SIGKILL, in doubt: " + inDoubt);
                int scans = scanUntilNothingInDoubt(recoveryManager, factory);
                LOG.info("recovery completed the broker's branch after {} scans once the broker was back", scans);

                XAConnection again = factory.createXAConnection();
                again.start();
                try (OrderTransfer.Transfer rolledBack = new OrderTransfer(transactionManager, again, database)
                        .begin(STARTS)) {
                    transactionManager.rollback();
                    expected.put(rolledBack.order(), Outcome.ROLLED_BACK);
                }
                again.close();
                assertEquals(List.of("order-1", "order-2", "order-3"), List.copyOf(expected.keySet()));

                check(expected, url, database, "broker killed");
            } finally {
                module.removeXAResourceRecoveryHelper(gannetRecovery);
                module.removeXAResourceRecoveryHelper(databaseRecovery);
                servers.forEach(ChildJvm::close);
            }
        }
    }

    private ChildJvm startServer(Path config, List<ChildJvm> servers) throws Exception {
        ChildJvm server = ChildJvm.start(directory.resolve("server-" + (servers.size() + 1) + ".log"),
                GannetServer.class, config.toString());
        servers.add(server);
        server.awaitLine(LISTENING, STARTS);
        return server;
    }

    private static int scanUntilNothingInDoubt(RecoveryManager recoveryManager, GannetXAConnectionFactory factory)
            throws Exception {
        for (int scans = 1; scans <= MAX_SCANS; scans++) {
            recoveryManager.scan();
            if (InDoubt.inBroker(factory).isEmpty()) {
                return scans;
            }
        }
        throw new AssertionError("still in doubt after " + MAX_SCANS + " recovery scans: "
                + InDoubt.inBroker(factory));
    }

    // ----------------------------------------------------------------------------- the transaction manager dies

    @Test
    void aTransactionManagerDeadAfterItsCommitDecisionIsCommittedByAFreshOne() throws Exception {
        transactionManagerDies(CrashPoint.AT_COMMIT, Outcome.RECOVERED_COMMIT);
    }

    @Test
    void aTransactionManagerDeadBeforeItsCommitDecisionIsRolledBackByAFreshOne() throws Exception {
        transactionManagerDies(CrashPoint.AFTER_PREPARE, Outcome.RECOVERED_ROLLBACK);
    }

    private void transactionManagerDies(CrashPoint crashPoint, Outcome outcome) throws Exception {
        Path objectStore = directory.resolve("object-store");
        Path orders = directory.resolve("orders");
        String name = "xa-tm-crash-" + UUID.randomUUID().toString().substring(0, 8);
        Broker broker = null;
        TcpAcceptor acceptor = null;
        String url;
        if (BrokerTestSupport.TCP) {
            int port = freePort();
            broker = Broker.start(new BrokerConfig(name, directory.resolve("broker"), DestinationPolicies.none()));
            acceptor = TcpAcceptor.start(broker, "127.0.0.1", port, TcpOptions.defaults());
            url = "tcp://127.0.0.1:" + port;
        } else {
            url = "vm://" + name + "?dataDirectory=" + directory.resolve("broker");
        }
        try {
            sendOrders(url, "order-1");
            stopVmBroker(name); // the child JVMs open its store; over tcp the broker keeps running here

            try (ChildJvm crashing = ChildJvm.start(directory.resolve("tm-1.log"), CrashingTransactionManager.class,
                    objectStore.toString(), url, orders.toString(), crashPoint.name())) {
                assertEquals(CrashingTransactionManager.HALTED, crashing.awaitExit(STARTS), crashing.output());
                LOG.info("first transaction manager: {}", crashing.output().lines()
                        .filter(line -> line.startsWith("halting")).findFirst().orElse("?"));
            }
            try (ChildJvm recovering = ChildJvm.start(directory.resolve("tm-2.log"),
                    RecoveringTransactionManager.class, objectStore.toString(), url, orders.toString())) {
                assertEquals(0, recovering.awaitExit(STARTS + 60_000L), recovering.output());
                assertEquals("gannet=1 derby=1", recovering.awaitLine(IN_DOUBT_BEFORE, 0),
                        "both branches were in doubt when the fresh transaction manager started");
                LOG.info("fresh transaction manager: {}", recovering.output().lines()
                        .filter(line -> line.startsWith("in doubt")).toList());
            }

            try (OrdersDatabase database = new OrdersDatabase(orders)) {
                check(Map.of("order-1", outcome), url, database, "transaction manager died " + crashPoint);
            } finally {
                stopVmBroker(name);
            }
        } finally {
            if (acceptor != null) {
                acceptor.close();
                broker.close();
            }
        }
    }

    private static void stopVmBroker(String name) {
        if (!BrokerTestSupport.TCP) {
            EmbeddedBroker.stop(name);
        }
    }

    // ------------------------------------------------------------------------------------------------- the books

    private static void sendOrders(String url, String... orders) {
        try (JMSContext context = new GannetConnectionFactory(url).createContext()) {
            for (String order : orders) {
                context.createProducer().send(context.createQueue(OrderTransfer.ORDERS), order);
            }
        }
    }

    private static List<String> drain(JMSContext context, String queue) {
        List<String> bodies = new ArrayList<>();
        try (JMSConsumer consumer = context.createConsumer(context.createQueue(queue))) {
            String body;
            while ((body = consumer.receiveBody(String.class, DRAINED)) != null) {
                bodies.add(body);
            }
        }
        return bodies;
    }

    /** Drains both queues, reads the rows, checks {@code expected} and adds the tally to the class's. */
    private static void check(Map<String, Outcome> expected, String url, OrdersDatabase database, String scenario)
            throws Exception {
        List<String> ordersLeft;
        List<String> confirmations;
        try (JMSContext context = new GannetConnectionFactory(url).createContext()) {
            ordersLeft = drain(context, OrderTransfer.ORDERS);
            confirmations = drain(context, OrderTransfer.CONFIRMATIONS);
        }
        Tally tally = new Tally();
        tally.check(expected, ordersLeft, confirmations, database.ids());
        TOTAL.add(tally);
        LOG.info("Narayana crash tally, {} over {}: {}", scenario, TRANSPORT, tally);
        assertEquals(List.of(), tally.problems(), "lost=" + tally.lost() + " duplicated=" + tally.duplicated());
    }

    private static void closeQuietly(XAConnection connection) {
        try {
            connection.close();
        } catch (Exception e) {
            LOG.debug("closing a connection to a killed broker: {}", e.toString());
        }
    }
}
