package dev.gannet.server;

import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.transport.tcp.tls.TestPki;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The standalone server with TLS on, as an operator runs it: {@link GannetServer} in its own JVM with its key store
 * and trust store beside the config file, reached over {@code ssl://} from this JVM with mutual TLS.
 */
@Timeout(240)
class TlsServerProcessTest {

    private static final long ARRIVES = 10_000;
    private static final long STOPS = 30_000;

    @TempDir
    Path directory;

    @Test
    void aServerWithOnlyATlsListenerServesTlsClientsAndRefusesPlainOnes() throws Exception {
        TestPki pki = TestPki.create(directory);
        try (ServerProcess server = ServerProcess.launch(directory.resolve("gannet.properties"), List.of(
                "broker.name=secure", "data.directory=data", "queues=orders", "tls.port=0",
                "tls.key.store=" + TestPki.SERVER, "tls.key.store.password=" + TestPki.PASSWORD,
                "tls.client.auth=required", "tls.trust.store=" + TestPki.TRUST,
                "tls.trust.store.password=" + TestPki.PASSWORD))) {
            int port = server.awaitListening("ssl");
            assertTrue(server.stdout().contains("listening on ssl://127.0.0.1:" + port + " ("), server.stdout());

            String url = "ssl://127.0.0.1:" + port + "?trustStorePath=" + pki.urlPath(TestPki.TRUST)
                    + "&trustStorePassword=" + TestPki.PASSWORD;
            JMSException withoutCertificate = assertThrows(JMSException.class,
                    () -> new GannetConnectionFactory(url).createConnection());
            assertTrue(withoutCertificate.getMessage().contains("client certificate"),
                    withoutCertificate.getMessage());
            JMSException plain = assertThrows(JMSException.class,
                    () -> new GannetConnectionFactory("tcp://127.0.0.1:" + port).createConnection());
            assertTrue(plain.getMessage().contains("accepts TLS connections only"), plain.getMessage());

            try (Connection connection = new GannetConnectionFactory(url + "&keyStorePath="
                    + pki.urlPath(TestPki.CLIENT) + "&keyStorePassword=" + TestPki.PASSWORD).createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Queue orders = session.createQueue("orders");
                MessageConsumer consumer = session.createConsumer(orders);
                session.createProducer(orders).send(session.createTextMessage("order over TLS"));
                Message received = consumer.receive(ARRIVES);
                assertNotNull(received, "the message did not come back over TLS");
                assertEquals("order over TLS", received.getBody(String.class));
            }

            server.terminate();
            assertEquals(0, server.awaitExit(STOPS), "exit status after SIGTERM");
        }
    }

    @Test
    void aWrongKeyStorePasswordStopsTheServerWithStatusTwoNamingTheKey() throws Exception {
        TestPki.create(directory);
        try (ServerProcess server = ServerProcess.launch(directory.resolve("gannet.properties"), List.of(
                "broker.name=secure", "data.directory=data", "tls.key.store=" + TestPki.SERVER,
                "tls.key.store.password=not-the-password", "tls.protocols=TLSv1.3,TLSv0.9"))) {
            assertEquals(2, server.awaitExit(ServerProcess.STARTS));
            String stderr = server.stderr();
            assertTrue(stderr.contains("tls.key.store: '" + directory.resolve(TestPki.SERVER)
                    + "' (PKCS12): the password is wrong"), stderr);
            assertTrue(stderr.contains("tls.protocols: protocol(s) TLSv0.9 not supported"), stderr);
            assertTrue(!stderr.contains("not-the-password"), stderr);
        }
    }
}
