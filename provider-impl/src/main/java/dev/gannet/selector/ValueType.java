package dev.gannet.selector;

/** What an expression yields, as far as is known when the selector is parsed; used to reject ill-typed selectors. */
enum ValueType {
    BOOLEAN("a boolean"),
    NUMBER("a number"),
    STRING("a string"),
    /** A property: its type is only known once a message is seen. */
    UNKNOWN("a value of any type");

    private final String description;

    ValueType(String description) {
        this.description = description;
    }

    static ValueType of(Object value) {
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        if (value instanceof String) {
            return STRING;
        }
        return NumericType.of(value) != null ? NUMBER : UNKNOWN;
    }

    /** Whether a value of this static type may turn out to be of the given type. */
    boolean mayBe(ValueType type) {
        return this == UNKNOWN || this == type;
    }

    /** "a number", "a string", ... for error messages. */
    String description() {
        return description;
    }
}
