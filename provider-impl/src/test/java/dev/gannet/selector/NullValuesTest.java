package dev.gannet.selector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.gannet.selector.Selectors.matches;
import static dev.gannet.selector.Selectors.truth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spec 3.8.1.2: a missing property or null header is NULL; comparison or arithmetic with NULL is unknown;
 * IS [NOT] NULL turn NULL into true or false. {@code n} is never set in these tests.
 */
class NullValuesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"n = 1", "n <> 1", "n < 1", "n <= 1", "n > 1", "n >= 1", "1 = n", "1 < n",
        "n = 'x'", "n <> 'x'", "n = TRUE", "n <> FALSE", "n = n", "n <> m", "n = 1.5"})
    void comparisonWithNullIsUnknown(String selector) {
        assertEquals(Truth.UNKNOWN, truth(selector, "m", 1));
        assertFalse(matches(selector, "m", 1));
        assertFalse(matches("NOT (" + selector + ")", "m", 1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"n + 1 = 1", "1 + n = 1", "n - 1 = 1", "n * 2 = 0", "n / 2 = 0", "2 / n = 0", "-n = 0",
        "+n = 0", "n + 2 < 10", "1 + 2 * n - 3 = 0"})
    void arithmeticWithNullIsUnknown(String selector) {
        assertEquals(Truth.UNKNOWN, truth(selector));
    }

    @Test
    void arithmeticWithNullPropertyDoesNotMatchUntilItIsSet() {
        // TCK nullTest01
        assertFalse(matches("myProp + 2 < 10"));
        assertTrue(matches("myProp + 2 < 10", "myProp", 0));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "n BETWEEN 1 AND 10           | UNKNOWN",
        "n NOT BETWEEN 1 AND 10       | UNKNOWN",
        "5 BETWEEN n AND 10           | UNKNOWN",
        "20 BETWEEN n AND 10          | FALSE",
        "5 BETWEEN 1 AND n            | UNKNOWN",
        "0 BETWEEN 1 AND n            | FALSE",
        "5 NOT BETWEEN n AND 10       | UNKNOWN",
        "20 NOT BETWEEN n AND 10      | TRUE",
        "0 NOT BETWEEN 1 AND n        | TRUE",
        "5 BETWEEN n AND n            | UNKNOWN",
    })
    void betweenWithNullIsWhatItsComparisonsMake(String selector, Truth truth) {
        // a BETWEEN b AND c is (a >= b AND a <= c); a NOT BETWEEN b AND c is (a < b OR a > c)
        assertEquals(truth, truth(selector));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"n IN ('a', 'b')", "n NOT IN ('a', 'b')", "n LIKE '%'", "n NOT LIKE '%'",
        "n LIKE 'x' ESCAPE '!'"})
    void inAndLikeOnNullAreUnknown(String selector) {
        // TCK inTest5, inTest6, nullTest03, likeTest18, likeTest19
        assertEquals(Truth.UNKNOWN, truth(selector));
    }

    @Test
    void isNullIsTrueOnlyForAMissingOrNullValue() {
        // TCK isNullTest1-4
        assertTrue(matches("myNullProp IS NULL"));
        assertFalse(matches("myProp IS NULL", "myProp", "foo"));
        assertTrue(matches("myProp IS NOT NULL", "myProp", 10f));
        assertFalse(matches("myNullProp IS NOT NULL"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"n IS NULL", "n IS NOT NULL", "p IS NULL", "p IS NOT NULL"})
    void isNullIsNeverUnknown(String selector) {
        assertTrue(truth(selector, "p", false) != Truth.UNKNOWN);
    }

    @Test
    void isNullSeesEveryTypeOfValueAsNotNull() {
        for (Object value : new Object[] {"", 0, 0L, 0.0f, 0.0, false, (byte) 0, (short) 0}) {
            assertTrue(matches("p IS NOT NULL", "p", value), () -> "value " + value);
        }
    }

    @Test
    void nullIdentifierAsConditionIsUnknown() {
        assertEquals(Truth.UNKNOWN, truth("n"));
        assertEquals(Truth.UNKNOWN, truth("NOT n"));
        assertEquals(Truth.UNKNOWN, truth("n AND TRUE"));
        assertEquals(Truth.TRUE, truth("n OR TRUE"));
        assertEquals(Truth.FALSE, truth("n AND FALSE"));
    }

    @Test
    void unknownPropagatesThroughNestedConditions() {
        assertEquals(Truth.UNKNOWN, truth("NOT (n = 1 OR n > 5)"));
        assertEquals(Truth.UNKNOWN, truth("(n = 1) = TRUE"));
        assertEquals(Truth.TRUE, truth("n IS NULL OR n = 1"));
    }
}
