package dev.gannet.security;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a roles file says, in the format of ActiveMQ Artemis' {@code artemis-roles.properties}: a
 * {@link Properties} file of {@code role = user1, user2} lines. Immutable; read as the roles of each user.
 */
final class RolesFile {

    /** No roles for anyone: the broker without a roles file. */
    static final RolesFile EMPTY = new RolesFile(Map.of());

    private final Map<String, Set<String>> rolesByUser;

    private RolesFile(Map<String, Set<String>> rolesByUser) {
        this.rolesByUser = rolesByUser;
    }

    /**
     * What a roles file's bytes say.
     *
     * @throws IllegalArgumentException if they are not a properties file
     */
    static RolesFile parse(byte[] bytes) {
        return of(PropertiesText.parse(bytes));
    }

    /** The roles of the lines of {@code lines}; a user listed twice for a role has it once, empty names are skipped. */
    static RolesFile of(Properties lines) {
        Map<String, Set<String>> roles = new HashMap<>();
        for (String role : lines.stringPropertyNames()) {
            for (String user : lines.getProperty(role).split(",")) {
                String name = user.trim();
                if (!name.isEmpty() && !role.isEmpty()) {
                    roles.computeIfAbsent(name, n -> new TreeSet<>()).add(role);
                }
            }
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        roles.forEach((user, set) -> frozen.put(user, Set.copyOf(set)));
        return new RolesFile(Map.copyOf(frozen));
    }

    /** The roles the file lists {@code user} in; empty for a user it does not name. */
    Set<String> rolesOf(String user) {
        return user == null ? Set.of() : rolesByUser.getOrDefault(user, Set.of());
    }
}
