package dev.gannet.cli;

import dev.gannet.server.RunningServer;
import dev.gannet.server.ServerConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A standalone server in the test's JVM ({@link RunningServer}) with its remote JMX connector
 * ({@value ServerConfig#JMX_REMOTE_PORT}) on a free port of 127.0.0.1, for the launcher to manage.
 */
final class CliServer implements AutoCloseable {

    private final RunningServer server;
    private final int jmxPort;

    private CliServer(RunningServer server, int jmxPort) {
        this.server = server;
        this.jmxPort = jmxPort;
    }

    /**
     * Starts broker {@code name} on a Derby store in {@code directory}, tcp and remote JMX on free ports, from a config
     * of {@code lines} besides those (security on when they say so).
     */
    static CliServer start(Path directory, String name, List<String> lines) throws IOException {
        int jmxPort = freePort();
        List<String> config = new ArrayList<>(List.of("broker.name=" + name, "data.directory=data-" + name,
                "tcp.host=127.0.0.1", "tcp.port=0", ServerConfig.JMX_REMOTE_HOST + "=127.0.0.1",
                ServerConfig.JMX_REMOTE_PORT + "=" + jmxPort));
        config.addAll(lines);
        Path file = directory.resolve(name + ".properties");
        Files.write(file, config, StandardCharsets.UTF_8);
        return new CliServer(RunningServer.start(ServerConfig.load(file)), jmxPort);
    }

    /** The broker's client URL, {@code tcp://127.0.0.1:PORT}. */
    String brokerUrl() {
        return server.url();
    }

    /** The server's JMX service URL. */
    String jmxUrl() {
        return server.remoteJmxUrl().orElseThrow();
    }

    /** The port of the remote JMX connector. */
    int jmxPort() {
        return jmxPort;
    }

    /** The options that point a management command at this server: {@code --port PORT}. */
    List<String> management() {
        return List.of("--port", Integer.toString(jmxPort));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
