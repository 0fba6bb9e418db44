package dev.gannet.broker;

import java.util.Set;

/**
 * Who a connection is, as the command gate and lifecycle events name it: the broker's number for the connection, the
 * user it authenticated as and its client ID. Immutable: a connection replaces its identity when it changes (it logs
 * in, its client ID is set).
 *
 * @param connectionId the broker's number for the connection, unique while the broker runs
 * @param user         the authenticated user; null for a connection without one (every connection to a broker without
 *                     authentication, and every connection until it has logged in)
 * @param clientId     the connection's client ID, null while it has none
 * @param loginRoles   the roles its login granted and the connection keeps (a JAAS login's role principals); null when
 *                     the user's roles are those the roles file lists ({@link Roles})
 */
public record ConnectionIdentity(long connectionId, String user, String clientId, Set<String> loginRoles) {

    public ConnectionIdentity {
        loginRoles = loginRoles == null ? null : Set.copyOf(loginRoles);
    }

    /** The identity of a connection whose roles, if it has a user, are those the roles file lists. */
    public ConnectionIdentity(long connectionId, String user, String clientId) {
        this(connectionId, user, clientId, null);
    }

    /** The identity of a connection with no user and no client ID yet. */
    static ConnectionIdentity anonymous(long connectionId) {
        return new ConnectionIdentity(connectionId, null, null);
    }

    /** This identity with the client ID {@code clientId}. */
    ConnectionIdentity withClientId(String clientId) {
        return new ConnectionIdentity(connectionId, user, clientId, loginRoles);
    }

    /** This identity logged in as {@code login} says. */
    ConnectionIdentity loggedIn(Authenticator.Login login) {
        return new ConnectionIdentity(connectionId, login.user(), clientId, login.roles());
    }

    /** E.g. {@code "User alice (connection 3, client ID orders)"}, {@code "Anonymous user (connection 4)"}. */
    @Override
    public String toString() {
        return (user == null ? "Anonymous user" : "User " + user) + " (connection " + connectionId
                + (clientId == null ? "" : ", client ID " + clientId) + ")";
    }
}
