package dev.gannet.transport.tcp.client;

import dev.gannet.api.GannetProperties;
import dev.gannet.protocol.BrokerLink;
import dev.gannet.protocol.ClientEndpoint;
import dev.gannet.protocol.Command;
import dev.gannet.transport.BrokerAddress;
import dev.gannet.transport.BrokerUrl;
import dev.gannet.transport.TransportFactory;
import dev.gannet.transport.tcp.TcpOptions;
import dev.gannet.transport.tcp.tls.ClientTls;
import dev.gannet.transport.tcp.tls.StoreFile;
import dev.gannet.transport.tcp.tls.TlsParameters;
import io.netty.handler.ssl.SslContext;
import jakarta.jms.JMSException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code tcp} and {@code ssl} schemes:
 * {@code tcp://HOST:PORT?heartbeatInterval=MS&heartbeatTimeout=MS&connectTimeout=MS&maxFrameSize=BYTES}, a broker
 * server listening on HOST:PORT; {@code ssl://HOST:PORT?...} or {@code tcp://HOST:PORT?sslEnabled=true&...}, the same
 * over TLS, with the TLS options {@value #TRUST_STORE_PATH}, {@value #TRUST_STORE_PASSWORD},
 * {@value #TRUST_STORE_TYPE}, {@value #KEY_STORE_PATH}, {@value #KEY_STORE_PASSWORD}, {@value #KEY_STORE_TYPE},
 * {@value #ENABLED_PROTOCOLS}, {@value #ENABLED_CIPHER_SUITES} and {@value #VERIFY_HOST} (the names Artemis's
 * connector URLs use). The TLS context is made, and its stores read, when the URL is read: a missing or unreadable
 * store fails the connection factory, not each connection.
 */
public final class TcpTransportFactory implements TransportFactory {

    /** How often a heartbeat goes when nothing else was written, in milliseconds. */
    public static final String HEARTBEAT_INTERVAL = "heartbeatInterval";
    /** How long without hearing from the broker before the connection is declared lost, in milliseconds. */
    public static final String HEARTBEAT_TIMEOUT = "heartbeatTimeout";
    /** How long connecting and the handshake may take, in milliseconds. */
    public static final String CONNECT_TIMEOUT = "connectTimeout";
    /** The largest frame the link carries, in bytes. */
    public static final String MAX_FRAME_SIZE = "maxFrameSize";
    /** {@code true}: a {@code tcp://} URL speaks TLS, as {@code ssl://} does (default false). */
    public static final String SSL_ENABLED = "sslEnabled";
    /** The trust store file: the certificates the broker's must chain to (default: the JVM's trust store). */
    public static final String TRUST_STORE_PATH = "trustStorePath";
    /** The trust store's password. */
    public static final String TRUST_STORE_PASSWORD = "trustStorePassword";
    /** The trust store's type, {@code PKCS12} (the default) or {@code JKS}. */
    public static final String TRUST_STORE_TYPE = "trustStoreType";
    /** The key store file: the client's key and certificate, for brokers that authenticate clients (default none). */
    public static final String KEY_STORE_PATH = "keyStorePath";
    /** The key store's password, also the password of the key in it. */
    public static final String KEY_STORE_PASSWORD = "keyStorePassword";
    /** The key store's type, {@code PKCS12} (the default) or {@code JKS}. */
    public static final String KEY_STORE_TYPE = "keyStoreType";
    /** Comma-separated TLS protocols offered (default {@code TLSv1.3,TLSv1.2}). */
    public static final String ENABLED_PROTOCOLS = "enabledProtocols";
    /** Comma-separated cipher suites offered (default: the JVM's). */
    public static final String ENABLED_CIPHER_SUITES = "enabledCipherSuites";
    /**
     * {@code false} turns off host name verification: the broker's certificate then need not name the host
     * connected to (default true).
     */
    public static final String VERIFY_HOST = "verifyHost";

    /** The options that only a TLS connection reads. */
    private static final List<String> TLS_OPTIONS = List.of(TRUST_STORE_PATH, TRUST_STORE_PASSWORD, TRUST_STORE_TYPE,
            KEY_STORE_PATH, KEY_STORE_PASSWORD, KEY_STORE_TYPE, ENABLED_PROTOCOLS, ENABLED_CIPHER_SUITES, VERIFY_HOST);

    private final String scheme;

    /** The {@code tcp} scheme: plain, unless the URL says {@code sslEnabled=true}. */
    public TcpTransportFactory() {
        this("tcp");
    }

    private TcpTransportFactory(String scheme) {
        this.scheme = scheme;
    }

    /** The {@code ssl} scheme: always TLS. */
    public static TcpTransportFactory ssl() {
        return new TcpTransportFactory("ssl");
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public String usage() {
        return scheme + "://HOST:PORT";
    }

    @Override
    public BrokerAddress address(BrokerUrl url) {
        String host = url.uri().getHost();
        if (host == null || host.isEmpty() || url.uri().getPort() < 0) {
            throw new IllegalArgumentException("Broker URL '" + url + "' names no host and port; use " + usage());
        }
        if (url.uri().getPath() != null && !url.uri().getPath().isEmpty()) {
            throw url.invalid("a " + scheme + " URL has no path; use " + usage());
        }
        for (String vmOnly : List.of(GannetProperties.DATA_DIRECTORY, GannetProperties.STOP_WITH_LAST_CONNECTION,
                GannetProperties.STORE)) {
            if (url.has(vmOnly)) {
                throw url.invalid("option " + vmOnly + " applies to vm:// URLs only; a tcp broker runs and keeps its"
                        + " data as its server was told");
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        TcpOptions defaults = TcpOptions.defaults();
        Duration interval = url.takeMillis(HEARTBEAT_INTERVAL, defaults.heartbeatInterval());
        Duration timeout = url.takeMillis(HEARTBEAT_TIMEOUT, defaults.heartbeatTimeout());
        Duration connectTimeout = url.takeMillis(CONNECT_TIMEOUT, defaults.connectTimeout());
        int maxFrameSize = (int) url.takeNumber(MAX_FRAME_SIZE, defaults.maxFrameSize(), Integer.MAX_VALUE - 64);
        SslContext tls = tls(url);
        try {
            return new TcpAddress(host, url.uri().getPort(), tls, new TcpOptions(interval, timeout, maxFrameSize,
                    defaults.writeBufferLimit(), defaults.unwritableTimeout(), connectTimeout));
        } catch (IllegalArgumentException e) {
            throw url.invalid(e.getMessage());
        }
    }

    /** The TLS context the URL asks for; null for a plain connection. */
    private SslContext tls(BrokerUrl url) {
        boolean sslScheme = scheme.equals("ssl");
        boolean enabled = url.takeFlag(SSL_ENABLED, sslScheme);
        if (sslScheme && !enabled) {
            throw url.invalid(SSL_ENABLED + "=false contradicts the ssl scheme; use tcp://HOST:PORT for plain tcp");
        }
        if (!enabled) {
            for (String option : TLS_OPTIONS) {
                if (url.has(option)) {
                    throw url.invalid("option " + option + " applies to TLS connections only; use ssl://HOST:PORT or "
                            + SSL_ENABLED + "=true");
                }
            }
            return null;
        }
        StoreFile trustStore = store(url, TRUST_STORE_PATH, TRUST_STORE_PASSWORD, TRUST_STORE_TYPE);
        StoreFile keyStore = store(url, KEY_STORE_PATH, KEY_STORE_PASSWORD, KEY_STORE_TYPE);
        boolean verifyHost = url.takeFlag(VERIFY_HOST, true);
        try {
            TlsParameters parameters = TlsParameters.parse(url.take(ENABLED_PROTOCOLS),
                    url.take(ENABLED_CIPHER_SUITES));
            return new ClientTls(trustStore, keyStore, parameters, verifyHost).newContext();
        } catch (IllegalArgumentException e) {
            throw url.invalid(e.getMessage());
        }
    }

    /** The store the three options name; null when the path option is absent (then the others must be too). */
    private static StoreFile store(BrokerUrl url, String pathOption, String passwordOption, String typeOption) {
        String path = url.take(pathOption);
        String password = url.take(passwordOption);
        String type = url.take(typeOption);
        if (path == null || path.isEmpty()) {
            if (password != null || type != null) {
                throw url.invalid((password != null ? passwordOption : typeOption) + " is given without "
                        + pathOption);
            }
            return null;
        }
        try {
            return StoreFile.of(Path.of(path), password, type);
        } catch (InvalidPathException e) {
            throw url.invalid(pathOption + " '" + path + "' is not a valid path: " + e.getReason());
        } catch (IllegalArgumentException e) {
            throw url.invalid(typeOption + ": " + e.getMessage());
        }
    }

    /** A broker listening on {@code host:port}, reached with {@code options}, over TLS unless {@code tls} is null. */
    record TcpAddress(String host, int port, SslContext tls, TcpOptions options) implements BrokerAddress {

        /** Connects; the handshake carries the client ID and credentials, so it does what {@link Command.Open} does. */
        @Override
        public BrokerLink connect(Command.Open open, ClientEndpoint endpoint) throws JMSException {
            return TcpBrokerLink.connect(host, port, tls, open.clientId(), open.user(), open.password(), options,
                    endpoint);
        }
    }
}
