package dev.gannet.broker;

import java.util.Set;

/**
 * The roles of a connection's user, as an {@link Authorizer} grants permissions by them. A user of the users file (or
 * logged in by certificate, or the default user) has the roles the roles file lists for it when asked, so a reload of
 * that file applies without reconnecting; a user a JAAS login let in has the roles of its login's {@code Subject},
 * kept with the connection ({@link ConnectionIdentity#loginRoles()}).
 *
 * <p>Called for every command an authorizer decides on: it must be quick, must not block, and must not throw.
 */
@FunctionalInterface
public interface Roles {

    /** No roles for anyone. */
    Roles NONE = who -> Set.of();

    /** The roles of {@code who}'s user now; empty for an anonymous connection. */
    Set<String> of(ConnectionIdentity who);
}
