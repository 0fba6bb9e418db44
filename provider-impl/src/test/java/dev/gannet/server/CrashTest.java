package dev.gannet.server;

import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.server.DeliveryLedger.Tally;
import dev.gannet.server.DeliveryLedger.Verdict;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The standalone server killed with SIGKILL while clients send and consume persistent messages, again and again on
 * one data directory, so that recovery runs on the state earlier crashes left; then drained. What a client was told
 * must hold: a send or commit that returned is never lost, an acknowledge or commit that returned is never undone, a
 * transaction is all or nothing, and nothing arrives that nobody sent. A message whose acknowledge threw may come
 * again: counted as redelivered. {@link DeliveryLedger} keeps the books; its {@link DeliveryLedger.Tally} names
 * each count. After every kill, and after the drain, the store passes the operator's consistency check.
 *
 * <p>System properties: {@value #ITERATIONS_PROPERTY} (default {@value #DEFAULT_ITERATIONS}; run e.g. 50 to hunt
 * rare cases) and {@value #SEED_PROPERTY}, which repeats the kill delays of an earlier run (thread timing is not
 * repeatable).
 */
@EnabledOnOs({OS.LINUX, OS.MAC}) // SIGKILL, and the exit status 128 + 9 that a JVM reports for it
class CrashTest {

    static final String ITERATIONS_PROPERTY = "gannet.crash.iterations";
    static final String SEED_PROPERTY = "gannet.crash.seed";
    private static final int DEFAULT_ITERATIONS = 4;
    /** Exit status of a process ended by SIGKILL, as {@link Process#exitValue()} reports it: 128 + 9. */
    private static final int KILLED = 137;
    /** Kill delay after the consumers got going: {@value #KILL_AFTER_MIN} ms plus up to {@value #KILL_AFTER_SPREAD}. */
    private static final int KILL_AFTER_MIN = 300;
    private static final int KILL_AFTER_SPREAD = 1200;
    /** How much each iteration must confirm before the kill, so that a broken promise would show. */
    private static final int MIN_SENDS = 20;
    private static final int MIN_TRANSACTIONS = 2;
    private static final int MIN_ACKNOWLEDGED = 5;
    private static final int MIN_CONSUMED_IN_TRANSACTIONS = 3;
    /** How long the clients may take to reach those minimums on a busy machine. */
    private static final long GETS_GOING = 30_000;
    /** How long a killed JVM may take to exit, and its clients to notice and stop; also a terminated JVM. */
    private static final long STOPS = 30_000;
    /** An empty receive this long ends the drain of a queue. */
    private static final long DRAINED = 2_000;
    /** How many broken promises are printed, each with its message's history. */
    private static final int SHOWN_PROBLEMS = 50;

    @TempDir
    Path directory;
    /** Every server started, in order; the last is the current one. */
    private final List<ServerProcess> servers = new ArrayList<>();
    private ServerProcess server;

    @AfterEach
    void killServers() {
        servers.forEach(ServerProcess::close);
    }

    @Test
    void sigkillLosesNoConfirmedMessageUndoesNoConfirmedConsumeAndTearsNoTransaction() {
        int iterations = Integer.getInteger(ITERATIONS_PROPERTY, DEFAULT_ITERATIONS);
        long seed = Long.getLong(SEED_PROPERTY, System.nanoTime());
        System.out.printf("crash test: %d iterations, seed %d (-D%s=%d repeats the kill delays)%n", iterations, seed,
                SEED_PROPERTY, seed);
        Random random = new Random(seed);
        DeliveryLedger ledger = new DeliveryLedger();
        // each step has its own deadline; this bounds the whole: every step of every iteration, and the drain
        long iterationBudget = 2 * ServerProcess.STARTS + 2 * GETS_GOING + KILL_AFTER_MIN + KILL_AFTER_SPREAD
                + 2 * STOPS;
        assertTimeoutPreemptively(Duration.ofMillis((iterations + 1) * iterationBudget), () -> {
            for (int iteration = 1; iteration <= iterations; iteration++) {
                runUntilKilled(iteration, random, ledger);
            }
            drain(ledger, iterations + 1);
        });

        Verdict verdict = ledger.verdict(iterations);
        for (int i = 0; i < iterations; i++) {
            System.out.println("crash tally iteration " + (i + 1) + ": " + verdict.iterations().get(i));
        }
        System.out.println("crash tally final drain: " + verdict.drain());
        System.out.println("crash tally: iterations=" + iterations + " " + verdict.total() + " seed=" + seed);
        verdict.problems().stream().limit(SHOWN_PROBLEMS).forEach(problem -> System.out.println("crash problem: "
                + problem));
        if (!verdict.problems().isEmpty()) {
            printServerErrors();
        }

        Tally total = verdict.total();
        assertTrue(verdict.problems().isEmpty(), "lost=" + total.lost + " resurrected=" + total.resurrected
                + " invented=" + total.invented + " torn=" + total.torn + " duplicated=" + total.duplicated
                + " uncommitted=" + total.uncommitted + " (seed " + seed + "); first of them:\n"
                + String.join("\n", verdict.problems().subList(0, Math.min(10, verdict.problems().size()))));
        for (int i = 0; i < iterations; i++) {
            Tally row = verdict.iterations().get(i);
            assertTrue(row.sentConfirmed >= MIN_SENDS && row.txCommitted >= MIN_TRANSACTIONS
                    && row.consumedConfirmed >= MIN_ACKNOWLEDGED + MIN_CONSUMED_IN_TRANSACTIONS,
                    "iteration " + (i + 1) + " confirmed enough to test: " + row);
        }
    }

