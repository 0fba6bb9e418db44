package dev.gannet.ra;

import dev.gannet.ra.inbound.GannetActivationSpec;
import dev.gannet.ra.outbound.GannetManagedConnectionFactory;
import dev.gannet.ra.outbound.PooledConnectionFactory;
import dev.gannet.ra.server.Narayana;
import dev.gannet.ra.server.PoolingConnectionManager;
import dev.gannet.ra.server.RunningAdapter;
import dev.gannet.ra.server.TestEndpointFactory;
import dev.gannet.server.RunningServer;
import dev.gannet.server.ServerConfig;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ManagedConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A remote broker that goes away and comes back, over TCP on 127.0.0.1: the pool hears CONNECTION_ERROR_OCCURRED and
 * replaces the connection; an endpoint's activation reconnects with back-off and its messages flow again.
 */
class BrokerOutageTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    private RunningServer server;
    private int port;

    @BeforeEach
    void startBroker() {
        server = RunningServer.start(config(0));
        port = server.port();
    }

    @AfterEach
    void stopBroker() {
        if (server != null) {
            server.close();
        }
    }

    private ServerConfig config(int tcpPort) {
        Properties properties = new Properties();
        properties.setProperty(ServerConfig.BROKER_NAME, "outage");
        properties.setProperty(ServerConfig.DATA_DIRECTORY, directory.resolve("broker").toString());
        properties.setProperty(ServerConfig.TCP_HOST, "127.0.0.1");
        properties.setProperty(ServerConfig.TCP_PORT, Integer.toString(tcpPort));
        return ServerConfig.fromProperties(properties, directory);
    }

    private void restartBroker() {
        server.close();
        server = null;
        server = RunningServer.start(config(port));
    }

    @Test
    void aLostBrokerConnectionIsReportedAndThePoolReplacesIt() throws Exception {
        try (RunningAdapter running = RunningAdapter.remote("tcp://127.0.0.1:" + port)) {
            PoolingConnectionManager pool = new PoolingConnectionManager(null);
            PooledConnectionFactory factory = running.connectionFactory(pool);
            try (Connection connection = factory.createConnection()) {
                connection.createSession();
            }
            assertEquals(1, pool.idle());
            server.close();
            server = null;
            awaitHeard(pool, ConnectionEvent.CONNECTION_ERROR_OCCURRED);
            ManagedConnection failed = pool.heard().get(pool.heard().size() - 1).connection();
            GannetManagedConnectionFactory managedFactory = running.managedConnectionFactory();
            assertEquals(Set.of(failed), managedFactory.getInvalidConnections(Set.of(failed)));
            assertEquals(0, pool.idle(), "the pool destroyed the failed connection");
            server = RunningServer.start(config(port));
            try (Connection connection = factory.createConnection()) {
                Session session = connection.createSession();
                session.createProducer(session.createQueue("after")).send(session.createTextMessage("back"));
            }
            assertEquals(2, pool.created(), "a new connection replaced the failed one");
            assertEquals(List.of("back"), running.take("after", 1, LIMIT));
        }
    }

    private static void awaitHeard(PoolingConnectionManager pool, int type) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!pool.heardTypes().contains(type) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(pool.heardTypes().contains(type), "heard " + pool.heardTypes());
    }

    @Test
    void anEndpointResumesAfterTheBrokerRestarts() throws Exception {
        try (RunningAdapter running = RunningAdapter.remote("tcp://127.0.0.1:" + port)) {
            TestEndpointFactory bean = new TestEndpointFactory("resilient", Narayana.transactionManager(),
                    message -> { });
            GannetActivationSpec spec = new GannetActivationSpec();
            spec.setDestination("resilient");
            spec.setDestinationType("jakarta.jms.Queue");
            running.adapter().endpointActivation(bean, spec);
            running.send("resilient", false, "before");
            assertEquals(1, bean.awaitReceived(1, LIMIT));
            restartBroker();
            running.send("resilient", false, "after");
            assertEquals(2, bean.awaitReceived(2, LIMIT), "the activation reconnected and delivers again");
            assertEquals(List.of("before", "after"), bean.receivedTexts());
            running.adapter().endpointDeactivation(bean, spec);
        }
    }
}
