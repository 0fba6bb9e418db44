package dev.gannet.server;

import dev.gannet.broker.Broker;
import dev.gannet.broker.ManagementAccess;
import dev.gannet.management.JmxManagement;
import dev.gannet.management.RemoteJmx;
import dev.gannet.management.metrics.PrometheusEndpoint;
import dev.gannet.management.console.ConsoleAccess;
import dev.gannet.management.console.ManagedConsoleAccess;
import dev.gannet.management.console.WebConsole;
import dev.gannet.security.SecuredBroker;
import dev.gannet.transport.tcp.server.TcpAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
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
    /** Present when the config has {@link ServerConfig#remoteJmx()}. */
    private final Optional<RemoteJmx> remoteJmx;
    /** Present when the config has a metrics endpoint. */
    private final Optional<PrometheusEndpoint> metrics;
    /** One per listener of the config, in its order. */
    private final List<TcpAcceptor> acceptors;
    /** The web console, when {@value ServerConfig#CONSOLE_PORT} is set. */
    private final Optional<WebConsole> console;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RunningServer(ServerConfig config, Broker broker, Optional<JmxManagement> jmx,
                          Optional<RemoteJmx> remoteJmx, Optional<PrometheusEndpoint> metrics,
                          List<TcpAcceptor> acceptors, Optional<WebConsole> console) {
        this.config = config;
        this.broker = broker;
        this.jmx = jmx;
        this.remoteJmx = remoteJmx;
        this.metrics = metrics;
        this.acceptors = List.copyOf(acceptors);
        this.console = console;
    }

    /**
     * Starts the broker on its store, registers its MXBeans (unless {@value ServerConfig#JMX_ENABLED} is false),
     * opens its metrics endpoint (if {@value ServerConfig#METRICS_PORT} is set), declares the configured queues and
     * topics, then starts accepting clients on each listener. Whatever was started
     * is closed again when a later step fails.
     *
     * @throws dev.gannet.store.StoreException   if the store cannot be opened
     * @throws IllegalStateException             if the config serves metrics and Micrometer is not on the class path
     * @throws IllegalArgumentException          if a configured destination name is taken by a temporary one, or a
     *                                           TLS listener's key store or trust store cannot be read
     * @throws java.io.UncheckedIOException      if an address cannot be bound (e.g. the port is taken), the remote JMX
     *                                           and metrics ones included
     */
    public static RunningServer start(ServerConfig config) {
        Broker broker = SecuredBroker.start(config.broker());
        Optional<JmxManagement> jmx = Optional.empty();
        Optional<RemoteJmx> remoteJmx = Optional.empty();
        Optional<PrometheusEndpoint> metrics = Optional.empty();
        List<TcpAcceptor> acceptors = new ArrayList<>();
        Optional<WebConsole> console = Optional.empty();
        try {
            jmx = JmxManagement.startFor(broker);
            if (config.remoteJmx() != null) {
                remoteJmx = Optional.of(RemoteJmx.start(config.remoteJmx(), config.broker().name(),
                        ManagementFactory.getPlatformMBeanServer(), broker.managementAccess(),
                        broker.administration()));
            }
            if (config.metrics() != null) {
                metrics = Optional.of(startMetrics(broker, config.metrics()));
            }
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
            return new RunningServer(config, broker, jmx, remoteJmx, metrics, acceptors, console);
        } catch (RuntimeException e) {
            console.ifPresent(WebConsole::close);
            acceptors.forEach(TcpAcceptor::close);
            remoteJmx.ifPresent(RemoteJmx::close);
            metrics.ifPresent(endpoint -> endpoint.close()); // a lambda: Micrometer is loaded only if used
            jmx.ifPresent(JmxManagement::close);
            broker.close();
            throw e;
        }
    }

    /**
     * The metrics endpoint, if Micrometer's Prometheus registry (an optional dependency) is on the class path.
     *
     * @throws IllegalStateException if it is not
     */
    private static PrometheusEndpoint startMetrics(Broker broker, MetricsEndpoint endpoint) {
        try {
            Class.forName("io.micrometer.prometheusmetrics.PrometheusMeterRegistry", false,
                    RunningServer.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(ServerConfig.METRICS_PORT + " needs Micrometer's Prometheus registry"
                    + " (io.micrometer:micrometer-registry-prometheus) on the class path", e);
        }
        return PrometheusEndpoint.start(broker.administration(), endpoint.host(), endpoint.port());
    }

    /** Who may use the web console: the broker's users with the right manage, or anybody without security. */
    private static ConsoleAccess consoleAccess(Broker broker) {
        return broker.managementAccess().logsIn() ? new ManagedConsoleAccess(broker.managementAccess())
                : ConsoleAccess.OPEN;
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

    /**
     * Who may manage the broker: logs operators in with the broker's users and checks their right {@code manage}; every
     * way in to management (remote JMX, the command-line tool, the web console) asks it.
     */
    public ManagementAccess managementAccess() {
        return broker.managementAccess();
    }

    /**
     * The URL remote JMX clients connect to ({@code service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi}), if the config
     * has remote JMX.
     */
    public Optional<String> remoteJmxUrl() {
        return remoteJmx.map(RemoteJmx::url);
    }

    /** Where Prometheus scrapes the broker's metrics ({@code http://HOST:PORT/metrics}), if the config serves them. */
    public Optional<String> metricsUrl() {
        return metrics.map(endpoint -> endpoint.url());
    }

    /** The directory of the broker's store, absolute. */
    public Path dataDirectory() {
        return config.broker().dataDirectory().toAbsolutePath();
    }

    /**
     * Closes the web console, stops accepting on every listener and closes every client connection, closes remote JMX
     * and the metrics endpoint, unregisters the broker's MXBeans, then closes the broker (its queued store writes
     * commit first). Every part is closed even if closing another failed; the first failure is then thrown, the
     * others suppressed in it. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Runnable> parts = new ArrayList<>();
        console.ifPresent(webConsole -> parts.add(webConsole::close));
        acceptors.forEach(acceptor -> parts.add(acceptor::close));
        remoteJmx.ifPresent(connector -> parts.add(connector::close));
        metrics.ifPresent(endpoint -> parts.add(() -> endpoint.close())); // a lambda: Micrometer is loaded only if used
        jmx.ifPresent(beans -> parts.add(beans::close));
        parts.add(broker::close);
        RuntimeException failure = null;
        for (Runnable part : parts) {
            try {
                part.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        LOG.info("Gannet server {} stopped", config.broker().name());
    }
}
