package dev.gannet.transport.tcp.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Certificates made for a test, written as key stores and trust stores to a directory: a certificate authority, a
 * broker certificate for {@code localhost} and {@code 127.0.0.1} signed by it, a client certificate signed by it, and
 * the broker and client certificates that must fail: an expired one, one for another host, and ones signed by a second
 * CA nobody trusts. Every store's password is {@value #PASSWORD}. EC P-256 keys, quick to make.
 */
public final class TestPki {

    public static final String PASSWORD = "changeit";

    /** The broker's key store (PKCS12): its key and certificate for localhost and 127.0.0.1, signed by the CA. */
    public static final String SERVER = "server.p12";
    /** The same as {@link #SERVER}, as JKS. */
    public static final String SERVER_JKS = "server.jks";
    /** A broker key store whose certificate expired yesterday. */
    public static final String EXPIRED_SERVER = "expired-server.p12";
    /** A broker key store whose certificate names only {@code wrong.example} and 10.9.9.9. */
    public static final String WRONG_HOST_SERVER = "wrong-host-server.p12";
    /** A broker key store whose certificate is signed by the untrusted CA. */
    public static final String UNTRUSTED_SERVER = "untrusted-server.p12";
    /** The CA's certificate as a trust store (PKCS12). */
    public static final String TRUST = "trust.p12";
    /** The same as {@link #TRUST}, as JKS. */
    public static final String TRUST_JKS = "trust.jks";
    /** The client's key store (PKCS12): its key and certificate ({@code CN=alice,O=Gannet Tests}), signed by the CA. */
    public static final String CLIENT = "client.p12";
    /** The same as {@link #CLIENT}, as JKS. */
    public static final String CLIENT_JKS = "client.jks";
    /** A client key store whose certificate ({@code CN=mallory}) is signed by the untrusted CA. */
    public static final String UNTRUSTED_CLIENT = "untrusted-client.p12";
    /** A client key store whose certificate ({@code CN=old}) expired yesterday. */
    public static final String EXPIRED_CLIENT = "expired-client.p12";

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final Path directory;
    private final X509Certificate ca;
    private final X509Certificate client;

    private TestPki(Path directory, X509Certificate ca, X509Certificate client) {
        this.directory = directory;
        this.ca = ca;
        this.client = client;
    }

    /** Makes every certificate and writes every store to {@code directory}. */
    public static TestPki create(Path directory) {
        try {
            Instant now = Instant.now();
            Instant from = now.minus(Duration.ofDays(1));
            Instant until = now.plus(Duration.ofDays(30));
            KeyPair caKeys = keys();
            X509Certificate ca = caCertificate("CN=Gannet Test CA", caKeys, from, until);
            KeyPair otherCaKeys = keys();
            X509Certificate otherCa = caCertificate("CN=Untrusted Test CA", otherCaKeys, from, until);

            KeyPair serverKeys = keys();
            X509Certificate server = leaf("CN=localhost", serverKeys, ca, caKeys, from, until,
                    KeyPurposeId.id_kp_serverAuth, new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
            keyStore(directory.resolve(SERVER), "PKCS12", serverKeys, server, ca);
            keyStore(directory.resolve(SERVER_JKS), "JKS", serverKeys, server, ca);

            KeyPair expiredKeys = keys();
            keyStore(directory.resolve(EXPIRED_SERVER), "PKCS12", expiredKeys, leaf("CN=localhost", expiredKeys, ca,
                    caKeys, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)),
                    KeyPurposeId.id_kp_serverAuth, new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")), ca);
            KeyPair wrongHostKeys = keys();
            keyStore(directory.resolve(WRONG_HOST_SERVER), "PKCS12", wrongHostKeys, leaf("CN=wrong.example",
                    wrongHostKeys, ca, caKeys, from, until, KeyPurposeId.id_kp_serverAuth,
                    new GeneralName(GeneralName.dNSName, "wrong.example"),
                    new GeneralName(GeneralName.iPAddress, "10.9.9.9")), ca);
            KeyPair untrustedKeys = keys();
            keyStore(directory.resolve(UNTRUSTED_SERVER), "PKCS12", untrustedKeys, leaf("CN=localhost",
                    untrustedKeys, otherCa, otherCaKeys, from, until, KeyPurposeId.id_kp_serverAuth,
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")), otherCa);

            trustStore(directory.resolve(TRUST), "PKCS12", ca);
            trustStore(directory.resolve(TRUST_JKS), "JKS", ca);

            KeyPair clientKeys = keys();
            X509Certificate client = leaf("O=Gannet Tests,CN=alice", clientKeys, ca, caKeys, from, until,
                    KeyPurposeId.id_kp_clientAuth);
            keyStore(directory.resolve(CLIENT), "PKCS12", clientKeys, client, ca);
            keyStore(directory.resolve(CLIENT_JKS), "JKS", clientKeys, client, ca);
            KeyPair malloryKeys = keys();
            keyStore(directory.resolve(UNTRUSTED_CLIENT), "PKCS12", malloryKeys, leaf("CN=mallory", malloryKeys,
                    otherCa, otherCaKeys, from, until, KeyPurposeId.id_kp_clientAuth), otherCa);
            KeyPair oldKeys = keys();
            keyStore(directory.resolve(EXPIRED_CLIENT), "PKCS12", oldKeys, leaf("CN=old", oldKeys, ca, caKeys,
                    now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)), KeyPurposeId.id_kp_clientAuth), ca);
            return new TestPki(directory, ca, client);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("Cannot make the test certificates", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The store file {@code name} (one of this class's constants). */
    public Path file(String name) {
        return directory.resolve(name);
    }

    /** The store {@code name} as TLS settings read it, password {@value #PASSWORD}, type from its extension. */
    public StoreFile store(String name) {
        return new StoreFile(file(name), PASSWORD, name.endsWith(".jks") ? StoreFile.JKS : StoreFile.PKCS12);
    }

    /** URL-encoded path of the store {@code name}, for a URL option. */
    public String urlPath(String name) {
        return java.net.URLEncoder.encode(file(name).toString(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public X509Certificate caCertificate() {
        return ca;
    }

    /** The certificate of {@link #CLIENT}. */
    public X509Certificate clientCertificate() {
        return client;
    }

    private static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate caCertificate(String subject, KeyPair keys, Instant from, Instant until)
            throws GeneralSecurityException, IOException, org.bouncycastle.operator.OperatorCreationException {
        X500Name name = new X500Name(subject);
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(from),
                Date.from(until), name, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(keys.getPublic()));
        return sign(builder, keys);
    }

    private static X509Certificate leaf(String subject, KeyPair keys, X509Certificate issuer, KeyPair issuerKeys,
                                        Instant from, Instant until, KeyPurposeId purpose, GeneralName... names)
            throws GeneralSecurityException, IOException, org.bouncycastle.operator.OperatorCreationException {
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(from),
                Date.from(until), new X500Name(subject), keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(issuer))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(keys.getPublic()));
        if (names.length > 0) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        return sign(builder, issuerKeys);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private static void keyStore(Path file, String type, KeyPair keys, X509Certificate certificate,
                                 X509Certificate issuer) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setKeyEntry("key", keys.getPrivate(), PASSWORD.toCharArray(),
                List.of(certificate, issuer).toArray(new X509Certificate[0]));
        write(store, file);
    }

    private static void trustStore(Path file, String type, X509Certificate ca)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        write(store, file);
    }

    private static void write(KeyStore store, Path file) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
    }
}
