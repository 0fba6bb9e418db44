package dev.gannet.server;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.DestinationSettings;
import dev.gannet.api.DestinationSettings.FullPolicy;
import dev.gannet.api.StoreConfig;
import dev.gannet.transport.tcp.TcpOptions;

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
import java.util.stream.Stream;

/**
 * What a standalone Gannet server runs: one broker and its TCP acceptor, read from a properties file.
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
 * <dt>{@value #JMX_ENABLED} (default {@code true})</dt>
 * <dd>{@code true} registers the broker's MXBeans in the server JVM's platform MBean server (see
 * {@link dev.gannet.api.management}), {@code false} leaves them out</dd>
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
 * <li>{@code memory-window-bytes}: how much of a queue's backlog stays in heap, &gt;= 1; the rest is paged</li>
 * </ul></dd>
 * </dl>
 *
 * @param broker     the broker's name, data directory (absolute), destination policies and store
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
    public static final String STORE = "store";
    public static final String STORE_URL = "store.url";
    public static final String STORE_USER = "store.user";
    public static final String STORE_PASSWORD = "store.password";
    public static final String STORE_DIALECT = "store.dialect";
    public static final String TRANSACTION_TIMEOUT = "transaction.timeout.ms";
    public static final String TCP_HOST = "tcp.host";
    public static final String TCP_PORT = "tcp.port";
    public static final String HEARTBEAT_INTERVAL = "tcp.heartbeat.interval.ms";
    public static final String HEARTBEAT_TIMEOUT = "tcp.heartbeat.timeout.ms";
    public static final String MAX_FRAME_BYTES = "tcp.max.frame.bytes";
    public static final String QUEUES = "queues";
    public static final String TOPICS = "topics";
    public static final String JMX_ENABLED = "management.jmx.enabled";
    /** Start of the {@code destination.PATTERN.SETTING} keys. */
    public static final String DESTINATION_PREFIX = "destination.";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 61616;

    private static final Set<String> KEYS = Set.of(BROKER_NAME, DATA_DIRECTORY, STORE, STORE_URL, STORE_USER,
            STORE_PASSWORD, STORE_DIALECT, TRANSACTION_TIMEOUT, TCP_HOST, TCP_PORT, HEARTBEAT_INTERVAL,
            HEARTBEAT_TIMEOUT, MAX_FRAME_BYTES, QUEUES, TOPICS,
            JMX_ENABLED);
    /** The keys that only {@code store=jdbc} reads. */
    private static final List<String> JDBC_STORE_KEYS = List.of(STORE_URL, STORE_USER, STORE_PASSWORD, STORE_DIALECT);
    private static final String KNOWN_KEYS = String.join(", ", new TreeSet<>(
            Stream.concat(KEYS.stream(), Stream.of(DESTINATION_PREFIX + "PATTERN.SETTING")).toList()));
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
                if (!KEYS.contains(key) && !key.startsWith(DESTINATION_PREFIX)) {
                    problems.add(key + ": unknown key (known keys: " + KNOWN_KEYS + ")");
                }
            }
            BrokerConfig broker = broker(destinations());
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

        private BrokerConfig broker(DestinationPolicies destinations) {
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
            return directory == null || store == null || transactionTimeout < 0 ? null
                    : new BrokerConfig(name, directory, destinations, store, Duration.ofMillis(transactionTimeout),
                    jmxEnabled);
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
            String text = value(key);
            if (text == null) {
                return fallback;
            }
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            problems.add(key + ": '" + text + "' is not true or false");
            return fallback;
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
        MEMORY_WINDOW_BYTES("memory-window-bytes", "is not a whole number of bytes >= 1",
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