    /**
     * Starts the server, the producers, then (once the queues have depth) the consumers; kills the server with
     * SIGKILL after a random delay and waits for every client to notice.
     */
    private void runUntilKilled(int iteration, Random random, DeliveryLedger ledger) throws Exception {
        long starting = System.nanoTime();
        int port = startServer();
        long startMillis = (System.nanoTime() - starting) / 1_000_000;
        try (CrashClients clients = new CrashClients(iteration, "tcp://127.0.0.1:" + port, ledger)) {
            clients.startProducers();
            Deadline.awaitTrue("iteration " + iteration + ": " + MIN_SENDS + " sends and " + MIN_TRANSACTIONS
                    + " transactions confirmed", GETS_GOING, () -> {
                        clients.rethrowFailures();
                        return clients.sendsConfirmed() >= MIN_SENDS
                                && clients.transactionsCommitted() >= MIN_TRANSACTIONS;
                    });
            clients.startConsumers();
            Deadline.awaitTrue("iteration " + iteration + ": " + MIN_ACKNOWLEDGED + " messages acknowledged and "
                    + MIN_CONSUMED_IN_TRANSACTIONS + " consumed in committed transactions", GETS_GOING,
                    () -> {
                        clients.rethrowFailures();
                        return clients.acknowledged() >= MIN_ACKNOWLEDGED
                                && clients.consumedInTransactions() >= MIN_CONSUMED_IN_TRANSACTIONS;
                    });
            int killAfter = KILL_AFTER_MIN + random.nextInt(KILL_AFTER_SPREAD + 1);
            Thread.sleep(killAfter); // the point of the test: a kill at a moment nobody chose

            clients.serverKilling();
            server.kill(); // Process.destroyForcibly(): SIGKILL on Linux and macOS
            assertEquals(KILLED, server.awaitExit(STOPS), "exit status of a JVM ended by SIGKILL; stderr:\n"
                    + server.stderr());
            clients.awaitEnd(STOPS);
            assertStoreConsistent("after the kill of iteration " + iteration);
            System.out.printf("crash iteration %d: server listening after %d ms, killed %d ms after the consumers got"
                            + " going; sends confirmed %d, transactions committed %d, acknowledged %d, consumed in"
                            + " committed transactions %d%n", iteration, startMillis, killAfter,
                    clients.sendsConfirmed(), clients.transactionsCommitted(), clients.acknowledged(),
                    clients.consumedInTransactions());
        }
    }

    /** Restarts the server and receives everything left on both queues, each with a fresh consumer. */
    private void drain(DeliveryLedger ledger, int drainIteration) throws Exception {
        int port = startServer();
        Connection connection = new GannetConnectionFactory("tcp://127.0.0.1:" + port).createConnection();
        try {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String queue : List.of(CrashClients.SENDS_QUEUE, CrashClients.BATCHES_QUEUE)) {
                MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
                for (Message message = consumer.receive(DRAINED); message != null;
                     message = consumer.receive(DRAINED)) {
                    ledger.delivered(CrashClients.idOf(message), DeliveryLedger.DRAIN, drainIteration);
                }
                consumer.close();
            }
        } finally {
            closeQuietly(connection);
        }
        server.terminate();
        assertEquals(0, server.awaitExit(STOPS), "after all the crashes, SIGTERM still stops the server cleanly;"
                + " stderr:\n" + server.stderr());
        assertStoreConsistent("after the drain");
    }

    /**
     * Runs the operator's consistency check ({@code GannetServer --check-store}) on the stopped server's store: no
     * reference without its message or queue, no message without references, no value out of range.
     */
    private void assertStoreConsistent(String when) throws IOException, InterruptedException {
        try (ServerProcess check = ServerProcess.checkStore(directory.resolve("gannet.properties"))) {
            int status = check.awaitExit(ServerProcess.STARTS);
            System.out.println("crash store check " + when + ": " + check.stdout().strip());
            assertEquals(0, status, "store check " + when + ":\n" + check.stdout() + check.stderr());
        }
    }

    /** Starts the server on the same data directory as every time before, on a free port, and returns the port. */
    private int startServer() throws IOException, InterruptedException {
        server = ServerProcess.launch(directory.resolve("gannet.properties"), List.of("broker.name=crash",
                "data.directory=data", "tcp.port=0",
                "queues=" + CrashClients.SENDS_QUEUE + "," + CrashClients.BATCHES_QUEUE));
        servers.add(server);
        return server.awaitListening();
    }

    /** What each server run wrote to stderr, for the broker's side of a broken promise. */
    private void printServerErrors() {
        for (int run = 0; run < servers.size(); run++) {
            String stderr = servers.get(run).stderr();
            if (!stderr.isBlank()) {
                System.out.println("crash server run " + (run + 1) + " stderr:\n" + stderr);
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (JMSException e) {
            // closing after the drain: nothing depends on it
        }
    }
}
