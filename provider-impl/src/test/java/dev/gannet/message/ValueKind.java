package dev.gannet.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The value types of the spec's conversion tables, each with a sample value, and the tables themselves: spec 3.11.3
 * Table 3-7 (StreamMessage and MapMessage) and its subset spec 3.5.4 Table 3-2 (properties).
 */
enum ValueKind {
    BOOLEAN(true),
    BYTE((byte) 7),
    SHORT((short) 300),
    CHAR('c'),
    INT(70_000),
    LONG(5_000_000_000L),
    FLOAT(1.5f),
    DOUBLE(2.25),
    STRING("12"),
    BYTES(new byte[] {1, 2});

    /** The kinds a property can hold (spec 3.5.2). */
    static final Set<ValueKind> PROPERTY_KINDS = EnumSet.complementOf(EnumSet.of(CHAR, BYTES));

    private final Object sample;

    ValueKind(Object sample) {
        this.sample = sample;
    }

    Object sample() {
        return this == BYTES ? ((byte[]) sample).clone() : sample;
    }

    /** What reading this kind's sample as each legal column type yields; columns not listed must be refused. */
    Map<ValueKind, Object> legalReads() {
        return switch (this) {
            case BOOLEAN -> Map.of(BOOLEAN, true, STRING, "true");
            case BYTE -> Map.of(BYTE, (byte) 7, SHORT, (short) 7, INT, 7, LONG, 7L, STRING, "7");
            case SHORT -> Map.of(SHORT, (short) 300, INT, 300, LONG, 300L, STRING, "300");
            case CHAR -> Map.of(CHAR, 'c', STRING, "c");
            case INT -> Map.of(INT, 70_000, LONG, 70_000L, STRING, "70000");
            case LONG -> Map.of(LONG, 5_000_000_000L, STRING, "5000000000");
            case FLOAT -> Map.of(FLOAT, 1.5f, DOUBLE, 1.5d, STRING, "1.5");
            case DOUBLE -> Map.of(DOUBLE, 2.25d, STRING, "2.25");
            case STRING -> Map.of(BOOLEAN, false, BYTE, (byte) 12, SHORT, (short) 12, INT, 12, LONG, 12L,
                    FLOAT, 12f, DOUBLE, 12d, STRING, "12");
            case BYTES -> Map.of(BYTES, new byte[] {1, 2});
        };
    }

    /** One cell of a conversion table: a value written as {@code written} read as {@code read}. */
    record Cell(ValueKind written, ValueKind read) {

        boolean legal() {
            return written.legalReads().containsKey(read);
        }

        Object expected() {
            return written.legalReads().get(read);
        }

        @Override
        public String toString() {
            return written + " read as " + read + (legal() ? "" : " is refused");
        }
    }

    /** Every cell of the table restricted to {@code kinds}, legal and illegal. */
    static Stream<Cell> cells(Set<ValueKind> kinds) {
        return kinds.stream().flatMap(written -> kinds.stream().map(read -> new Cell(written, read)));
    }

    static void assertValue(Object expected, Object actual) {
        if (expected instanceof byte[] bytes) {
            assertArrayEquals(bytes, (byte[]) actual);
        } else {
            assertEquals(expected, actual);
        }
    }
}
