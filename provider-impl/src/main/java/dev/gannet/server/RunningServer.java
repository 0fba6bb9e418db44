package dev.gannet.server;

import dev.gannet.broker.Broker;
import dev.gannet.management.JmxManagement;
import dev.gannet.transport.tcp.server.TcpAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A broker and the TCP acceptor serving it, as one {@link ServerConfig} describes them. Used by
 * {@link GannetServer} and, in-process, by tests and applications that want a broker reachable over tcp.
 */
public final class RunningServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningServer.class);

    private final ServerConfig config;
    private final Broker broker;
    private final Optional<JmxManagement> jmx;
    private final TcpAcceptor acceptor;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RunningServer(ServerConfig config, Broker broker, Optional<JmxManagement> jmx, TcpAcceptor acceptor) {
        this.config = config;
        this.broker = broker;
        this.jmx = jmx;
        this.acceptor = acceptor;
    }

    /**
     * Starts the broker on its store, registers its MXBeans (unless {@value ServerConfig#JMX_ENABLED} is false),
     * declares the configured queues and topics, then starts accepting clients. Whatever was started is closed again
     * when a later step fails.
     *
     * @throws dev.gannet.store.StoreException   if the store cannot be opened
     * @throws IllegalArgumentException          if a configured destination name is taken by a temporary one
     * @throws java.io.UncheckedIOException      if the address cannot be bound (e.g. the port is taken)
     */
    public static RunningServer start(ServerConfig config) {
        Broker broker = Broker.start(config.broker());
        Optional<JmxManagement> jmx = Optional.empty();
        try {
            jmx = JmxManagement.startFor(broker);
            config.queues().forEach(broker::declareQueue);
            config.topics().forEach(broker::declareTopic);
            TcpAcceptor acceptor = TcpAcceptor.start(broker, config.host(), config.port(), config.tcpOptions());
            LOG.info("Gannet server {} started: {} queue(s) and {} topic(s) declared", config.broker().name(),
                    config.queues().size(), config.topics().size());
            return new RunningServer(config, broker, jmx, acceptor);
        } catch (RuntimeException e) {
            jmx.ifPresent(JmxManagement::close);
            broker.close();
            throw e;
        }
    }

    public ServerConfig config() {
        return config;
    }

    /** The port clients connect to: the configured one, or the one chosen when the config says 0. */
    public int port() {
        return acceptor.port();
    }

    /** The URL clients connect to, {@code tcp://HOST:PORT}. */
    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "tcp://" + host + ":" + port();
    }

    /** The directory of the broker's store, absolute. */
    public Path dataDirectory() {
        return config.broker().dataDirectory().toAbsolutePath();
    }

    /**
     * Stops accepting and closes every client connection, unregisters the broker's MXBeans, then closes the broker
     * (its queued store writes commit first). Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            acceptor.close();
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
