package dev.gannet.cli;

import dev.gannet.security.UsersFile;
import dev.gannet.server.RunningServer;
import dev.gannet.server.ServerConfig;

import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.security.auth.Subject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A standalone server in the test's JVM ({@link RunningServer}) with its remote JMX connector on a free port of
 * 127.0.0.1, for the launcher to manage.
 */
final class CliServer implements AutoCloseable {

    private final RunningServer server;
    private final int jmxPort;
    private final Registry registry;
    private final JMXConnectorServer connector;

    private CliServer(RunningServer server, int jmxPort, Registry registry, JMXConnectorServer connector) {
        this.server = server;
        this.jmxPort = jmxPort;
        this.registry = registry;
        this.connector = connector;
    }

    /**
     * Starts broker {@code name} on a Derby store in {@code directory}, tcp on a free port, from a config of
     * {@code lines} besides those; with security on when they say so.
     */
    static CliServer start(Path directory, String name, List<String> lines) throws IOException {
        List<String> config = new ArrayList<>(List.of("broker.name=" + name, "data.directory=data-" + name,
                "tcp.host=127.0.0.1", "tcp.port=0"));
        config.addAll(lines);
        Path file = directory.resolve(name + ".properties");
        Files.write(file, config, StandardCharsets.UTF_8);
        ServerConfig serverConfig = ServerConfig.load(file);
        RunningServer server = RunningServer.start(serverConfig);
        int port = freePort();
        try {
            System.setProperty("java.rmi.server.hostname", "127.0.0.1");
            Registry registry = LocateRegistry.createRegistry(port);
            Map<String, Object> environment = new HashMap<>();
            if (serverConfig.broker().security().enabled()) {
                Path users = serverConfig.broker().security().usersFile();
                environment.put(JMXConnectorServer.AUTHENTICATOR, (JMXAuthenticator) credentials -> {
                    String[] pair = (String[]) credentials;
                    if (pair == null || !UsersFile.read(users).matches(pair[0], pair[1].toCharArray())) {
                        throw new SecurityException("Login refused");
                    }
                    return new Subject(true, Set.of(new JMXPrincipal(pair[0])), Set.of(), Set.of());
                });
            }
            JMXConnectorServer connector = JMXConnectorServerFactory.newJMXConnectorServer(new JMXServiceURL(
                            "service:jmx:rmi://127.0.0.1:" + port + "/jndi/rmi://127.0.0.1:" + port + "/jmxrmi"),
                    environment, ManagementFactory.getPlatformMBeanServer());
            connector.start();
            return new CliServer(server, port, registry, connector);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The broker's client URL, {@code tcp://127.0.0.1:PORT}. */
    String brokerUrl() {
        return server.url();
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
    public void close() throws IOException {
        try {
            connector.stop();
            UnicastRemoteObject.unexportObject(registry, true);
        } finally {
            server.close();
        }
    }
}
