package dev.gannet.selector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.gannet.selector.Selectors.matches;
import static dev.gannet.selector.Selectors.rejection;
import static dev.gannet.selector.Selectors.truth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec 3.8.1.1: {@code identifier [NOT] IN (string, ...)} and {@code expr [NOT] BETWEEN expr AND expr}. */
class InAndBetweenTest {

    @ParameterizedTest(name = "Country = {0}")
    @CsvSource({"UK, true", "US, true", "France, true", "Peru, false", "uk, false", "'', false"})
    void inIsAnOrOfEqualities(String country, boolean in) {
        assertEquals(in, matches("Country IN ('UK', 'US', 'France')", "Country", country));
        assertEquals(!in, matches("Country NOT IN ('UK', 'US', 'France')", "Country", country));
    }

    @Test
    void inComparesCaseSensitively() {
        // TCK inTest1-4
        assertTrue(matches("JMSType IN ('foo','jms','test')", "JMSType", "jms"));
        assertFalse(matches("JMSType IN ('foo','jms','test')", "JMSType", "JMS"));
        assertTrue(matches("JMSType NOT IN ('foo','jms','test')", "JMSType", "FOO"));
        assertFalse(matches("JMSType NOT IN ('foo','jms','test')", "JMSType", "foo"));
    }

    @Test
    void inOnANullIdentifierIsUnknown() {
        assertEquals(Truth.UNKNOWN, truth("n IN ('a')"));
        assertEquals(Truth.UNKNOWN, truth("n NOT IN ('a')"));
        assertFalse(matches("NOT (n IN ('a'))"));
    }

    @Test
    void inOnANonStringValueIsUnknown() {
        // TCK inTest7: NOT IN on an int property does not match
        assertEquals(Truth.UNKNOWN, truth("myProp NOT IN ('foo','jms','test')", "myProp", 0));
        assertEquals(Truth.UNKNOWN, truth("myProp IN ('0')", "myProp", 0));
        assertEquals(Truth.UNKNOWN, truth("myProp IN ('true')", "myProp", true));
        assertTrue(matches("myProp NOT IN ('foo','jms','test')", "myProp", "zero"));
    }

    @Test
    void inListItemsMayContainQuotesAndRepeat() {
        assertTrue(matches("s IN ('it''s', 'it''s')", "s", "it's"));
        assertTrue(matches("s IN ('')", "s", ""));
    }

    @Test
    void inListItemsMustBeStringLiterals() {
        // TCK inTest8
        assertEquals("Selector 'myProp NOT IN (1,2,3)': unexpected number 1 at position 15, expected a string "
                + "literal", rejection("myProp NOT IN (1,2,3)"));
        rejection("s IN ('a', b)");
        rejection("s IN ('a', TRUE)");
        rejection("s IN ()");
        rejection("s IN 'a'");
    }

    @ParameterizedTest(name = "age = {0}")
    @CsvSource({"14, false", "15, true", "17, true", "19, true", "20, false"})
    void betweenIncludesBothEnds(int age, boolean between) {
        // the spec's example: "age BETWEEN 15 AND 19" is "age >= 15 AND age <= 19"
        assertEquals(between, matches("age BETWEEN 15 AND 19", "age", age));
        assertEquals(!between, matches("age NOT BETWEEN 15 AND 19", "age", age));
    }

    @Test
    void betweenBoundsMayBeNegativeAndReached() {
        // TCK betweenTest1-4
        assertTrue(matches("myProp0 BETWEEN 5 and 10 AND myProp1 BETWEEN -1 and 1 AND myProp2 BETWEEN 0 and 2",
                "myProp0", 7, "myProp1", -1, "myProp2", 2));
        assertFalse(matches("myProp0 BETWEEN  -4 and 5 OR myProp1 BETWEEN -5 and 4", "myProp0", -5, "myProp1", 5));
        assertTrue(matches("myProp0 NOT BETWEEN  -4 and 5 AND myProp1 NOT BETWEEN -5 and 4",
                "myProp0", -5, "myProp1", 5));
        assertFalse(matches("myProp0 NOT BETWEEN 5 and 10 OR myProp1 NOT BETWEEN -1 and 1 OR "
                + "myProp2 NOT BETWEEN 0 and 2", "myProp0", 7, "myProp1", -1, "myProp2", 2));
    }

    @Test
    void betweenPromotesMixedNumericTypes() {
        assertTrue(matches("v BETWEEN 1.5 AND 2.5", "v", 2));
        assertTrue(matches("v BETWEEN 1 AND 3", "v", 2.5f));
        assertTrue(matches("v BETWEEN lo AND hi", "v", 5L, "lo", (byte) 1, "hi", 9.0));
    }

    @Test
    void betweenWithBoundsTheWrongWayRoundIsFalse() {
        assertFalse(matches("v BETWEEN 10 AND 1", "v", 5));
        assertTrue(matches("v NOT BETWEEN 10 AND 1", "v", 5));
    }

    @Test
    void betweenBoundsMayBeArithmeticExpressions() {
        assertTrue(matches("a BETWEEN b - 1 AND b + 1", "a", 4, "b", 5));
        assertTrue(matches("a * 2 BETWEEN b * b AND 30", "a", 13, "b", 5));
    }

    @Test
    void betweenOnANonNumberIsFalseEitherWay() {
        // both of its comparisons compare unlike types, which is false
        assertEquals(Truth.FALSE, truth("s BETWEEN 1 AND 10", "s", "5"));
        assertEquals(Truth.FALSE, truth("s NOT BETWEEN 1 AND 10", "s", "5"));
    }

    @Test
    void betweenOperandsMustBeNumbers() {
        // TCK betweenTest7
        assertEquals("Selector 'myProp BETWEEN 'foo' and 'test'': BETWEEN needs a number but found a string at "
                + "position 15", rejection("myProp BETWEEN 'foo' and 'test'"));
        rejection("'a' BETWEEN 1 AND 2");
        rejection("a BETWEEN 1 AND TRUE");
        rejection("a BETWEEN 1 OR 2");
    }
}
