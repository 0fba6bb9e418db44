package dev.gannet.server;

import dev.gannet.broker.Broker;
import dev.gannet.management.JmxManagement;
import dev.gannet.management.console.ConsoleAccess;
import dev.gannet.management.console.WebConsole;
import dev.gannet.security.SecuredBroker;
import dev.gannet.transport.tcp.server.TcpAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A broker and the tcp acceptors serving it (one per {@link Listener}: plain, TLS, or both), as one
 * {@link ServerConfig} describes them. Used by {@link GannetServer} and, in-process, by tests and applications that
 * want a broker reachable over tcp.
 */
public final class RunningServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningServer.class);

    private final ServerConfig config;
    private final Broker broker;
    private final Optional<JmxManagement> jmx;
    /** One per listener of the config, in its order. */
    private final List<TcpAcceptor> acceptors;
    /** The web console, when {@value ServerConfig#CONSOLE_PORT} is set. */
    private final Optional<WebConsole> console;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RunningServer(ServerConfig config, Broker broker, Optional<JmxManagement> jmx,
                          List<TcpAcceptor> acceptors, Optional<WebConsole> console) {
        this.config = config;
        this.broker = broker;
        this.jmx = jmx;
        this.acceptors = List.copyOf(acceptors);
        this.console = console;
    }

    /**
     * Starts the broker on its store, registers its MXBeans (unless {@value ServerConfig#JMX_ENABLED} is false),
     * declares the configured queues and topics, then starts accepting clients on each listener. Whatever was started
     * is closed again when a later step fails.
     *
     * @throws dev.gannet.store.StoreException   if the store cannot be opened
     * @throws IllegalArgumentException          if a configured destination name is taken by a temporary one, or a
     *                                           TLS listener's key store or trust store cannot be read
     * @throws java.io.UncheckedIOException      if an address cannot be bound (e.g. the port is taken)
     */
    public static RunningServer start(ServerConfig config) {
        Broker broker = SecuredBroker.start(config.broker());
        Optional<JmxManagement> jmx = Optional.empty();
        List<TcpAcceptor> acceptors = new ArrayList<>();
        Optional<WebConsole> console = Optional.empty();
        try {
            jmx = JmxManagement.startFor(broker);
            config.queues().forEach(broker::declareQueue);
            config.topics().forEach(broker::declareTopic);
            for (Listener listener : config.listeners()) {
                acceptors.add(listener.tls() == null
                        ? TcpAcceptor.start(broker, listener.host(), listener.port(), config.tcpOptions())
                        : TcpAcceptor.startTls(broker, listener.host(), listener.port(), config.tcpOptions(),
                        listener.tls().newContext()));
            }
            if (config.console() != null) {
                console = Optional.of(WebConsole.start(broker.administration(), consoleAccess(broker),
                        config.console().host(), config.console().port(), config.listeners().stream()
                                .map(Listener::tls).filter(Objects::nonNull).findFirst().orElse(null)));
            }
            LOG.info("Gannet server {} started: {} queue(s) and {} topic(s) declared", config.broker().name(),
                    config.queues().size(), config.topics().size());
            return new RunningServer(config, broker, jmx, acceptors, console);
        } catch (RuntimeException e) {
            console.ifPresent(WebConsole::close);
            acceptors.forEach(TcpAcceptor::close);
            jmx.ifPresent(JmxManagement::close);
            broker.close();
            throw e;
        }
    }

    /** Who may use the web console: the broker's users with the right manage, or anybody without security. */
    private static ConsoleAccess consoleAccess(Broker broker) {
        if (broker.config().security().enabled()) {
            // never an open console on a secured broker
            throw new IllegalArgumentException(ServerConfig.CONSOLE_PORT + ": the web console of a broker with"
                    + " security needs the broker's manage check");
        }
        return ConsoleAccess.OPEN;
    }

    /** The web console's address, e.g. {@code http://127.0.0.1:8161/console/}, when it runs. */
    public Optional<String> consoleUrl() {
        return console.map(WebConsole::url);
    }

    public ServerConfig config() {
        return config;
    }

    /**
     * The port clients connect to on the first listener (the plain one when there is one): the configured port, or
     * the one chosen when the config says 0.
     */
    public int port() {
        return acceptors.get(0).port();
    }

    /** The URL clients connect to on the first listener, e.g. {@code tcp://HOST:PORT} or {@code ssl://HOST:PORT}. */
    public String url() {
        return urls().get(0);
    }

    /** The URLs of every listener, in the config's order, e.g. {@code [tcp://HOST:PORT, ssl://HOST:PORT]}. */
    public List<String> urls() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < acceptors.size(); i++) {
            Listener listener = config.listeners().get(i);
            String host = listener.host().contains(":") ? "[" + listener.host() + "]" : listener.host();
            urls.add(listener.scheme() + "://" + host + ":" + acceptors.get(i).port());
        }
        return urls;
    }

    /** The broker's acceptors, one per listener in the config's order: who is connected ({@link TcpAcceptor#peers}). */
    public List<TcpAcceptor> acceptors() {
        return acceptors;
    }

    /** The directory of the broker's store, absolute. */
    public Path dataDirectory() {
        return config.broker().dataDirectory().toAbsolutePath();
    }

    /**
     * Stops accepting on every listener and closes every client connection, unregisters the broker's MXBeans, then
     * closes the broker (its queued store writes commit first). Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            console.ifPresent(WebConsole::close);
            acceptors.forEach(TcpAcceptor::close);
        } finally {
            try {
                jmx.ifPresent(JmxManagement::close);
            } finally {
                broker.close();
            }
        }
        LOG.info("Gannet server {} stopped", config.broker().name());
    }
}
