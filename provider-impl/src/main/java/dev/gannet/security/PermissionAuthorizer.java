package dev.gannet.security;

import dev.gannet.api.Permissions;
import dev.gannet.broker.Authorizer;
import dev.gannet.broker.ConnectionIdentity;
import dev.gannet.broker.Roles;
import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.Command;

import java.util.Objects;
import java.util.Set;

/**
 * The authorizer of a secured broker: permits an action when the connection's user has one of the roles the
 * {@link Permissions} allow it on the destination. The roles are asked from {@link Roles} at each check, so a reload of
 * the roles file applies to open connections at their next command; a check is a lookup in memory, never file I/O.
 *
 * <p>Temporary destinations are looked up under {@value Permissions#TEMPORARY} (see {@link Permissions}): creating
 * one needs {@link Permissions.Action#CREATE_TEMPORARY}, sending to one {@link Permissions.Action#SEND}; consuming
 * from, browsing and deleting one is left to the broker, which lets only the connection that created it do so.
 */
public final class PermissionAuthorizer implements Authorizer {

    private final Permissions permissions;
    private final Roles roles;

    /**
     * @param permissions what each role may do
     * @param roles       the roles of a connection's user now
     */
    public PermissionAuthorizer(Permissions permissions, Roles roles) {
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.roles = Objects.requireNonNull(roles, "roles");
    }

    @Override
    public boolean permits(ConnectionIdentity who, Action action, GannetDestination destination, Command command) {
        Permissions.Action needed = action == null ? null : granted(action);
        if (needed == null) {
            return true; // touches no destination, or deletes a temporary one (which only its connection may)
        }
        boolean temporary = destination == null || destination.kind().isTemporary();
        if (temporary && (action == Action.CONSUME || action == Action.BROWSE)) {
            return true; // the broker lets only the connection that created it consume or browse it
        }
        Set<String> userRoles = roles.of(who);
        return permissions.permits(userRoles, temporary ? Permissions.TEMPORARY : destination.name(), needed);
    }

    /** The permission that grants {@code action}; null for deleting a temporary destination, which needs none. */
    static Permissions.Action granted(Action action) {
        return switch (action) {
            case SEND -> Permissions.Action.SEND;
            case CONSUME -> Permissions.Action.CONSUME;
            case BROWSE -> Permissions.Action.BROWSE;
            case CREATE_DESTINATION -> Permissions.Action.CREATE_DESTINATION;
            case CREATE_DURABLE_SUBSCRIPTION -> Permissions.Action.CREATE_DURABLE_SUBSCRIPTION;
            case CREATE_SHARED_SUBSCRIPTION -> Permissions.Action.CREATE_SHARED_SUBSCRIPTION;
            case DELETE_DURABLE_SUBSCRIPTION -> Permissions.Action.DELETE_DURABLE_SUBSCRIPTION;
            case CREATE_TEMPORARY_QUEUE, CREATE_TEMPORARY_TOPIC -> Permissions.Action.CREATE_TEMPORARY;
            case DELETE_TEMPORARY -> null;
            case MANAGE -> Permissions.Action.MANAGE;
        };
    }

    @Override
    public String toString() {
        return "PermissionAuthorizer" + permissions.patterns();
    }
}
