package dev.gannet.message;

import java.util.Locale;
import java.util.Set;

/**
 * The rule for message property names (spec 3.5.1): a name must be a message selector identifier (spec 3.8.1.1), so
 * that selectors can refer to it.
 */
final class PropertyName {

    /** Words a selector reads as literals or operators, never as identifiers; matched case-insensitively like SQL. */
    private static final Set<String> RESERVED_WORDS =
            Set.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE");

    private PropertyName() {
    }

    /**
     * Returns {@code name} if it is a valid property name.
     *
     * @throws IllegalArgumentException if {@code name} is null, empty, not a Java-identifier-shaped word, or a
     *         reserved selector word
     */
    static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Property name must not be null or empty, was "
                    + (name == null ? "null" : "\"\""));
        }
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            throw new IllegalArgumentException("Property name '" + name + "' must start with a Java identifier start"
                    + " character (spec 3.8.1.1)");
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                throw new IllegalArgumentException("Property name '" + name + "' contains '" + name.charAt(i)
                        + "' at index " + i + ", which is not a Java identifier part character (spec 3.8.1.1)");
            }
        }
        if (RESERVED_WORDS.contains(name.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Property name '" + name + "' is a reserved message selector word"
                    + " (spec 3.8.1.1)");
        }
        return name;
    }
}
