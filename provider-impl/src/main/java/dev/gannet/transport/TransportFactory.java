package dev.gannet.transport;

/**
 * One transport, found by the scheme of a broker URL ({@code vm}, {@code tcp}): reads the URL's address and the
 * options that belong to the transport. A connection factory knows its transports through {@link Transports}.
 */
public interface TransportFactory {

    /** The URL scheme this transport serves, e.g. {@code tcp}. */
    String scheme();

    /** How a URL of this transport looks, for error messages, e.g. {@code tcp://HOST:PORT}. */
    String usage();

    /**
     * Reads the broker's address from {@code url} and takes the options that belong to this transport; the options
     * it leaves are the connection's own, or unknown.
     *
     * @throws IllegalArgumentException naming the URL and the part of it that is wrong
     */
    BrokerAddress address(BrokerUrl url);
}
