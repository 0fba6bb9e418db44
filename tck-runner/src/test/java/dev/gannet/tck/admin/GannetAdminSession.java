package dev.gannet.tck.admin;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.broker.Broker;
import dev.gannet.transport.tcp.TcpOptions;
import dev.gannet.transport.tcp.server.TcpAcceptor;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The suite's only provider-specific code: prepares the provider for one launcher session.
 * {@code tck.admin.wipe=DIR} deletes a broker store left by an earlier run, so each run starts empty;
 * {@code tck.admin.vmBroker=NAME} starts the in-process broker NAME for the whole session, as a TCK's provider admin
 * does, and closes it with the session (a broker started by the first vm connection would run until the JVM exits);
 * {@code tck.admin.tcpPort=PORT} starts a Gannet server on 127.0.0.1:PORT and stops it when the session closes.
 */
public final class GannetAdminSession implements LauncherSessionListener {

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
            vmBroker = EmbeddedBroker.start(new BrokerConfig(vmName, Path.of(wipe)));
        }
        String port = System.getProperty("tck.admin.tcpPort");
        if (port != null && !port.isBlank() && broker == null) {
            Path data = wipe != null && !wipe.isBlank() ? Path.of(wipe) : Path.of("target/tck-tcp-data");
            broker = Broker.start(new BrokerConfig("tck", data));
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
