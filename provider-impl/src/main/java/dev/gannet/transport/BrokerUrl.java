package dev.gannet.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A broker URL being read: its {@link URI} and the {@code name=value} options of its query that no reader has taken
 * yet. Each option is taken once, by the transport or by the connection it belongs to; what is left at the end is
 * unknown. Used by one thread while a connection factory reads its URL.
 */
public final class BrokerUrl {

    /** An option whose name ends in "password" and its value (group 1: up to the '='). */
    private static final Pattern SECRET_OPTION = Pattern.compile("(?i)([?&][^=&]*password=)[^&]*");

    private final String text;
    private final URI uri;
    /** The options not taken yet; read from the query on first use. */
    private Map<String, String> options; // confined to the reading thread

    private BrokerUrl(String text, URI uri) {
        this.text = text;
        this.uri = uri;
    }

    /**
     * Parses {@code text} as a URI; its query is read into options when the first one is asked for.
     *
     * @throws IllegalArgumentException if {@code text} is not a valid URI
     */
    public static BrokerUrl parse(String text) {
        try {
            return new BrokerUrl(text, new URI(text));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Broker URL '" + text + "' is not a valid URI: " + e.getMessage(), e);
        }
    }

    /** The URL as the user wrote it. */
    public String text() {
        return text;
    }

    public URI uri() {
        return uri;
    }

    /** Takes an option: its value, or null when the URL does not have it. */
    public String take(String name) {
        return options().remove(name);
    }

    /** Whether the URL has an option not taken yet. */
    public boolean has(String name) {
        return options().containsKey(name);
    }

    /**
     * Takes a true/false option, false when absent.
     *
     * @throws IllegalArgumentException if the value is neither true nor false
     */
    public boolean takeFlag(String name) {
        return takeFlag(name, false);
    }

    /**
     * Takes a true/false option, {@code fallback} when absent.
     *
     * @throws IllegalArgumentException if the value is neither true nor false
     */
    public boolean takeFlag(String name, boolean fallback) {
        String value = take(name);
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw invalid(name + " must be true or false, not '" + value + "'");
    }

    /**
     * Takes a whole number from 1 to {@code max}, {@code fallback} when absent.
     *
     * @throws IllegalArgumentException if the value is not such a number
     */
    public long takeNumber(String name, long fallback, long max) {
        String value = take(name);
        if (value == null) {
            return fallback;
        }
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            number = 0;
        }
        if (number < 1 || number > max) {
            throw invalid(name + " must be a whole number from 1 to " + max + ", not '" + value + "'");
        }
        return number;
    }

    /**
     * Takes a duration in milliseconds, {@code fallback} when absent.
     *
     * @throws IllegalArgumentException if the value is not a positive whole number
     */
    public Duration takeMillis(String name, Duration fallback) {
        return Duration.ofMillis(takeNumber(name, fallback.toMillis(), Long.MAX_VALUE / 2));
    }

    /** The names of the options no reader took. */
    public List<String> untaken() {
        return List.copyOf(options().keySet());
    }

    /** An exception saying what is wrong with this URL, its passwords masked. */
    public IllegalArgumentException invalid(String reason) {
        return new IllegalArgumentException("Broker URL '" + this + "': " + reason);
    }

    /**
     * A URL's text with the value of every option whose name ends in {@code password} (any case: {@code password},
     * {@code keyStorePassword}, ...) replaced by {@code ***}, for messages and logs.
     */
    public static String withoutSecrets(String url) {
        return SECRET_OPTION.matcher(url).replaceAll("$1***");
    }

    /**
     * @throws IllegalArgumentException if an option of the query is not {@code name=value}
     */
    private Map<String, String> options() {
        if (options == null) {
            Map<String, String> query = new LinkedHashMap<>();
            String rawQuery = uri.getRawQuery();
            if (rawQuery != null && !rawQuery.isEmpty()) {
                for (String pair : rawQuery.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw invalid("option '" + pair + "' is not name=value");
                    }
                    query.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
            options = query;
        }
        return options;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The URL as the user wrote it, its passwords masked ({@link #withoutSecrets}). */
    @Override
    public String toString() {
        return withoutSecrets(text);
    }
}
