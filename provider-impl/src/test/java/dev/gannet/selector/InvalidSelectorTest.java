package dev.gannet.selector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.gannet.selector.Selectors.parse;
import static dev.gannet.selector.Selectors.rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Spec 3.8.1.1: a syntactically incorrect selector must be rejected with InvalidSelectorException when it is
 * presented; type errors visible without a message are rejected too. Messages quote the selector, name the
 * position (counted from 0) and say what was wrong or expected.
 */
class InvalidSelectorTest {

    @Test
    void anIncompleteSelectorNamesTheEndPosition() {
        assertEquals("Selector 'i = ': unexpected end at position 4, expected an identifier, a literal or '('",
                rejection("i = "));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE"})
    void reservedWordsAreNotIdentifiers(String word) {
        // TCK identifierTest05-11, identifierTest14
        String selector = word + " = 0";
        String found = word.equals("NOT") ? "'='" : "keyword " + word;
        int position = word.equals("NOT") ? 4 : 0;
        assertEquals("Selector '" + selector + "': unexpected " + found + " at position " + position
                + ", expected an identifier, a literal or '('", rejection(selector));
        rejection(word.toLowerCase() + " = 0");
    }

    @Test
    void nullIsOnlyAllowedInIsNull() {
        // TCK identifierTest02
        assertEquals("Selector 'NULL = 0': NULL may only be used in IS NULL and IS NOT NULL at position 0",
                rejection("NULL = 0"));
        assertEquals("Selector 'a = null': NULL may only be used in IS NULL and IS NOT NULL at position 4",
                rejection("a = null"));
        rejection("a IN (NULL)");
    }

    @Test
    void booleanLiteralsAreNotIdentifiersAndDoNotCompareWithNumbers() {
        // TCK identifierTest03, identifierTest04
        assertEquals("Selector 'TRUE = 0': '=' cannot compare a boolean with a number at position 5",
                rejection("TRUE = 0"));
        assertEquals("Selector 'FALSE = 0': '=' cannot compare a boolean with a number at position 6",
                rejection("FALSE = 0"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // TCK comparisonTest04-07, comparisonTest09-12
        "myProp > 'foo'            | '>' needs a number but found a string at position 9",
        "myProp >= 'foo'           | '>=' needs a number but found a string at position 10",
        "myProp < 'foo'            | '<' needs a number but found a string at position 9",
        "myProp <= 'foo'           | '<=' needs a number but found a string at position 10",
        "'foo' > TRUE              | '>' needs a number but found a string at position 0",
        "'foo' >= TRUE             | '>=' needs a number but found a string at position 0",
        "'foo' < TRUE              | '<' needs a number but found a string at position 0",
        "'foo' <= TRUE             | '<=' needs a number but found a string at position 0",
        "a < TRUE                  | '<' needs a number but found a boolean at position 4",
        "(a = 1) > 0               | '>' needs a number but found a boolean at position 0",
    })
    void onlyNumbersAreOrdered(String selector, String problem) {
        assertEquals("Selector '" + selector + "': " + problem, rejection(selector));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'a' = 1                   | '=' cannot compare a string with a number at position 4",
        "1 <> 'a'                  | '<>' cannot compare a number with a string at position 2",
        "TRUE = 'true'             | '=' cannot compare a boolean with a string at position 5",
        "(a = 1) = 1               | '=' cannot compare a boolean with a number at position 8",
        "a + 1 = 'x'               | '=' cannot compare a number with a string at position 6",
    })
    void literalsOfUnlikeTypesDoNotCompare(String selector, String problem) {
        assertEquals("Selector '" + selector + "': " + problem, rejection(selector));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "a + 'x' = 1               | '+' needs a number but found a string at position 4",
        "'x' - a = 1               | '-' needs a number but found a string at position 0",
        "TRUE * 2 = 1              | '*' needs a number but found a boolean at position 0",
        "a / FALSE = 1             | '/' needs a number but found a boolean at position 4",
        "-'x' = 1                  | unary '-' needs a number but found a string at position 1",
        "+TRUE = 1                 | unary '+' needs a number but found a boolean at position 1",
        "(a = 1) + 1 = 2           | '+' needs a number but found a boolean at position 0",
    })
    void arithmeticNeedsNumbers(String selector, String problem) {
        assertEquals("Selector '" + selector + "': " + problem, rejection(selector));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "5                         | a selector needs a condition but found a number at position 0",
        "'abc'                     | a selector needs a condition but found a string at position 0",
        "a + 1                     | a selector needs a condition but found a number at position 0",
        "(1.5)                     | a selector needs a condition but found a number at position 0",
        "a AND 5                   | AND needs a condition but found a number at position 6",
        "'x' OR a                  | OR needs a condition but found a string at position 0",
        "a OR b OR 1 - c           | OR needs a condition but found a number at position 10",
        "NOT 'x'                   | NOT needs a condition but found a string at position 4",
        "NOT -a                    | NOT needs a condition but found a number at position 4",
    })
    void logicNeedsConditions(String selector, String problem) {
        assertEquals("Selector '" + selector + "': " + problem, rejection(selector));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'a' IN ('a')              | IN can only follow an identifier at position 0",
        "a + 1 NOT IN ('2')        | IN can only follow an identifier at position 0",
        "5 LIKE '5'                | LIKE can only follow an identifier at position 0",
        "1 IS NULL                 | IS NULL can only follow an identifier at position 0",
        "a + 1 IS NOT NULL         | IS NOT NULL can only follow an identifier at position 0",
        "(a = 1) IS NULL           | IS NULL can only follow an identifier at position 0",
    })
    void inLikeAndIsNullApplyToIdentifiers(String selector, String problem) {
        assertEquals("Selector '" + selector + "': " + problem, rejection(selector));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "a = 1 b              | unexpected identifier 'b' at position 6, expected AND, OR or the end of the selector",
        "a = 1)               | unexpected ')' at position 5, expected AND, OR or the end of the selector",
        "a IS NULL = TRUE     | unexpected '=' at position 10, expected AND, OR or the end of the selector",
        "a = b = c            | unexpected '=' at position 6, expected AND, OR or the end of the selector",
        "a = 'x' ESCAPE '!'   | unexpected keyword ESCAPE at position 8, expected AND, OR or the end of the selector",
        "(a = 1               | unexpected end at position 6, expected ')'",
        "((a = 1) OR b        | unexpected end at position 13, expected ')'",
        "()                   | unexpected ')' at position 1, expected an identifier, a literal or '('",
        "a == 1               | unexpected '=' at position 3, expected an identifier, a literal or '('",
        "a = 1 AND            | unexpected end at position 9, expected an identifier, a literal or '('",
        "a = 1 OR OR b = 2    | unexpected keyword OR at position 9, expected an identifier, a literal or '('",
        "a NOT 5              | unexpected number 5 at position 6, expected BETWEEN, IN or LIKE after NOT",
        "a NOT NULL           | unexpected keyword NULL at position 6, expected BETWEEN, IN or LIKE after NOT",
        "a IS 5               | unexpected number 5 at position 5, expected NOT or NULL",
        "a IS NOT 5           | unexpected number 5 at position 9, expected NULL",
        "a IS                 | unexpected end at position 4, expected NOT or NULL",
        "a IN ()              | unexpected ')' at position 6, expected a string literal",
        "a IN 'x'             | unexpected string literal 'x' at position 5, expected '('",
        "a IN ('x'            | unexpected end at position 9, expected ',' or ')'",
        "a IN ('x' 'y')       | unexpected string literal 'y' at position 10, expected ',' or ')'",
        "a IN ('x',)          | unexpected ')' at position 10, expected a string literal",
        "a BETWEEN 1 OR 2     | unexpected keyword OR at position 12, expected AND",
        "a BETWEEN 1          | unexpected end at position 11, expected AND",
        "a LIKE               | unexpected end at position 6, expected a string literal pattern",
        "a LIKE 'x' ESCAPE    | unexpected end at position 17, expected a string literal escape character",
        "a = 1 /* c */        | unexpected '*' at position 7, expected an identifier, a literal or '('",
        "TRUE FALSE           | unexpected keyword FALSE at position 5, expected AND, OR or the end of the selector",
    })
    void syntaxErrorsNameThePositionAndWhatWasExpected(String selector, String problem) {
        assertEquals("Selector '" + selector + "': " + problem, rejection(selector));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "a != 1               | unexpected character '!' at position 2, not equal is written <>",
        "a = 1 # x            | unexpected character '#' at position 6",
        "a = 'x               | unterminated string literal at position 4",
        "a = 'it''s           | unterminated string literal at position 4",
        "a.b = 1              | unexpected character '.' at position 1",
        "a = 1e               | malformed number '1e' at position 4",
        "a = 1e+              | malformed number '1e+' at position 4",
        "a = 08               | malformed number '08' at position 4",
        "a = 0x               | malformed number '0x' at position 4",
        "a = 0b2              | malformed number '0b2' at position 4",
        "a = 1_               | malformed number '1_' at position 4",
        "a = 0x_1             | malformed number '0x_1' at position 4",
        "a = 1.5.3            | malformed number '1.5.3' at position 4",
        "a = 12abc            | malformed number '12abc' at position 4",
        "a = 1e5L             | malformed number '1e5L' at position 4",
        "a = 0x1.8            | malformed number '0x1.8' at position 4",
        "a = 1 AND b = 2AND c | malformed number '2AND' at position 14",
        "a = 9223372036854775808    | number 9223372036854775808 is outside the range of long at position 4",
        "a = -9223372036854775809   | number -9223372036854775809 is outside the range of long at position 4",
        "a = 0x1_0000_0000_0000_0000 | number 0x1_0000_0000_0000_0000 is outside the range of long at position 4",
        "a = 1e309            | number 1e309 is outside the range of double at position 4",
        "a = 1e39f            | number 1e39f is outside the range of float at position 4",
        "a = 1e-400           | number 1e-400 is outside the range of double at position 4",
    })
    void lexicalErrorsNameThePosition(String selector, String problem) {
        assertEquals("Selector '" + selector + "': " + problem, rejection(selector));
    }

    @Test
    void stringLiteralsUseSingleQuotes() {
        assertEquals("Selector 'a = \"x\"': unexpected character '\"' at position 4", rejection("a = \"x\""));
    }

    @Test
    void whitespaceIsOnlyJavaWhitespace() {
        assertEquals("Selector 'a\u00a0= 1': unexpected character U+00A0 at position 1", rejection("a\u00a0= 1"));
        assertEquals("Selector 'a = 1\u2003': unexpected character U+2003 at position 5", rejection("a = 1\u2003"));
    }

    @Test
    void keywordsAreMatchedInAsciiOnly() {
        // dotless i upper-cases to I, but "ın" is an identifier, not the keyword IN
        parse("ın = 'x'");
        rejection("a ın ('x')");
    }

    @Test
    void nestingDeeperThanTheLimitIsRejectedNotOverflowed() {
        int limit = Parser.MAX_NESTING;
        parse("(".repeat(limit) + "a" + ")".repeat(limit));
        assertEquals("Selector '" + "(".repeat(limit + 1) + "a" + ")".repeat(limit + 1) + "': expression nested more "
                + "than " + limit + " deep at position " + limit,
                rejection("(".repeat(limit + 1) + "a" + ")".repeat(limit + 1)));
        parse("NOT ".repeat(limit) + "a");
        rejection("NOT ".repeat(limit + 1) + "a");
        rejection("a = " + "-".repeat(limit + 1) + "b");
        rejection("(".repeat(100_000));
    }
}
