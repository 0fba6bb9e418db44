package dev.gannet.transport.tcp.tls;

import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.jndi.GannetInitialContextFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.InitialContext;
import java.nio.file.Path;
import java.util.Hashtable;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TLS options of a broker URL are read, and their stores opened, when a connection factory reads its URL: each
 * mistake fails the factory naming the option and what is wrong, and never shows a password.
 */
class TlsUrlOptionsTest {

    private static final String SECRET = "s3cr3t-never-shown";

    @TempDir
    static Path pkiDirectory;
    static TestPki pki;

    @BeforeAll
    static void makeCertificates() {
        pki = TestPki.create(pkiDirectory);
    }

    private static String problem(String url) {
        return assertThrows(IllegalArgumentException.class, () -> new GannetConnectionFactory(url)).getMessage();
    }

    private static void assertSays(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' not in: " + message);
        }
    }

    private static String trusting() {
        return "trustStorePath=" + pki.urlPath(TestPki.TRUST) + "&trustStorePassword=" + TestPki.PASSWORD;
    }

    @Test
    void everyTlsOptionIsReadOnAnSslUrlAndOnATcpUrlWithSslEnabled() {
        String options = trusting() + "&trustStoreType=PKCS12&keyStorePath=" + pki.urlPath(TestPki.CLIENT_JKS)
                + "&keyStorePassword=" + TestPki.PASSWORD + "&keyStoreType=jks&enabledProtocols=TLSv1.3,TLSv1.2"
                + "&enabledCipherSuites=TLS_AES_128_GCM_SHA256&verifyHost=false";
        assertDoesNotThrow(() -> new GannetConnectionFactory("ssl://127.0.0.1:61617?" + options));
        assertDoesNotThrow(() -> new GannetConnectionFactory("tcp://127.0.0.1:61617?sslEnabled=true&" + options));
        assertDoesNotThrow(() -> new GannetConnectionFactory("ssl://broker.example:61617"));
    }

    @Test
    void aTlsOptionOnAPlainTcpUrlIsRefused() {
        assertSays(problem("tcp://127.0.0.1:61616?" + trusting()),
                "option trustStorePath applies to TLS connections only; use ssl://HOST:PORT or sslEnabled=true");
        assertSays(problem("tcp://127.0.0.1:61616?sslEnabled=false&verifyHost=false"), "option verifyHost applies");
    }

    @Test
    void sslEnabledFalseContradictsTheSslScheme() {
        assertSays(problem("ssl://127.0.0.1:61617?sslEnabled=false"), "sslEnabled=false contradicts the ssl scheme");
    }

    @Test
    void unknownOptionsStillFailClearly() {
        assertSays(problem("ssl://127.0.0.1:61617?trustStorPath=x"), "unknown option(s) [trustStorPath]");
        assertSays(problem("ssl://127.0.0.1:61617?verifyHost=maybe"), "verifyHost must be true or false, not 'maybe'");
        assertSays(problem("ssl://127.0.0.1"), "names no host and port; use ssl://HOST:PORT");
    }

    @Test
    void aMissingStoreFileNamesTheStoreAndTheFile() {
        Path missing = pkiDirectory.resolve("missing.p12");
        assertSays(problem("ssl://127.0.0.1:61617?trustStorePath=" + missing), "trust store '" + missing
                + "' (PKCS12) does not exist");
        assertSays(problem("ssl://127.0.0.1:61617?keyStorePath=" + missing + "&keyStorePassword=x"), "key store '"
                + missing + "' (PKCS12) does not exist");
    }

    @Test
    void aWrongPasswordIsNamedButNeverShown() {
        String message = problem("ssl://127.0.0.1:61617?trustStorePath=" + pki.urlPath(TestPki.TRUST)
                + "&trustStorePassword=" + SECRET);
        assertSays(message, "trust store", "the password is wrong", "trustStorePassword=***");
        assertFalse(message.contains(SECRET), message);

        message = problem("ssl://127.0.0.1:61617?keyStorePath=" + pki.urlPath(TestPki.CLIENT_JKS)
                + "&keyStoreType=JKS&keyStorePassword=" + SECRET);
        assertSays(message, "key store", "(JKS)", "the password is wrong");
        assertFalse(message.contains(SECRET), message);
    }

    @Test
    void aKeyStoreWithoutItsPasswordIsRefused() {
        assertSays(problem("ssl://127.0.0.1:61617?keyStorePath=" + pki.urlPath(TestPki.CLIENT)),
                "key store '" + pki.file(TestPki.CLIENT) + "' (PKCS12) needs its password");
    }

    @Test
    void aKeyStoreWithoutAPrivateKeyIsRefused() {
        assertSays(problem("ssl://127.0.0.1:61617?keyStorePath=" + pki.urlPath(TestPki.TRUST) + "&keyStorePassword="
                + TestPki.PASSWORD), "key store", "holds no private key");
    }

    @Test
    void aFileThatIsNoStoreIsRefused() throws Exception {
        Path text = java.nio.file.Files.writeString(pkiDirectory.resolve("notes.txt"), "not a key store");
        assertSays(problem("ssl://127.0.0.1:61617?trustStorePath=" + text + "&trustStorePassword=x"),
                "trust store '" + text + "' (PKCS12) cannot be read as a PKCS12 store");
    }

    @Test
    void storeTypesArePkcs12OrJks() {
        assertSays(problem("ssl://127.0.0.1:61617?" + trusting() + "&trustStoreType=PEM"),
                "trustStoreType: store type 'PEM' is not PKCS12 or JKS");
    }

    @Test
    void aPasswordOrTypeWithoutItsPathIsRefused() {
        assertSays(problem("ssl://127.0.0.1:61617?keyStorePassword=" + SECRET), "keyStorePassword is given without"
                + " keyStorePath");
        assertSays(problem("ssl://127.0.0.1:61617?trustStoreType=JKS"), "trustStoreType is given without"
                + " trustStorePath");
    }

    @Test
    void unknownProtocolsAndCipherSuitesAreNamedWithWhatIsSupported() {
        assertSays(problem("ssl://127.0.0.1:61617?enabledProtocols=TLSv1.3,TLSv1.9"),
                "protocol(s) TLSv1.9 not supported by this JVM (supported: ", "TLSv1.3");
        assertSays(problem("ssl://127.0.0.1:61617?enabledCipherSuites=TLS_MADE_UP"),
                "cipher suite(s) TLS_MADE_UP not supported by this JVM");
    }

    @Test
    void jndiNamesTheFactoryWhoseTlsOptionIsWrong() {
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, GannetInitialContextFactory.class.getName());
        environment.put("connectionFactory.secure", "ssl://127.0.0.1:61617");
        environment.put("connectionFactory.secure.trustStorePath", pkiDirectory.resolve("missing.p12").toString());
        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> new InitialContext(environment));
        assertSays(failure.getMessage(), "connectionFactory.secure:", "trust store", "does not exist");
    }
}
