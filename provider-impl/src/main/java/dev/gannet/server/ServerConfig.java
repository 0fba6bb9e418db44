package dev.gannet.server;

import dev.gannet.api.BrokerConfig;
import dev.gannet.transport.tcp.TcpOptions;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a standalone Gannet server runs: one broker and its TCP acceptor, read from a properties file.
 *
 * <p>Keys (values are trimmed; any other key is an error):
 * <dl>
 * <dt>{@value #BROKER_NAME} (required)</dt>
 * <dd>the broker's name: letters, digits, '.', '_' and '-'</dd>
 * <dt>{@value #DATA_DIRECTORY} (required)</dt>
 * <dd>directory of the broker's Derby store (created when missing); a relative path is resolved against the
 * directory holding the config file</dd>
 * <dt>{@value #TCP_HOST} (default {@value #DEFAULT_HOST})</dt>
 * <dd>address to listen on</dd>
 * <dt>{@value #TCP_PORT} (default {@value #DEFAULT_PORT})</dt>
 * <dd>port to listen on, 0-65535; 0 picks a free port</dd>
 * <dt>{@value #HEARTBEAT_INTERVAL} (default 5000)</dt>
 * <dd>milliseconds of write silence after which the server sends a heartbeat; clients that use a shorter
 * {@code heartbeatTimeout} need a shorter interval here</dd>
 * <dt>{@value #HEARTBEAT_TIMEOUT} (default 15000)</dt>
 * <dd>milliseconds of read silence after which a client is declared dead; longer than the interval</dd>
 * <dt>{@value #MAX_FRAME_BYTES} (default 104857600)</dt>
 * <dd>largest frame body accepted, in bytes: bounds the largest message a client may send</dd>
 * <dt>{@value #QUEUES}, {@value #TOPICS} (default none)</dt>
 * <dd>comma-separated names of queues and topics to create at start; spaces around names are ignored</dd>
 * </dl>
 *
 * @param broker     the broker's name and data directory (absolute)
 * @param host       the address the acceptor listens on
 * @param port       the port the acceptor listens on; 0 for any free port
 * @param tcpOptions heartbeat and frame settings of accepted connections
 * @param queues     queues declared at start, in the configured order
 * @param topics     topics declared at start, in the configured order
 */
public record ServerConfig(BrokerConfig broker, String host, int port, TcpOptions tcpOptions, List<String> queues,
                           List<String> topics) {

    public static final String BROKER_NAME = "broker.name";
    public static final String DATA_DIRECTORY = "data.directory";
    public static final String TCP_HOST = "tcp.host";
    public static final String TCP_PORT = "tcp.port";
    public static final String HEARTBEAT_INTERVAL = "tcp.heartbeat.interval.ms";
    public static final String HEARTBEAT_TIMEOUT = "tcp.heartbeat.timeout.ms";
    public static final String MAX_FRAME_BYTES = "tcp.max.frame.bytes";
    public static final String QUEUES = "queues";
    public static final String TOPICS = "topics";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 61616;

    private static final Set<String> KEYS = Set.of(BROKER_NAME, DATA_DIRECTORY, TCP_HOST, TCP_PORT,
            HEARTBEAT_INTERVAL, HEARTBEAT_TIMEOUT, MAX_FRAME_BYTES, QUEUES, TOPICS);
    /** The client's own limit on a frame body (room for the frame header below Integer.MAX_VALUE). */
    private static final long MAX_FRAME_LIMIT = Integer.MAX_VALUE - 64;

    /**
     * @throws IllegalArgumentException if the port is out of range or the host is blank
     */
    public ServerConfig {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tcpOptions, "tcpOptions");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a port number (0-65535)");
        }
        queues = List.copyOf(queues);
        topics = List.copyOf(topics);
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
                if (!KEYS.contains(key)) {
                    problems.add(key + ": unknown key (known keys: " + String.join(", ", new TreeSet<>(KEYS)) + ")");
                }
            }
            BrokerConfig broker = broker();
            String host = value(TCP_HOST);
            if (host == null) {
                host = DEFAULT_HOST;
            } else if (host.isEmpty()) {
                problems.add(TCP_HOST + ": must not be empty");
            }
            long port = number(TCP_PORT, DEFAULT_PORT, 0, 65535, "is not a port number (0-65535)");
            TcpOptions tcpOptions = tcpOptions();
            List<String> queues = names(QUEUES);
            List<String> topics = names(TOPICS);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join(System.lineSeparator(), problems));
            }
            return new ServerConfig(broker, host, (int) port, tcpOptions, queues, topics);
        }

        private BrokerConfig broker() {
            String name = required(BROKER_NAME);
            Path directory = null;
            String directoryText = required(DATA_DIRECTORY);
            if (directoryText != null) {
                try {
                    directory = baseDirectory.resolve(directoryText).normalize();
                } catch (InvalidPathException e) {
                    problems.add(DATA_DIRECTORY + ": '" + directoryText + "' is not a valid path: " + e.getReason());
                }
            }
            if (name == null) {
                return null;
            }
            if (!name.matches("[A-Za-z0-9._-]+")) {
                problems.add(BROKER_NAME + ": '" + name + "' must use only letters, digits, '.', '_' and '-'");
                return null;
            }
            return directory == null ? null : new BrokerConfig(name, directory);
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
}
