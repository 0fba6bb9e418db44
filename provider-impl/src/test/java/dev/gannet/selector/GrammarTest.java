package dev.gannet.selector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.gannet.selector.Selectors.matches;
import static dev.gannet.selector.Selectors.parse;
import static dev.gannet.selector.Selectors.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec 3.8.1.1: every production of the selector grammar, shown by the fully parenthesised tree it parses to. */
class GrammarTest {

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "a = 1                          | (a = 1)",
        "a <> 1                         | (a <> 1)",
        "a < 1                          | (a < 1)",
        "a <= 1                         | (a <= 1)",
        "a > 1                          | (a > 1)",
        "a >= 1                         | (a >= 1)",
        "a = 'x'                        | (a = 'x')",
        "a = b                          | (a = b)",
        "a = TRUE                       | (a = TRUE)",
        "a + 1 = 2                      | ((a + 1) = 2)",
        "a - 1 = 2                      | ((a - 1) = 2)",
        "a * 2 = 2                      | ((a * 2) = 2)",
        "a / 2 = 2                      | ((a / 2) = 2)",
        "-a = 1                         | ((-a) = 1)",
        "+a = 1                         | ((+a) = 1)",
        "- - a = 1                      | ((-(-a)) = 1)",
        "a = -1.5                       | (a = -1.5)",
        "a = - -1                       | (a = 1)",
        "a BETWEEN 1 AND 2              | (a BETWEEN 1 AND 2)",
        "a NOT BETWEEN 1 AND 2          | (a NOT BETWEEN 1 AND 2)",
        "a IN ('x')                     | (a IN ('x'))",
        "a IN ('x', 'y''s', '')         | (a IN ('x', 'y''s', ''))",
        "a NOT IN ('x','y')             | (a NOT IN ('x', 'y'))",
        "a LIKE 'x%'                    | (a LIKE 'x%')",
        "a NOT LIKE 'x_'                | (a NOT LIKE 'x_')",
        "a LIKE 'x\\_%' ESCAPE '\\'     | (a LIKE 'x\\_%' ESCAPE '\\')",
        "a IS NULL                      | (a IS NULL)",
        "a IS NOT NULL                  | (a IS NOT NULL)",
        "NOT a                          | (NOT a)",
        "NOT NOT a                      | (NOT (NOT a))",
        "a AND b                        | (a AND b)",
        "a AND b AND c                  | (a AND b AND c)",
        "a OR b                         | (a OR b)",
        "a OR b OR c                    | (a OR b OR c)",
        "a                              | a",
        "(a)                            | a",
        "((a = 1))                      | (a = 1)",
        "TRUE                           | TRUE",
        "(a = 1) = TRUE                 | ((a = 1) = TRUE)",
        "(a = 1) <> (b = 2)             | ((a = 1) <> (b = 2))",
        "(a + 1) * 2 = 4                | (((a + 1) * 2) = 4)",
        "a BETWEEN -1 AND +1            | (a BETWEEN -1 AND 1)",
        "a BETWEEN b - 1 AND b + 1      | (a BETWEEN (b - 1) AND (b + 1))",
        "a = 5L                         | (a = 5L)",
        "a = 1.5f                       | (a = 1.5f)",
    })
    void everyProductionParsesToItsTree(String selector, String tree) {
        assertEquals(tree, tree(selector));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "a = 1 AND (b <> 'x' OR c IS NULL) AND NOT d LIKE '%!_' ESCAPE '!'",
        "a + b * -c / 2.5 - 1 NOT BETWEEN -9223372036854775808L AND 1e10 OR e NOT IN ('p', 'q''r')",
        "x IS NOT NULL AND (y = TRUE) = FALSE AND z >= 0x10",
        "f = 0.1f OR g = 1.0E-300",
    })
    void aRenderedTreeParsesBackToTheSameTree(String selector) {
        String tree = tree(selector);
        assertEquals(tree, tree(tree));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "a is null and b like 'x%' escape '!' and c in ('y') and d not between 0 and 10 and (e or false) | "
                + "((a IS NULL) AND (b LIKE 'x%' ESCAPE '!') AND (c IN ('y')) AND (d NOT BETWEEN 0 AND 10) "
                + "AND (e OR FALSE))",
        "a Is NoT nUlL oR nOt b | ((a IS NOT NULL) OR (NOT b))",
    })
    void keywordsAreCaseInsensitive(String selector, String tree) {
        assertEquals(tree, tree(selector));
    }

    @Test
    void keywordsInAnyCaseMatchAsInUpperCase() {
        // TCK caseTest1
        String selector = "myProp0 is null and myProp1 like 'fooG_%' escape 'G' and myProp2 in ('a', 'b') and "
                + "myProp3 not between 0 and 10 and (myProp4 or false)";
        assertTrue(matches(selector, "myProp1", "foo_test", "myProp2", "a", "myProp3", 20, "myProp4", true));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"$myProp", "_myProp", "myProp1", "a$b_c9", "ÄÖÜ", "émoji", "ANDY", "orange", "isNull",
        "notes", "inx", "likes", "between_", "escapee", "nullable", "trueish", "FALSE0", "ın"})
    void identifiersFollowJavaIdentifierRulesAndMayContainKeywords(String identifier) {
        assertEquals(identifier, tree(identifier));
        assertTrue(matches(identifier + " = 'v'", identifier, "v"));
    }

    @Test
    void identifiersAreCaseSensitive() {
        // TCK identifierTest12
        assertTrue(matches("myProp=TRUE AND MYpROP=FALSE", "myProp", true, "MYpROP", false));
        assertFalse(matches("myprop = 1", "myProp", 1));
    }

    @Test
    void dollarAndUnderscoreStartIdentifiers() {
        // TCK identifierTest01
        assertTrue(matches("$myProp=TRUE AND _myProp=FALSE", "$myProp", true, "_myProp", false));
    }

    @ParameterizedTest(name = "{index}")
    @ValueSource(strings = {"JMSType   =   'foo'", "JMSType\t=\t'foo'", "JMSType\f=\f'foo'", "JMSType\n= \n'foo'",
        "JMSType\r\n=\r'foo'", "  JMSType='foo'  ", "\tJMSType='foo'\n"})
    void whitespaceIsJavaWhitespace(String selector) {
        // TCK whitespaceTest1-4
        assertTrue(matches(selector, "JMSType", "foo"));
    }

    @Test
    void operatorsNeedNoSurroundingWhitespace() {
        assertEquals("((((a + 1) * 2) >= (b - 3)) AND (c <> 'x'))", tree("(a+1)*2>=b-3 AND c<>'x'"));
        assertEquals("((a <= 1) OR (b IN ('x')))", tree("a<=1 OR b IN('x')"));
    }

    @Test
    void sqlCommentsAreNotRecognised() {
        // 3.8.1.3: "--" is two minus signs
        assertEquals("(a = (1 - (-note)))", tree("a = 1 -- note"));
        assertTrue(matches("a = 1 -- note", "a", 2, "note", 1));
    }

    @Test
    void parenthesesOnlyGroup() {
        assertEquals(tree("a = 1"), tree("(((a = 1)))"));
        assertEquals(parse("a = 1").condition(), parse("(a) = (1)").condition());
    }
}
