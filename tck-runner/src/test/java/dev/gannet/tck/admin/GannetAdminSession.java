package dev.gannet.tck.admin;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.api.Permissions;
import dev.gannet.api.SecurityConfig;
import dev.gannet.broker.Broker;
import dev.gannet.security.SecuredBroker;
import dev.gannet.transport.tcp.TcpOptions;
import dev.gannet.transport.tcp.server.TcpAcceptor;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The suite's only provider-specific code: prepares the provider for one launcher session.
 * {@code tck.admin.wipe=DIR} deletes a broker store left by an earlier run, so each run starts empty;
 * {@code tck.admin.vmBroker=NAME} starts the in-process broker NAME for the whole session, as a TCK's provider admin
 * does, and closes it with the session (a broker started by the first vm connection would run until the JVM exits);
 * {@code tck.admin.tcpPort=PORT} starts a Gannet server on 127.0.0.1:PORT and stops it when the session closes.
 *
 * <p>Both brokers run with security on, as a TCK's provider would: the users and roles files under
 * {@code security/} on the test class path let in the TCK's user {@value #TCK_USER} (password {@value #TCK_USER}, as
 * the TCK's {@code ts.jte} sets {@code user} and {@code password}) with every right on every destination, and no one
 * else; the JNDI connection factories carry that user.
 */
public final class GannetAdminSession implements LauncherSessionListener {

    /** The TCK's user; its password is the same word. */
    static final String TCK_USER = "j2ee";
    /** The role the roles file gives {@link #TCK_USER}. */
    private static final String TCK_ROLE = "tck";

    private EmbeddedBroker vmBroker;
    private Broker broker;
    private TcpAcceptor acceptor;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String wipe = System.getProperty("tck.admin.wipe");
        if (wipe != null && !wipe.isBlank()) {
            deleteTree(Path.of(wipe));
        }
        String vmName = System.getProperty("tck.admin.vmBroker");
        if (vmName != null && !vmName.isBlank() && vmBroker == null) {
            vmBroker = EmbeddedBroker.start(secured(vmName, Path.of(wipe)));
        }
        String port = System.getProperty("tck.admin.tcpPort");
        if (port != null && !port.isBlank() && broker == null) {
            Path data = wipe != null && !wipe.isBlank() ? Path.of(wipe) : Path.of("target/tck-tcp-data");
            broker = SecuredBroker.start(secured("tck", data));
            acceptor = TcpAcceptor.start(broker, "127.0.0.1", Integer.parseInt(port), TcpOptions.defaults());
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (vmBroker != null) {
            vmBroker.close();
            vmBroker = null;
        }
        if (acceptor != null) {
            acceptor.close();
            acceptor = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** A broker on {@code data} with security on: the TCK's user may do everything, nobody else may connect. */
    private static BrokerConfig secured(String name, Path data) {
        Path files = data.resolveSibling(data.getFileName() + "-security");
        try {
            Files.createDirectories(files);
            for (String file : new String[] {"tck-users.properties", "tck-roles.properties"}) {
                try (InputStream in = GannetAdminSession.class.getResourceAsStream("/security/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("No security/" + file + " on the test class path");
                    }
                    Files.copy(in, files.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the security files to " + files, e);
        }
        return BrokerConfig.builder().name(name).dataDirectory(data)
                .security(SecurityConfig.builder().usersFile(files.resolve("tck-users.properties"))
                        .rolesFile(files.resolve("tck-roles.properties"))
                        .permissions(Permissions.builder().grantAll("#", TCK_ROLE).build()).build())
                .build();
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the old store " + root, e);
        }
    }
}
