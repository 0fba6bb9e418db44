package dev.gannet.server;

import java.util.Objects;

/**
 * Where a standalone server's web console ({@link dev.gannet.management.console.WebConsole}) listens.
 *
 * @param host the address to listen on
 * @param port the port to listen on; 0 for any free port
 */
public record ConsoleConfig(String host, int port) {

    /**
     * @throws IllegalArgumentException if the host is blank or the port out of range
     */
    public ConsoleConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a port number (0-65535)");
        }
    }
}
