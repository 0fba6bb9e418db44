package dev.gannet.server;

import dev.gannet.transport.tcp.tls.ServerTls;
import dev.gannet.transport.tcp.tls.StoreFile;
import dev.gannet.transport.tcp.tls.TestPki;
import dev.gannet.transport.tcp.tls.TlsParameters;
import io.netty.handler.ssl.ClientAuth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code tls.*} keys of {@link ServerConfig}: any of them turns the TLS listener on, beside the plain one only
 * when {@code tcp.host} or {@code tcp.port} is given; its stores are read when the config is, so that a missing or
 * unreadable store, a wrong password or an unknown protocol is a config problem naming its key.
 */
class ServerConfigTlsTest {

    /** The config file's directory: relative store paths are resolved against it; it holds the test's stores. */
    @TempDir
    static Path configDirectory;
    static TestPki pki;

    @BeforeAll
    static void makeCertificates() {
        pki = TestPki.create(configDirectory);
    }

    private static ServerConfig parse(String... pairs) {
        return ServerConfig.fromProperties(properties(pairs), configDirectory);
    }

    private static Properties properties(String... pairs) {
        Properties properties = new Properties();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            properties.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return properties;
    }

    /** The name, directory and a TLS key store (relative path), and {@code more}. */
    private static String[] tls(String... more) {
        List<String> pairs = new ArrayList<>(List.of("broker.name=g", "data.directory=d",
                "tls.key.store=" + TestPki.SERVER, "tls.key.store.password=" + TestPki.PASSWORD));
        pairs.addAll(List.of(more));
        return pairs.toArray(new String[0]);
    }

    private static String problem(String... pairs) {
        return assertThrows(IllegalArgumentException.class, () -> parse(pairs)).getMessage();
    }

