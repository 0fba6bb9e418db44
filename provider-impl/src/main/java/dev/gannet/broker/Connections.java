package dev.gannet.broker;

import dev.gannet.protocol.ClientEndpoint;
import jakarta.jms.JMSException;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The open connections: numbers and opens them, forgets them when they close, and ends them all at broker stop. */
final class Connections {

    private final ConnectionParts parts;
    private final AtomicLong ids = new AtomicLong();
    private final Set<ServerConnection> open = ConcurrentHashMap.newKeySet();

    Connections(ConnectionParts parts) {
        this.parts = parts;
    }

    /** Opens a connection whose deliveries go to {@code endpoint}. */
    ServerConnection open(ClientEndpoint endpoint) {
        ServerConnection connection = new ServerConnection(parts, this, ids.incrementAndGet(), endpoint);
        open.add(connection);
        parts.events().publish(new BrokerEvent.ConnectionOpened(connection.identity()));
        return connection;
    }

    void closed(ServerConnection connection) {
        if (open.remove(connection)) {
            parts.events().publish(new BrokerEvent.ConnectionClosed(connection.identity()));
        }
    }

    /** Closes every connection and tells its client why: {@code reason}. */
    void closeAll(String reason) {
        for (ServerConnection connection : List.copyOf(open)) {
            connection.close();
            connection.endpoint.connectionFailed(new JMSException(reason));
        }
    }
}
