package dev.gannet.transport.tcp;

import dev.gannet.api.BrokerConfig;
import dev.gannet.broker.Broker;
import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.transport.tcp.server.TcpAcceptor;
import jakarta.jms.Connection;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JMS API over {@code tcp://} URLs: the client chooses the tcp transport by the URL's scheme. */
@Timeout(60)
class TcpConnectionFactoryTest {

    @TempDir
    Path dataDirectory;
    private Broker broker;
    private TcpAcceptor acceptor;
    private String url;

    @BeforeEach
    void startServer() {
        broker = Broker.start(new BrokerConfig("tcp-factory-test", dataDirectory));
        acceptor = TcpAcceptor.start(broker, "127.0.0.1", 0,
                TcpOptions.defaults().withHeartbeat(Duration.ofMillis(200), Duration.ofMillis(1000)));
        url = "tcp://127.0.0.1:" + acceptor.port() + "?heartbeatInterval=200&heartbeatTimeout=1000";
    }

    @AfterEach
    void stopServer() {
        acceptor.close();
        broker.close();
    }

    @Test
    void textMessageTravelsThroughTheJmsApiOverTcp() throws Exception {
        try (Connection connection = new GannetConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("jms-over-tcp");
            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            session.createProducer(queue).send(session.createTextMessage("hello"));
            TextMessage received = (TextMessage) consumer.receive(10_000);
            assertNotNull(received);
            assertEquals("hello", received.getText());
        }
    }

    @Test
    void clientIdFromTheUrlIsSetOnceThroughTheHandshake() throws Exception {
        try (Connection connection = new GannetConnectionFactory(url + "&clientID=shop").createConnection()) {
            assertEquals("shop", connection.getClientID());
            assertThrows(InvalidClientIDException.class,
                    () -> new GannetConnectionFactory(url + "&clientID=shop").createConnection());
        }
    }

    @Test
    void exceptionListenerHearsOfAStoppedServerWithinTheHeartbeatTimeout() throws Exception {
        try (Connection connection = new GannetConnectionFactory(url).createConnection()) {
            CompletableFuture<JMSException> heard = new CompletableFuture<>();
            connection.setExceptionListener(heard::complete);
            acceptor.close();
            JMSException cause = heard.get(1000, TimeUnit.MILLISECONDS);
            assertTrue(cause.getMessage().contains("lost"), cause.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1", "tcp://:7000", "tcp://127.0.0.1:7000/path",
            "tcp://127.0.0.1:7000?dataDirectory=/tmp/x", "tcp://127.0.0.1:7000?stopWithLastConnection=true",
            "tcp://127.0.0.1:7000?heartbeatInterval=0",
            "tcp://127.0.0.1:7000?heartbeatInterval=5000&heartbeatTimeout=1000", "tcp://127.0.0.1:7000?bogus=1",
            "udp://127.0.0.1:7000"})
    void malformedTcpUrlsAreRefused(String bad) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new GannetConnectionFactory(bad));
        assertTrue(refused.getMessage().contains(bad), refused.getMessage());
    }
}
