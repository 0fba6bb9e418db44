package dev.gannet.server;

import dev.gannet.api.Permissions;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The {@code security.permission.PATTERN.ACTION = role1, role2} keys of a server's config file, read into
 * {@link Permissions}: the roles (comma-separated, spaces around them ignored; empty for none) that may carry out
 * ACTION ({@link Permissions.Action#key()}: {@code send}, {@code consume}, ...) on the destinations PATTERN matches
 * (the wildcard syntax of the {@code destination.PATTERN.SETTING} keys). ACTION is the key's last word, PATTERN what lies
 * between {@value #PREFIX} and it.
 */
final class PermissionKeys {

    /** Start of the keys. */
    static final String PREFIX = "security.permission.";

    private PermissionKeys() {
    }

    /**
     * The permissions of every {@value #PREFIX} key of {@code properties}; each bad key is added to {@code problems} as
     * {@code "key: problem"} and grants nothing.
     */
    static Permissions read(Properties properties, List<String> problems) {
        Permissions.Builder permissions = Permissions.builder();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (key.startsWith(PREFIX)) {
                grant(key, properties.getProperty(key).trim(), permissions, problems);
            }
        }
        return permissions.build();
    }

    private static void grant(String key, String value, Permissions.Builder permissions, List<String> problems) {
        String rest = key.substring(PREFIX.length());
        int dot = rest.lastIndexOf('.');
        String actionKey = rest.substring(dot + 1);
        Permissions.Action action;
        try {
            action = Permissions.Action.ofKey(actionKey);
        } catch (IllegalArgumentException e) {
            problems.add(key + ": unknown action '" + actionKey + "' (actions: " + Permissions.Action.keys() + ")");
            return;
        }
        if (dot < 0) {
            problems.add(key + ": no pattern; write " + PREFIX + "PATTERN." + actionKey + " (" + PREFIX + "#."
                    + actionKey + " for every destination)");
            return;
        }
        List<String> roles = new ArrayList<>();
        if (!value.isEmpty()) {
            for (String role : value.split(",", -1)) {
                if (role.isBlank()) {
                    problems.add(key + ": '" + value + "' holds an empty role name; separate roles with single"
                            + " commas (an empty value grants the action to no role)");
                    return;
                }
                roles.add(role.trim());
            }
        }
        try {
            permissions.grant(rest.substring(0, dot), action, roles);
        } catch (IllegalArgumentException e) {
            String reason = e.getMessage();
            problems.add(key + ": " + Character.toLowerCase(reason.charAt(0)) + reason.substring(1));
        }
    }
}
