package dev.gannet.transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The transports a connection factory knows, one factory per URL scheme. Immutable. */
public final class Transports {

    private final Map<String, TransportFactory> byScheme;
    /** How the URLs of the known transports look, e.g. {@code vm://NAME or tcp://HOST:PORT}. */
    private final String usage;

    /**
     * @throws IllegalArgumentException if two factories serve one scheme
     */
    public Transports(List<TransportFactory> factories) {
        Map<String, TransportFactory> schemes = new LinkedHashMap<>();
        for (TransportFactory factory : factories) {
            if (schemes.putIfAbsent(factory.scheme(), factory) != null) {
                throw new IllegalArgumentException("Two transports serve scheme '" + factory.scheme() + "'");
            }
        }
        this.byScheme = Map.copyOf(schemes);
        this.usage = factories.stream().map(TransportFactory::usage).collect(Collectors.joining(" or "));
    }

    /**
     * Reads the broker's address from {@code url} with the transport of its scheme.
     *
     * @throws IllegalArgumentException naming the scheme and the known ones if no transport serves it, or as the
     *         transport's {@link TransportFactory#address} says
     */
    public BrokerAddress address(BrokerUrl url) {
        String scheme = url.uri().getScheme();
        TransportFactory factory = scheme == null ? null : byScheme.get(scheme);
        if (factory == null) {
            throw url.invalid("scheme '" + scheme + "' is not supported; use " + usage);
        }
        return factory.address(url);
    }
}
