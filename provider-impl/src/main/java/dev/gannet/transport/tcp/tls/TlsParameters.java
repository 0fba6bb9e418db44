package dev.gannet.transport.tcp.tls;

import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a TLS side offers: its enabled protocol versions and cipher suites, checked against what this JVM's TLS
 * implementation supports. Immutable.
 *
 * @param protocols    the enabled protocols, e.g. {@code TLSv1.3}; never empty
 * @param cipherSuites the enabled cipher suites; empty for the JVM's defaults
 */
public record TlsParameters(List<String> protocols, List<String> cipherSuites) {

    /** TLS 1.3 and 1.2. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * @throws IllegalArgumentException if there is no protocol, or a protocol or cipher suite this JVM does not support
     *                                  (the message lists the supported ones)
     */
    public TlsParameters {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("no TLS protocol enabled; name at least one, e.g. "
                    + String.join(",", DEFAULT_PROTOCOLS));
        }
        SSLParameters supported = supported();
        List<String> unknown = unknown(protocols, Set.of(supported.getProtocols()));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("protocol(s) " + String.join(", ", unknown) + " not supported by this"
                    + " JVM (supported: " + String.join(", ", supported.getProtocols()) + ")");
        }
        unknown = unknown(cipherSuites, Set.of(supported.getCipherSuites()));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("cipher suite(s) " + String.join(", ", unknown) + " not supported by"
                    + " this JVM (e.g. " + String.join(", ", List.of(supported.getCipherSuites()).subList(0,
                    Math.min(3, supported.getCipherSuites().length))) + ")");
        }
    }

    /** TLS 1.3 and 1.2 with the JVM's default cipher suites. */
    public static TlsParameters defaults() {
        return new TlsParameters(DEFAULT_PROTOCOLS, List.of());
    }

    /**
     * Reads comma-separated lists; a null or blank text gives the default (TLS 1.3 and 1.2; the JVM's suites).
     *
     * @throws IllegalArgumentException as the constructor does
     */
    public static TlsParameters parse(String protocols, String cipherSuites) {
        List<String> protocolList = split(protocols);
        return new TlsParameters(protocolList.isEmpty() ? DEFAULT_PROTOCOLS : protocolList, split(cipherSuites));
    }

    /** Sets these protocols and cipher suites on {@code builder}. */
    SslContextBuilder applyTo(SslContextBuilder builder) {
        builder.protocols(protocols);
        if (!cipherSuites.isEmpty()) {
            builder.ciphers(cipherSuites);
        }
        return builder;
    }

    /** The items of a comma-separated list, trimmed; none for null or blank text. */
    static List<String> split(String text) {
        List<String> items = new ArrayList<>();
        if (text != null) {
            for (String item : text.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return items;
    }

    private static List<String> unknown(List<String> names, Set<String> supported) {
        return names.stream().filter(name -> !supported.contains(name)).toList();
    }

    private static SSLParameters supported() {
        try {
            return SSLContext.getDefault().getSupportedSSLParameters();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no default TLS implementation: " + e.getMessage(), e);
        }
    }
}
