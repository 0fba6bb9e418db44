package dev.gannet.management.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gannet.broker.Administration;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A broker's meters ({@link GannetMetrics}, with the JVM's memory, garbage collection, threads, class loading and
 * processor) served for Prometheus to scrape: {@code GET /metrics} on its own HTTP port answers the Prometheus text
 * format 0.0.4. The JDK's HTTP server serves it on one thread of its own; it has no login (as Prometheus endpoints
 * usually have none): it listens where it is told, the loopback address unless configured otherwise.
 */
public final class PrometheusEndpoint implements AutoCloseable {

    /** The path Prometheus scrapes. */
    public static final String PATH = "/metrics";
    /** The content type of the Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusEndpoint.class);

    private final PrometheusMeterRegistry registry;
    private final GannetMetrics metrics;
    private final JvmGcMetrics gc;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String brokerName;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PrometheusEndpoint(PrometheusMeterRegistry registry, GannetMetrics metrics, JvmGcMetrics gc,
                               HttpServer server, ExecutorService executor, String brokerName) {
        this.registry = registry;
        this.metrics = metrics;
        this.gc = gc;
        this.server = server;
        this.executor = executor;
        this.brokerName = brokerName;
    }

    /**
     * Binds the broker's meters to a Prometheus registry and serves it on {@code host:port} (0 picks a free port).
     *
     * @throws UncheckedIOException if the address cannot be bound (e.g. the port is taken), naming it
     */
    public static PrometheusEndpoint start(Administration administration, String host, int port) {
        String brokerName = administration.config().name();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("The metrics endpoint cannot listen on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        try {
            return serve(administration, server, brokerName);
        } catch (RuntimeException | Error e) {
            server.stop(0); // the port is bound: release it rather than leave it to an endpoint nobody can close
            throw e;
        }
    }

    private static PrometheusEndpoint serve(Administration administration, HttpServer server, String brokerName) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        GannetMetrics metrics = new GannetMetrics(administration);
        JvmGcMetrics gc = new JvmGcMetrics();
        metrics.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gannet-metrics-" + brokerName);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        PrometheusEndpoint endpoint = new PrometheusEndpoint(registry, metrics, gc, server, executor, brokerName);
        server.createContext("/", endpoint::handle);
        server.start();
        LOG.info("Broker {}: metrics for Prometheus on {}", brokerName, endpoint.url());
        return endpoint;
    }

    /** The port it listens on: the configured one, or the one chosen for 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Where Prometheus scrapes, e.g. {@code http://127.0.0.1:9464/metrics}. */
    public String url() {
        String host = server.getAddress().getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + PATH;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                answer(exchange, 404, "text/plain; charset=utf-8", "Not found: Gannet's metrics are at " + PATH
                        + "\n", true);
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                answer(exchange, 405, "text/plain; charset=utf-8", "Method " + method + " not allowed\n", true);
            } else {
                answer(exchange, 200, CONTENT_TYPE, registry.scrape(), method.equals("GET"));
            }
        } catch (RuntimeException e) {
            LOG.warn("Broker {}: a metrics scrape failed", brokerName, e);
            throw e;
        }
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body, boolean withBody)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, withBody ? bytes.length : -1);
        if (withBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops serving, removes the broker's meters and closes the registry. Calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdown();
        metrics.close();
        gc.close();
        registry.close();
        LOG.info("Broker {}: metrics endpoint closed", brokerName);
    }
}
