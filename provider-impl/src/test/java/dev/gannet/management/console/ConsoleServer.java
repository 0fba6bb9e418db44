package dev.gannet.management.console;

import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.server.RunningServer;
import dev.gannet.server.ServerConfig;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A standalone server (its config file read as the server reads it) with the web console on a free port of
 * 127.0.0.1, with or without security. With security, the users {@code admin} (role admins: manage everything, and
 * send, consume and browse everywhere) and {@code app} (role apps: send, consume and browse, no manage) have the
 * password {@value #PASSWORD}.
 */
final class ConsoleServer implements AutoCloseable {

    static final String PASSWORD = "secret";

    private final RunningServer server;
    private final List<Connection> connections = new ArrayList<>();

    ConsoleServer(Path directory, boolean security, String... moreLines) throws IOException {
        List<String> lines = new ArrayList<>(List.of("broker.name=console-" + (security ? "secured" : "open"),
                "data.directory=data", "tcp.port=0", "management.console.port=0", "management.jmx.enabled=false",
                "queues=orders,bulk,work", "destination.work.max-delivery-attempts=1"));
        if (security) {
            Files.writeString(directory.resolve("users.properties"), "admin = " + hashed(PASSWORD) + "\napp = "
                    + hashed(PASSWORD) + "\n", StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("roles.properties"), "admins = admin\napps = app\n",
                    StandardCharsets.UTF_8);
            lines.addAll(List.of("security.enabled=true", "security.users.file=users.properties",
                    "security.roles.file=roles.properties", "security.permission.#.manage=admins",
                    "security.permission.#.send=admins,apps", "security.permission.#.consume=admins,apps",
                    "security.permission.#.browse=admins,apps", "security.permission.#.create-destination=admins,apps"));
        }
        lines.addAll(List.of(moreLines));
        Path file = directory.resolve("gannet.properties");
        Files.write(file, lines, StandardCharsets.UTF_8);
        server = RunningServer.start(ServerConfig.load(file));
    }

    /** The server {@code config} describes. */
    ConsoleServer(ServerConfig config) {
        server = RunningServer.start(config);
    }

    RunningServer server() {
        return server;
    }

    /** E.g. {@code http://127.0.0.1:PORT}, without a path. */
    String base() {
        String url = server.consoleUrl().orElseThrow();
        return url.substring(0, url.length() - "/console/".length());
    }

    /** A started connection as {@code admin} (a user on an open broker is ignored), closed with the server. */
    Connection connection(String clientId) throws JMSException {
        Connection connection = new GannetConnectionFactory(server.url()).createConnection("admin", PASSWORD);
        if (clientId != null) {
            connection.setClientID(clientId);
        }
        connection.start();
        connections.add(connection);
        return connection;
    }

    @Override
    public void close() {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException e) {
                // closed by the broker already
            }
        }
        server.close();
    }

    /** A users-file hash of {@code password} (few iterations, so that tests log in quickly). */
    static String hashed(String password) {
        int iterations = 1000;
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            Base64.Encoder base64 = Base64.getEncoder();
            return "ENC(PBKDF2WithHmacSHA256:" + iterations + ":" + base64.encodeToString(salt) + ":"
                    + base64.encodeToString(hash) + ")";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
