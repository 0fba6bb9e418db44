package dev.gannet.broker;

/**
 * Who a connection is, as the command gate and lifecycle events name it: the broker's number for the connection, the
 * user it authenticated as and its client ID. Immutable: a connection replaces its identity when it changes (its client
 * ID is set).
 *
 * @param connectionId the broker's number for the connection, unique while the broker runs
 * @param user         the authenticated user; null for a connection without one (every connection until the
 *                     broker authenticates)
 * @param clientId     the connection's client ID, null while it has none
 */
public record ConnectionIdentity(long connectionId, String user, String clientId) {

    /** The identity of a connection with no user and no client ID yet. */
    static ConnectionIdentity anonymous(long connectionId) {
        return new ConnectionIdentity(connectionId, null, null);
    }

    /** This identity with the client ID {@code clientId}. */
    ConnectionIdentity withClientId(String clientId) {
        return new ConnectionIdentity(connectionId, user, clientId);
    }

    /** E.g. {@code "User alice (connection 3, client ID orders)"}, {@code "Anonymous user (connection 4)"}. */
    @Override
    public String toString() {
        return (user == null ? "Anonymous user" : "User " + user) + " (connection " + connectionId
                + (clientId == null ? "" : ", client ID " + clientId) + ")";
    }
}
