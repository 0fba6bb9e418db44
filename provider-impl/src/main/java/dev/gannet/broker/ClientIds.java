package dev.gannet.broker;

import jakarta.jms.InvalidClientIDException;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The client IDs in use: one connection at a time may hold a client ID (spec 6.1.2). */
final class ClientIds {

    private final Set<String> inUse = ConcurrentHashMap.newKeySet();

    /**
     * Claims {@code clientId} for a connection.
     *
     * @throws InvalidClientIDException if it is empty or another connection holds it
     */
    void claim(String clientId) throws InvalidClientIDException {
        if (clientId == null || clientId.isEmpty()) {
            throw new InvalidClientIDException("Client ID must not be empty");
        }
        if (!inUse.add(clientId)) {
            throw new InvalidClientIDException("Client ID '" + clientId + "' is in use by another connection");
        }
    }

    void release(String clientId) {
        inUse.remove(clientId);
    }
}
