package dev.gannet.server;

import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.transport.tcp.tls.TestPki;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@link RunningServer} with a TLS listener, from a config file: beside the plain listener, each on its own port
 * with its own settings, serving one broker; or alone.
 */
@Timeout(120)
class RunningServerTlsTest {

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

    private RunningServer start(String... lines) throws IOException {
        List<String> all = new ArrayList<>(List.of("broker.name=tls", "data.directory=data", "queues=orders"));
        all.addAll(List.of(lines));
        Path file = Files.write(directory.resolve("gannet.properties"), all, StandardCharsets.UTF_8);
        RunningServer server = RunningServer.start(ServerConfig.load(file));
        opened.add(server);
        return server;
    }

    private Connection connect(String url) throws JMSException {
        Connection connection = new GannetConnectionFactory(url).createConnection();
        opened.add(connection);
        return connection;
    }

    private String trusting() {
        return "?trustStorePath=" + pki.urlPath(TestPki.TRUST) + "&trustStorePassword=" + TestPki.PASSWORD;
    }

    @Test
    void plainAndTlsListenersServeOneBrokerAtOnce() throws Exception {
        RunningServer server = start("tcp.port=0", "tls.port=0", "tls.key.store=" + TestPki.SERVER,
                "tls.key.store.password=" + TestPki.PASSWORD, "tls.client.auth=required",
                "tls.trust.store=" + TestPki.TRUST, "tls.trust.store.password=" + TestPki.PASSWORD);
        List<String> urls = server.urls();
        assertEquals(2, urls.size());
        assertTrue(urls.get(0).startsWith("tcp://127.0.0.1:"), urls.toString());
        assertTrue(urls.get(1).startsWith("ssl://127.0.0.1:"), urls.toString());
        assertEquals(urls.get(0), server.url());

        Connection plain = connect(urls.get(0));
        Connection secure = connect(urls.get(1) + trusting() + "&keyStorePath=" + pki.urlPath(TestPki.CLIENT)
                + "&keyStorePassword=" + TestPki.PASSWORD);
        Session sending = plain.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session receiving = secure.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue orders = sending.createQueue("orders");
        MessageConsumer consumer = receiving.createConsumer(orders);
        secure.start();
        sending.createProducer(orders).send(sending.createTextMessage("from plain to TLS"));
        Message received = consumer.receive(ARRIVES);
        assertNotNull(received, "the message did not cross from the plain listener to the TLS one");
        assertEquals("from plain to TLS", received.getBody(String.class));

        // each listener keeps its own settings: the plain one knows no certificate, the TLS one the client's
        assertTrue(server.acceptors().get(0).peers().get(0).certificateChain().isEmpty());
        assertEquals(pki.clientCertificate(), server.acceptors().get(1).peers().get(0).certificate());
    }

    @Test
    void aConfigWithOnlyTlsKeysRunsOnlyTheTlsListener() throws Exception {
        RunningServer server = start("tls.port=0", "tls.key.store=" + TestPki.SERVER_JKS, "tls.key.store.type=JKS",
                "tls.key.store.password=" + TestPki.PASSWORD);
        assertEquals(1, server.urls().size());
        assertTrue(server.url().startsWith("ssl://127.0.0.1:"), server.url());

        Connection secure = connect(server.url() + trusting());
        secure.createSession(false, Session.AUTO_ACKNOWLEDGE).createProducer(null);
        JMSException plain = assertThrows(JMSException.class,
                () -> connect(server.url().replace("ssl://", "tcp://")));
        assertTrue(plain.getMessage().contains("accepts TLS connections only"), plain.getMessage());
    }
}
