package dev.gannet.management.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.gannet.broker.Administration;
import dev.gannet.transport.tcp.tls.ServerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The broker's web console: an HTTP server (the JDK's {@link HttpServer}) serving a page of plain HTML, CSS and
 * JavaScript ({@code /console/}) and the JSON API it calls ({@code /api/}, see {@link ConsoleApi}), every operation
 * through {@link Administration}. Pages: queues and subscriptions with their figures, a queue's messages, the
 * dead-letter queues with retry and move, connections with close; figures refresh every few seconds.
 *
 * <p>Security: with a {@link ConsoleAccess} that {@linkplain ConsoleAccess#logsIn() logs users in}, a user logs in with
 * the broker's user name and password and needs the right to manage; the session cookie is {@code HttpOnly} and
 * {@code SameSite=Strict}, every change is a POST carrying the session's CSRF token, and every answer forbids framing
 * and scripts from elsewhere (Content-Security-Policy). Without authentication anybody who reaches the console's
 * address may use it: it listens on 127.0.0.1 unless configured otherwise. Every request must name the console in its
 * {@code Host} header ({@link AllowedHosts}), so that a page of another site cannot reach it by DNS rebinding. Given
 * the TLS settings of the server's TLS listener it speaks HTTPS, and its cookie is {@code Secure}.
 */
public final class WebConsole implements AutoCloseable {

    /** The header carrying the session's CSRF token on every POST. */
    public static final String CSRF_HEADER = "X-Gannet-CSRF";
    /** The header a login POST carries ({@code gannet-console}): one a cross-site form cannot send. */
    public static final String LOGIN_HEADER = "X-Gannet-Login";
    /** The session cookie's name. */
    public static final String SESSION_COOKIE = "GANNET_CONSOLE";

    private static final Logger LOG = LoggerFactory.getLogger(WebConsole.class);
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final boolean https;
    private final AtomicBoolean closed = new AtomicBoolean();

    private WebConsole(HttpServer server, ExecutorService executor, boolean https) {
        this.server = server;
        this.executor = executor;
        this.https = https;
    }

    /**
     * Starts the console of {@code administration}'s broker on {@code host:port} (0: any free port).
     *
     * @param access who may use it: {@link ConsoleAccess#OPEN} for a broker without authentication
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static WebConsole start(Administration administration, ConsoleAccess access, String host, int port) {
        return start(administration, access, host, port, null);
    }

    /**
     * Starts the console as {@link #start(Administration, ConsoleAccess, String, int)} does, over HTTPS with the key
     * store, protocols and cipher suites of {@code tls} (null: plain HTTP). It never asks a browser for a client
     * certificate: users log in with their password.
     *
     * @throws UncheckedIOException     if the address cannot be bound
     * @throws IllegalArgumentException if the key store cannot be read
     */
    public static WebConsole start(Administration administration, ConsoleAccess access, String host, int port,
                                   ServerTls tls) {
        String brokerName = administration.config().name();
        HttpServer server;
        try {
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (tls == null) {
                server = HttpServer.create(address, 50);
            } else {
                HttpsServer secure = HttpsServer.create(address, 50);
                secure.setHttpsConfigurator(configurator(tls));
                server = secure;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the web console of broker " + brokerName + " on " + host
                    + ":" + port + ": " + e.getMessage(), e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "gannet-console-" + brokerName + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            server.setExecutor(executor);
            ConsoleSessions sessions = new ConsoleSessions(new SecureRandom(), Clock.systemUTC());
            AllowedHosts hosts = new AllowedHosts(host, server.getAddress(), tls != null);
            server.createContext("/api/", new ConsoleApi(new ConsoleViews(administration), sessions, access,
                    tls != null)).getFilters().add(hosts);
            server.createContext("/", new ConsoleResources()).getFilters().add(hosts);
            server.start();
        } catch (RuntimeException | Error e) {
            // the port is bound: release it (and the threads) rather than leave them to a console nobody can close
            server.stop(0);
            executor.shutdownNow();
            throw e;
        }
        WebConsole console = new WebConsole(server, executor, tls != null);
        LOG.info("Web console of broker {} at {} ({})", brokerName, console.url(),
 access.logsIn() ? "login with the manage right" : "no login: the broker has no authentication");
        return console;
    }

    private static HttpsConfigurator configurator(ServerTls tls) {
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(tls.keyStore().keyManagers().getKeyManagers(), null, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot make the web console's TLS context: " + e.getMessage(), e);
        }
        return new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setProtocols(tls.parameters().protocols().toArray(String[]::new));
                if (tls.parameters().cipherSuites() != null && !tls.parameters().cipherSuites().isEmpty()) {
                    ssl.setCipherSuites(tls.parameters().cipherSuites().toArray(String[]::new));
                }
                ssl.setNeedClientAuth(false);
                parameters.setSSLParameters(ssl);
            }
        };
    }

    /** The port the console listens on (the one chosen when started with 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The console's address, e.g. {@code http://127.0.0.1:8161/console/}. */
    public String url() {
        String host = server.getAddress().getHostString();
        return (https ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/console/";
    }

    /** Stops serving; requests under way get a second to finish. Calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(1);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- what the handlers share

    /** The session cookie's value in {@code exchange}'s request, or null. */
    static String sessionCookie(HttpExchange exchange) {
        List<String> headers = exchange.getRequestHeaders().get("Cookie");
        if (headers == null) {
            return null;
        }
        for (String header : headers) {
            for (String cookie : header.split(";")) {
                String trimmed = cookie.trim();
                if (trimmed.startsWith(SESSION_COOKIE + "=")) {
                    return trimmed.substring(SESSION_COOKIE.length() + 1);
                }
            }
        }
        return null;
    }

    /** Sets the session cookie: {@code HttpOnly}, {@code SameSite=Strict}, and {@code Secure} over HTTPS. */
    static void setSessionCookie(HttpExchange exchange, String id, boolean secure) {
        exchange.getResponseHeaders().add("Set-Cookie", SESSION_COOKIE + "=" + id
                + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
    }

    static void clearSessionCookie(HttpExchange exchange, boolean secure) {
        exchange.getResponseHeaders().add("Set-Cookie", SESSION_COOKIE
                + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
    }

    /** Headers of every answer: no caching, no framing, no scripts, styles or connections but the console's own. */
    static void securityHeaders(HttpExchange exchange) {
        var headers = exchange.getResponseHeaders();
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self';"
                + " img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    }
}
