package dev.gannet.selector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.gannet.selector.Selectors.matches;
import static dev.gannet.selector.Selectors.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spec 3.8.1.1: logical operators in precedence order NOT, AND, OR; comparisons bind tighter than logic;
 * arithmetic in precedence order unary +/-, then * /, then binary + -; left to right within a level.
 */
class PrecedenceTest {

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "a OR b AND c                    | (a OR (b AND c))",
        "a AND b OR c                    | ((a AND b) OR c)",
        "a OR b AND c OR d               | (a OR (b AND c) OR d)",
        "NOT a AND b                     | ((NOT a) AND b)",
        "NOT a OR b                      | ((NOT a) OR b)",
        "a AND NOT b                     | (a AND (NOT b))",
        "NOT a = 1                       | (NOT (a = 1))",
        "NOT a BETWEEN 1 AND 2           | (NOT (a BETWEEN 1 AND 2))",
        "NOT a IS NULL                   | (NOT (a IS NULL))",
        "a = 1 AND b = 2 OR c = 3        | (((a = 1) AND (b = 2)) OR (c = 3))",
        "(a OR b) AND c                  | ((a OR b) AND c)",
        "a + b * c = 7                   | ((a + (b * c)) = 7)",
        "a * b + c = 7                   | (((a * b) + c) = 7)",
        "-a * b = 1                      | (((-a) * b) = 1)",
        "a - -b = 1                      | ((a - (-b)) = 1)",
        "a + b > c * d                   | ((a + b) > (c * d))",
        "a + b BETWEEN c AND d + e       | ((a + b) BETWEEN c AND (d + e))",
        "a BETWEEN 1 AND 2 AND b         | ((a BETWEEN 1 AND 2) AND b)",
        "a NOT BETWEEN 1 AND 2 OR b      | ((a NOT BETWEEN 1 AND 2) OR b)",
        "a IN ('x') AND b LIKE 'y' OR c  | (((a IN ('x')) AND (b LIKE 'y')) OR c)",
    })
    void operatorsGroupByPrecedence(String selector, String tree) {
        assertEquals(tree, tree(selector));
    }

    @Test
    void notBindsTighterThanAnd() {
        // TCK precedenceTest1: (NOT T) AND F = F, whereas NOT (T AND F) would be T
        assertFalse(matches("NOT myTrueProp AND myFalseProp", "myTrueProp", true, "myFalseProp", false));
        // TCK precedenceTest2
        assertTrue(matches("myTrueProp AND NOT myFalseProp", "myTrueProp", true, "myFalseProp", false));
    }

    @Test
    void andBindsTighterThanOr() {
        // TCK precedenceTest3: T OR (T AND F) = T, whereas (T OR T) AND F would be F
        assertTrue(matches("myTrueProp OR myTrueProp AND myFalseProp", "myTrueProp", true, "myFalseProp", false));
    }

    @Test
    void parenthesesOverridePrecedence() {
        // TCK bracketingTest1, 3, 4
        assertFalse(matches("(myTrueProp OR myFalseProp) AND myFalseProp", "myTrueProp", true, "myFalseProp", false));
        assertFalse(matches("(myProp0 = true OR myProp1 = true) AND JMSType = 'not_foo'",
                "myProp0", true, "myProp1", false, "JMSType", "foo"));
        assertTrue(matches("(myProp1 = true AND JMSType = 'not_foo') OR myProp0 = true",
                "myProp0", true, "myProp1", false, "JMSType", "foo"));
    }

    @Test
    void unaryMinusBindsTighterThanAddition() {
        // TCK precedenceTest4: (-5) + 5 = 0
        assertTrue(matches("- myProp0 + myProp1 = 0", "myProp0", 5, "myProp1", 5));
    }

    @Test
    void multiplicationAndDivisionBindTighterThanAdditionAndSubtraction() {
        // TCK precedenceTest5: 1 + 2*3 - 4/4 = 6
        assertTrue(matches("myProp0+myProp1*myProp2-myProp3/myProp4 = 6",
                "myProp0", 1f, "myProp1", 2f, "myProp2", 3f, "myProp3", 4f, "myProp4", 4f));
    }

    @Test
    void subtractionAndDivisionAreLeftAssociative() {
        assertTrue(matches("a - b - c = 3", "a", 10, "b", 4, "c", 3));   // (10 - 4) - 3, not 10 - (4 - 3)
        assertTrue(matches("a / b / c = 2", "a", 100, "b", 10, "c", 5)); // (100 / 10) / 5, not 100 / (10 / 5)
        assertTrue(matches("a - b + c = 9", "a", 10, "b", 4, "c", 3));   // (10 - 4) + 3
        assertTrue(matches("a / b * c = 15", "a", 10, "b", 2, "c", 3)); // (10 / 2) * 3
    }
}
