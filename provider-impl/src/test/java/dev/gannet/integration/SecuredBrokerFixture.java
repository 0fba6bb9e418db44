package dev.gannet.integration;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.api.Permissions;
import dev.gannet.api.SecurityConfig;
import dev.gannet.broker.Broker;
import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.security.SecuredBroker;
import dev.gannet.transport.tcp.TcpOptions;
import dev.gannet.transport.tcp.server.TcpAcceptor;
import dev.gannet.transport.vm.VmBrokerRegistry;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A broker with security on, reached as the build's transport says ({@link BrokerTestSupport#TCP}): vm through an
 * {@link EmbeddedBroker} of a secured {@link BrokerConfig}, tcp through {@link SecuredBroker} and a TCP acceptor on
 * 127.0.0.1. Its users file holds every user with the password {@value #PASSWORD}, hashed as the users file format
 * says (PBKDF2, few iterations so that tests log in quickly); its roles file is written by the test and may be
 * rewritten while the broker runs. Closes what it opened.
 */
final class SecuredBrokerFixture implements AutoCloseable {

    static final String PASSWORD = "secret";
    /** How often the broker looks at its files: short, so a rewritten roles file applies soon. */
    static final Duration RELOAD = Duration.ofMillis(100);

    final String brokerName = "secured-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path rolesFile;
    private final String url;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final EmbeddedBroker vmBroker;
    private final Broker tcpBroker;
    private final TcpAcceptor acceptor;

    /**
     * @param rolesByRole the roles file: role to its users (comma-separated)
     */
    SecuredBrokerFixture(Path directory, List<String> users, Map<String, String> rolesByRole,
                         Permissions permissions) throws IOException {
        Path usersFile = directory.resolve("users.properties");
        StringBuilder userLines = new StringBuilder();
        for (String user : users) {
            userLines.append(user).append(" = ").append(hashed(PASSWORD)).append('\n');
        }
        Files.writeString(usersFile, userLines, StandardCharsets.UTF_8);
        rolesFile = directory.resolve("roles.properties");
        writeRoles(rolesByRole);
        BrokerConfig config = BrokerConfig.builder().name(brokerName).dataDirectory(directory.resolve("data"))
                .security(SecurityConfig.builder().usersFile(usersFile).rolesFile(rolesFile).reloadInterval(RELOAD)
                        .permissions(permissions).build())
                .build();
        if (BrokerTestSupport.TCP) {
            vmBroker = null;
            tcpBroker = SecuredBroker.start(config);
            acceptor = TcpAcceptor.start(tcpBroker, "127.0.0.1", 0, TcpOptions.defaults());
            url = "tcp://127.0.0.1:" + acceptor.port();
        } else {
            vmBroker = EmbeddedBroker.start(config);
            tcpBroker = null;
            acceptor = null;
            url = "vm://" + brokerName + "?dataDirectory=" + config.dataDirectory();
        }
    }

    /** The running broker. */
    Broker broker() {
        return tcpBroker != null ? tcpBroker : VmBrokerRegistry.running(brokerName).orElseThrow();
    }

    /** Rewrites the roles file; the broker reads it again at its next look. */
    void writeRoles(Map<String, String> rolesByRole) throws IOException {
        StringBuilder lines = new StringBuilder();
        rolesByRole.forEach((role, users) -> lines.append(role).append(" = ").append(users).append('\n'));
        boolean existed = Files.exists(rolesFile);
        FileTime before = existed ? Files.getLastModifiedTime(rolesFile) : null;
        Files.writeString(rolesFile, lines, StandardCharsets.UTF_8);
        if (existed && !Files.getLastModifiedTime(rolesFile).toInstant().isAfter(before.toInstant())) {
            // a coarse file-system clock: make the change visible by its time too
            Files.setLastModifiedTime(rolesFile, FileTime.from(before.toInstant().plusSeconds(1)));
        }
    }

    /** A started connection of {@code user} with the client ID {@code user}. */
    Connection connection(String user) throws JMSException {
        return connection(user, null);
    }

    /** A started connection of {@code user} with the client ID {@code user}, the URL options {@code options} added. */
    Connection connection(String user, String options) throws JMSException {
        Connection connection = new GannetConnectionFactory(options == null ? url
                : url + (url.contains("?") ? "&" : "?") + options)
                .createConnection(user, PASSWORD);
        opened.add(connection);
        connection.setClientID(user);
        connection.start();
        return connection;
    }

    /** A started connection of {@code user} without client ID (one of several of that user at once). */
    Connection connectionWithoutClientId(String user) throws JMSException {
        Connection connection = new GannetConnectionFactory(url).createConnection(user, PASSWORD);
        opened.add(connection);
        connection.start();
        return connection;
    }

    /** A context of {@code user} with the client ID {@code user}. */
    JMSContext context(String user) {
        JMSContext context = new GannetConnectionFactory(url).createContext(user, PASSWORD);
        opened.add(context);
        context.setClientID(user);
        return context;
    }

    /** Closes what the test opened, then the broker. */
    @Override
    public void close() throws Exception {
        Exception first = null;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        opened.clear();
        if (acceptor != null) {
            acceptor.close();
            tcpBroker.close();
        } else {
            vmBroker.close();
            EmbeddedBroker.stop(brokerName);
        }
        if (first != null) {
            throw first;
        }
    }

    /** {@code ENC(PBKDF2WithHmacSHA256:ITERATIONS:SALT:HASH)}, the users file's format (see {@link SecurityConfig}). */
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
