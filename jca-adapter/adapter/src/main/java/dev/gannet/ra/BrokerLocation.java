package dev.gannet.ra;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.GannetProperties;
import dev.gannet.api.StoreConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the adapter's broker is, read from its {@code brokerUrl} and {@code dataDirectory}: a remote broker
 * ({@code tcp://HOST:PORT}, or {@code ssl://HOST:PORT} over TLS; options as Gannet's client URLs take them, the TLS
 * ones included) or a broker the adapter runs itself
 * ({@code vm://NAME}, its store in {@code dataDirectory}, or in memory with the URL option {@code store=memory}).
 *
 * @param clientUrl the URL the adapter's connections use; for an embedded broker on Derby it names the data directory,
 *                  so that every connection meets the broker the adapter started
 * @param embedded  the broker to start, or null for a remote one
 */
public record BrokerLocation(String clientUrl, BrokerConfig embedded) {

    /** An option whose name ends in "password" ({@code password}, {@code keyStorePassword}, ...) and its value. */
    private static final Pattern PASSWORD_OPTION = Pattern.compile("(?i)([?&][^=&'\\s]*password=)[^&'\\s]*");

    /**
     * @param brokerUrl     {@code tcp://HOST:PORT[?options]}, {@code ssl://HOST:PORT[?options]} or
     *                      {@code vm://NAME[?options]}
     * @param dataDirectory the embedded broker's store directory; null for {@link BrokerConfig#defaultDataDirectory}
     * @throws IllegalArgumentException naming what is wrong: a URL that is no URI, a scheme other than tcp, ssl and
     *                                  vm, a vm URL without a name, a data directory given twice or for a remote
     *                                  broker
     */
    public static BrokerLocation of(String brokerUrl, String dataDirectory) {
        if (brokerUrl == null || brokerUrl.isBlank()) {
            throw new IllegalArgumentException("brokerUrl is not set; use tcp://HOST:PORT, ssl://HOST:PORT or"
                    + " vm://NAME");
        }
        URI uri;
        try {
            uri = new URI(brokerUrl.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("brokerUrl '" + withoutSecrets(brokerUrl) + "' is not a valid URI: "
                    + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean directoryGiven = dataDirectory != null && !dataDirectory.isBlank();
        switch (scheme) {
            case "tcp", "ssl" -> {
                if (directoryGiven) {
                    throw new IllegalArgumentException("dataDirectory '" + dataDirectory + "' applies to a broker the"
                            + " adapter runs (vm://NAME), not to the remote broker " + withoutSecrets(brokerUrl));
                }
                return new BrokerLocation(uri.toString(), null);
            }
            case "vm" -> {
                return embedded(uri, directoryGiven ? dataDirectory.trim() : null);
            }
            default -> throw new IllegalArgumentException("brokerUrl '" + withoutSecrets(brokerUrl)
                    + "' names neither a remote broker (tcp://HOST:PORT or ssl://HOST:PORT) nor one the adapter"
                    + " runs (vm://NAME)");
        }
    }

    private static BrokerLocation embedded(URI uri, String dataDirectory) {
        String name = uri.getAuthority();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("brokerUrl '" + withoutSecrets(uri.toString())
                    + "' names no broker; use vm://NAME");
        }
        Map<String, String> options = options(uri.toString());
        String urlDirectory = options.get(GannetProperties.DATA_DIRECTORY);
        if (urlDirectory != null && dataDirectory != null && !Path.of(urlDirectory).equals(Path.of(dataDirectory))) {
            throw new IllegalArgumentException("The data directory is given twice: '" + urlDirectory
                    + "' in brokerUrl and '" + dataDirectory + "' in dataDirectory");
        }
        String store = options.getOrDefault(GannetProperties.STORE, "derby");
        if (!store.equals("derby") && !store.equals("memory")) {
            throw new IllegalArgumentException("brokerUrl option " + GannetProperties.STORE
                    + " must be derby or memory, not '" + store + "'");
        }
        Path directory = urlDirectory != null ? Path.of(urlDirectory)
                : dataDirectory != null ? Path.of(dataDirectory) : BrokerConfig.defaultDataDirectory(name);
        directory = directory.toAbsolutePath();
        BrokerConfig.Builder config = BrokerConfig.builder().name(name).dataDirectory(directory);
        if (store.equals("memory")) {
            config.inMemoryStore();
        }
        String clientUrl = uri.toString();
        if (urlDirectory == null) {
            clientUrl += (uri.getRawQuery() == null ? "?" : "&") + GannetProperties.DATA_DIRECTORY + "="
                    + URLEncoder.encode(directory.toString(), StandardCharsets.UTF_8);
        }
        return new BrokerLocation(clientUrl, config.build());
    }

    /** Whether the adapter runs the broker itself. */
    public boolean isEmbedded() {
        return embedded != null;
    }

    /**
     * The client URL for another part's {@code brokerUrl} (a connection definition's, a looked-up factory's): a
     * {@code vm://NAME} URL that names the broker this location runs reaches it in its data directory, which the URL
     * gets when it names none (a server may copy the adapter's {@code brokerUrl} onto its connection definitions, as
     * Open Liberty does, without the adapter's {@code dataDirectory}); any other URL is used as it is.
     *
     * @throws IllegalArgumentException if {@code url} is no URI, or names this location's broker on Derby in another
     *                                  data directory than the one it runs on
     */
    public String clientUrlFor(String url) {
        if (embedded == null) {
            return url;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("brokerUrl '" + withoutSecrets(url) + "' is not a valid URI: "
                    + e.getMessage(), e);
        }
        if (!"vm".equalsIgnoreCase(uri.getScheme()) || !embedded.name().equals(uri.getAuthority())) {
            return url;
        }
        String named = options(url).get(GannetProperties.DATA_DIRECTORY);
        if (named == null) {
            return url + (uri.getRawQuery() == null ? "?" : "&") + GannetProperties.DATA_DIRECTORY + "="
                    + URLEncoder.encode(embedded.dataDirectory().toString(), StandardCharsets.UTF_8);
        }
        Path runsOn = embedded.dataDirectory().toAbsolutePath().normalize();
        if (embedded.store() instanceof StoreConfig.EmbeddedDerby
                && !Path.of(named).toAbsolutePath().normalize().equals(runsOn)) {
            throw new IllegalArgumentException("brokerUrl '" + withoutSecrets(url) + "' names the adapter's broker "
                    + embedded.name() + " in '" + named + "', but it runs on " + runsOn);
        }
        return url;
    }

    /**
     * The options of a URL's query, decoded, in their order.
     *
     * @throws IllegalArgumentException if the URL is no URI or an option is not {@code name=value}
     */
    static Map<String, String> options(String url) {
        String query;
        try {
            query = new URI(url).getRawQuery();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + withoutSecrets(url) + "' is not a valid URI: " + e.getMessage(), e);
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("URL '" + withoutSecrets(url) + "': option '" + pair
                            + "' is not name=value");
                }
                options.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return options;
    }

    /**
     * {@code url} (or a message quoting one) with the value of a {@code password} option replaced by stars, for log
     * lines and messages.
     */
    public static String withoutSecrets(String url) {
        Matcher matcher = PASSWORD_OPTION.matcher(url);
        return matcher.replaceAll(result -> Matcher.quoteReplacement(result.group(1) + "***"));
    }
}
