package dev.gannet.selector;

import dev.gannet.selector.Expression.Comparison;
import dev.gannet.selector.Expression.Literal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.gannet.selector.Selectors.matches;
import static dev.gannet.selector.Selectors.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec 3.8.1.1, "Literals": string, exact numeric, approximate numeric and boolean literals. */
class LiteralTest {

    /** The value the literal on the right of {@code x = <literal>} parses to. */
    private static Object literal(String literal) {
        Comparison comparison = (Comparison) parse("x = " + literal).condition();
        return ((Literal) comparison.right()).value();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'literal'          | literal",
        "'literal''s'       | literal's",
        "'a''''b'           | a''b",
        "'  spaced  '       | \"  spaced  \"",
        "'ünïcødé ☃ 😀'     | ünïcødé ☃ 😀",
        "'%_\\*.'           | %_\\*.",
        "'AND OR NOT'       | AND OR NOT",
    })
    void stringLiteralsAreQuotedWithDoubledQuoteForAQuote(String literal, String value) {
        assertEquals(value, literal(literal));
    }

    @Test
    void emptyStringLiteralIsTheEmptyString() {
        assertEquals("", literal("''"));
        assertTrue(matches("x = ''", "x", ""));
    }

    @Test
    void stringLiteralMayContainLineTerminators() {
        assertEquals("a\nb", literal("'a\nb'"));
    }

    @ParameterizedTest(name = "{0} is the int {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "57                 | 57",
        "-957               | -957",
        "+62                | 62",
        "0                  | 0",
        "035                | 29",
        "00                 | 0",
        "0x1d               | 29",
        "0X1D               | 29",
        "0b11101            | 29",
        "0B1_1101           | 29",
        "1_000_000          | 1000000",
        "0_35               | 29",
        "2147483647         | 2147483647",
        "-2147483648        | -2147483648",
        "- 5                | -5",
    })
    void exactNumericLiteralsUseJavaIntegerSyntaxAndAreIntsWithoutL(String literal, int value) {
        assertEquals(Integer.valueOf(value), literal(literal));
    }

    @ParameterizedTest(name = "{0} is the long {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "5L                       | 5",
        "5l                       | 5",
        "2147483648               | 2147483648",
        "-2147483649              | -2147483649",
        "9223372036854775807      | 9223372036854775807",
        "9223372036854775807L     | 9223372036854775807",
        "-9223372036854775808     | -9223372036854775808",
        "-9223372036854775808L    | -9223372036854775808",
        "0x7fff_ffff_ffffL        | 140737488355327",
        "0xFFFFFFFFFFFFFFFFL      | -1",
        "0x100000000              | 4294967296",
        "0777L                    | 511",
    })
    void exactNumericLiteralsCoverTheRangeOfLong(String literal, long value) {
        assertEquals(Long.valueOf(value), literal(literal));
    }

    @Test
    void longRangeEndsAreExactInComparisons() {
        // TCK selectorTest03
        String selector = "myProp0=" + Long.MIN_VALUE + "L AND myProp1=" + Long.MAX_VALUE + "L";
        assertTrue(matches(selector, "myProp0", Long.MIN_VALUE, "myProp1", Long.MAX_VALUE));
    }

    @ParameterizedTest(name = "{0} is the double {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "7E3           | 7000.0",
        "-57.9E2       | -5790.0",
        "-57.9E3       | -57900.0",
        "7.            | 7.0",
        "7000.         | 7000.0",
        "-95.7         | -95.7",
        "+6.2          | 6.2",
        ".5            | 0.5",
        ".7e4          | 7000.0",
        "1e-3          | 0.001",
        "1E+2          | 100.0",
        "1.e2          | 100.0",
        "2d            | 2.0",
        "2.5D          | 2.5",
        "1_0.2_5       | 10.25",
        "0x1p3         | 8.0",
        "0x1.8P1       | 3.0",
        "0x.8p1d       | 1.0",
        "08.5          | 8.5",
        "1.7976931348623157E308 | 1.7976931348623157E308",
    })
    void approximateNumericLiteralsUseJavaFloatingPointSyntaxAndAreDoubles(String literal, double value) {
        assertEquals(Double.valueOf(value), literal(literal));
    }

    @ParameterizedTest(name = "{0} is the float {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "1.5f     | 1.5",
        "2F       | 2.0",
        "-0.1f    | -0.1",
        "1e3f     | 1000.0",
        "0x1p-1f  | 0.5",
    })
    void approximateLiteralsWithFSuffixAreFloats(String literal, float value) {
        assertEquals(Float.valueOf(value), literal(literal));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TRUE, true", "true, true", "True, true", "FALSE, false", "false, false", "fAlSe, false"})
    void booleanLiteralsAreCaseInsensitive(String literal, boolean value) {
        assertEquals(value, literal(literal));
    }

    @Test
    void booleanLiteralsAreConditionsOnTheirOwn() {
        // TCK bracketingTest2
        assertTrue(matches("TRUE OR (FALSE AND FALSE)"));
        assertTrue(matches("TRUE"));
        assertEquals(false, matches("FALSE"));
    }
}
