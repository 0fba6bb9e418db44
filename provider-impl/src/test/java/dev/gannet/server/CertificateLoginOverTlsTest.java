package dev.gannet.server;

import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.transport.tcp.tls.TestPki;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Certificate login end to end: a standalone server (a {@link RunningServer} from a config file) with security on and a
 * mutual-TLS listener, a client over {@code ssl://} showing its certificate ({@link TestPki#CLIENT}, subject
 * {@code CN=alice,O=Gannet Tests}) and giving no user name or password. The certificate users file maps the
 * certificate to a user, who gets that user's roles and rights; a trusted certificate that maps to no user is refused
 * with {@link JMSSecurityException} (in the simplified API {@link JMSSecurityRuntimeException}) and its connection is
 * not served.
 */
@Timeout(120)
class CertificateLoginOverTlsTest {

    private static final long ARRIVES = 10_000;

    @TempDir
    Path directory;
    private TestPki pki;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void makeCertificates() {
        pki = TestPki.create(directory);
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close(); // connections before their server
        }
    }

    /**
     * A server with security on and only a TLS listener requiring client certificates the test CA signed; the
     * certificate users file holds {@code certificateUsers}, the role {@code apps} (user {@code orders-app}) may send
     * to and consume from {@code orders}.
     */
    private RunningServer start(String certificateUsers) throws IOException {
        Files.writeString(directory.resolve("cert-users.properties"), certificateUsers + "\n", StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("roles.properties"), "apps = orders-app\n", StandardCharsets.UTF_8);
        Path file = Files.write(directory.resolve("gannet.properties"), List.of("broker.name=cert-login",
                "data.directory=data", "queues=orders",
                "security.enabled=true", "security.certificate.users.file=cert-users.properties",
                "security.roles.file=roles.properties",
                "security.permission.orders.send=apps", "security.permission.orders.consume=apps",
                "tls.host=127.0.0.1", "tls.port=0", "tls.key.store=" + TestPki.SERVER,
                "tls.key.store.password=" + TestPki.PASSWORD, "tls.client.auth=required",
                "tls.trust.store=" + TestPki.TRUST, "tls.trust.store.password=" + TestPki.PASSWORD),
                StandardCharsets.UTF_8);
        RunningServer server = RunningServer.start(ServerConfig.load(file));
        opened.add(server);
        return server;
    }

    /** The server's {@code ssl://} URL, trusting the test CA and showing alice's certificate. */
    private String aliceUrl(RunningServer server) {
        assertEquals(1, server.urls().size(), "the TLS listener alone");
        return server.url() + "?trustStorePath=" + pki.urlPath(TestPki.TRUST) + "&trustStorePassword="
                + TestPki.PASSWORD + "&keyStorePath=" + pki.urlPath(TestPki.CLIENT) + "&keyStorePassword="
                + TestPki.PASSWORD;
    }

    @Test
    void aClientCertificateMappedToAUserLogsInAsThatUserWithoutAPassword() throws Exception {
        RunningServer server = start("orders-app = CN=alice,\\\\s*O=Gannet Tests");
        Connection connection = new GannetConnectionFactory(aliceUrl(server)).createConnection();
        opened.add(connection);
        connection.start();
        Session session = connection.createSession();
        Queue orders = session.createQueue("orders");
        MessageConsumer consumer = session.createConsumer(orders);
        session.createProducer(orders).send(session.createTextMessage("signed by alice"));

        Message received = consumer.receive(ARRIVES);
        assertNotNull(received, "the mapped user's rights let it send to and consume from orders");
        assertEquals("signed by alice", received.getBody(String.class));
        assertEquals("orders-app", received.getStringProperty("JMSXUserID"),
                "the broker stamped the user the certificate logged in as");
        assertEquals("CN=alice,O=Gannet Tests", server.acceptors().get(0).peers().get(0).certificate()
                .getSubjectX500Principal().getName(), "the broker knows the verified certificate");

        JMSSecurityException refused = assertThrows(JMSSecurityException.class,
                () -> session.createProducer(session.createQueue("payments")).send(session.createTextMessage("x")),
                "the certificate's user has the rights of its roles, no more");
        assertTrue(refused.getMessage().contains("orders-app"), refused.getMessage());
    }

    @Test
    void aTrustedCertificateThatMapsToNoUserIsRefused() throws Exception {
        RunningServer server = start("orders-app = CN=bob,.*");
        GannetConnectionFactory factory = new GannetConnectionFactory(aliceUrl(server));

        JMSSecurityException refused = assertThrows(JMSSecurityException.class, factory::createConnection);
        assertTrue(refused.getMessage().contains("CN=alice"), "the message names the certificate: "
                + refused.getMessage());
        assertFalse(refused.getMessage().contains(TestPki.PASSWORD), refused.getMessage());

        JMSSecurityRuntimeException refusedContext = assertThrows(JMSSecurityRuntimeException.class,
                () -> factory.createContext().close());
        assertTrue(refusedContext.getMessage().contains("CN=alice"), refusedContext.getMessage());
        assertTrue(awaitNoPeers(server), "the broker serves no connection of a refused certificate");
    }

    /** Waits up to {@link #ARRIVES} ms for the broker to drop the refused connections; whether it did. */
    private static boolean awaitNoPeers(RunningServer server) throws InterruptedException {
        long end = System.nanoTime() + ARRIVES * 1_000_000;
        while (System.nanoTime() < end && !server.acceptors().get(0).peers().isEmpty()) {
            Thread.sleep(20);
        }
        return server.acceptors().get(0).peers().isEmpty();
    }

    @Test
    void aUserNameBesideTheCertificateLogsInByPasswordNotByTheCertificate() throws Exception {
        RunningServer server = start("orders-app = CN=alice,.*");
        GannetConnectionFactory factory = new GannetConnectionFactory(aliceUrl(server));
        // the server has no users file: a user name must log in by password and so cannot log in at all
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("orders-app", "guess"));
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(context.createQueue("orders"), "the certificate still logs in");
        }
    }
}
