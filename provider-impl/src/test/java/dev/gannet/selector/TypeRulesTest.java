package dev.gannet.selector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.gannet.selector.Selectors.matches;
import static dev.gannet.selector.Selectors.truth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spec 3.8.1.1: property values keep the type they were set with; no conversions apply; only like types compare,
 * except that exact and approximate numbers compare after Java numeric promotion; arithmetic uses Java numeric
 * promotion; strings and booleans compare only with = and &lt;&gt;.
 */
class TypeRulesTest {

    @Test
    void aStringPropertyIsNotANumber() {
        // the spec's own example: setStringProperty("NumberOfOrders", "2"), then "NumberOfOrders > 1" is false
        assertEquals(Truth.FALSE, truth("NumberOfOrders > 1", "NumberOfOrders", "2"));
        // TCK betweenTest5, betweenTest6
        assertFalse(matches("myProp BETWEEN 5 and 10", "myProp", "7"));
        assertFalse(matches("myProp BETWEEN 5 and 10", "myProp", "seven"));
        assertTrue(matches("myProp BETWEEN 5 and 10", "myProp", 7));
    }

    @ParameterizedTest(name = "{0} with p = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "p = 2         | '2'",
        "p <> 2        | '2'",
        "p < 2         | '1'",
        "p = 'true'    | true",
        "p = TRUE      | 'true'",
        "p = 1         | true",
        "p <> 1        | false",
        "p = 'x'       | 1",
        "p = q         | 1",
    })
    void comparingUnlikeTypesIsFalse(String selector, String value) {
        Object p = value.startsWith("'") ? value.substring(1, value.length() - 1)
                : value.equals("true") || value.equals("false") ? (Object) Boolean.valueOf(value)
                : (Object) Integer.valueOf(value);
        assertEquals(Truth.FALSE, truth(selector, "p", p, "q", "1"));
    }

    @Test
    void theNegationOfAnUnlikeTypeComparisonIsTrue() {
        // "the value of the operation is false" (3.8.1.1), so NOT of it is true
        assertEquals(Truth.TRUE, truth("NOT (p = 2)", "p", "2"));
        assertEquals(Truth.TRUE, truth("NOT (p <> 2)", "p", "2"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"s < t", "s <= t", "s > t", "s >= t", "b < c", "b >= c"})
    void stringsAndBooleansAreNotOrdered(String selector) {
        assertEquals(Truth.FALSE, truth(selector, "s", "a", "t", "b", "b", false, "c", true));
    }

    @Test
    void stringsCompareByTheirCharacters() {
        assertTrue(matches("s = 'abc'", "s", new String("abc")));
        assertFalse(matches("s = 'abc'", "s", "ABC"));
        assertFalse(matches("s = 'abc'", "s", "abc "));
        assertTrue(matches("s <> t", "s", "a", "t", "b"));
        assertTrue(matches("s = t", "s", "a", "t", "a"));
    }

    @Test
    void booleansCompareWithEqualsAndNotEquals() {
        // TCK comparisonTest13, selectorTest11, selectorTest12
        assertTrue(matches("myProp0 = TRUE AND myProp1 <> FALSE", "myProp0", true, "myProp1", true));
        assertTrue(matches("myProp0=TRUE AND myProp1=FALSE", "myProp0", true, "myProp1", false));
        assertTrue(matches("myProp0=false AND myProp1=true", "myProp0", false, "myProp1", true));
        assertTrue(matches("a = b", "a", true, "b", true));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"s + 1 = 3", "1 + s = 3", "s * 1 = 2", "-s = -2", "+s = 2", "b + 1 = 2", "s / 1 = 2"})
    void arithmeticOnANonNumberIsUnknown(String selector) {
        assertEquals(Truth.UNKNOWN, truth(selector, "s", "2", "b", true));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1", "'true'", "1.0"})
    void aNonBooleanPropertyUsedAsAConditionIsUnknown(String literal) {
        Object value = literal.equals("1") ? 1 : literal.equals("1.0") ? (Object) 1.0 : "true";
        assertEquals(Truth.UNKNOWN, truth("flag", "flag", value));
        assertEquals(Truth.UNKNOWN, truth("NOT flag", "flag", value));
    }

    @Test
    void exactAndApproximateNumbersCompareAfterPromotion() {
        // TCK comparisonTest01-03
        assertTrue(matches("myProp0 < myProp1", "myProp0", 0, "myProp1", 1.5));
        assertTrue(matches("myProp0 = 'foo' AND myProp1 > 0 AND myProp2 >= 2 AND myProp3 >= 2 AND myProp4 < 5 AND "
                        + "myProp5 <= 6 AND myProp6 <= 6 AND myProp7 <> 7",
                "myProp0", "foo", "myProp1", 1, "myProp2", 2.0f, "myProp3", 3, "myProp4", 4.0, "myProp5", 5,
                "myProp6", 6, "myProp7", 0f));
        assertFalse(matches("myProp0 = 'foo' OR myProp1 > 0 OR myProp2 >= 2 OR myProp3 < 5 OR myProp4 <= 6 OR "
                        + "myProp5 <> 7",
                "myProp0", "not_foo", "myProp1", 0, "myProp2", 1.5f, "myProp3", 5.0, "myProp4", 7, "myProp5", 7f));
        assertTrue(matches("i = 2.0", "i", 2));
        assertTrue(matches("d = 2", "d", 2.0));
        assertTrue(matches("l = i", "l", 5L, "i", 5));
    }

    @Test
    void byteAndShortPropertiesAreNumbers() {
        assertTrue(matches("b = 7 AND s = 7 AND b + s = 14", "b", (byte) 7, "s", (short) 7));
        assertTrue(matches("-b = -7", "b", (byte) 7));
        assertTrue(matches("b BETWEEN 1 AND 10", "b", (byte) 7));
    }

    @Test
    void longValuesCompareExactlyBeyondIntRange() {
        assertTrue(matches("l > 2147483647", "l", 2147483648L));
        assertTrue(matches("l = 9007199254740993", "l", 9007199254740993L)); // not representable as a double
        assertFalse(matches("l = 9007199254740992", "l", 9007199254740993L));
    }

    @Test
    void floatComparesWithDoubleAsJavaWidensIt() {
        // 0.1f widens to 0.10000000149011612, which is not the double 0.1
        assertFalse(matches("f = 0.1", "f", 0.1f));
        assertTrue(matches("f = 0.1f", "f", 0.1f));
        assertTrue(matches("f = 0.5", "f", 0.5f));
    }

    @Test
    void intComparesWithFloatAsJavaPromotesIt() {
        // 16777217 becomes 16777216f under int-to-float promotion, as in Java (16777217 == 16777216f is true)
        assertTrue(matches("i = f", "i", 16777217, "f", 16777216f));
    }

    @Test
    void arithmeticResultTypesFollowBinaryNumericPromotion() {
        assertEquals(3, ArithmeticOperator.PLUS.apply((byte) 1, (short) 2));
        assertEquals(3L, ArithmeticOperator.PLUS.apply(1, 2L));
        assertEquals(3f, ArithmeticOperator.PLUS.apply(1L, 2f));
        assertEquals(3.0, ArithmeticOperator.PLUS.apply(1f, 2.0));
        assertEquals(-2, ArithmeticOperator.MINUS.apply(1, 3));
        assertEquals(6.0, ArithmeticOperator.TIMES.apply(2, 3.0));
        assertEquals(2, ArithmeticOperator.DIVIDE.apply(7, 3));
        assertEquals(2.5f, ArithmeticOperator.DIVIDE.apply(5, 2f));
    }

    @Test
    void intArithmeticWrapsAsInJava() {
        assertTrue(matches("i * 2 < 0", "i", Integer.MAX_VALUE));
        assertTrue(matches("i + 1 = -2147483648", "i", Integer.MAX_VALUE));
        assertTrue(matches("i * 2L > 0", "i", Integer.MAX_VALUE)); // a long literal promotes to long
        assertTrue(matches("l * 2 > 0", "l", (long) Integer.MAX_VALUE));
        assertTrue(matches("-i = i", "i", Integer.MIN_VALUE));
    }

    @Test
    void integerDivisionTruncates() {
        // TCK operatorTest2
        assertTrue(matches("myProp0*2 = 10 AND myProp1/2 = -5", "myProp0", 5, "myProp1", -10));
        assertTrue(matches("i / 2 = 2", "i", 5));
        assertTrue(matches("i / -2 = -2", "i", 5));
        assertTrue(matches("i / 2.0 = 2.5", "i", 5));
    }

    @Test
    void additionAndSubtractionAndSignsWork() {
        // TCK operatorTest1, operatorTest3
        assertTrue(matches("-myProp0 < 0 AND +myProp1 < 0", "myProp0", 5, "myProp1", -5));
        assertTrue(matches("myProp0+5 = 0 AND myProp1-5 = 5", "myProp0", -5, "myProp1", 10));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"i / 0 = 1", "i / z = 1", "l / 0 > 0", "l / 0L > 0", "(i / 0) * 0 = 0"})
    void integerDivisionByZeroIsUnknown(String selector) {
        assertEquals(Truth.UNKNOWN, truth(selector, "i", 1, "z", 0, "l", 5L));
        assertEquals(Truth.UNKNOWN, truth("NOT (" + selector + ")", "i", 1, "z", 0, "l", 5L));
        assertNull(ArithmeticOperator.DIVIDE.apply(1, 0));
    }

    @Test
    void floatingPointDivisionByZeroFollowsIeee754() {
        assertTrue(matches("d / 0 > 1e308", "d", 1.0));
        assertTrue(matches("d / 0.0 < -1e308", "d", -1.0));
        assertTrue(matches("f / 0 > 1e38", "f", 1f));
        // 0.0 / 0 is NaN: unequal to everything, itself included, and unordered
        assertTrue(matches("d / 0 <> d / 0", "d", 0.0));
        assertFalse(matches("d / 0 = d / 0", "d", 0.0));
        assertFalse(matches("d / 0 < 1 OR d / 0 >= 1", "d", 0.0));
    }

    @Test
    void unsupportedValueTypesCompareFalseAndAreNotNumbers() {
        Object[] values = {new java.math.BigDecimal("1"), 'c', new byte[] {1}, new Object()};
        for (Object value : values) {
            assertEquals(Truth.FALSE, truth("p = 1", "p", value));
            assertEquals(Truth.FALSE, truth("p = 'c'", "p", value));
            assertEquals(Truth.UNKNOWN, truth("p + 1 = 2", "p", value));
            assertEquals(Truth.UNKNOWN, truth("p IN ('c')", "p", value));
        }
    }
}
