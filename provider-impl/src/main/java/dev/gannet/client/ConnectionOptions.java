package dev.gannet.client;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.GannetProperties;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed broker URL: {@code vm://NAME?option=value&...}. Options: {@value GannetProperties#DATA_DIRECTORY},
 * {@value GannetProperties#PREFETCH}, {@value GannetProperties#CLIENT_ID}, {@value GannetProperties#USER},
 * {@value GannetProperties#PASSWORD}.
 */
record ConnectionOptions(String url, String brokerName, Path dataDirectory, int prefetch, String clientId,
                         String user, String password) {

    static final int DEFAULT_PREFETCH = 1000;
    static final String DEFAULT_URL = "vm://" + BrokerConfig.DEFAULT_NAME;

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
        if (!"vm".equals(uri.getScheme())) {
            throw new IllegalArgumentException("Broker URL '" + url + "': scheme '" + uri.getScheme()
                    + "' is not supported; use vm://NAME");
        }
        String name = uri.getAuthority();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Broker URL '" + url + "' names no broker; use vm://NAME");
        }
        Map<String, String> options = query(url, uri.getRawQuery());
        String directory = options.remove(GannetProperties.DATA_DIRECTORY);
        String prefetchText = options.remove(GannetProperties.PREFETCH);
        int prefetch = DEFAULT_PREFETCH;
        if (prefetchText != null) {
            try {
                prefetch = Integer.parseInt(prefetchText);
            } catch (NumberFormatException e) {
                prefetch = 0;
            }
            if (prefetch < 1) {
                throw new IllegalArgumentException("Broker URL '" + url + "': prefetch must be a whole number >= 1, not '"
                        + prefetchText + "'");
            }
        }
        String clientId = options.remove(GannetProperties.CLIENT_ID);
        String user = options.remove(GannetProperties.USER);
        String password = options.remove(GannetProperties.PASSWORD);
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("Broker URL '" + url + "': unknown option(s) " + options.keySet());
        }
        BrokerConfig config = new BrokerConfig(name, directory != null ? Path.of(directory)
                : BrokerConfig.defaultDataDirectory(name));
        return new ConnectionOptions(url, config.name(), config.dataDirectory(), prefetch, clientId, user, password);
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

    BrokerConfig brokerConfig() {
        return new BrokerConfig(brokerName, dataDirectory);
    }
}
