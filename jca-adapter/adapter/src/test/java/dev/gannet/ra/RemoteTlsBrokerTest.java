package dev.gannet.ra;

import dev.gannet.ra.outbound.PooledConnectionFactory;
import dev.gannet.ra.server.PoolingConnectionManager;
import dev.gannet.ra.server.RunningAdapter;
import dev.gannet.server.RunningServer;
import dev.gannet.server.ServerConfig;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adapter on a remote broker over TLS ({@code brokerUrl = ssl://HOST:PORT?trustStorePath=...}), on 127.0.0.1 with
 * a broker key store and a client trust store made by the JDK's {@code keytool}: the pooled connections and the
 * adapter's own reach the broker's TLS listener (the only listener it has, so nothing can pass in plain text).
 */
@Timeout(180)
class RemoteTlsBrokerTest {

    @TempDir
    Path directory;

    private void keytool(String arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "keytool");
        command.addAll(List.of(arguments.split(" ")));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("keytool.out").toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool " + arguments + " did not finish");
        assertEquals(0, process.exitValue(), "keytool " + arguments + ":\n"
                + Files.readString(directory.resolve("keytool.out")));
    }

    private RunningServer tlsOnlyServer() throws Exception {
        keytool("-genkeypair -alias broker -keyalg EC -groupname secp256r1 -dname CN=localhost"
                + " -ext SAN=dns:localhost,ip:127.0.0.1 -validity 2 -keystore broker.p12 -storetype PKCS12"
                + " -storepass changeit");
        keytool("-exportcert -alias broker -keystore broker.p12 -storepass changeit -rfc -file broker.pem");
        keytool("-importcert -alias broker -file broker.pem -keystore client-trust.p12 -storetype PKCS12"
                + " -storepass changeit -noprompt");
        Properties properties = new Properties();
        properties.setProperty(ServerConfig.BROKER_NAME, "ra-tls");
        properties.setProperty(ServerConfig.DATA_DIRECTORY, directory.resolve("broker").toString());
        properties.setProperty(ServerConfig.TLS_HOST, "127.0.0.1");
        properties.setProperty(ServerConfig.TLS_PORT, "0");
        properties.setProperty(ServerConfig.TLS_KEY_STORE, "broker.p12");
        properties.setProperty(ServerConfig.TLS_KEY_STORE_PASSWORD, "changeit");
        return RunningServer.start(ServerConfig.fromProperties(properties, directory));
    }

    @Test
    void anAdapterWithAnSslBrokerUrlSendsAndReceivesOverTls() throws Exception {
        try (RunningServer server = tlsOnlyServer()) {
            assertEquals(1, server.urls().size());
            String url = server.url() + "?trustStorePath=" + URLEncoder.encode(
                    directory.resolve("client-trust.p12").toString(), StandardCharsets.UTF_8)
                    + "&trustStorePassword=changeit";
            assertTrue(url.startsWith("ssl://127.0.0.1:"), url);
            try (RunningAdapter running = RunningAdapter.remote(url)) {
                PooledConnectionFactory factory = running.connectionFactory(new PoolingConnectionManager(null));
                try (Connection connection = factory.createConnection()) {
                    Session session = connection.createSession();
                    session.createProducer(session.createQueue("secured"))
                            .send(session.createTextMessage("over TLS"));
                }
                assertEquals(List.of("over TLS"), running.take("secured", 1, Duration.ofSeconds(30)));
            }
        }
    }
}
