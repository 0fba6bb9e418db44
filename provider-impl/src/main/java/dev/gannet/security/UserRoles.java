package dev.gannet.security;

import dev.gannet.broker.ConnectionIdentity;
import dev.gannet.broker.Roles;

import java.util.Set;
import java.util.function.Supplier;

/**
 * The roles of a connection's user: those its login granted and the connection keeps (JAAS), else those the roles file
 * lists for it now — the file as last read, so a reload applies to open connections at their next command.
 */
public final class UserRoles implements Roles {

    private final Supplier<RolesFile> rolesFile;

    /** @param rolesFile the roles file as last read, asked on each call */
    UserRoles(Supplier<RolesFile> rolesFile) {
        this.rolesFile = rolesFile;
    }

    @Override
    public Set<String> of(ConnectionIdentity who) {
        if (who.loginRoles() != null) {
            return who.loginRoles();
        }
        return rolesFile.get().rolesOf(who.user());
    }
}
