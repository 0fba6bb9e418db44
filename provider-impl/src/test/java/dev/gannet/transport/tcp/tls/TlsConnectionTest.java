package dev.gannet.transport.tcp.tls;

import dev.gannet.api.BrokerConfig;
import dev.gannet.broker.Broker;
import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.jndi.GannetInitialContextFactory;
import dev.gannet.protocol.Peer;
import dev.gannet.transport.tcp.TcpOptions;
import dev.gannet.transport.tcp.server.TcpAcceptor;
import io.netty.handler.ssl.ClientAuth;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.naming.Context;
import javax.naming.InitialContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS on tcp end to end, over real sockets on 127.0.0.1, with certificates made for the test ({@link TestPki}):
 * messages flow over {@code ssl://}; each way a handshake can fail makes {@code createConnection} throw a
 * {@link JMSException} saying which, and the broker serves everyone else on; with client authentication the broker
 * side of a connection knows the client's verified certificate chain.
 *
 * <p>Failures must come promptly, not when a timeout ends: the clients wait up to {@value #PATIENT_MS} ms for their
 * handshake, far longer than the test may run, so a client left waiting fails the test by its timeout.
 */
@Timeout(120)
class TlsConnectionTest {

    /** A client's connect timeout far beyond the test's: a failure that waits for it fails the test. */
    static final long PATIENT_MS = 3_600_000;
    private static final long ARRIVES = 10_000;
    private static final String HOST = "127.0.0.1";

    @TempDir
    static Path pkiDirectory;
    static TestPki pki;

    @TempDir
    Path dataDirectory;
    private Broker broker;
    private final List<TcpAcceptor> acceptors = new ArrayList<>();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() {
        pki = TestPki.create(pkiDirectory);
    }

    @BeforeEach
    void startBroker() {
        broker = Broker.start(new BrokerConfig("tls-test", dataDirectory));
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        acceptors.forEach(TcpAcceptor::close);
        broker.close();
    }

    /** A TLS listener showing the key store {@code keyStore}; with client authentication, trusting the test CA. */
    private TcpAcceptor tlsListener(String keyStore, ClientAuth clientAuth) {
        return tlsListener(new ServerTls(pki.store(keyStore), clientAuth == ClientAuth.NONE ? null
                : pki.store(TestPki.TRUST), clientAuth, TlsParameters.defaults()));
    }

    private TcpAcceptor tlsListener(ServerTls tls) {
        TcpAcceptor acceptor = TcpAcceptor.startTls(broker, HOST, 0, TcpOptions.defaults(), tls.newContext());
        acceptors.add(acceptor);
        return acceptor;
    }

    private TcpAcceptor plainListener() {
        TcpAcceptor acceptor = TcpAcceptor.start(broker, HOST, 0, TcpOptions.defaults());
        acceptors.add(acceptor);
        return acceptor;
    }

    /** {@code ssl://127.0.0.1:PORT} trusting the test CA, patient in its handshake, with {@code options}. */
    private static String sslUrl(TcpAcceptor acceptor, String... options) {
        return "ssl://" + HOST + ":" + acceptor.port() + "?" + trusting(options);
    }

    /** The options that trust the test CA and wait long for the handshake, and {@code options}. */
    private static String trusting(String... options) {
        return "trustStorePath=" + pki.urlPath(TestPki.TRUST) + "&trustStorePassword=" + TestPki.PASSWORD
                + "&connectTimeout=" + PATIENT_MS + (options.length == 0 ? "" : "&" + String.join("&", options));
    }

    /** The options of a client showing the key store {@code name}. */
    private static String[] showing(String name) {
        return new String[] {"keyStorePath=" + pki.urlPath(name), "keyStorePassword=" + TestPki.PASSWORD,
                "keyStoreType=" + (name.endsWith(".jks") ? "JKS" : "PKCS12")};
    }

    private Connection connect(String url) throws JMSException {
        return connect(new GannetConnectionFactory(url));
    }

    private Connection connect(ConnectionFactory factory) throws JMSException {
        Connection connection = factory.createConnection();
        opened.add(connection);
        return connection;
    }

    private JMSException refused(String url) {
        return assertThrows(JMSException.class, () -> connect(url));
    }

    private static void assertSays(Throwable failure, String... parts) {
        for (String part : parts) {
            assertTrue(failure.getMessage().contains(part), "'" + part + "' not in: " + failure.getMessage());
        }
    }

    /** The peer the broker knows for the one connection open on {@code acceptor}. */
    private static Peer onlyPeer(TcpAcceptor acceptor) {
        List<Peer> peers = acceptor.peers();
        assertEquals(1, peers.size(), "peers " + peers);
        assertTrue(peers.get(0).address().startsWith(HOST + ":"), peers.get(0).address());
        return peers.get(0);
    }

    /**
     * A message sent on one connection of {@code url} arrives on another, by receive and by listener, and the broker
     * still has both connections afterwards.
     */
    private void assertMessagesFlow(String url) throws Exception {
        assertMessagesFlow(connect(url), connect(url));
    }

    private void assertMessagesFlow(Connection sender, Connection receiver) throws Exception {
        Session sending = sender.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session receiving = receiver.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = sending.createQueue("secured");
        MessageProducer producer = sending.createProducer(queue);
        MessageConsumer consumer = receiving.createConsumer(queue);
        receiver.start();
        producer.send(sending.createTextMessage("over TLS"));
        Message received = consumer.receive(ARRIVES);
        assertNotNull(received, "nothing arrived");
        assertEquals("over TLS", ((TextMessage) received).getText());
        consumer.close();

        Queue listened = sending.createQueue("listened");
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        receiving.createConsumer(listened).setMessageListener(message -> {
            try {
                heard.add(((TextMessage) message).getText());
            } catch (JMSException e) {
                heard.add(e.toString());
            }
        });
        sending.createProducer(listened).send(sending.createTextMessage("to a listener"));
        assertEquals("to a listener", heard.poll(ARRIVES, TimeUnit.MILLISECONDS));
    }

    @Test
    void messagesFlowOverSslToReceiveAndToAListener() throws Exception {
        assertMessagesFlow(sslUrl(tlsListener(TestPki.SERVER, ClientAuth.NONE)));
    }

    @Test
    void aTcpUrlWithSslEnabledSpeaksTls() throws Exception {
        TcpAcceptor listener = tlsListener(TestPki.SERVER, ClientAuth.NONE);
        assertMessagesFlow("tcp://" + HOST + ":" + listener.port() + "?sslEnabled=true&" + trusting());
    }

    @Test
    void theBrokerCertificateMatchesTheHostNameConnectedTo() throws Exception {
        TcpAcceptor listener = tlsListener(TestPki.SERVER, ClientAuth.NONE);
        // the certificate names localhost (a DNS name) and 127.0.0.1 (an IP address); both are checked
        assertMessagesFlow("ssl://localhost:" + listener.port() + "?" + trusting());
    }

    @Test
    void jksStoresServeAsPkcs12OnesDo() throws Exception {
        TcpAcceptor listener = tlsListener(new ServerTls(pki.store(TestPki.SERVER_JKS), pki.store(TestPki.TRUST_JKS),
                ClientAuth.REQUIRE, TlsParameters.defaults()));
        String url = "ssl://" + HOST + ":" + listener.port() + "?trustStorePath=" + pki.urlPath(TestPki.TRUST_JKS)
                + "&trustStorePassword=" + TestPki.PASSWORD + "&trustStoreType=JKS&"
                + String.join("&", showing(TestPki.CLIENT_JKS));
        assertMessagesFlow(url);
    }

    @Test
    void anUntrustedBrokerCertificateFailsTheConnectionSayingSoAndOthersAreServedOn() throws Exception {
        TcpAcceptor listener = tlsListener(TestPki.UNTRUSTED_SERVER, ClientAuth.NONE);
        TcpAcceptor good = tlsListener(TestPki.SERVER, ClientAuth.NONE);
        Connection before = connect(sslUrl(good));

        JMSException failure = refused(sslUrl(listener));

        assertSays(failure, "TLS handshake with " + HOST + ":" + listener.port() + " failed: the broker's certificate"
                + " is not trusted", "trustStorePath");
        assertMessagesFlow(before, connect(sslUrl(good)));
    }

    @Test
    void withoutATrustStoreTheJvmsTrustStoreDecidesAndDoesNotTrustATestCa() throws Exception {
        TcpAcceptor listener = tlsListener(TestPki.SERVER, ClientAuth.NONE);
        JMSException failure = refused("ssl://" + HOST + ":" + listener.port() + "?connectTimeout=" + PATIENT_MS);
        assertSays(failure, "the broker's certificate is not trusted");
    }

    @Test
    void aBrokerCertificateForAnotherHostFailsUnlessHostVerificationIsOff() throws Exception {
        TcpAcceptor listener = tlsListener(TestPki.WRONG_HOST_SERVER, ClientAuth.NONE);

        JMSException failure = refused(sslUrl(listener));
        assertSays(failure, "TLS handshake with " + HOST + ":" + listener.port() + " failed: the broker's certificate"
                + " is not for the host connected to", "verifyHost=false");

        assertMessagesFlow(sslUrl(listener, "verifyHost=false"));
    }

    @Test
    void anExpiredBrokerCertificateFailsTheConnectionSayingSo() {
        TcpAcceptor listener = tlsListener(TestPki.EXPIRED_SERVER, ClientAuth.NONE);
        JMSException failure = refused(sslUrl(listener));
        assertSays(failure, "TLS handshake with " + HOST + ":" + listener.port() + " failed: the broker's certificate"
                + " has expired");
    }

    @Test
    void aPlainClientOnTheTlsPortIsToldThePortTakesTlsOnlyAndTlsClientsAreServedOn() throws Exception {
        TcpAcceptor listener = tlsListener(TestPki.SERVER, ClientAuth.NONE);

        JMSException failure = refused("tcp://" + HOST + ":" + listener.port() + "?connectTimeout=" + PATIENT_MS);

        assertSays(failure, "Port " + listener.port() + " accepts TLS connections only", "ssl://");
        assertMessagesFlow(sslUrl(listener));
    }

    @Test
    void aTlsClientOnThePlainPortFailsAskingWhetherItIsATlsPortAndPlainClientsAreServedOn() throws Exception {
        TcpAcceptor listener = plainListener();

        JMSException failure = refused(sslUrl(listener));

        assertSays(failure, "TLS handshake with " + HOST + ":" + listener.port() + " failed:", "is this a TLS port?");
        assertMessagesFlow("tcp://" + HOST + ":" + listener.port());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void requiredClientAuthenticationRefusesAClientWithoutACertificateSayingSo(String protocol) throws Exception {
        TcpAcceptor listener = tlsListener(TestPki.SERVER, ClientAuth.REQUIRE);

        JMSException failure = refused(sslUrl(listener, "enabledProtocols=" + protocol));

        assertSays(failure, "TLS handshake with " + HOST + ":" + listener.port() + " failed: the broker",
                "client certificate", "keyStorePath");
        assertTrue(listener.peers().isEmpty(), "no connection opened: " + listener.peers());
        assertMessagesFlow(sslUrl(listener, showing(TestPki.CLIENT)));
    }

    @ParameterizedTest
    @ValueSource(strings = {TestPki.UNTRUSTED_CLIENT, TestPki.EXPIRED_CLIENT})
    void requiredClientAuthenticationRefusesAnUntrustedOrExpiredCertificate(String keyStore) {
        TcpAcceptor listener = tlsListener(TestPki.SERVER, ClientAuth.REQUIRE);

        JMSException failure = refused(sslUrl(listener, showing(keyStore)));

        assertSays(failure, "TLS handshake with " + HOST + ":" + listener.port() + " failed: the broker refused the"
                + " client's certificate");
        assertTrue(listener.peers().isEmpty(), "no connection opened: " + listener.peers());
    }

    @Test
    void withRequiredClientAuthenticationTheBrokerKnowsTheClientsVerifiedCertificateChain() throws Exception {
        TcpAcceptor listener = tlsListener(TestPki.SERVER, ClientAuth.REQUIRE);

        connect(sslUrl(listener, showing(TestPki.CLIENT)));

        Peer peer = onlyPeer(listener);
        assertEquals(pki.clientCertificate(), peer.certificate());
        assertEquals(List.of(pki.clientCertificate(), pki.caCertificate()), peer.certificateChain());
        assertEquals("CN=alice,O=Gannet Tests", peer.certificate().getSubjectX500Principal().getName());
    }

    @Test
    void optionalClientAuthenticationAcceptsAClientWithoutACertificateAndKnowsNone() throws Exception {
        TcpAcceptor listener = tlsListener(TestPki.SERVER, ClientAuth.OPTIONAL);

        Connection anonymous = connect(sslUrl(listener));
        assertTrue(onlyPeer(listener).certificateChain().isEmpty());
        assertNull(onlyPeer(listener).certificate());
        anonymous.close();

        connect(sslUrl(listener, showing(TestPki.CLIENT)));
        assertTrue(waitForPeers(listener, 1), "the first connection's channel did not close");
        assertEquals(pki.clientCertificate(), onlyPeer(listener).certificate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void optionalClientAuthenticationTreatsAnUntrustedCertificateAsNone(String protocol) throws Exception {
        TcpAcceptor listener = tlsListener(TestPki.SERVER, ClientAuth.OPTIONAL);

        connect(sslUrl(listener, showing(TestPki.UNTRUSTED_CLIENT)[0], showing(TestPki.UNTRUSTED_CLIENT)[1],
                "enabledProtocols=" + protocol));

        // the JDK goes on without client authentication: the broker never sees a chain it did not verify
        assertTrue(onlyPeer(listener).certificateChain().isEmpty(), "peer " + onlyPeer(listener));
    }

    @Test
    void withoutClientAuthenticationTheBrokerKnowsNoCertificateEvenIfTheClientHasOne() throws Exception {
        TcpAcceptor listener = tlsListener(TestPki.SERVER, ClientAuth.NONE);
        connect(sslUrl(listener, showing(TestPki.CLIENT)));
        assertTrue(onlyPeer(listener).certificateChain().isEmpty());
    }

    @Test
    void aPlainConnectionsPeerIsItsAddressOnly() throws Exception {
        TcpAcceptor listener = plainListener();
        connect("tcp://" + HOST + ":" + listener.port());
        assertTrue(onlyPeer(listener).certificateChain().isEmpty());
    }

    @Test
    void noProtocolInCommonFailsSayingWhichOptionToLookAt() throws Exception {
        TcpAcceptor listener = tlsListener(new ServerTls(pki.store(TestPki.SERVER), null, ClientAuth.NONE,
                new TlsParameters(List.of("TLSv1.3"), List.of())));

        JMSException failure = refused(sslUrl(listener, "enabledProtocols=TLSv1.2"));

        assertSays(failure, "TLS handshake with " + HOST + ":" + listener.port() + " failed:", "enabledProtocols");
        assertMessagesFlow(sslUrl(listener, "enabledProtocols=TLSv1.3"));
    }

    @Test
    void theCipherSuitesOfferedAreTheOnesEnabled() throws Exception {
        TcpAcceptor listener = tlsListener(new ServerTls(pki.store(TestPki.SERVER), null, ClientAuth.NONE,
                new TlsParameters(List.of("TLSv1.2"), List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"))));

        JMSException failure = refused(sslUrl(listener, "enabledProtocols=TLSv1.2",
                "enabledCipherSuites=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
        assertSays(failure, "no TLS protocol and cipher suite in common", "enabledCipherSuites");

        assertMessagesFlow(sslUrl(listener, "enabledProtocols=TLSv1.2",
                "enabledCipherSuites=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"));
    }

    @Test
    void theSimplifiedApiThrowsTheRuntimeTwinWithTheSameReason() {
        TcpAcceptor listener = tlsListener(TestPki.UNTRUSTED_SERVER, ClientAuth.NONE);
        JMSRuntimeException failure = assertThrows(JMSRuntimeException.class,
                () -> new GannetConnectionFactory(sslUrl(listener)).createContext().close());
        assertSays(failure, "the broker's certificate is not trusted");
    }

    @Test
    void jndiCarriesTheTlsOptionsAsItCarriesTheUrl() throws Exception {
        TcpAcceptor listener = tlsListener(TestPki.SERVER, ClientAuth.REQUIRE);
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, GannetInitialContextFactory.class.getName());
        environment.put("connectionFactory.secure", "ssl://" + HOST + ":" + listener.port());
        environment.put("connectionFactory.secure.trustStorePath", pki.file(TestPki.TRUST).toString());
        environment.put("connectionFactory.secure.trustStorePassword", TestPki.PASSWORD);
        environment.put("connectionFactory.secure.keyStorePath", pki.file(TestPki.CLIENT).toString());
        environment.put("connectionFactory.secure.keyStorePassword", TestPki.PASSWORD);
        ConnectionFactory factory = (ConnectionFactory) new InitialContext(environment).lookup("secure");

        assertMessagesFlow(connect(factory), connect(factory));
        assertFalse(listener.peers().isEmpty());
        listener.peers().forEach(peer -> assertEquals(pki.clientCertificate(), peer.certificate()));
    }

    /** Waits until {@code acceptor} has {@code count} peers; false at the deadline. */
    private static boolean waitForPeers(TcpAcceptor acceptor, int count) throws InterruptedException {
        long end = System.currentTimeMillis() + ARRIVES;
        while (acceptor.peers().size() != count) {
            if (System.currentTimeMillis() > end) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
