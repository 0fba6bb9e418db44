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
 * arguments, serve the samples that use them as their comments say: {@code samples/gannet-tls.properties} (mutual TLS
 * with self-signed certificates, each side trusting the other's certificate) and
 * {@code samples/security/gannet-secured-tls.properties} (security and TLS on).
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

    /**
     * {@code samples/gannet-tls.properties}, copied with the stores README's keytool commands make in {@code tls}
     * beside it (as in {@code samples/}), on free ports: both listeners, mutual TLS on the TLS one.
     */
    @Test
    void storesMadeWithKeytoolServeTheTlsSampleWithMutualTls() throws Exception {
        Path tls = Files.createDirectory(directory.resolve("tls"));
        makeStores(tls);
        Path config = copySample(Path.of("..", "samples", "gannet-tls.properties"), directory,
                "tcp.port=61616", "tls.port=61617");
        try (RunningServer server = RunningServer.start(ServerConfig.load(config))) {
            assertEquals(2, server.urls().size(), "both listeners: " + server.urls());
            String url = server.urls().get(1) + "?trustStorePath=" + encoded(tls.resolve("client-trust.p12"))
                    + "&trustStorePassword=changeit&keyStorePath=" + encoded(tls.resolve("client.p12"))
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
        Path config = copySample(samples.resolve("gannet-secured-tls.properties"), security, "tls.port=61617");

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

    /** The sample config {@code sample} copied into {@code to}, each of its lines {@code ports} on port 0 instead. */
    private static Path copySample(Path sample, Path to, String... ports) throws IOException {
        String text = Files.readString(sample, StandardCharsets.UTF_8);
        for (String port : ports) {
            assertTrue(text.contains("\n" + port + "\n"), sample + " has " + port);
            text = text.replace("\n" + port + "\n", "\n" + port.substring(0, port.indexOf('=')) + "=0\n");
        }
        return Files.writeString(to.resolve(sample.getFileName()), text, StandardCharsets.UTF_8);
    }

    private static String encoded(Path path) {
        return URLEncoder.encode(path.toString(), StandardCharsets.UTF_8);
    }
}
