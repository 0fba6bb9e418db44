package dev.gannet.integration;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.api.management.ObjectNames;
import dev.gannet.broker.Authorizer;
import dev.gannet.broker.Broker;
import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.management.JmxManagement;
import dev.gannet.transport.tcp.TcpOptions;
import dev.gannet.transport.tcp.server.TcpAcceptor;
import dev.gannet.transport.vm.VmBrokerRegistry;
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

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Each test gets its own broker, named uniquely, on a Derby store in its own temporary directory, reached through
 * the public JMS API only. Connections and contexts opened through the helpers are closed after the test.
 *
 * <p>The transport comes from the system property {@value #TRANSPORT_PROPERTY}: {@code vm} (default) connects to an
 * in-process broker by name; {@code tcp} starts the broker with a TCP acceptor on 127.0.0.1 and connects through
 * real sockets. The build runs the whole integration suite once per transport. In both, {@link #stopBroker()} stops
 * the broker and the next connection starts it again on the same directory; after each test it stops the broker, and
 * the test fails if a broker store it opened (its own or another) is still open, or if the broker left an MXBean
 * registered. The broker's MXBeans are registered on both transports, as the vm launcher and the standalone server
 * register them.
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
    String brokerName;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private int tcpPort;
    private Broker tcpBroker; // tcp only: the broker the acceptor serves, null while stopped
    private Optional<JmxManagement> tcpJmx = Optional.empty(); // tcp only: its MXBeans, as the standalone server's
    private TcpAcceptor acceptor;
    private EmbeddedBroker vmBroker; // vm with destination settings only: started first, so that it runs with them
    private Broker vmAuthorized; // vm with an authorizer only: started first, so that it runs with it
    private Set<String> storesBefore; // store writer threads running before the test

    /** The destination settings the test's broker runs with; tests override this to set their own (null: none). */
    DestinationPolicies destinations() {
        return null;
    }

    /** The broker's memory budget in bytes; tests override this to make queues page sooner. */
    long memoryBudgetBytes() {
        return BrokerConfig.DEFAULT_MEMORY_BUDGET;
    }

    /** The authorizer the test's broker runs with; tests override this to refuse some commands. */
    Authorizer authorizer() {
        return Authorizer.ALLOW_ALL;
    }

    /** The running broker, null while stopped. */
    Broker broker() {
        return TCP ? tcpBroker : VmBrokerRegistry.running(brokerName).orElse(null);
    }

    @BeforeEach
    void createFactory() {
        storesBefore = openStores();
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
        BrokerConfig config = BrokerConfig.builder().name(brokerName).dataDirectory(dataDirectory)
                .destinations(destinations == null ? DestinationPolicies.none() : destinations)
                .memoryBudgetBytes(memoryBudgetBytes()).build();
        Authorizer authorizer = authorizer();
        if (TCP && tcpBroker == null) {
            tcpBroker = Broker.start(config, authorizer);
            tcpJmx = JmxManagement.startFor(tcpBroker);
            acceptor = TcpAcceptor.start(tcpBroker, "127.0.0.1", tcpPort, TcpOptions.defaults());
        } else if (!TCP && vmAuthorized == null && authorizer != Authorizer.ALLOW_ALL) {
            vmAuthorized = VmBrokerRegistry.acquire(config, VmBrokerRegistry.Lifetime.WITH_LAST_USER,
                    c -> Broker.start(c, authorizer));
        } else if (!TCP && vmBroker == null
                && (destinations != null || config.memoryBudgetBytes() != BrokerConfig.DEFAULT_MEMORY_BUDGET)) {
            vmBroker = EmbeddedBroker.start(config);
        }
    }

    /**
     * Stops the broker while the test's connections are open: they fail, and their ExceptionListeners are called.
     * The next connection starts it again on the same store.
     */
    void stopBrokerUnderConnections() {
        if (tcpBroker != null) {
            acceptor.close();
            closeTcpJmx();
            tcpBroker.close();
            tcpBroker = null;
        } else {
            EmbeddedBroker.stop(brokerName);
            vmBroker = null;
            vmAuthorized = null;
        }
    }

    private void closeTcpJmx() {
        tcpJmx.ifPresent(JmxManagement::close);
        tcpJmx = Optional.empty();
    }

    @AfterEach
    void stopBrokerAfterTest() throws Exception {
        stopBroker();
        Set<String> left = openStores();
        left.removeAll(storesBefore);
        assertEquals(Set.of(), left, "the test left broker stores open (store writer threads still running)");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> beans = new HashSet<>(server.queryNames(ObjectNames.allOf(brokerName), null));
        beans.addAll(server.queryNames(ObjectNames.broker(brokerName), null));
        assertEquals(Set.of(), beans, "the stopped broker left MXBeans registered");
    }

    /** The names of the store writer threads running now: one per open broker store. */
    private static Set<String> openStores() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("gannet-store-")).collect(Collectors.toSet());
    }

    /**
     * Closes every connection and context the test opened, then stops the broker (a vm broker would run on until
     * stopped); the next connection starts it again on the same directory.
     */
    void stopBroker() throws Exception {
        Exception first = null;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        opened.clear();
        if (tcpBroker != null) {
            acceptor.close();
            closeTcpJmx();
            tcpBroker.close();
            tcpBroker = null;
        }
        if (vmBroker != null) {
            vmBroker.close();
            vmBroker = null;
        }
        if (!TCP) {
            EmbeddedBroker.stop(brokerName);
            vmAuthorized = null;
        }
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
