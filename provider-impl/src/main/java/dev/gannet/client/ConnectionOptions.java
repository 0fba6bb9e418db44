package dev.gannet.client;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.GannetProperties;
import dev.gannet.api.Limits;
import dev.gannet.api.StoreConfig;
import dev.gannet.transport.tcp.TcpOptions;
import dev.gannet.transport.vm.VmBrokerRegistry;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed broker URL: {@code vm://NAME?option=value&...} or {@code tcp://HOST:PORT?option=value&...}.
 * Options of both: {@value GannetProperties#PREFETCH}, {@value GannetProperties#CLIENT_ID},
 * {@value GannetProperties#USER}, {@value GannetProperties#PASSWORD}, {@value #BLOCK_ON_NON_PERSISTENT_SEND},
 * {@value #BLOCK_ON_TRANSACTED_SEND}.
 * Only vm: {@value GannetProperties#DATA_DIRECTORY}, {@value GannetProperties#STOP_WITH_LAST_CONNECTION}.
 * Only tcp, in milliseconds unless said: {@value #HEARTBEAT_INTERVAL}, {@value #HEARTBEAT_TIMEOUT},
 * {@value #CONNECT_TIMEOUT}, {@value #MAX_FRAME_SIZE} (bytes).
 */
record ConnectionOptions(String url, Transport transport, int prefetch, String clientId, String user,
                         String password, SendBlocking blocking) {

    static final int DEFAULT_PREFETCH = 1000;
    static final String DEFAULT_URL = "vm://" + BrokerConfig.DEFAULT_NAME;
    static final String HEARTBEAT_INTERVAL = "heartbeatInterval";
    static final String HEARTBEAT_TIMEOUT = "heartbeatTimeout";
    static final String CONNECT_TIMEOUT = "connectTimeout";
    static final String MAX_FRAME_SIZE = "maxFrameSize";
    /** true: a non-persistent send outside a transaction waits for the broker (default false: it does not). */
    static final String BLOCK_ON_NON_PERSISTENT_SEND = "blockOnNonPersistentSend";
    /** true: a send in a transacted session waits for the broker (default false: commit is where it waits). */
    static final String BLOCK_ON_TRANSACTED_SEND = "blockOnTransactedSend";

    /**
     * Which sends wait for the broker's answer. A persistent send outside a transaction always does (it returns once
     * the message is stored); so does a send with a CompletionListener, whose listener hears the answer. The others
     * are one-way unless blocked here: their failures reach the session's next commit or the connection's
     * ExceptionListener.
     */
    record SendBlocking(boolean nonPersistent, boolean transacted) {

        /** Whether a send without CompletionListener waits for the broker. */
        boolean waits(boolean inTransaction, boolean persistent) {
            return inTransaction ? transacted : persistent || nonPersistent;
        }
    }

    /** Where the broker is and how to reach it. */
    sealed interface Transport {
    }

    /**
     * An in-process broker, started on first use to run until stopped, or, with
     * {@value GannetProperties#STOP_WITH_LAST_CONNECTION}{@code =true}, until its last connection closes.
     */
    record Vm(BrokerConfig broker, VmBrokerRegistry.Lifetime lifetime) implements Transport {
    }

    /** A broker listening on {@code host:port}. */
    record Tcp(String host, int port, TcpOptions options) implements Transport {
    }

    /**
     * @throws IllegalArgumentException naming the part of the URL that is wrong
     */
    static ConnectionOptions parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Broker URL '" + url + "' is not a valid URI: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme();
        if (!"vm".equals(scheme) && !"tcp".equals(scheme)) {
            throw new IllegalArgumentException("Broker URL '" + url + "': scheme '" + scheme
                    + "' is not supported; use vm://NAME or tcp://HOST:PORT");
        }
        Map<String, String> options = query(url, uri.getRawQuery());
        Transport transport = "vm".equals(scheme) ? vm(url, uri, options) : tcp(url, uri, options);
        String prefetchText = options.remove(GannetProperties.PREFETCH);
        int prefetch = DEFAULT_PREFETCH;
        if (prefetchText != null) {
            try {
                prefetch = Integer.parseInt(prefetchText);
            } catch (NumberFormatException e) {
                prefetch = 0;
            }
            if (prefetch < 1 || prefetch > Limits.MAX_PREFETCH) {
                throw new IllegalArgumentException("Broker URL '" + url + "': prefetch must be a whole number from 1"
                        + " to " + Limits.MAX_PREFETCH + ", not '" + prefetchText + "'");
            }
        }
        String clientId = options.remove(GannetProperties.CLIENT_ID);
        String user = options.remove(GannetProperties.USER);
        String password = options.remove(GannetProperties.PASSWORD);
        SendBlocking blocking = new SendBlocking(flag(url, options, BLOCK_ON_NON_PERSISTENT_SEND),
                flag(url, options, BLOCK_ON_TRANSACTED_SEND));
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("Broker URL '" + url + "': unknown option(s) " + options.keySet());
        }
        return new ConnectionOptions(url, transport, prefetch, clientId, user, password, blocking);
    }

    private static Vm vm(String url, URI uri, Map<String, String> options) {
        String name = uri.getAuthority();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Broker URL '" + url + "' names no broker; use vm://NAME");
        }
        String directory = options.remove(GannetProperties.DATA_DIRECTORY);
        VmBrokerRegistry.Lifetime lifetime = flag(url, options, GannetProperties.STOP_WITH_LAST_CONNECTION)
                ? VmBrokerRegistry.Lifetime.WITH_LAST_USER : VmBrokerRegistry.Lifetime.UNTIL_STOPPED;
        String store = options.remove(GannetProperties.STORE);
        if (store != null && !store.equals("memory") && !store.equals("derby")) {
            throw new IllegalArgumentException("Broker URL '" + url + "': " + GannetProperties.STORE
                    + " must be memory or derby, not '" + store + "'");
        }
        return new Vm(new BrokerConfig(name, directory != null ? Path.of(directory)
                : BrokerConfig.defaultDataDirectory(name), DestinationPolicies.none(), "memory".equals(store)
                ? StoreConfig.inMemory() : StoreConfig.embeddedDerby()), lifetime);
    }

    private static Tcp tcp(String url, URI uri, Map<String, String> options) {
        String host = uri.getHost();
        if (host == null || host.isEmpty() || uri.getPort() < 0) {
            throw new IllegalArgumentException("Broker URL '" + url + "' names no host and port; use tcp://HOST:PORT");
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty()) {
            throw new IllegalArgumentException("Broker URL '" + url + "': a tcp URL has no path; use tcp://HOST:PORT");
        }
        for (String vmOnly : List.of(GannetProperties.DATA_DIRECTORY, GannetProperties.STOP_WITH_LAST_CONNECTION,
                GannetProperties.STORE)) {
            if (options.containsKey(vmOnly)) {
                throw new IllegalArgumentException("Broker URL '" + url + "': option " + vmOnly
                        + " applies to vm:// URLs only; a tcp broker runs and keeps its data as its server was told");
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        TcpOptions defaults = TcpOptions.defaults();
        Duration interval = millis(url, options, HEARTBEAT_INTERVAL, defaults.heartbeatInterval());
        Duration timeout = millis(url, options, HEARTBEAT_TIMEOUT, defaults.heartbeatTimeout());
        Duration connectTimeout = millis(url, options, CONNECT_TIMEOUT, defaults.connectTimeout());
        int maxFrameSize = (int) number(url, options, MAX_FRAME_SIZE, defaults.maxFrameSize(), Integer.MAX_VALUE
                - 64);
        try {
            return new Tcp(host, uri.getPort(), new TcpOptions(interval, timeout, maxFrameSize,
                    defaults.writeBufferLimit(), defaults.unwritableTimeout(), connectTimeout));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Broker URL '" + url + "': " + e.getMessage(), e);
        }
    }

    /** A true/false option, false when absent. */
    private static boolean flag(String url, Map<String, String> options, String name) {
        String text = options.remove(name);
        if (text == null || text.equalsIgnoreCase("false")) {
            return false;
        }
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException("Broker URL '" + url + "': " + name + " must be true or false, not '" + text
                + "'");
    }

    private static Duration millis(String url, Map<String, String> options, String name, Duration fallback) {
        return Duration.ofMillis(number(url, options, name, fallback.toMillis(), Long.MAX_VALUE / 2));
    }

    private static long number(String url, Map<String, String> options, String name, long fallback, long max) {
        String text = options.remove(name);
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value < 1 || value > max) {
            throw new IllegalArgumentException("Broker URL '" + url + "': " + name
                    + " must be a whole number from 1 to " + max + ", not '" + text + "'");
        }
        return value;
    }

    private static Map<String, String> query(String url, String rawQuery) {
        Map<String, String> options = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return options;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Broker URL '" + url + "': option '" + pair + "' is not name=value");
            }
            options.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return options;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
