package dev.gannet.selector;

/**
 * The numeric types of Java's binary numeric promotion (JLS 5.6), which selector arithmetic and comparison follow
 * (spec 3.8.1.1). Declared from narrowest to widest: promotion picks the wider of two.
 */
enum NumericType {
    INT, LONG, FLOAT, DOUBLE;

    /** The type a property value takes part in arithmetic as; null if the value is not a number. */
    static NumericType of(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return INT;
        }
        if (value instanceof Long) {
            return LONG;
        }
        if (value instanceof Float) {
            return FLOAT;
        }
        if (value instanceof Double) {
            return DOUBLE;
        }
        return null;
    }

    static NumericType promote(NumericType left, NumericType right) {
        return left.compareTo(right) >= 0 ? left : right;
    }

    /** The number converted to this type, as Java's widening (or, for byte and short, unary promotion) does. */
    Number convert(Number value) {
        return switch (this) {
            case INT -> Integer.valueOf(value.intValue());
            case LONG -> Long.valueOf(value.longValue());
            case FLOAT -> Float.valueOf(value.floatValue());
            case DOUBLE -> Double.valueOf(value.doubleValue());
        };
    }

    /** Unary minus in this type; like Java, the most negative int or long is its own negation. */
    Number negate(Number value) {
        return switch (this) {
            case INT -> Integer.valueOf(-value.intValue());
            case LONG -> Long.valueOf(-value.longValue());
            case FLOAT -> Float.valueOf(-value.floatValue());
            case DOUBLE -> Double.valueOf(-value.doubleValue());
        };
    }
}
