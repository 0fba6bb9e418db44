package dev.gannet.broker;

import dev.gannet.protocol.ClientEndpoint;
import jakarta.jms.JMSException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open connections: numbers and opens them, finds them by number, forgets them when they close, and ends one
 * (management) or all of them (broker stop) from the broker's side.
 */
final class Connections {

    private final ConnectionParts parts;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, ServerConnection> open = new ConcurrentHashMap<>();

    Connections(ConnectionParts parts) {
        this.parts = parts;
    }

    /** Opens a connection whose deliveries go to {@code endpoint}. */
    ServerConnection open(ClientEndpoint endpoint) {
        ServerConnection connection = new ServerConnection(parts, this, ids.incrementAndGet(), endpoint);
        open.put(connection.id(), connection);
        parts.events().publish(new BrokerEvent.ConnectionOpened(connection.identity()));
        return connection;
    }

    void closed(ServerConnection connection) {
        if (open.remove(connection.id(), connection)) {
            parts.events().publish(new BrokerEvent.ConnectionClosed(connection.identity()));
        }
    }

    /** The open connection numbered {@code id}, or null. */
    ServerConnection find(long id) {
        return open.get(id);
    }

    /** The open connections, as they are now. */
    List<ServerConnection> all() {
        return List.copyOf(open.values());
    }

    int count() {
        return open.size();
    }

    /** Closes every connection and tells its client why: {@code reason}. */
    void closeAll(String reason) {
        for (ServerConnection connection : all()) {
            end(connection, reason);
        }
    }

    /**
     * Closes one connection from the broker's side and tells its client why ({@code reason}, through its
     * ExceptionListener).
     */
    void end(ServerConnection connection, String reason) {
        connection.close();
        connection.endpoint.connectionFailed(new JMSException(reason));
    }
}
