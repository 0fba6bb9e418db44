package dev.gannet.jndi;

import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.client.GannetXAConnectionFactory;
import dev.gannet.message.GannetQueue;
import dev.gannet.message.GannetTopic;

import javax.naming.ConfigurationException;
import javax.naming.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns JNDI environment entries into the objects they name (see {@link GannetInitialContextFactory}). */
final class JndiBindings {

    static final String CONNECTION_FACTORY_PREFIX = "connectionFactory.";
    static final String QUEUE_PREFIX = "queue.";
    static final String TOPIC_PREFIX = "topic.";
    static final String DEFAULT_URL = "vm://localhost";
    /** {@code connectionFactory.NAME.type}: {@value #XA} binds an XA factory, {@value #STANDARD} (the default) not. */
    static final String TYPE = "type";
    static final String XA = "xa";
    static final String STANDARD = "standard";
    /** The names bound when the environment configures no factory. */
    static final List<String> DEFAULT_FACTORIES = List.of("ConnectionFactory", "QueueConnectionFactory",
            "TopicConnectionFactory");
    static final List<String> DEFAULT_XA_FACTORIES = List.of("XAConnectionFactory", "XAQueueConnectionFactory",
            "XATopicConnectionFactory");

    private JndiBindings() {
    }

    static Map<String, Object> from(Hashtable<?, ?> environment) throws ConfigurationException {
        Map<String, String> entries = new TreeMap<>();
        environment.forEach((k, v) -> entries.put(String.valueOf(k), String.valueOf(v)));
        String defaultUrl = entries.getOrDefault(Context.PROVIDER_URL, DEFAULT_URL).trim();

        Map<String, String> factoryUrls = new LinkedHashMap<>();
        Map<String, Map<String, String>> factoryOptions = new LinkedHashMap<>();
        Map<String, Object> bindings = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue().trim();
            if (key.startsWith(CONNECTION_FACTORY_PREFIX)) {
                String rest = key.substring(CONNECTION_FACTORY_PREFIX.length());
                int dot = rest.indexOf('.');
                if (dot < 0) {
                    factoryUrls.put(rest, value.isEmpty() ? defaultUrl : value);
                } else {
                    factoryOptions.computeIfAbsent(rest.substring(0, dot), n -> new LinkedHashMap<>())
                            .put(rest.substring(dot + 1), value);
                }
            } else if (key.startsWith(QUEUE_PREFIX)) {
                bindings.put(name(key, QUEUE_PREFIX), new GannetQueue(physical(key, value)));
            } else if (key.startsWith(TOPIC_PREFIX)) {
                bindings.put(name(key, TOPIC_PREFIX), new GannetTopic(physical(key, value)));
            }
        }
        for (String factory : factoryOptions.keySet()) {
            if (!factoryUrls.containsKey(factory)) {
                factoryUrls.put(factory, defaultUrl);
            }
        }
        if (factoryUrls.isEmpty()) {
            for (String name : DEFAULT_FACTORIES) {
                factoryUrls.put(name, defaultUrl);
            }
            for (String name : DEFAULT_XA_FACTORIES) {
                factoryUrls.put(name, defaultUrl);
                factoryOptions.put(name, new LinkedHashMap<>(Map.of(TYPE, XA)));
            }
        }
        for (Map.Entry<String, String> factory : factoryUrls.entrySet()) {
            Map<String, String> options = new LinkedHashMap<>(factoryOptions.getOrDefault(factory.getKey(), Map.of()));
            boolean xa = isXa(factory.getKey(), options.remove(TYPE));
            String url = withOptions(factory.getValue(), options);
            try {
                bindings.put(factory.getKey(), xa ? new GannetXAConnectionFactory(url)
                        : new GannetConnectionFactory(url));
            } catch (IllegalArgumentException e) {
                ConfigurationException failure = new ConfigurationException(CONNECTION_FACTORY_PREFIX
                        + factory.getKey() + ": " + e.getMessage());
                failure.setRootCause(e);
                throw failure;
            }
        }
        return Collections.unmodifiableMap(bindings);
    }

    /** Whether {@code connectionFactory.NAME.type} asks for an XA factory. */
    private static boolean isXa(String factory, String type) throws ConfigurationException {
        if (type == null || type.equalsIgnoreCase(STANDARD)) {
            return false;
        }
        if (type.equalsIgnoreCase(XA)) {
            return true;
        }
        throw new ConfigurationException(CONNECTION_FACTORY_PREFIX + factory + "." + TYPE + ": '" + type
                + "' is not " + XA + " or " + STANDARD);
    }

    private static String name(String key, String prefix) throws ConfigurationException {
        String name = key.substring(prefix.length());
        if (name.isEmpty()) {
            throw new ConfigurationException("'" + key + "' names no JNDI name after '" + prefix + "'");
        }
        return name;
    }

    private static String physical(String key, String value) throws ConfigurationException {
        if (value.isEmpty()) {
            throw new ConfigurationException(key + ": the physical destination name must not be empty");
        }
        return value;
    }

    /** Appends {@code connectionFactory.NAME.KEY=VALUE} options to the URL's query. */
    private static String withOptions(String url, Map<String, String> options) {
        StringBuilder result = new StringBuilder(url);
        char separator = url.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> option : options.entrySet()) {
            result.append(separator).append(encode(option.getKey())).append('=').append(encode(option.getValue()));
            separator = '&';
        }
        return result.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
