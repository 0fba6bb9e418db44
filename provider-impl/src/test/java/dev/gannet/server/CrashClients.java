package dev.gannet.server;

import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.server.DeliveryLedger.Delivery;
import dev.gannet.server.DeliveryLedger.Outcome;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The JMS clients of one {@link CrashTest} iteration, each on its own connection and thread, recording into a
 * {@link DeliveryLedger}: two persistent non-transacted producers and a CLIENT_ACKNOWLEDGE consumer on
 * {@value #SENDS_QUEUE}, a transacted producer and a transacted consumer on {@value #BATCHES_QUEUE}. One consumer
 * per queue, so a message reaches one receiver at a time. Producers run until a send or commit throws; consumers
 * until a receive, acknowledge or commit throws, or a receive comes back empty after {@link #serverKilling()}.
 */
final class CrashClients implements AutoCloseable {

    static final String SENDS_QUEUE = "crash.sends";
    static final String BATCHES_QUEUE = "crash.batches";
    /** The message property carrying each message's unique id. */
    static final String ID_PROPERTY = "crashId";
    private static final int BATCH_SIZE = 5;
    /** How many messages the transacted consumer receives before it commits. */
    private static final int CONSUME_CHUNK = 3;
    /** Every receive is bounded, so no consumer waits on a dead server for long. */
    private static final long RECEIVE_TIMEOUT = 500;

    /** A client's work on its own session; a JMSException ends it (the ledger holds how far it got). */
    private interface ClientWork {
        void run(Session session) throws JMSException;
    }

    /** One client: its connection, what the connection's ExceptionListener was told, and its thread. */
    private record Client(Connection connection, CompletableFuture<JMSException> loss, Thread thread) {
    }

    private final int iteration;
    private final String url;
    private final DeliveryLedger ledger;
    private final List<Client> clients = new ArrayList<>(); // touched by the test thread only
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sendsConfirmed = new AtomicInteger();
    private final AtomicInteger transactionsCommitted = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger consumedInTransactions = new AtomicInteger();
    private volatile boolean serverKilling;

    CrashClients(int iteration, String url, DeliveryLedger ledger) {
        this.iteration = iteration;
        this.url = url;
        this.ledger = ledger;
    }

    void startProducers() throws JMSException {
        for (int p = 0; p < 2; p++) {
            String prefix = "i" + iteration + "-p" + p + "-";
            start("iteration " + iteration + " producer " + p, false, Session.AUTO_ACKNOWLEDGE,
                    session -> sendEach(session, prefix));
        }
        String prefix = "i" + iteration + "-t-";
        start("iteration " + iteration + " transacted producer", true, Session.SESSION_TRANSACTED,
                session -> sendBatches(session, prefix));
    }

    void startConsumers() throws JMSException {
        String acknowledging = "iteration " + iteration + " client-acknowledge consumer";
        start(acknowledging, false, Session.CLIENT_ACKNOWLEDGE, session -> acknowledgeEach(session, acknowledging));
        String transacted = "iteration " + iteration + " transacted consumer";
        start(transacted, true, Session.SESSION_TRANSACTED, session -> consumeInChunks(session, transacted));
    }

    /**
     * Says the server is about to be killed: from now on a JMSException is what a client expects, and a consumer
     * whose receive comes back empty stops, as the queue it waits on is going.
     */
    void serverKilling() {
        serverKilling = true;
    }

    int sendsConfirmed() {
        return sendsConfirmed.get();
    }

    int transactionsCommitted() {
        return transactionsCommitted.get();
    }

    int acknowledged() {
        return acknowledged.get();
    }

    int consumedInTransactions() {
        return consumedInTransactions.get();
    }

    /**
     * Waits for every client to stop and every connection to report the lost server to its ExceptionListener;
     * fails the test at the deadline, or as {@link #rethrowFailures()} does.
     */
    void awaitEnd(long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        for (Client client : clients) {
            client.thread().join(Math.max(1, end - System.currentTimeMillis()));
            assertFalse(client.thread().isAlive(), client.thread().getName() + " still runs " + timeoutMillis
                    + " ms after the server was killed");
        }
        for (Client client : clients) {
            try {
                client.loss().get(Math.max(1, end - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                fail("the ExceptionListener of " + client.thread().getName() + "'s connection was not told of the"
                        + " killed server within " + timeoutMillis + " ms");
            } catch (ExecutionException e) {
                throw new AssertionError(e);
            }
        }
        rethrowFailures();
    }

    /** Fails the test if a client failed other than by a JMSException after {@link #serverKilling()}. */
    void rethrowFailures() {
        Throwable first = failures.peek();
        if (first != null) {
            AssertionError error = new AssertionError("a client of iteration " + iteration + " failed", first);
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
    }

    /** Closes every connection; a connection to the killed server has nothing left to release. */
    @Override
    public void close() {
        for (Client client : clients) {
            try {
                client.connection().close();
            } catch (JMSException e) {
                // the server is gone; the connection is closed regardless
            }
        }
    }

    private void start(String name, boolean transacted, int acknowledgeMode, ClientWork work) throws JMSException {
        Connection connection = new GannetConnectionFactory(url).createConnection();
        CompletableFuture<JMSException> loss = new CompletableFuture<>();
        Session session;
        try {
            connection.setExceptionListener(loss::complete);
            connection.start();
            session = connection.createSession(transacted, acknowledgeMode);
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
        Thread thread = new Thread(() -> {
            try {
                work.run(session);
            } catch (JMSException e) {
                if (!serverKilling) {
                    failures.add(new AssertionError(name + " failed while the server was up", e));
                } // else the connection failed with the server: how far this client got is in the ledger
            } catch (Throwable e) {
                failures.add(e);
            }
        }, name);
        thread.setDaemon(true);
        clients.add(new Client(connection, loss, thread));
        thread.start();
    }

    /** Sends persistent messages one by one until a send throws. */
    private void sendEach(Session session, String prefix) throws JMSException {
        MessageProducer producer = session.createProducer(session.createQueue(SENDS_QUEUE));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (int n = 0; ; n++) {
            String id = prefix + n;
            Message message = message(session, id);
            Outcome outcome = Outcome.UNKNOWN;
            try {
                producer.send(message);
                outcome = Outcome.CONFIRMED;
            } finally {
                ledger.sent(iteration, List.of(id), false, outcome);
            }
            sendsConfirmed.incrementAndGet();
        }
    }

    /** Sends batches of persistent messages, each in a transaction, until a send or a commit throws. */
    private void sendBatches(Session session, String prefix) throws JMSException {
        MessageProducer producer = session.createProducer(session.createQueue(BATCHES_QUEUE));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (int b = 0; ; b++) {
            List<String> ids = new ArrayList<>();
            Outcome outcome = Outcome.NEVER_MADE;
            try {
                for (int k = 0; k < BATCH_SIZE; k++) {
                    String id = prefix + b + "-" + k;
                    ids.add(id);
                    producer.send(message(session, id));
                }
                outcome = Outcome.UNKNOWN;
                session.commit();
                outcome = Outcome.CONFIRMED;
            } finally {
                ledger.sent(iteration, ids, true, outcome);
            }
            transactionsCommitted.incrementAndGet();
        }
    }

    /** Receives and acknowledges one message at a time. */
    private void acknowledgeEach(Session session, String receiver) throws JMSException {
        MessageConsumer consumer = session.createConsumer(session.createQueue(SENDS_QUEUE));
        while (true) {
            Message message = consumer.receive(RECEIVE_TIMEOUT);
            if (message == null) {
                if (serverKilling) {
                    return;
                }
                continue;
            }
            Delivery delivery = ledger.delivered(idOf(message), receiver, iteration);
            Outcome outcome = Outcome.UNKNOWN;
            try {
                message.acknowledge();
                outcome = Outcome.CONFIRMED;
            } finally {
                ledger.settled(List.of(delivery), outcome);
            }
            acknowledged.incrementAndGet();
        }
    }

    /** Receives up to {@value #CONSUME_CHUNK} messages, then commits; commits what it has when a receive is empty. */
    private void consumeInChunks(Session session, String receiver) throws JMSException {
        MessageConsumer consumer = session.createConsumer(session.createQueue(BATCHES_QUEUE));
        List<Delivery> held = new ArrayList<>();
        while (true) {
            Message message = consumer.receive(RECEIVE_TIMEOUT);
            if (message != null) {
                held.add(ledger.delivered(idOf(message), receiver, iteration));
                if (held.size() < CONSUME_CHUNK) {
                    continue;
                }
            } else if (held.isEmpty()) {
                if (serverKilling) {
                    return;
                }
                continue;
            }
            Outcome outcome = Outcome.UNKNOWN;
            try {
                session.commit();
                outcome = Outcome.CONFIRMED;
            } finally {
                ledger.settled(held, outcome);
            }
            consumedInTransactions.addAndGet(held.size());
            held = new ArrayList<>();
        }
    }

    private static Message message(Session session, String id) throws JMSException {
        Message message = session.createTextMessage("crash test message " + id);
        message.setStringProperty(ID_PROPERTY, id);
        return message;
    }

    /** The id a producer gave the message; a message without one is named by its JMSMessageID, to be "invented". */
    static String idOf(Message message) throws JMSException {
        String id = message.getStringProperty(ID_PROPERTY);
        return id != null ? id : "no " + ID_PROPERTY + ": " + message.getJMSMessageID();
    }
}
