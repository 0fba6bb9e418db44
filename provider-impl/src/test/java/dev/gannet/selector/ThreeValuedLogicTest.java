package dev.gannet.selector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.gannet.selector.Selectors.matches;
import static dev.gannet.selector.Selectors.truth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec 3.8.1.2, tables 3-4, 3-5 and 3-6: AND, OR and NOT over true, false and unknown (a null property). */
class ThreeValuedLogicTest {

    private static Boolean value(Truth truth) {
        return truth.toValue();
    }

    @ParameterizedTest(name = "{0} AND {1} = {2}")
    @CsvSource({
        "TRUE, TRUE, TRUE", "TRUE, FALSE, FALSE", "TRUE, UNKNOWN, UNKNOWN",
        "FALSE, TRUE, FALSE", "FALSE, FALSE, FALSE", "FALSE, UNKNOWN, FALSE",
        "UNKNOWN, TRUE, UNKNOWN", "UNKNOWN, FALSE, FALSE", "UNKNOWN, UNKNOWN, UNKNOWN",
    })
    void andFollowsTable3_4(Truth left, Truth right, Truth result) {
        assertEquals(result, truth("l AND r", "l", value(left), "r", value(right)));
        assertEquals(result, left.and(right));
    }

    @ParameterizedTest(name = "{0} OR {1} = {2}")
    @CsvSource({
        "TRUE, TRUE, TRUE", "TRUE, FALSE, TRUE", "TRUE, UNKNOWN, TRUE",
        "FALSE, TRUE, TRUE", "FALSE, FALSE, FALSE", "FALSE, UNKNOWN, UNKNOWN",
        "UNKNOWN, TRUE, TRUE", "UNKNOWN, FALSE, UNKNOWN", "UNKNOWN, UNKNOWN, UNKNOWN",
    })
    void orFollowsTable3_5(Truth left, Truth right, Truth result) {
        assertEquals(result, truth("l OR r", "l", value(left), "r", value(right)));
        assertEquals(result, left.or(right));
    }

    @ParameterizedTest(name = "NOT {0} = {1}")
    @CsvSource({"TRUE, FALSE", "FALSE, TRUE", "UNKNOWN, UNKNOWN"})
    void notFollowsTable3_6(Truth operand, Truth result) {
        assertEquals(result, truth("NOT o", "o", value(operand)));
        assertEquals(result, operand.not());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TRUE, true", "FALSE, false", "UNKNOWN, false"})
    void onlyATrueSelectorMatches(Truth truth, boolean matches) {
        assertEquals(matches, matches("c", "c", value(truth)));
    }

    @ParameterizedTest(name = "{0} AND {1} AND {2} = {3}")
    @CsvSource({
        "UNKNOWN, TRUE, FALSE, FALSE", "TRUE, TRUE, TRUE, TRUE", "TRUE, UNKNOWN, TRUE, UNKNOWN",
        "FALSE, UNKNOWN, UNKNOWN, FALSE",
    })
    void aChainOfAndIsFalseIfAnyOperandIsFalse(Truth a, Truth b, Truth c, Truth result) {
        assertEquals(result, truth("a AND b AND c", "a", value(a), "b", value(b), "c", value(c)));
    }

    @ParameterizedTest(name = "{0} OR {1} OR {2} = {3}")
    @CsvSource({
        "UNKNOWN, FALSE, TRUE, TRUE", "FALSE, FALSE, FALSE, FALSE", "FALSE, UNKNOWN, FALSE, UNKNOWN",
        "TRUE, UNKNOWN, UNKNOWN, TRUE",
    })
    void aChainOfOrIsTrueIfAnyOperandIsTrue(Truth a, Truth b, Truth c, Truth result) {
        assertEquals(result, truth("a OR b OR c", "a", value(a), "b", value(b), "c", value(c)));
    }

    @Test
    void andOfEveryPairWithAFalseOrUnknownDoesNotMatch() {
        // TCK nullTest05
        String selector = "(myTrueProp AND myFalseProp) OR (myTrueProp AND myNullProp) OR "
                + "(myFalseProp AND myTrueProp) OR (myFalseProp AND myFalseProp) OR "
                + "(myFalseProp AND myNullProp) OR (MyNullProp AND myTrueProp) OR "
                + "(MyNullProp AND myFalseProp) OR (MyNullProp AND myNullProp)";
        assertFalse(matches(selector, "myTrueProp", true, "myFalseProp", false));
    }

    @Test
    void orOfEveryPairWithATrueMatches() {
        // TCK nullTest06
        String selector = "(myTrueProp OR myTrueProp) AND (myTrueProp OR myFalseProp) AND "
                + "(myTrueProp OR myNullProp) AND (myFalseProp OR myTrueProp) AND (myNullProp OR myTrueProp)";
        assertTrue(matches(selector, "myTrueProp", true, "myFalseProp", false));
    }

    @Test
    void orOfFalseAndUnknownDoesNotMatch() {
        // TCK nullTest07
        String selector = "(myFalseProp OR myFalseProp) OR (myFalseProp OR myNullProp) OR "
                + "(myNullProp OR myFalseProp) OR (myNullProp OR myNullProp)";
        assertFalse(matches(selector, "myFalseProp", false));
    }

    @Test
    void notOfUnknownDoesNotMatch() {
        // TCK nullTest08-10
        assertTrue(matches("NOT myFalseProp", "myFalseProp", false));
        assertFalse(matches("NOT myTrueProp", "myTrueProp", true));
        assertFalse(matches("NOT myNullProp"));
    }

    @Test
    void aBooleanPropertyIsACondition() {
        // TCK expressionTest1-3
        assertTrue(matches("myProp", "myProp", true));
        assertFalse(matches("myProp", "myProp", false));
        assertFalse(matches("myNullProp"));
    }
}
