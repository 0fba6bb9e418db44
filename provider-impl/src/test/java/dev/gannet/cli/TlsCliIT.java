package dev.gannet.cli;

import dev.gannet.server.ServerConfig;
import dev.gannet.transport.tcp.tls.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The launcher against a server whose remote JMX speaks RMI over TLS ({@value ServerConfig#JMX_REMOTE_TLS}): with
 * {@code --tls} and a trust store holding the server's CA it manages; without TLS, or without trusting the
 * certificate, it cannot connect.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TlsCliIT {

    @TempDir
    Path directory;

    @Test
    void managesOverTlsWithATrustStore() throws Exception {
        TestPki pki = TestPki.create(directory);
        try (CliServer server = CliServer.start(directory, "cli-tls", List.of("queues=orders", "tls.port=0",
                ServerConfig.TLS_KEY_STORE + "=" + pki.file(TestPki.SERVER),
                ServerConfig.TLS_KEY_STORE_PASSWORD + "=" + TestPki.PASSWORD,
                ServerConfig.JMX_REMOTE_TLS + "=true"))) {
            String port = Integer.toString(server.jmxPort());
            Launcher gannet = new Launcher(directory);

            Launcher.Result list = gannet.run("queue", "list", "--json", "--port", port, "--tls", "--trust-store",
                    pki.file(TestPki.TRUST).toString(), "--trust-store-password", TestPki.PASSWORD)
                    .assertStatus(ExitStatus.OK);
            assertEquals("orders", list.json().getAsJsonArray().get(0).getAsJsonObject().get("name").getAsString());

            gannet.environment("GANNET_JMX_TLS", "true")
                    .environment("GANNET_TRUST_STORE", pki.file(TestPki.TRUST).toString())
                    .environment("GANNET_TRUST_STORE_PASSWORD", TestPki.PASSWORD);
            gannet.run("queue", "stat", "orders", "--port", port).assertStatus(ExitStatus.OK);

            Launcher plain = new Launcher(directory);
            plain.run("queue", "list", "--port", port).assertStatus(ExitStatus.CANNOT_CONNECT);
            plain.run("queue", "list", "--port", port, "--tls").assertStatus(ExitStatus.CANNOT_CONNECT);
        }
    }
}
