package dev.gannet.server;

import dev.gannet.transport.tcp.tls.ServerTls;

import java.util.Objects;

/**
 * One address a standalone server accepts clients on: plain tcp, or TLS with its settings. Immutable.
 *
 * @param host the address to listen on
 * @param port the port to listen on; 0 for any free port
 * @param tls  the TLS settings; null for plain tcp
 */
public record Listener(String host, int port, ServerTls tls) {

    /**
     * @throws IllegalArgumentException if the host is blank or the port out of range
     */
    public Listener {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a port number (0-65535)");
        }
    }

    /** A plain tcp listener. */
    public static Listener plain(String host, int port) {
        return new Listener(host, port, null);
    }

    /** The scheme of the URLs clients reach this listener with: {@code tcp} or {@code ssl}. */
    public String scheme() {
        return tls == null ? "tcp" : "ssl";
    }
}
