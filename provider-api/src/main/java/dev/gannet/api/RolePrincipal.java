package dev.gannet.api;

import java.security.Principal;

/**
 * A role, as a JAAS login module of a secured broker puts it into the login's {@code Subject}: the broker gives the
 * user every role named by a principal of one of {@link SecurityConfig.Jaas#rolePrincipalClasses()} (this class is the
 * first of the defaults).
 *
 * @param name the role's name, as the permissions name it
 */
public record RolePrincipal(String name) implements Principal {

    /** @throws IllegalArgumentException if {@code name} is null or empty */
    public RolePrincipal {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A role needs a name");
        }
    }

    @Override
    public String getName() {
        return name;
    }
}
