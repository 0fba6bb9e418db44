package dev.gannet.server;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.DestinationSettings;
import dev.gannet.api.DestinationSettings.FullPolicy;
import dev.gannet.api.Permissions;
import dev.gannet.api.SecurityConfig;
import dev.gannet.api.StoreConfig;
import dev.gannet.management.RemoteJmx;
import dev.gannet.security.SecuredBroker;
import dev.gannet.transport.tcp.TcpOptions;
import dev.gannet.transport.tcp.tls.ServerTls;
import dev.gannet.transport.tcp.tls.StoreFile;
import dev.gannet.transport.tcp.tls.TlsParameters;
import io.netty.handler.ssl.ClientAuth;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a standalone Gannet server runs: one broker and its tcp listeners (plain, TLS, or both), read from a properties
 * file.
 *
 * <p>Keys (values are trimmed; any other key is an error):
 * <dl>
 * <dt>{@value #BROKER_NAME} (required)</dt>
 * <dd>the broker's name: letters, digits, '.', '_' and '-'</dd>
 * <dt>{@value #DATA_DIRECTORY} (required with {@code store=derby})</dt>
 * <dd>directory of the broker's Derby store (created when missing); a relative path is resolved against the
 * directory holding the config file</dd>
 * <dt>{@value #STORE} (default {@code derby})</dt>
 * <dd>where persistent state is kept (see {@link StoreConfig}): {@code derby}, embedded Derby in the data
 * directory; {@code jdbc}, the database at {@value #STORE_URL}; {@code memory}, the broker's heap, not durable:
 * persistent messages, queues and durable subscriptions are lost when the server stops</dd>
 * <dt>{@value #STORE_URL} (required with {@code store=jdbc})</dt>
 * <dd>the JDBC URL of the store's database, e.g. {@code jdbc:postgresql://db:5432/gannet}; its driver must be on the
 * class path</dd>
 * <dt>{@value #STORE_USER}, {@value #STORE_PASSWORD} (default none)</dt>
 * <dd>the database user and password ({@code store=jdbc} only)</dd>
 * <dt>{@value #STORE_DIALECT} (default: from the URL, {@code jdbc:derby:} or {@code jdbc:postgresql:})</dt>
 * <dd>the store's SQL dialect, {@code derby} or {@code postgresql} ({@code store=jdbc} only)</dd>
 * <dt>{@value #TRANSACTION_TIMEOUT} (default 300000)</dt>
 * <dd>milliseconds an XA transaction branch may go unprepared when its transaction manager sets it no timeout of
 * its own; past it the broker rolls the branch back (see {@link BrokerConfig#transactionTimeout()}); &gt;= 1</dd>
 * <dt>{@value #MEMORY_BUDGET} (default: half the maximum heap)</dt>
 * <dd>bytes the messages waiting in all queues together may take in heap before durable queues page their
 * persistent backlog to the store (see {@link BrokerConfig#memoryBudgetBytes()}); &gt;= 1</dd>
 * <dt>{@value #TCP_HOST} (default {@value #DEFAULT_HOST})</dt>
 * <dd>address the plain tcp listener listens on</dd>
 * <dt>{@value #TCP_PORT} (default {@value #DEFAULT_PORT})</dt>
 * <dd>port the plain tcp listener listens on, 0-65535; 0 picks a free port. With a TLS listener configured, the plain
 * one runs only when {@value #TCP_HOST} or {@value #TCP_PORT} is given</dd>
 * <dt>{@value #TLS_HOST} (default {@value #DEFAULT_HOST}), {@value #TLS_PORT} (default {@value #DEFAULT_TLS_PORT})</dt>
 * <dd>address and port of the TLS listener, which runs when any {@code tls.*} key is given</dd>
 * <dt>{@value #TLS_KEY_STORE}, {@value #TLS_KEY_STORE_PASSWORD} (required for TLS), {@value #TLS_KEY_STORE_TYPE}
 * (default PKCS12)</dt>
 * <dd>the key store file holding the broker's private key and certificate chain (a relative path is resolved against
 * the directory holding the config file), its password (also the key's) and its type, PKCS12 or JKS</dd>
 * <dt>{@value #TLS_CLIENT_AUTH} (default {@code none})</dt>
 * <dd>{@code none}: clients show no certificate; {@code optional}: a client may show one, which must then be
 * trusted; {@code required}: a client without a trusted certificate is refused</dd>
 * <dt>{@value #TLS_TRUST_STORE}, {@value #TLS_TRUST_STORE_PASSWORD}, {@value #TLS_TRUST_STORE_TYPE} (default
 * PKCS12)</dt>
 * <dd>the certificates client certificates must chain to: required with client authentication, refused without</dd>
 * <dt>{@value #TLS_PROTOCOLS} (default {@code TLSv1.3,TLSv1.2}), {@value #TLS_CIPHER_SUITES} (default: the JVM's)</dt>
 * <dd>comma-separated TLS protocols and cipher suites the TLS listener accepts</dd>
 * <dt>{@value #HEARTBEAT_INTERVAL} (default 5000)</dt>
 * <dd>milliseconds of write silence after which the server sends a heartbeat; clients that use a shorter
 * {@code heartbeatTimeout} need a shorter interval here</dd>
 * <dt>{@value #HEARTBEAT_TIMEOUT} (default 15000)</dt>
 * <dd>milliseconds of read silence after which a client is declared dead; longer than the interval</dd>
 * <dt>{@value #MAX_FRAME_BYTES} (default 104857600)</dt>
 * <dd>largest frame body accepted, in bytes: bounds the largest message a client may send</dd>
 * <dt>{@value #QUEUES}, {@value #TOPICS} (default none)</dt>
 * <dd>comma-separated names of queues and topics to create at start; spaces around names are ignored</dd>
 * <dt>{@value #JMX_ENABLED} (default {@code true})</dt>
 * <dd>{@code true} registers the broker's MXBeans in the server JVM's platform MBean server (see
 * {@link dev.gannet.api.management}), {@code false} leaves them out</dd>
 * <dt>{@value #JMX_REMOTE_PORT} (default none: no remote JMX), {@value #JMX_REMOTE_HOST} (default
 * {@value #DEFAULT_HOST}), {@value #JMX_REMOTE_RMI_PORT} (default: the same port)</dt>
 * <dd>the JDK's RMI connector for remote JMX clients ({@code jconsole}, {@link javax.management.remote.JMXConnectorFactory})
 * on {@code service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi}, with the broker's users and their right {@code manage}
 * (see {@link dev.gannet.management.RemoteJmx}); needs {@value #JMX_ENABLED} true</dd>
 * <dt>{@value #JMX_REMOTE_TLS} (default false)</dt>
 * <dd>{@code true}: remote JMX speaks RMI over TLS with the settings of the TLS listener (its key store, trust store,
 * client authentication, protocols and cipher suites), which the {@code tls.*} keys must configure</dd>
 * <dt>{@value #METRICS_PORT} (default none: no metrics endpoint)</dt>
 * <dd>port of the HTTP endpoint serving the broker's meters (and the JVM's) in the Prometheus text format at
 * {@code /metrics} (see {@link dev.gannet.management.metrics.PrometheusEndpoint}), 0-65535; 0 picks a free port. It
 * has no login</dd>
 * <dt>{@value #METRICS_HOST} (default {@value #DEFAULT_HOST})</dt>
 * <dd>address the metrics endpoint listens on; only with {@value #METRICS_PORT}</dd>
 * <dt>{@value #CONSOLE_PORT} (default none: no web console), {@value #CONSOLE_HOST} (default
 * {@value #DEFAULT_HOST})</dt>
 * <dd>port (0-65535; 0 picks a free one) and address of the broker's web console (see
 * {@link dev.gannet.management.console.WebConsole}); the host key applies only with the port key. With a TLS
 * listener the console speaks HTTPS with its key store</dd>
 * <dt>{@code destination.PATTERN.SETTING} (default none)</dt>
 * <dd>one setting of the destinations whose name matches PATTERN (see {@link DestinationSettings} for the built-in
 * values). PATTERN uses the wildcard syntax of ActiveMQ Artemis address-settings: words separated by '.', {@code *}
 * matches one word, {@code #} zero or more words, so {@code destination.#.max-delivery-attempts=5} applies to every
 * destination; where several patterns match, the most specific wins setting by setting (see
 * {@link DestinationPolicies}). Because patterns hold dots, the key is read from the right: it ends with the longest
 * SETTING name it can, and PATTERN is what lies between {@code destination.} and {@code .SETTING}. SETTING is one of:
 * <ul>
 * <li>{@code max-delivery-attempts}: deliveries before a message is dead-lettered; 0 or less for unlimited</li>
 * <li>{@code redelivery-delay.ms}: delay before the first redelivery, &gt;= 0</li>
 * <li>{@code redelivery-multiplier}: factor by which each further redelivery delay grows, a decimal &gt;= 1.0</li>
 * <li>{@code max-redelivery-delay.ms}: cap of the grown delay, &gt;= 0 and not below {@code redelivery-delay.ms}
 * of the same pattern (default 10 x the delay)</li>
 * <li>{@code dead-letter-queue}: queue taking messages past their attempts; empty for none (they are dropped and
 * logged)</li>
 * <li>{@code expiry-queue}: queue taking expired messages; empty for none (they are dropped)</li>
 * <li>{@code max-message-bytes}: largest encoded message accepted; -1 for unlimited, else &gt;= 1</li>
 * <li>{@code max-depth}: messages held before the destination is full; -1 for unlimited, else &gt;= 1</li>
 * <li>{@code max-bytes}: encoded bytes held before the destination is full; -1 for unlimited, else &gt;= 1</li>
 * <li>{@code full-policy}: {@code block} (a send waits up to {@code block-timeout.ms}) or {@code fail} (a send fails
 * at once) when the destination is full</li>
 * <li>{@code block-timeout.ms}: how long a blocked send waits, &gt;= 0</li>
 * <li>{@code duplicate-cache-size}: duplicate ids remembered per destination, &gt;= 0; 0 disables the check</li>
 * <li>{@code memory-window-bytes}: how much of a queue's backlog at most stays in heap, &gt;= 1, beyond which it is
 * paged; -1 (the default) for no window of its own: only {@value #MEMORY_BUDGET} decides</li>
 * </ul></dd>
 * <dt>{@value #SECURITY_ENABLED} (default false)</dt>
 * <dd>{@code true}: connections log in, and the other {@code security.*} keys apply (see {@link SecurityConfig});
 * with {@code false} they are errors. At least one of the users file, the JAAS entry, the certificate users file or
 * the default user is required. Files are checked at start: missing, unreadable or malformed ones, and a users file
 * holding a plain-text password, are errors naming the key</dd>
 * <dt>{@value #SECURITY_USERS_FILE} (default none)</dt>
 * <dd>the users file, {@code user = ENC(PBKDF2WithHmacSHA256:...)} lines written by
 * {@link dev.gannet.security.UsersTool}; relative to the directory holding the config file</dd>
 * <dt>{@value #SECURITY_ROLES_FILE} (default none: users have no roles)</dt>
 * <dd>the roles file, {@code role = user1, user2} lines; relative as above</dd>
 * <dt>{@value #SECURITY_JAAS_ENTRY}, {@value #SECURITY_JAAS_CONFIG} (default none; default the JVM's
 * {@code java.security.auth.login.config})</dt>
 * <dd>the JAAS login configuration entry that checks the users the users file does not hold, and the login
 * configuration file holding it (relative as above)</dd>
 * <dt>{@value #SECURITY_JAAS_ROLE_PRINCIPAL_CLASSES} (default
 * {@link SecurityConfig.Jaas#DEFAULT_ROLE_PRINCIPAL_CLASSES})</dt>
 * <dd>comma-separated class names of the principals of a JAAS login that are roles</dd>
 * <dt>{@value #SECURITY_CERTIFICATE_USERS_FILE} (default none)</dt>
 * <dd>the file mapping users to client-certificate subjects, {@code user = REGEX} lines; relative as above</dd>
 * <dt>{@value #SECURITY_DEFAULT_USER} (default none)</dt>
 * <dd>the user of connections that give no user name; none refuses them</dd>
 * <dt>{@value #SECURITY_POPULATE_USER_ID} (default true)</dt>
 * <dd>whether the broker sets {@code JMSXUserID} of every sent message to the sender's user</dd>
 * <dt>{@value #SECURITY_RELOAD_INTERVAL} (default 5000)</dt>
 * <dd>milliseconds between checks of the users, roles and certificate users files for changes; 0 never</dd>
 * <dt>{@code security.permission.PATTERN.ACTION} (default none: with security enabled, nothing is permitted)</dt>
 * <dd>the roles, comma-separated (empty for none), that may carry out ACTION on the destinations whose name matches
 * PATTERN (the wildcard syntax of the {@code destination.PATTERN.SETTING} keys; temporary destinations are matched
 * as the name {@value Permissions#TEMPORARY}). Of the patterns matching a destination only the most specific
 * decides, for every action (see {@link Permissions}). ACTION is the key's last word, one of {@code send},
 * {@code consume}, {@code browse}, {@code create-durable-subscription}, {@code create-shared-subscription},
 * {@code delete-durable-subscription}, {@code create-destination}, {@code create-temporary}, {@code manage}
 * ({@link Permissions.Action}); an unknown ACTION is an error naming the key</dd>
 * </dl>
 *
 * @param broker     the broker's name, data directory (absolute), destination policies and store
 * @param listeners  where clients are accepted: the plain tcp listener, the TLS listener, or both (in that order)
 * @param tcpOptions heartbeat and frame settings of accepted connections, on every listener
 * @param queues     queues declared at start, in the configured order
 * @param topics     topics declared at start, in the configured order
 * @param remoteJmx  where the remote JMX connector listens; null for none
 * @param metrics    where the broker's metrics are served for Prometheus; null for none
 * @param console    where the web console listens; null for no console
 */
public record ServerConfig(BrokerConfig broker, List<Listener> listeners, TcpOptions tcpOptions, List<String> queues,
                           List<String> topics, RemoteJmx.Settings remoteJmx, MetricsEndpoint metrics,
                           ConsoleConfig console) {

    public static final String BROKER_NAME = "broker.name";
    public static final String DATA_DIRECTORY = "data.directory";
    public static final String STORE = "store";
    public static final String STORE_URL = "store.url";
    public static final String STORE_USER = "store.user";
    public static final String STORE_PASSWORD = "store.password";
    public static final String STORE_DIALECT = "store.dialect";
    public static final String TRANSACTION_TIMEOUT = "transaction.timeout.ms";
    public static final String MEMORY_BUDGET = "memory-budget-bytes";
    public static final String TCP_HOST = "tcp.host";
    public static final String TCP_PORT = "tcp.port";
    public static final String HEARTBEAT_INTERVAL = "tcp.heartbeat.interval.ms";
    public static final String HEARTBEAT_TIMEOUT = "tcp.heartbeat.timeout.ms";
    public static final String MAX_FRAME_BYTES = "tcp.max.frame.bytes";
    public static final String QUEUES = "queues";
    public static final String TOPICS = "topics";
    public static final String JMX_ENABLED = "management.jmx.enabled";
    public static final String JMX_REMOTE_PORT = "management.jmx.remote.port";
    public static final String JMX_REMOTE_HOST = "management.jmx.remote.host";
    public static final String JMX_REMOTE_RMI_PORT = "management.jmx.remote.rmi.port";
    public static final String JMX_REMOTE_TLS = "management.jmx.remote.tls";
    public static final String METRICS_PORT = "management.metrics.port";
    public static final String METRICS_HOST = "management.metrics.host";
    public static final String CONSOLE_PORT = "management.console.port";
    public static final String CONSOLE_HOST = "management.console.host";
    /** Start of the {@code destination.PATTERN.SETTING} keys. */
    public static final String DESTINATION_PREFIX = "destination.";
    public static final String SECURITY_ENABLED = "security.enabled";
    public static final String SECURITY_USERS_FILE = "security.users.file";
    public static final String SECURITY_ROLES_FILE = "security.roles.file";
    public static final String SECURITY_JAAS_CONFIG = "security.jaas.config";
    public static final String SECURITY_JAAS_ENTRY = "security.jaas.entry";
    public static final String SECURITY_JAAS_ROLE_PRINCIPAL_CLASSES = "security.jaas.role.principal.classes";
    public static final String SECURITY_CERTIFICATE_USERS_FILE = "security.certificate.users.file";
    public static final String SECURITY_DEFAULT_USER = "security.default.user";
    public static final String SECURITY_POPULATE_USER_ID = "security.populate.user.id";
    public static final String SECURITY_RELOAD_INTERVAL = "security.reload.interval.ms";
    /** Start of the {@code security.permission.PATTERN.ACTION} keys. */
    public static final String PERMISSION_PREFIX = PermissionKeys.PREFIX;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 61616;
    public static final String TLS_HOST = "tls.host";
    public static final String TLS_PORT = "tls.port";
    public static final String TLS_KEY_STORE = "tls.key.store";
    public static final String TLS_KEY_STORE_PASSWORD = "tls.key.store.password";
    public static final String TLS_KEY_STORE_TYPE = "tls.key.store.type";
    public static final String TLS_TRUST_STORE = "tls.trust.store";
    public static final String TLS_TRUST_STORE_PASSWORD = "tls.trust.store.password";
    public static final String TLS_TRUST_STORE_TYPE = "tls.trust.store.type";
    public static final String TLS_CLIENT_AUTH = "tls.client.auth";
    public static final String TLS_PROTOCOLS = "tls.protocols";
    public static final String TLS_CIPHER_SUITES = "tls.cipher.suites";
    public static final int DEFAULT_TLS_PORT = 61617;

    /** The keys of the TLS listener; any of them turns it on. */
    private static final List<String> TLS_KEYS = List.of(TLS_HOST, TLS_PORT, TLS_KEY_STORE, TLS_KEY_STORE_PASSWORD,
            TLS_KEY_STORE_TYPE, TLS_TRUST_STORE, TLS_TRUST_STORE_PASSWORD, TLS_TRUST_STORE_TYPE, TLS_CLIENT_AUTH,
            TLS_PROTOCOLS, TLS_CIPHER_SUITES);
    private static final Set<String> KEYS = Stream.concat(Stream.of(BROKER_NAME, DATA_DIRECTORY, STORE, STORE_URL,
            STORE_USER, STORE_PASSWORD, STORE_DIALECT, TRANSACTION_TIMEOUT, MEMORY_BUDGET, TCP_HOST, TCP_PORT, HEARTBEAT_INTERVAL,
            HEARTBEAT_TIMEOUT, MAX_FRAME_BYTES, QUEUES, TOPICS, JMX_ENABLED, JMX_REMOTE_PORT, JMX_REMOTE_HOST,
            JMX_REMOTE_RMI_PORT, JMX_REMOTE_TLS, METRICS_PORT, METRICS_HOST, CONSOLE_PORT, CONSOLE_HOST),
            TLS_KEYS.stream())
            .collect(Collectors.toSet());
    /** The authentication keys besides {@value #SECURITY_ENABLED}; they apply only with security enabled. */
    private static final List<String> SECURITY_KEYS = List.of(SECURITY_USERS_FILE, SECURITY_ROLES_FILE,
            SECURITY_JAAS_CONFIG, SECURITY_JAAS_ENTRY, SECURITY_JAAS_ROLE_PRINCIPAL_CLASSES,
            SECURITY_CERTIFICATE_USERS_FILE, SECURITY_DEFAULT_USER, SECURITY_POPULATE_USER_ID,
            SECURITY_RELOAD_INTERVAL);
    /** The keys that only {@code store=jdbc} reads. */
    private static final List<String> JDBC_STORE_KEYS = List.of(STORE_URL, STORE_USER, STORE_PASSWORD, STORE_DIALECT);
    private static final String KNOWN_KEYS = String.join(", ", new TreeSet<>(
            Stream.of(KEYS.stream(), Stream.of(SECURITY_ENABLED), SECURITY_KEYS.stream(),
                    Stream.of(DESTINATION_PREFIX + "PATTERN.SETTING"),
                    Stream.of(PERMISSION_PREFIX + "PATTERN.ACTION")).flatMap(s -> s).toList()));
    /** The client's own limit on a frame body (room for the frame header below Integer.MAX_VALUE). */
    private static final long MAX_FRAME_LIMIT = Integer.MAX_VALUE - 64;

    /**
     * @throws IllegalArgumentException if there is no listener, or remote JMX is asked of a broker with JMX off
     */
    public ServerConfig {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(tcpOptions, "tcpOptions");
        listeners = List.copyOf(listeners);
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("a server needs a listener");
        }
        queues = List.copyOf(queues);
        topics = List.copyOf(topics);
        if (remoteJmx != null && !broker.jmxEnabled()) {
            throw new IllegalArgumentException("remote JMX needs the broker's MXBeans, but the broker has JMX off");
        }
    }

    /** A server without remote JMX, metrics endpoint or web console. */
    public ServerConfig(BrokerConfig broker, List<Listener> listeners, TcpOptions tcpOptions, List<String> queues,
                        List<String> topics) {
        this(broker, listeners, tcpOptions, queues, topics, null, null, null);
    }

    /** This config with remote JMX on {@code remoteJmx} (null: none). */
    public ServerConfig withRemoteJmx(RemoteJmx.Settings remoteJmx) {
        return new ServerConfig(broker, listeners, tcpOptions, queues, topics, remoteJmx, metrics, console);
    }

    /** This config with its web console at {@code console} (null: none). */
    public ServerConfig withConsole(ConsoleConfig console) {
        return new ServerConfig(broker, listeners, tcpOptions, queues, topics, remoteJmx, metrics, console);
    }

    /**
     * A server with one plain tcp listener on {@code host:port}.
     *
     * @throws IllegalArgumentException if the port is out of range or the host is blank
     */
    public ServerConfig(BrokerConfig broker, String host, int port, TcpOptions tcpOptions, List<String> queues,
                        List<String> topics) {
        this(broker, List.of(Listener.plain(host, port)), tcpOptions, queues, topics);
    }

    /**
     * Reads a config file in the {@link Properties} format, decoded as UTF-8.
     *
     * @throws IllegalArgumentException naming the file and the problem if it cannot be read, or naming each bad key
     *                                  and its problem (see {@link #fromProperties(Properties, Path)})
     */
    public static ServerConfig load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e, e);
        }
        Path directory = file.toAbsolutePath().getParent();
        return fromProperties(properties, directory);
    }

    /**
     * Builds a config from properties, checking every key.
     *
     * @param baseDirectory the directory a relative {@value #DATA_DIRECTORY} is resolved against
     * @throws IllegalArgumentException listing, one per line, each unknown key, missing required key or bad value
     *                                  as {@code "key: problem"}
     */
    public static ServerConfig fromProperties(Properties properties, Path baseDirectory) {
        return new Reading(properties, baseDirectory).config();
    }

    /** One pass over the properties that collects every problem before failing. */
    private static final class Reading {
        private final Properties properties;
        private final Path baseDirectory;
        private final List<String> problems = new ArrayList<>();

        Reading(Properties properties, Path baseDirectory) {
            this.properties = properties;
            this.baseDirectory = baseDirectory.toAbsolutePath();
        }

        ServerConfig config() {
            for (String key : new TreeSet<>(properties.stringPropertyNames())) {
                boolean security = key.equals(SECURITY_ENABLED) || SECURITY_KEYS.contains(key)
                        || key.startsWith(PERMISSION_PREFIX);
                if (!KEYS.contains(key) && !security && !key.startsWith(DESTINATION_PREFIX)) {
                    problems.add(key + ": unknown key (known keys: " + KNOWN_KEYS + ")");
                }
            }
            BrokerConfig broker = broker(destinations(), security());
            List<Listener> listeners = listeners();
            TcpOptions tcpOptions = tcpOptions();
            List<String> queues = names(QUEUES);
            List<String> topics = names(TOPICS);
            RemoteJmx.Settings remoteJmx = remoteJmx(listeners);
            MetricsEndpoint metrics = metrics(listeners);
            ConsoleConfig console = console();
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join(System.lineSeparator(), problems));
            }
            return new ServerConfig(broker, listeners, tcpOptions, queues, topics, remoteJmx, metrics, console);
        }

        /** The web console's address; null when {@value #CONSOLE_PORT} is absent or after recording a problem. */
        private ConsoleConfig console() {
            if (value(CONSOLE_PORT) == null) {
                if (value(CONSOLE_HOST) != null) {
                    problems.add(CONSOLE_HOST + ": applies only with " + CONSOLE_PORT + " (the console is off without"
                            + " a port)");
                }
                return null;
            }
            String host = host(CONSOLE_HOST);
            long port = number(CONSOLE_PORT, 0, 0, 65535, "is not a port number (0-65535)");
            return host == null || port < 0 ? null : new ConsoleConfig(host, (int) port);
        }

        /** The remote JMX connector's address, null when {@value #JMX_REMOTE_PORT} is absent or after a problem. */
        private RemoteJmx.Settings remoteJmx(List<Listener> listeners) {
            if (value(JMX_REMOTE_PORT) == null) {
                for (String key : List.of(JMX_REMOTE_HOST, JMX_REMOTE_RMI_PORT, JMX_REMOTE_TLS)) {
                    if (value(key) != null) {
                        problems.add(key + ": needs " + JMX_REMOTE_PORT + " (remote JMX is off without it)");
                    }
                }
                return null;
            }
            String host = host(JMX_REMOTE_HOST);
            long port = number(JMX_REMOTE_PORT, -1, 1, 65535, "is not a port number (1-65535)");
            long rmiPort = number(JMX_REMOTE_RMI_PORT, port, 1, 65535, "is not a port number (1-65535)");
            ServerTls tls = null;
            if (flag(JMX_REMOTE_TLS, false)) {
                Listener tlsListener = listeners.stream().filter(listener -> listener != null && listener.tls() != null)
                        .findFirst().orElse(null);
                if (tlsListener == null) {
                    if (TLS_KEYS.stream().noneMatch(key -> value(key) != null)) {
                        problems.add(JMX_REMOTE_TLS + ": needs the TLS listener's keys (" + TLS_KEY_STORE
                                + ", ...): remote JMX over TLS uses its settings");
                    }
                    return null; // or the TLS keys are wrong, and named already
                }
                tls = tlsListener.tls();
            }
            if (!flag(JMX_ENABLED, true)) {
                problems.add(JMX_REMOTE_PORT + ": remote JMX needs the broker's MXBeans, but " + JMX_ENABLED
                        + " is false");
                return null;
            }
            return host == null || port < 0 || rmiPort < 0 ? null
                    : new RemoteJmx.Settings(host, (int) port, (int) rmiPort, tls);
        }

        /**
         * The metrics endpoint's address; null when {@value #METRICS_PORT} is absent or after recording a problem.
         */
        private MetricsEndpoint metrics(List<Listener> listeners) {
            if (value(METRICS_PORT) == null) {
                if (value(METRICS_HOST) != null) {
                    problems.add(METRICS_HOST + ": applies only with " + METRICS_PORT);
                }
                return null;
            }
            String host = host(METRICS_HOST);
            long port = number(METRICS_PORT, -1, 0, 65535, "is not a port number (0-65535)");
            for (Listener listener : listeners) {
                if (port > 0 && listener != null && listener.port() == port) {
                    problems.add(METRICS_PORT + ": " + port + " is the port of the " + listener.scheme()
                            + " listener too; the metrics endpoint needs a port of its own");
                }
            }
            return host == null || port < 0 ? null : new MetricsEndpoint(host, (int) port);
        }

        /**
         * The plain listener (unless only TLS keys are given) and the TLS listener (when any {@code tls.*} key is);
         * null entries after recording a problem.
         */
        private List<Listener> listeners() {
            boolean tls = TLS_KEYS.stream().anyMatch(key -> value(key) != null);
            boolean plain = !tls || value(TCP_HOST) != null || value(TCP_PORT) != null;
            List<Listener> listeners = new ArrayList<>();
            long plainPort = -1;
            if (plain) {
                String host = host(TCP_HOST);
                plainPort = number(TCP_PORT, DEFAULT_PORT, 0, 65535, "is not a port number (0-65535)");
                if (host != null && plainPort >= 0) {
                    listeners.add(Listener.plain(host, (int) plainPort));
                }
            }
            if (tls) {
                String host = host(TLS_HOST);
                long port = number(TLS_PORT, DEFAULT_TLS_PORT, 0, 65535, "is not a port number (0-65535)");
                if (port > 0 && port == plainPort) {
                    problems.add(TLS_PORT + ": " + port + " is " + TCP_PORT + " too; the plain and the TLS listener"
                            + " each need a port of their own");
                }
                ServerTls settings = serverTls();
                if (host != null && port >= 0 && settings != null) {
                    listeners.add(new Listener(host, (int) port, settings));
                }
            }
            return listeners;
        }

        /** A listener's host, {@value #DEFAULT_HOST} when absent; null after recording a problem. */
        private String host(String key) {
            String host = value(key);
            if (host == null) {
                return DEFAULT_HOST;
            }
            if (host.isEmpty()) {
                problems.add(key + ": must not be empty");
                return null;
            }
            return host;
        }

        /**
         * The TLS listener's settings, its stores read and checked now, so that a missing or unreadable store, a wrong
         * password or an unknown protocol stops the server before it starts; null after recording a problem.
         */
        private ServerTls serverTls() {
            int before = problems.size();
            StoreFile keyStore = storeFile(TLS_KEY_STORE, TLS_KEY_STORE_PASSWORD, TLS_KEY_STORE_TYPE, true);
            if (problems.size() > before) {
                keyStore = null; // not read: its problem is said
            }
            int beforeTrust = problems.size();
            StoreFile trustStore = storeFile(TLS_TRUST_STORE, TLS_TRUST_STORE_PASSWORD, TLS_TRUST_STORE_TYPE, false);
            ClientAuth clientAuth = clientAuth();
            if (clientAuth != null && clientAuth != ClientAuth.NONE && trustStore == null
                    && value(TLS_TRUST_STORE) == null) {
                problems.add(TLS_TRUST_STORE + ": required with " + TLS_CLIENT_AUTH + "=" + value(TLS_CLIENT_AUTH)
                        + " (the certificates client certificates must chain to)");
            } else if (clientAuth == ClientAuth.NONE && value(TLS_TRUST_STORE) != null) {
                problems.add(TLS_TRUST_STORE + ": applies with " + TLS_CLIENT_AUTH + "=optional or required only, not "
                        + TLS_CLIENT_AUTH + "=" + (value(TLS_CLIENT_AUTH) == null ? "none (the default)" : "none"));
            }
            if (problems.size() > beforeTrust) {
                trustStore = null; // not read: its problem is said
            }
            TlsParameters parameters = null;
            try {
                TlsParameters.parse(value(TLS_PROTOCOLS), null);
                try {
                    parameters = TlsParameters.parse(value(TLS_PROTOCOLS), value(TLS_CIPHER_SUITES));
                } catch (IllegalArgumentException e) {
                    problems.add(TLS_CIPHER_SUITES + ": " + e.getMessage());
                }
            } catch (IllegalArgumentException e) {
                problems.add(TLS_PROTOCOLS + ": " + e.getMessage());
            }
            if (keyStore != null) {
                try {
                    keyStore.keyManagers();
                } catch (IllegalArgumentException e) {
                    problems.add(TLS_KEY_STORE + ": " + e.getMessage());
                }
            }
            if (trustStore != null) {
                try {
                    trustStore.trustManagers();
                } catch (IllegalArgumentException e) {
                    problems.add(TLS_TRUST_STORE + ": " + e.getMessage());
                }
            }
            if (problems.size() > before || keyStore == null || clientAuth == null || parameters == null
                    || (trustStore == null && value(TLS_TRUST_STORE) != null)) {
                return null;
            }
            ServerTls settings = new ServerTls(keyStore, trustStore, clientAuth, parameters);
            try {
                settings.newContext();
            } catch (IllegalArgumentException e) {
                problems.add(TLS_KEY_STORE + ": " + e.getMessage());
                return null;
            }
            return settings;
        }

        /**
         * The store file a path key names, with its password and type keys; null when the path key is absent (a
         * problem if {@code required}) or after recording a problem.
         */
        private StoreFile storeFile(String pathKey, String passwordKey, String typeKey, boolean required) {
            String pathText = required ? required(pathKey) : value(pathKey);
            String password = required && pathText != null ? required(passwordKey) : value(passwordKey);
            String type = value(typeKey);
            if (pathText == null || pathText.isEmpty()) {
                if (!required && pathText == null) {
                    for (String key : List.of(passwordKey, typeKey)) {
                        if (value(key) != null) {
                            problems.add(key + ": applies only with " + pathKey);
                        }
                    }
                } else if (!required) {
                    problems.add(pathKey + ": must not be empty");
                }
                return null;
            }
            Path path;
            try {
                path = baseDirectory.resolve(pathText).normalize();
            } catch (InvalidPathException e) {
                problems.add(pathKey + ": '" + pathText + "' is not a valid path: " + e.getReason());
                return null;
            }
            try {
                return StoreFile.of(path, password == null || password.isEmpty() ? null : password,
                        type == null || type.isEmpty() ? null : type);
            } catch (IllegalArgumentException e) {
                problems.add(typeKey + ": '" + type + "' is not PKCS12 or JKS");
                return null;
            }
        }

        /** The {@value #TLS_CLIENT_AUTH} key; null after recording a problem. */
        private ClientAuth clientAuth() {
            String text = value(TLS_CLIENT_AUTH);
            if (text == null) {
                return ClientAuth.NONE;
            }
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "none" -> ClientAuth.NONE;
                case "optional" -> ClientAuth.OPTIONAL;
                case "required" -> ClientAuth.REQUIRE;
                default -> {
                    problems.add(TLS_CLIENT_AUTH + ": '" + text + "' is not none, optional or required");
                    yield null;
                }
            };
        }

        private BrokerConfig broker(DestinationPolicies destinations, SecurityConfig security) {
            String name = required(BROKER_NAME);
            StoreConfig store = store();
            Path directory = null;
            String directoryText = store == StoreConfig.embeddedDerby() || value(DATA_DIRECTORY) != null
                    ? required(DATA_DIRECTORY) : null;
            if (directoryText != null) {
                try {
                    directory = baseDirectory.resolve(directoryText).normalize();
                } catch (InvalidPathException e) {
                    problems.add(DATA_DIRECTORY + ": '" + directoryText + "' is not a valid path: " + e.getReason());
                }
            }
            long transactionTimeout = number(TRANSACTION_TIMEOUT,
                    BrokerConfig.DEFAULT_TRANSACTION_TIMEOUT.toMillis(), 1, Long.MAX_VALUE / 2,
                    "is not a whole number of milliseconds >= 1");
            boolean jmxEnabled = flag(JMX_ENABLED, true);
            long memoryBudget = number(MEMORY_BUDGET, BrokerConfig.DEFAULT_MEMORY_BUDGET, 1, Long.MAX_VALUE,
                    "is not a whole number of bytes >= 1 (leave the key out for half the maximum heap)");
            if (name == null) {
                return null;
            }
            if (!name.matches("[A-Za-z0-9._-]+")) {
                problems.add(BROKER_NAME + ": '" + name + "' must use only letters, digits, '.', '_' and '-'");
                return null;
            }
            if (directory == null && directoryText == null && store != null
                    && store != StoreConfig.embeddedDerby()) {
                directory = BrokerConfig.defaultDataDirectory(name).toAbsolutePath(); // no store of these uses it
            }
            return directory == null || store == null || transactionTimeout < 0 || security == null ? null
                    : new BrokerConfig(name, directory, destinations, store, Duration.ofMillis(transactionTimeout),
                    security, jmxEnabled, memoryBudget);
        }

        /** The {@value #STORE} key and, for {@code store=jdbc}, its database; null after recording a problem. */
        private StoreConfig store() {
            String kind = value(STORE);
            if (kind == null || kind.equals("derby") || kind.equals("memory")) {
                for (String key : JDBC_STORE_KEYS) {
                    if (value(key) != null) {
                        problems.add(key + ": applies to " + STORE + "=jdbc only, not " + STORE + "="
                                + (kind == null ? "derby (the default)" : kind));
                    }
                }
                return "memory".equals(kind) ? StoreConfig.inMemory() : StoreConfig.embeddedDerby();
            }
            if (!kind.equals("jdbc")) {
                problems.add(STORE + ": '" + kind + "' is not derby, jdbc or memory");
                return null;
            }
            String url = required(STORE_URL);
            String user = value(STORE_USER);
            String password = value(STORE_PASSWORD);
            String dialectText = value(STORE_DIALECT);
            if (url == null) {
                return null;
            }
            if (dialectText == null) {
                dialectText = url.startsWith("jdbc:derby:") ? "derby" : url.startsWith("jdbc:postgresql:")
                        ? "postgresql" : null;
                if (dialectText == null) {
                    problems.add(STORE_DIALECT + ": required for '" + url + "' (derby or postgresql)");
                    return null;
                }
            }
            StoreConfig.Dialect dialect;
            try {
                dialect = StoreConfig.Dialect.of(dialectText);
            } catch (IllegalArgumentException e) {
                problems.add(STORE_DIALECT + ": '" + dialectText + "' is not derby or postgresql");
                return null;
            }
            try {
                return StoreConfig.jdbc(url, user == null || user.isEmpty() ? null : user,
                        password == null || password.isEmpty() ? null : password, dialect);
            } catch (IllegalArgumentException e) {
                problems.add((url.startsWith("jdbc:") ? STORE_PASSWORD : STORE_URL) + ": " + e.getMessage());
                return null;
            }
        }

        private TcpOptions tcpOptions() {
            TcpOptions defaults = TcpOptions.defaults();
            long interval = number(HEARTBEAT_INTERVAL, defaults.heartbeatInterval().toMillis(), 1, Long.MAX_VALUE / 2,
                    "is not a whole number of milliseconds >= 1");
            long timeout = number(HEARTBEAT_TIMEOUT, defaults.heartbeatTimeout().toMillis(), 1, Long.MAX_VALUE / 2,
                    "is not a whole number of milliseconds >= 1");
            long maxFrame = number(MAX_FRAME_BYTES, defaults.maxFrameSize(), 1, MAX_FRAME_LIMIT,
                    "is not a whole number of bytes from 1 to " + MAX_FRAME_LIMIT);
            if (interval < 0 || timeout < 0 || maxFrame < 0) {
                return defaults; // a problem is recorded already
            }
            if (timeout <= interval) {
                problems.add(HEARTBEAT_TIMEOUT + ": " + timeout + " must be longer than " + HEARTBEAT_INTERVAL + " ("
                        + interval + ")");
                return defaults;
            }
            return defaults.withHeartbeat(Duration.ofMillis(interval), Duration.ofMillis(timeout))
                    .withMaxFrameSize((int) maxFrame);
        }

        /** The {@code destination.PATTERN.SETTING} keys, gathered by pattern. */
        private DestinationPolicies destinations() {
            Map<String, PatternSettings> byPattern = new TreeMap<>();
            for (String key : new TreeSet<>(properties.stringPropertyNames())) {
                if (key.startsWith(DESTINATION_PREFIX)) {
                    destinationKey(key, byPattern);
                }
            }
            DestinationPolicies.Builder policies = DestinationPolicies.builder();
            byPattern.forEach((pattern, given) -> {
                DestinationSettings settings = given.settings;
                if (given.keys.contains(DestinationSetting.REDELIVERY_DELAY)
                        && given.keys.contains(DestinationSetting.MAX_REDELIVERY_DELAY)
                        && settings.maxRedeliveryDelayMillis() < settings.redeliveryDelayMillis()) {
                    problems.add(DestinationSetting.MAX_REDELIVERY_DELAY.key(pattern) + ": "
                            + settings.maxRedeliveryDelayMillis() + " must not be shorter than "
                            + DestinationSetting.REDELIVERY_DELAY.key(pattern) + " (" + settings.redeliveryDelayMillis()
                            + ")");
                }
                policies.add(pattern, settings);
            });
            return policies.build();
        }

        private void destinationKey(String key, Map<String, PatternSettings> byPattern) {
            String rest = key.substring(DESTINATION_PREFIX.length());
            DestinationSetting setting = DestinationSetting.ending(rest);
            if (setting == null) {
                problems.add(key + ": unknown destination setting (known settings: " + DestinationSetting.names()
                        + ")");
                return;
            }
            if (rest.equals(setting.suffix)) {
                problems.add(key + ": no pattern; write " + setting.key("PATTERN") + " (" + setting.key("#")
                        + " for every destination)");
                return;
            }
            String pattern = rest.substring(0, rest.length() - setting.suffix.length() - 1);
            try {
                DestinationPolicies.builder().add(pattern, DestinationSettings.builder().build());
            } catch (IllegalArgumentException e) {
                String reason = e.getMessage();
                problems.add(key + ": " + Character.toLowerCase(reason.charAt(0)) + reason.substring(1));
                return;
            }
            String text = value(key);
            DestinationSettings.Builder one = DestinationSettings.builder();
            try {
                setting.apply.accept(one, text);
            } catch (IllegalArgumentException e) { // includes NumberFormatException
                problems.add(key + ": '" + text + "' " + setting.rule);
                return;
            }
            PatternSettings given = byPattern.computeIfAbsent(pattern, p -> new PatternSettings());
            given.settings = given.settings.overriddenBy(one.build());
            given.keys.add(setting);
        }

        /**
         * The {@code security.*} keys of authentication, their files checked as a broker's start checks them; null
         * after recording a problem.
         */
        private SecurityConfig security() {
            Boolean enabled = bool(SECURITY_ENABLED, false);
            if (enabled == null) {
                return null;
            }
            if (!enabled) {
                for (String key : SECURITY_KEYS) {
                    if (value(key) != null) {
                        problems.add(key + ": applies only with " + SECURITY_ENABLED + "=true");
                    }
                }
                for (String key : new TreeSet<>(properties.stringPropertyNames())) {
                    if (key.startsWith(PERMISSION_PREFIX)) {
                        problems.add(key + ": applies only with " + SECURITY_ENABLED + "=true");
                    }
                }
                return SecurityConfig.DISABLED;
            }
            int before = problems.size();
            Permissions permissions = PermissionKeys.read(properties, problems);
            Path users = file(SECURITY_USERS_FILE, SecuredBroker::checkUsersFile);
            Path roles = file(SECURITY_ROLES_FILE, SecuredBroker::checkRolesFile);
            Path certificateUsers = file(SECURITY_CERTIFICATE_USERS_FILE, SecuredBroker::checkCertificateUsersFile);
            SecurityConfig.Jaas jaas = jaas();
            String defaultUser = value(SECURITY_DEFAULT_USER);
            if (defaultUser != null && defaultUser.isEmpty()) {
                problems.add(SECURITY_DEFAULT_USER + ": must not be empty (leave the key out for none)");
            }
            Boolean populateUserId = bool(SECURITY_POPULATE_USER_ID, true);
            long reload = number(SECURITY_RELOAD_INTERVAL, SecurityConfig.DEFAULT_RELOAD_INTERVAL.toMillis(), 0,
                    Long.MAX_VALUE / 2, "is not a whole number of milliseconds >= 0 (0: never)");
            if (problems.size() > before) {
                return null;
            }
            if (users == null && jaas == null && certificateUsers == null && defaultUser == null) {
                problems.add(SECURITY_ENABLED + ": true, but nobody can log in: set " + SECURITY_USERS_FILE + ", "
                        + SECURITY_JAAS_ENTRY + ", " + SECURITY_CERTIFICATE_USERS_FILE + " or " + SECURITY_DEFAULT_USER);
                return null;
            }
            return SecurityConfig.builder().usersFile(users).rolesFile(roles).certificateUsersFile(certificateUsers)
                    .jaas(jaas).defaultUser(defaultUser).populateUserId(populateUserId)
                    .reloadInterval(Duration.ofMillis(reload)).permissions(permissions).build();
        }

        /**
         * The file a key names, resolved against the config file's directory and checked by {@code check}; null when
         * the key is absent or after recording a problem.
         */
        private Path file(String key, Consumer<Path> check) {
            String text = value(key);
            if (text == null) {
                return null;
            }
            Path file = path(key, text);
            if (file == null) {
                return null;
            }
            try {
                check.accept(file);
            } catch (IllegalArgumentException e) {
                problems.add(key + ": " + e.getMessage());
                return null;
            }
            return file;
        }

        private Path path(String key, String text) {
            if (text.isEmpty()) {
                problems.add(key + ": must not be empty (leave the key out for none)");
                return null;
            }
            try {
                return baseDirectory.resolve(text).normalize();
            } catch (InvalidPathException e) {
                problems.add(key + ": '" + text + "' is not a valid path: " + e.getReason());
                return null;
            }
        }

        /** The JAAS keys; null when none is set or after recording a problem. */
        private SecurityConfig.Jaas jaas() {
            String entry = value(SECURITY_JAAS_ENTRY);
            String configText = value(SECURITY_JAAS_CONFIG);
            String classesText = value(SECURITY_JAAS_ROLE_PRINCIPAL_CLASSES);
            if (entry == null || entry.isEmpty()) {
                if (configText != null || classesText != null || entry != null) {
                    problems.add(SECURITY_JAAS_ENTRY + ": required with " + SECURITY_JAAS_CONFIG + " and "
                            + SECURITY_JAAS_ROLE_PRINCIPAL_CLASSES);
                }
                return null;
            }
            Path config = configText == null ? null : path(SECURITY_JAAS_CONFIG, configText);
            if (configText != null && config == null) {
                return null;
            }
            List<String> classes = SecurityConfig.Jaas.DEFAULT_ROLE_PRINCIPAL_CLASSES;
            if (classesText != null) {
                classes = new ArrayList<>();
                for (String name : classesText.split(",", -1)) {
                    if (name.isBlank()) {
                        problems.add(SECURITY_JAAS_ROLE_PRINCIPAL_CLASSES + ": '" + classesText
                                + "' holds an empty class name; separate names with single commas");
                        return null;
                    }
                    classes.add(name.trim());
                }
            }
            SecurityConfig.Jaas jaas = new SecurityConfig.Jaas(config, entry, classes);
            try {
                SecuredBroker.checkJaas(jaas);
            } catch (IllegalArgumentException e) {
                problems.add((config == null ? SECURITY_JAAS_ENTRY : SECURITY_JAAS_CONFIG) + ": " + e.getMessage());
                return null;
            }
            return jaas;
        }

        /** The value of a {@code true}/{@code false} key (any case); null after recording a problem. */
        private Boolean bool(String key, boolean fallback) {
            String text = value(key);
            if (text == null) {
                return fallback;
            }
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            problems.add(key + ": '" + text + "' is not true or false");
            return null;
        }

        /** The trimmed value of a key, or null when the key is absent. */
        private String value(String key) {
            String value = properties.getProperty(key);
            return value == null ? null : value.trim();
        }

        private String required(String key) {
            String value = value(key);
            if (value == null || value.isEmpty()) {
                problems.add(key + ": required but " + (value == null ? "missing" : "empty"));
                return null;
            }
            return value;
        }

        /** The value of a {@code true}/{@code false} key (in any case); {@code fallback} if absent or bad. */
        private boolean flag(String key, boolean fallback) {
            Boolean value = bool(key, fallback);
            return value == null ? fallback : value;
        }

        /** The value of a numeric key; -1 after recording a problem. */
        private long number(String key, long fallback, long min, long max, String rule) {
            String text = value(key);
            if (text == null) {
                return fallback;
            }
            try {
                long value = Long.parseLong(text);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below with the rule
            }
            problems.add(key + ": '" + text + "' " + rule);
            return -1;
        }

        private List<String> names(String key) {
            String text = value(key);
            if (text == null || text.isEmpty()) {
                return List.of();
            }
            Set<String> names = new LinkedHashSet<>();
            for (String name : text.split(",", -1)) {
                if (name.isBlank()) {
                    problems.add(key + ": '" + text + "' holds an empty name; separate names with single commas");
                    return List.of();
                }
                names.add(name.trim());
            }
            return List.copyOf(names);
        }
    }

    /** What the {@code destination.PATTERN.*} keys of one pattern gave so far. */
    private static final class PatternSettings {
        DestinationSettings settings = DestinationSettings.builder().build();
        final Set<DestinationSetting> keys = EnumSet.noneOf(DestinationSetting.class);
    }

    /** The SETTING of a {@code destination.PATTERN.SETTING} key: its name, its rule, and how it sets its field. */
    private enum DestinationSetting {
        MAX_DELIVERY_ATTEMPTS("max-delivery-attempts", "is not a whole number (0 or less: unlimited)",
                (b, v) -> b.maxDeliveryAttempts(Integer.parseInt(v))),
        REDELIVERY_DELAY("redelivery-delay.ms", "is not a whole number of milliseconds >= 0",
                (b, v) -> b.redeliveryDelayMillis(Long.parseLong(v))),
        REDELIVERY_MULTIPLIER("redelivery-multiplier", "is not a decimal number >= 1.0",
                (b, v) -> b.redeliveryMultiplier(decimal(v))),
        MAX_REDELIVERY_DELAY("max-redelivery-delay.ms", "is not a whole number of milliseconds >= 0",
                (b, v) -> b.maxRedeliveryDelayMillis(Long.parseLong(v))),
        DEAD_LETTER_QUEUE("dead-letter-queue", "is not a queue name (empty for none)",
                (b, v) -> b.deadLetterQueue(v.isEmpty() ? null : v)),
        EXPIRY_QUEUE("expiry-queue", "is not a queue name (empty for none)",
                (b, v) -> b.expiryQueue(v.isEmpty() ? null : v)),
        MAX_MESSAGE_BYTES("max-message-bytes", "is not -1 (unlimited) or a whole number of bytes >= 1",
                (b, v) -> b.maxMessageBytes(Long.parseLong(v))),
        MAX_DEPTH("max-depth", "is not -1 (unlimited) or a whole number of messages >= 1",
                (b, v) -> b.maxDepth(Long.parseLong(v))),
        MAX_BYTES("max-bytes", "is not -1 (unlimited) or a whole number of bytes >= 1",
                (b, v) -> b.maxBytes(Long.parseLong(v))),
        FULL_POLICY("full-policy", "is not block or fail",
                (b, v) -> b.fullPolicy(FullPolicy.valueOf(v.toUpperCase(Locale.ROOT)))),
        BLOCK_TIMEOUT("block-timeout.ms", "is not a whole number of milliseconds >= 0",
                (b, v) -> b.blockTimeoutMillis(Long.parseLong(v))),
        DUPLICATE_CACHE_SIZE("duplicate-cache-size", "is not a whole number >= 0 (0 disables)",
                (b, v) -> b.duplicateCacheSize(Integer.parseInt(v))),
        MEMORY_WINDOW_BYTES("memory-window-bytes", "is not -1 (none) or a whole number of bytes >= 1",
                (b, v) -> b.memoryWindowBytes(Long.parseLong(v)));

        final String suffix;
        final String rule;
        /** Sets the field from the trimmed value; throws IllegalArgumentException when the rule is broken. */
        final BiConsumer<DestinationSettings.Builder, String> apply;

        DestinationSetting(String suffix, String rule, BiConsumer<DestinationSettings.Builder, String> apply) {
            this.suffix = suffix;
            this.rule = rule;
            this.apply = apply;
        }

        String key(String pattern) {
            return DESTINATION_PREFIX + pattern + "." + suffix;
        }

        /** The setting whose name ends {@code rest} after a '.' (or is all of it), the longest such; else null. */
        static DestinationSetting ending(String rest) {
            DestinationSetting found = null;
            for (DestinationSetting setting : values()) {
                boolean ends = rest.equals(setting.suffix) || rest.endsWith("." + setting.suffix);
                if (ends && (found == null || setting.suffix.length() > found.suffix.length())) {
                    found = setting;
                }
            }
            return found;
        }

        static String names() {
            List<String> names = new ArrayList<>();
            for (DestinationSetting setting : values()) {
                names.add(setting.suffix);
            }
            return String.join(", ", names);
        }

        /** A plain decimal such as {@code 2} or {@code 1.5}: no sign, exponent, hex or type suffix. */
        private static double decimal(String text) {
            if (!text.matches("[0-9]+(\\.[0-9]+)?")) {
                throw new NumberFormatException(text);
            }
            return Double.parseDouble(text);
        }
    }
}