    private static void assertSays(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' not in: " + message);
        }
    }

    @Test
    void tlsKeysAloneGiveOneTlsListenerWithDefaults() {
        ServerConfig config = parse(tls());

        assertEquals(1, config.listeners().size());
        Listener listener = config.listeners().get(0);
        assertEquals("ssl", listener.scheme());
        assertEquals("127.0.0.1", listener.host());
        assertEquals(61617, listener.port());
        ServerTls settings = listener.tls();
        assertEquals(new StoreFile(configDirectory.resolve(TestPki.SERVER), TestPki.PASSWORD, "PKCS12"),
                settings.keyStore());
        assertNull(settings.trustStore());
        assertEquals(ClientAuth.NONE, settings.clientAuth());
        assertEquals(TlsParameters.defaults(), settings.parameters());
    }

    @Test
    void aTcpPortBesideTheTlsKeysGivesBothListenersEachConfiguredApart() {
        ServerConfig config = parse(tls("tcp.port=0", "tls.host=0.0.0.0", "tls.port=7443"));

        assertEquals(2, config.listeners().size());
        assertEquals(Listener.plain("127.0.0.1", 0), config.listeners().get(0));
        Listener secure = config.listeners().get(1);
        assertEquals("0.0.0.0", secure.host());
        assertEquals(7443, secure.port());
        assertEquals("ssl", secure.scheme());
    }

    @Test
    void aTcpHostAloneAlsoKeepsThePlainListenerOnItsDefaultPort() {
        ServerConfig config = parse(tls("tcp.host=127.0.0.1"));
        assertEquals(List.of("tcp", "ssl"), config.listeners().stream().map(Listener::scheme).toList());
        assertEquals(61616, config.listeners().get(0).port());
    }

    @Test
    void everyKeyIsRead() {
        ServerConfig config = parse("broker.name=g", "data.directory=d", "tls.key.store=" + TestPki.SERVER_JKS,
                "tls.key.store.password=" + TestPki.PASSWORD, "tls.key.store.type=jks",
                "tls.trust.store=" + configDirectory.resolve(TestPki.TRUST_JKS), "tls.trust.store.password="
                        + TestPki.PASSWORD, "tls.trust.store.type=JKS", "tls.client.auth=required",
                "tls.protocols=TLSv1.3", "tls.cipher.suites=TLS_AES_256_GCM_SHA384, TLS_AES_128_GCM_SHA256");

        ServerTls settings = config.listeners().get(0).tls();
        assertEquals(new StoreFile(configDirectory.resolve(TestPki.SERVER_JKS), TestPki.PASSWORD, "JKS"),
                settings.keyStore());
        assertEquals(new StoreFile(configDirectory.resolve(TestPki.TRUST_JKS), TestPki.PASSWORD, "JKS"),
                settings.trustStore());
        assertEquals(ClientAuth.REQUIRE, settings.clientAuth());
        assertEquals(new TlsParameters(List.of("TLSv1.3"), List.of("TLS_AES_256_GCM_SHA384",
                "TLS_AES_128_GCM_SHA256")), settings.parameters());
        assertEquals(ClientAuth.OPTIONAL, parse(tls("tls.client.auth=optional", "tls.trust.store=" + TestPki.TRUST,
                "tls.trust.store.password=" + TestPki.PASSWORD)).listeners().get(0).tls().clientAuth());
    }

    @Test
    void aTlsKeyWithoutTheKeyStoreNamesWhatIsMissing() {
        assertEquals(String.join(System.lineSeparator(), "tls.key.store: required but missing"),
                problem("broker.name=g", "data.directory=d", "tls.port=7443"));
        assertEquals("tls.key.store.password: required but missing",
                problem("broker.name=g", "data.directory=d", "tls.key.store=" + TestPki.SERVER));
    }

    @Test
    void aMissingKeyStoreFileIsNamed() {
        Path missing = configDirectory.resolve("nowhere.p12");
        assertEquals("tls.key.store: '" + missing + "' (PKCS12) does not exist",
                problem("broker.name=g", "data.directory=d", "tls.key.store=nowhere.p12",
                        "tls.key.store.password=x"));
    }

    @Test
    void aWrongKeyStorePasswordIsNamedAndNeverShown() {
        String message = problem("broker.name=g", "data.directory=d", "tls.key.store=" + TestPki.SERVER,
                "tls.key.store.password=wrong-secret");
        assertEquals("tls.key.store: '" + configDirectory.resolve(TestPki.SERVER)
                + "' (PKCS12): the password is wrong", message);
        assertFalse(message.contains("wrong-secret"));
    }

    @Test
    void aKeyStoreWithoutAKeyIsRefused() {
        assertSays(problem("broker.name=g", "data.directory=d", "tls.key.store=" + TestPki.TRUST,
                "tls.key.store.password=" + TestPki.PASSWORD), "tls.key.store: '",
                "trust.p12' (PKCS12) holds no private key");
    }

    @Test
    void aWrongTrustStorePasswordIsNamed() {
        assertSays(problem(tls("tls.client.auth=required", "tls.trust.store=" + TestPki.TRUST,
                "tls.trust.store.password=nope")), "tls.trust.store: '", "trust.p12' (PKCS12): the password is wrong");
    }

    @Test
    void unknownProtocolsAndCipherSuitesAreNamed() {
        assertSays(problem(tls("tls.protocols=TLSv1.3,SSLv9")),
                "tls.protocols: protocol(s) SSLv9 not supported by this JVM (supported: ");
        assertSays(problem(tls("tls.cipher.suites=TLS_NONSENSE")),
                "tls.cipher.suites: cipher suite(s) TLS_NONSENSE not supported by this JVM");
    }

    @Test
    void clientAuthenticationIsNoneOptionalOrRequiredAndNeedsATrustStore() {
        assertEquals("tls.client.auth: 'always' is not none, optional or required",
                problem(tls("tls.client.auth=always")));
        assertEquals("tls.trust.store: required with tls.client.auth=required (the certificates client certificates"
                + " must chain to)", problem(tls("tls.client.auth=required")));
        assertEquals("tls.trust.store: applies with tls.client.auth=optional or required only, not"
                + " tls.client.auth=none (the default)", problem(tls("tls.trust.store=" + TestPki.TRUST)));
        assertEquals("tls.trust.store.password: applies only with tls.trust.store",
                problem(tls("tls.trust.store.password=x")));
    }

    @Test
    void storeTypesArePkcs12OrJks() {
        assertEquals("tls.key.store.type: 'PEM' is not PKCS12 or JKS", problem(tls("tls.key.store.type=PEM")));
    }

    @Test
    void theTwoListenersNeedPortsOfTheirOwn() {
        assertEquals("tls.port: 7000 is tcp.port too; the plain and the TLS listener each need a port of their own",
                problem(tls("tcp.port=7000", "tls.port=7000")));
        assertEquals("tls.port: '70000' is not a port number (0-65535)", problem(tls("tls.port=70000")));
        assertEquals("tls.host: must not be empty", problem(tls("tls.host=")));
    }

    @Test
    void everyProblemIsListedAtOnceAndAMisspeltKeyIsUnknown() {
        String message = problem("broker.name=g", "data.directory=d", "tls.keystore=server.p12", "tls.port=x",
                "tls.client.auth=sometimes");
        assertSays(message, "tls.keystore: unknown key", "tls.key.store: required but missing",
                "tls.port: 'x' is not a port number", "tls.client.auth: 'sometimes'");
        assertEquals(4, message.split(System.lineSeparator()).length, message);
    }
}
