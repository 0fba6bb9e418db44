package dev.gannet.message;

import jakarta.jms.MessageFormatException;

import java.util.Locale;

/**
 * The value conversion tables of the Jakarta Messaging spec: section 3.5.4 "Property value conversion" for message
 * properties, and section 3.11.3 "Conversions provided by StreamMessage and MapMessage" for map items and stream
 * fields. The property table is the body table without {@code char} and {@code byte[]}; since properties never hold
 * those types, one set of methods serves both.
 * <p>
 * Every method takes {@code source}, a description of where the value came from (e.g. {@code "Property 'color'"}),
 * for the exception messages. Conversion rules:
 * <ul>
 * <li>a value not convertible to the target type: {@link MessageFormatException};
 * <li>a String that the target's {@code valueOf(String)} rejects: {@link NumberFormatException};
 * <li>null (an absent property or map item, or a null field) is read "as the primitive's {@code valueOf(String)} with
 * a null value": {@code false} for boolean, {@link NumberFormatException} for byte/short/int/long,
 * {@link NullPointerException} for float/double (what {@code Float.valueOf(null)} throws) and for char, null for
 * String and byte[].
 * </ul>
 */
final class ValueConversion {

    private ValueConversion() {
    }

    /** True for the value types a property may hold (spec 3.5.5): the primitive wrappers except Character, String. */
    static boolean isPropertyType(Object value) {
        return value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Integer || value instanceof Long || value instanceof Float
                || value instanceof Double || value instanceof String;
    }

    /** True for the value types a map item or stream field may hold: property types, Character and byte[]. */
    static boolean isBodyValueType(Object value) {
        return isPropertyType(value) || value instanceof Character || value instanceof byte[];
    }

    static boolean toBoolean(Object value, String source) throws MessageFormatException {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Boolean.parseBoolean((String) value);
        }
        throw notConvertible(value, "boolean", source);
    }

    static byte toByte(Object value, String source) throws MessageFormatException {
        if (value instanceof Byte b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return parse((String) value, "byte", source, Byte::parseByte);
        }
        throw notConvertible(value, "byte", source);
    }

    static short toShort(Object value, String source) throws MessageFormatException {
        if (value instanceof Byte || value instanceof Short) {
            return ((Number) value).shortValue();
        }
        if (value == null || value instanceof String) {
            return parse((String) value, "short", source, Short::parseShort);
        }
        throw notConvertible(value, "short", source);
    }

    static char toChar(Object value, String source) throws MessageFormatException {
        if (value instanceof Character c) {
            return c;
        }
        if (value == null) {
            throw nullAsPrimitive(source, "char");
        }
        throw notConvertible(value, "char", source);
    }

    static int toInt(Object value, String source) throws MessageFormatException {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
            return ((Number) value).intValue();
        }
        if (value == null || value instanceof String) {
            return parse((String) value, "int", source, Integer::parseInt);
        }
        throw notConvertible(value, "int", source);
    }

    static long toLong(Object value, String source) throws MessageFormatException {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value == null || value instanceof String) {
            return parse((String) value, "long", source, Long::parseLong);
        }
        throw notConvertible(value, "long", source);
    }

    static float toFloat(Object value, String source) throws MessageFormatException {
        if (value instanceof Float f) {
            return f;
        }
        if (value == null) {
            throw nullAsPrimitive(source, "float");
        }
        if (value instanceof String s) {
            return parse(s, "float", source, Float::parseFloat);
        }
        throw notConvertible(value, "float", source);
    }

    static double toDouble(Object value, String source) throws MessageFormatException {
        if (value instanceof Float || value instanceof Double) {
            return ((Number) value).doubleValue();
        }
        if (value == null) {
            throw nullAsPrimitive(source, "double");
        }
        if (value instanceof String s) {
            return parse(s, "double", source, Double::parseDouble);
        }
        throw notConvertible(value, "double", source);
    }

    /** Every value but a byte[] reads as its String form; null reads as null. */
    static String toText(Object value, String source) throws MessageFormatException {
        if (value instanceof byte[]) {
            throw notConvertible(value, "String", source);
        }
        return value == null ? null : value.toString();
    }

    /** Only a byte[] reads as byte[], and as a copy; null reads as null. */
    static byte[] toBytes(Object value, String source) throws MessageFormatException {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        throw notConvertible(value, "byte[]", source);
    }

    /** The value as returned by a {@code getObject}/{@code readObject} method: byte[] values are copied. */
    static Object copyOf(Object value) {
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    /** Name of a value's type as the spec's tables write it: {@code int}, {@code String}, {@code byte[]}. */
    static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[]) {
            return "byte[]";
        }
        if (value instanceof String) {
            return "String";
        }
        if (value instanceof Integer) {
            return "int";
        }
        if (value instanceof Character) {
            return "char";
        }
        return value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(String text, String target, String source, Parser<T> parser) {
        if (text == null) {
            throw new NumberFormatException(source + " is absent or null, which cannot be read as " + target
                    + " (reading null as a primitive is valueOf(null), spec 3.5.4 / 3.11.3)");
        }
        try {
            return parser.parse(text);
        } catch (NumberFormatException e) {
            NumberFormatException described = new NumberFormatException(
                    source + " holds the String \"" + text + "\", which is not a valid " + target);
            described.initCause(e);
            throw described;
        }
    }

    /** What {@code Float.valueOf(null)} and {@code Double.valueOf(null)} throw, and the spec asks for char. */
    private static NullPointerException nullAsPrimitive(String source, String target) {
        return new NullPointerException(source + " is absent or null, which cannot be read as " + target
                + " (reading null as a primitive is valueOf(null), spec 3.5.4 / 3.11.3)");
    }

    private static MessageFormatException notConvertible(Object value, String target, String source) {
        return new MessageFormatException(source + " holds a " + typeName(value) + ", which cannot be read as " + target
                + " (spec 3.5.4 / 3.11.3 conversion table)");
    }
}
