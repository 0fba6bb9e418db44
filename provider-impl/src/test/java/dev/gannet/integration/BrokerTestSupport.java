package dev.gannet.integration;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationPolicies;
import dev.gannet.broker.Broker;
import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.transport.tcp.TcpAcceptor;
import dev.gannet.transport.vm.VmBrokerRegistry;
import dev.gannet.transport.tcp.TcpOptions;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Each test gets its own broker, named uniquely, on a Derby store in its own temporary directory, reached through
 * the public JMS API only. Connections and contexts opened through the helpers are closed after the test.
 *
 * <p>The transport comes from the system property {@value #TRANSPORT_PROPERTY}: {@code vm} (default) connects to an
 * in-process broker by name; {@code tcp} starts the broker with a TCP acceptor on 127.0.0.1 and connects through
 * real sockets. The build runs the whole integration suite once per transport. In both, {@link #closeAll()} stops
 * the broker and the next connection starts it again on the same directory.
 */
@Timeout(60)
abstract class BrokerTestSupport {

    static final String TRANSPORT_PROPERTY = "gannet.test.transport";
    static final boolean TCP = "tcp".equals(System.getProperty(TRANSPORT_PROPERTY, "vm"));

    /** How long a test waits for a message that must arrive; generous for a busy 2-core machine. */
    static final long ARRIVES = 10_000;
    /** How long a test waits to be sure a message does not arrive. */
    static final long ABSENT = 300;

    @TempDir
    Path dataDirectory;
    String brokerUrl;
    ConnectionFactory factory;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private String brokerName;
    private int tcpPort;
    private Broker tcpBroker; // tcp only: the broker the acceptor serves, null while stopped
    private TcpAcceptor acceptor;
    private Broker vmBroker; // vm with destination settings only: held so that it runs with them

    /** The destination settings the test's broker runs with; tests override this to set their own (null: none). */
    DestinationPolicies destinations() {
        return null;
    }

    /** The running broker (vm only while the test holds a connection or set destination settings). */
    Broker broker() {
        return TCP ? tcpBroker : vmBroker;
    }

    @BeforeEach
    void createFactory() {
        brokerName = "test-" + UUID.randomUUID().toString().substring(0, 8);
        if (TCP) {
            tcpPort = freePort();
            brokerUrl = "tcp://127.0.0.1:" + tcpPort;
            startBroker();
        } else {
            brokerUrl = "vm://" + brokerName + "?dataDirectory=" + dataDirectory;
        }
        factory = new GannetConnectionFactory(brokerUrl);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startBroker() {
        DestinationPolicies destinations = destinations();
        BrokerConfig config = new BrokerConfig(brokerName, dataDirectory,
                destinations == null ? DestinationPolicies.none() : destinations);
        if (TCP && tcpBroker == null) {
            tcpBroker = Broker.start(config);
            acceptor = TcpAcceptor.start(tcpBroker, "127.0.0.1", tcpPort, TcpOptions.defaults());
        } else if (!TCP && vmBroker == null && destinations != null) {
            vmBroker = VmBrokerRegistry.acquire(config);
        }
    }

    private void stopBroker() {
        if (tcpBroker != null) {
            acceptor.close();
            tcpBroker.close();
            tcpBroker = null;
        }
        if (vmBroker != null) {
            VmBrokerRegistry.release(vmBroker);
            vmBroker = null;
        }
    }

    /**
     * Stops the broker while the test's connections are open: they fail, and their ExceptionListeners are called.
     * The next connection starts it again on the same store.
     */
    void stopBrokerUnderConnections() {
        if (TCP) {
            stopBroker();
        } else {
            org.junit.jupiter.api.Assumptions.abort("MERGE-PENDING: vm stop API");
        }
    }

    @AfterEach
    void closeEverything() throws Exception {
        closeAll();
    }

    /** Closes every connection and context the test opened: the broker stops with the last of them. */
    void closeAll() throws Exception {
        Exception first = null;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        opened.clear();
        stopBroker();
        if (first != null) {
            throw first;
        }
    }

    /** A started connection. */
    Connection connection() throws JMSException {
        startBroker();
        Connection connection = factory.createConnection();
        opened.add(connection);
        connection.start();
        return connection;
    }

    /** A connection that is not started yet. */
    Connection stoppedConnection() throws JMSException {
        startBroker();
        Connection connection = factory.createConnection();
        opened.add(connection);
        return connection;
    }

    Session session(int mode) throws JMSException {
        return connection().createSession(mode);
    }

    JMSContext context(int mode) {
        startBroker();
        JMSContext context = factory.createContext(mode);
        opened.add(context);
        return context;
    }

    static Message receive(MessageConsumer consumer) throws JMSException {
        Message message = consumer.receive(ARRIVES);
        assertNotNull(message, "expected a message within " + ARRIVES + " ms");
        return message;
    }
}
