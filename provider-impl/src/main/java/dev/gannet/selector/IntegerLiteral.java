package dev.gannet.selector;

import java.math.BigInteger;

/**
 * An exact numeric literal, read with Java's integer literal syntax (decimal, hex, octal or binary, underscores
 * between digits, optional L suffix). Its value is only known together with a preceding minus sign, because
 * -9223372036854775808 (Long.MIN_VALUE) is valid while 9223372036854775808 is not.
 *
 * @param magnitude  the digits' value, never negative
 * @param decimal    whether written in decimal; other radixes may use all 64 bits, as Java long literals do
 * @param longSuffix whether written with L
 */
record IntegerLiteral(BigInteger magnitude, boolean decimal, boolean longSuffix) {

    /**
     * An Integer when written without L and within int range, otherwise a Long (spec 3.8.1.1 supports the range
     * of long, so a large literal needs no suffix); null when the value is outside the range of long.
     */
    Number value(boolean negated) {
        long value;
        if (decimal) {
            BigInteger signed = negated ? magnitude.negate() : magnitude;
            if (signed.bitLength() > 63) {
                return null;
            }
            value = signed.longValue();
        } else {
            if (magnitude.bitLength() > 64) {
                return null;
            }
            value = negated ? -magnitude.longValue() : magnitude.longValue();
        }
        if (!longSuffix && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            return Integer.valueOf((int) value);
        }
        return Long.valueOf(value);
    }
}
