package dev.gannet.server;

import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The key stores README's TLS section makes with the JDK's {@code keytool}, run here as processes with the same
 * arguments, serve a server configured as {@code samples/gannet-tls.properties} is: mutual TLS with self-signed
 * certificates, each side trusting the other's certificate; and they serve the sample with security and TLS on,
 * {@code samples/security/gannet-secured-tls.properties}, as its comments say.
 */
@Timeout(180)
class KeytoolStoresTest {

    @TempDir
    Path directory;

    /** README, "Making the key stores with keytool": the same commands, in the same order. */
    private static final List<String> COMMANDS = List.of(
            "-genkeypair -alias broker -keyalg EC -groupname secp256r1 -dname CN=localhost"
                    + " -ext SAN=dns:localhost,ip:127.0.0.1 -validity 365 -keystore broker.p12 -storetype PKCS12"
                    + " -storepass changeit",
            "-exportcert -alias broker -keystore broker.p12 -storepass changeit -rfc -file broker.pem",
            "-importcert -alias broker -file broker.pem -keystore client-trust.p12 -storetype PKCS12"
                    + " -storepass changeit -noprompt",
            "-genkeypair -alias alice -keyalg EC -groupname secp256r1 -dname CN=alice -validity 365"
                    + " -keystore client.p12 -storetype PKCS12 -storepass changeit",
            "-exportcert -alias alice -keystore client.p12 -storepass changeit -rfc -file alice.pem",
            "-importcert -alias alice -file alice.pem -keystore broker-trust.p12 -storetype PKCS12"
                    + " -storepass changeit -noprompt");

    private static void keytool(Path in, String arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "keytool");
        command.addAll(List.of(arguments.split(" ")));
        Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true)
                .redirectOutput(in.resolve("keytool.out").toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool " + arguments + " did not finish");
        assertEquals(0, process.exitValue(), "keytool " + arguments + ":\n"
                + Files.readString(in.resolve("keytool.out")));
    }

    /** Makes README's stores in {@code in}. */
    private static void makeStores(Path in) throws IOException, InterruptedException {
        for (String arguments : COMMANDS) {
            keytool(in, arguments);
        }
    }

    @Test
    void storesMadeWithKeytoolServeMutualTls() throws Exception {
        makeStores(directory);
        Path config = Files.write(directory.resolve("gannet-tls.properties"), List.of("broker.name=gannet-tls",
                "data.directory=data", "tcp.port=0", "tls.port=0", "tls.key.store=broker.p12",
                "tls.key.store.password=changeit", "tls.client.auth=required", "tls.trust.store=broker-trust.p12",
                "tls.trust.store.password=changeit", "queues=orders"), StandardCharsets.UTF_8);
        try (RunningServer server = RunningServer.start(ServerConfig.load(config))) {
            String url = server.urls().get(1) + "?trustStorePath=" + directory.resolve("client-trust.p12")
                    + "&trustStorePassword=changeit&keyStorePath=" + directory.resolve("client.p12")
                    + "&keyStorePassword=changeit";
            try (JMSContext context = new GannetConnectionFactory(url).createContext()) {
                Queue orders = context.createQueue("orders");
                context.createProducer().send(orders, "hello over TLS");
                assertEquals("hello over TLS", context.createConsumer(orders).receiveBody(String.class, 10_000));
                assertEquals("CN=alice", server.acceptors().get(1).peers().get(0).certificate()
                        .getSubjectX500Principal().getName());
            }
        }
    }

    /**
     * {@code samples/security/gannet-secured-tls.properties} and its files, copied with the stores README's keytool
     * commands make in {@code tls} beside them (as in {@code samples/}), on a free port: a TLS listener only, where
     * the sample user {@code shop} logs in by password without a certificate, the client certificate {@code CN=alice}
     * logs in as {@code shop} without a password, and a client with neither is refused.
     */
    @Test
    void theSampleWithSecurityAndTlsOnLogsInByPasswordAndByCertificate() throws Exception {
        Path tls = Files.createDirectory(directory.resolve("tls"));
        makeStores(tls);
        Path samples = Path.of("..", "samples", "security");
        Path security = Files.createDirectory(directory.resolve("security"));
        for (String file : List.of("users.properties", "roles.properties", "cert-users.properties")) {
            Files.copy(samples.resolve(file), security.resolve(file));
        }
        String sample = Files.readString(samples.resolve("gannet-secured-tls.properties"), StandardCharsets.UTF_8);
        assertTrue(sample.contains("\ntls.port=61617\n"), "the sample's TLS port");
        Path config = Files.writeString(security.resolve("gannet-secured-tls.properties"),
                sample.replace("\ntls.port=61617\n", "\ntls.port=0\n"), StandardCharsets.UTF_8);

        try (RunningServer server = RunningServer.start(ServerConfig.load(config))) {
            assertEquals(1, server.urls().size(), "TLS only: " + server.urls());
            assertTrue(server.url().startsWith("ssl://127.0.0.1:"), server.url());
            String trusting = server.url() + "?trustStorePath=" + encoded(tls.resolve("client-trust.p12"))
                    + "&trustStorePassword=changeit";
            String showingAlice = trusting + "&keyStorePath=" + encoded(tls.resolve("client.p12"))
                    + "&keyStorePassword=changeit";
            try (JMSContext byCertificate = new GannetConnectionFactory(showingAlice).createContext();
                 JMSContext byPassword = new GannetConnectionFactory(trusting).createContext("shop", "shop-secret")) {
                Queue orders = byCertificate.createQueue("orders");
                byCertificate.createProducer().send(orders, "signed by alice");
                Message received = byPassword.createConsumer(orders).receive(10_000);
                assertEquals("signed by alice", received.getBody(String.class));
                assertEquals("shop", received.getStringProperty("JMSXUserID"),
                        "the certificate CN=alice logged in as shop");
            }
            assertThrows(JMSSecurityRuntimeException.class,
                    () -> new GannetConnectionFactory(trusting).createContext().close(),
                    "no certificate and no user name: the sample has no default user");
            assertThrows(JMSSecurityRuntimeException.class,
                    () -> new GannetConnectionFactory(trusting).createContext("shop", "wrong").close());
        }
    }

    private static String encoded(Path path) {
        return URLEncoder.encode(path.toString(), StandardCharsets.UTF_8);
    }
}
