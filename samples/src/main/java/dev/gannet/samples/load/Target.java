package dev.gannet.samples.load;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.server.RunningServer;
import dev.gannet.server.ServerConfig;
import dev.gannet.transport.tcp.TcpOptions;
import jakarta.jms.ConnectionFactory;

import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The provider under load: its connection factory and whatever must stay open while it is used (a broker, a
 * server, a JNDI context). Closing releases all of it and deletes a data directory the tool created. The comparison
 * brokers are started by {@link ArtemisBroker} and {@link ClassicBroker}.
 */
final class Target implements AutoCloseable {

    static final String BROKER_NAME = "gannet-load";

    private final String description;
    private final ConnectionFactory factory;
    private final AutoCloseable resource;
    private final Path temporaryDirectory; // null when the user gave the directory or there is none

    /** Starts a provider whose files go to the directory it is given. */
    interface Starter {
        Target start(Path directory) throws Exception;
    }

    /**
     * @param resource           closed first by {@link #close()}: stops the provider
     * @param temporaryDirectory deleted by {@link #close()} once the provider is stopped, or null
     */
    Target(String description, ConnectionFactory factory, AutoCloseable resource, Path temporaryDirectory) {
        this.description = description;
        this.factory = factory;
        this.resource = resource;
        this.temporaryDirectory = temporaryDirectory;
    }

    /** A Gannet broker in this JVM, reached over the vm transport; kept running by a handle between workloads. */
    static Target gannetVm(Path dataDirectory) {
        Path directory = dataDirectory == null ? createTemporaryDirectory() : dataDirectory;
        EmbeddedBroker broker = EmbeddedBroker.start(new BrokerConfig(BROKER_NAME, directory));
        String url = "vm://" + BROKER_NAME + "?dataDirectory=" + directory.toAbsolutePath();
        return new Target("gannet-vm " + url, new GannetConnectionFactory(url), broker,
                dataDirectory == null ? directory : null);
    }

    /** A Gannet server started in this JVM on a free port of 127.0.0.1, reached over tcp. */
    static Target gannetTcp(Path dataDirectory) {
        Path directory = dataDirectory == null ? createTemporaryDirectory() : dataDirectory;
        RunningServer server = RunningServer.start(new ServerConfig(new BrokerConfig(BROKER_NAME, directory),
                "127.0.0.1", 0, TcpOptions.defaults(), List.of(), List.of()));
        return new Target("gannet-tcp " + server.url() + " (data in " + directory + ")",
                new GannetConnectionFactory(server.url()), server, dataDirectory == null ? directory : null);
    }

    /**
     * The connection factory bound to {@code name} in the default initial context ({@code jndi.properties} on the
     * class path or {@code -Djava.naming.*} properties).
     *
     * @throws NamingException if the context cannot be created or holds no connection factory under that name
     */
    static Target jndi(String name) throws NamingException {
        Context context = new InitialContext();
        try {
            Object bound = context.lookup(name);
            if (!(bound instanceof ConnectionFactory factory)) {
                throw new NamingException("JNDI name '" + name + "' is bound to "
                        + (bound == null ? "null" : bound.getClass().getName()) + ", not a jakarta.jms.ConnectionFactory");
            }
            return new Target("jndi " + name + " (" + factory.getClass().getName() + ")", factory, context::close,
                    null);
        } catch (NamingException | RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /**
     * Starts a provider with {@code starter} in a fresh temporary directory named after {@code name}. The starter
     * gives the directory to the target it returns as its temporary directory, so that closing the target deletes
     * it; if the starter throws, the directory is deleted here.
     *
     * @throws Exception what {@code starter} throws
     */
    static Target inTemporaryDirectory(String name, Starter starter) throws Exception {
        Path directory = Files.createTempDirectory("gannet-load-" + name + "-");
        try {
            return starter.start(directory);
        } catch (Exception | Error e) {
            try {
                deleteTree(directory);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    String description() {
        return description;
    }

    ConnectionFactory factory() {
        return factory;
    }

    @Override
    public void close() throws Exception {
        try {
            resource.close();
        } finally {
            if (temporaryDirectory != null) {
                deleteTree(temporaryDirectory);
            }
        }
    }

    private static Path createTemporaryDirectory() {
        try {
            return Files.createTempDirectory("gannet-load-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary data directory", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
