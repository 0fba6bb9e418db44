package dev.gannet.selector;

import jakarta.jms.InvalidSelectorException;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Shorthands shared by the selector tests. */
final class Selectors {

    private Selectors() {
    }

    static Selector parse(String text) {
        try {
            return Selector.parse(text);
        } catch (InvalidSelectorException e) {
            throw new AssertionError("valid selector rejected: " + e.getMessage(), e);
        }
    }

    /** The parsed tree, fully parenthesised. */
    static String tree(String text) {
        return parse(text).condition().toString();
    }

    static Object evaluate(String text, Filterable message) {
        return parse(text).condition().evaluate(message);
    }

    static boolean matches(String text, Object... identifiersAndValues) {
        return parse(text).matches(TestMessage.with(identifiersAndValues));
    }

    /** The value of a comparison, BETWEEN, ... over a message: TRUE, FALSE or UNKNOWN. */
    static Truth truth(String text, Object... identifiersAndValues) {
        return Truth.of(evaluate(text, TestMessage.with(identifiersAndValues)));
    }

    static String rejection(String text) {
        return assertThrows(InvalidSelectorException.class, () -> Selector.parse(text),
                () -> "expected InvalidSelectorException for: " + text).getMessage();
    }
}
