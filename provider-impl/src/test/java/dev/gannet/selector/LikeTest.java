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

/**
 * Spec 3.8.1.1: {@code identifier [NOT] LIKE pattern [ESCAPE c]}: '_' is any one character, '%' any sequence
 * including the empty one, every other character stands for itself; the escape character takes the special
 * meaning from '_' and '%'.
 */
class LikeTest {

    private static boolean like(String pattern, String value) {
        return matches("v LIKE " + pattern, "v", value);
    }

    @ParameterizedTest(name = "{0} LIKE {1} is {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // the spec's examples
        "phone      | '12%3'                   | 123      | true",
        "phone      | '12%3'                   | 12993    | true",
        "phone      | '12%3'                   | 1234     | false",
        "word       | 'l_se'                   | lose     | true",
        "word       | 'l_se'                   | loose    | false",
        "underscore | '\\_%' ESCAPE '\\'       | _foo     | true",
        "underscore | '\\_%' ESCAPE '\\'       | bar      | false",
        // TCK likeTest01-08, likeTest17
        "t          | 'jms'                    | jms      | true",
        "t          | 's_lector'               | selector | true",
        "t          | 's%tor'                  | selector | true",
        "t          | '%'                      | foo      | true",
        "t          | 'A_fo_A%f%' ESCAPE 'A'   | _foo%foo | true",
        "t          | '\\__\\%%' ESCAPE '\\'   | _a%b     | true",
        "t          | '123'                    | 1234     | false",
        "t          | 'se_ector'               | seleector| false",
        "t          | 'A%fooA_' ESCAPE 'A'     | _foo%    | false",
        "t          | 'A%fooA_' ESCAPE 'A'     | %foo_    | true",
    })
    void wildcardsAndEscapesMatchAsTheSpecSays(String identifier, String pattern, String value, boolean matches) {
        assertEquals(matches, matches(identifier + " LIKE " + pattern, identifier, value));
    }

    @ParameterizedTest(name = "{0} NOT LIKE {1} is {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'12%3'                  | 123      | false",
        "'12%3'                  | 12993    | false",
        "'12%3'                  | 1234     | true",
        "'jms_foo'               | jms      | true",
        "'A_A_' ESCAPE 'A'       | _A       | true",
        "'12%'                   | 1234     | false",
        "'A_fooA%' ESCAPE 'A'    | _foo%    | false",
    })
    void notLikeIsTheNegationOfLike(String pattern, String value, boolean matches) {
        assertEquals(matches, matches("v NOT LIKE " + pattern, "v", value));
    }

    @Test
    void percentMatchesTheEmptySequenceAndUnderscoreExactlyOneCharacter() {
        assertTrue(like("'%'", ""));
        assertTrue(like("'a%'", "a"));
        assertTrue(like("'%a%'", "a"));
        assertTrue(like("'%%'", ""));
        assertFalse(like("'_'", ""));
        assertTrue(like("'_'", "x"));
        assertFalse(like("'_'", "xy"));
        assertTrue(like("'__'", "xy"));
        assertTrue(like("''", ""));
        assertFalse(like("''", "x"));
    }

    @Test
    void thePatternMustMatchTheWholeValue() {
        assertFalse(like("'bc'", "abcd"));
        assertTrue(like("'%bc%'", "abcd"));
        assertFalse(like("'abc'", "ABC"));
    }

    @ParameterizedTest(name = "{0} matches {1} only literally")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'a.c'      | a.c  | abc",
        "'a*'       | a*   | aaa",
        "'a+'       | a+   | aa",
        "'[ab]'     | [ab] | a",
        "\"'(a|b)'\" | \"(a|b)\" | a",
        "'^a$'      | ^a$  | a",
        "'a?'       | a?   | a",
        "'\\d'      | \\d  | 1",
        "'a\\Eb.'   | a\\Eb. | a\\Ebx",
        "'\\Q.'     | \\Q. | \\Qx",
        "'{1}'      | {1}  | 1",
    })
    void regularExpressionCharactersInThePatternStandForThemselves(String pattern, String literal, String other) {
        assertTrue(like(pattern, literal));
        assertFalse(like(pattern, other));
    }

    @Test
    void wildcardsMatchLineTerminators() {
        assertTrue(like("'a%b'", "a\nb"));
        assertTrue(like("'a_b'", "a\rb"));
        assertTrue(like("'%'", "\n\n"));
    }

    @Test
    void underscoreMatchesOneCodePoint() {
        assertTrue(like("'a_b'", "a😀b"));
    }

    @Test
    void theEscapeCharacterEscapesItself() {
        assertTrue(matches("v LIKE 'a!!b' ESCAPE '!'", "v", "a!b"));
        assertFalse(matches("v LIKE 'a!!b' ESCAPE '!'", "v", "a!!b"));
    }

    @Test
    void aRegularExpressionCharacterCanBeTheEscapeCharacter() {
        assertTrue(matches("v LIKE 'a.%' ESCAPE '.'", "v", "a%"));
        assertFalse(matches("v LIKE 'a.%' ESCAPE '.'", "v", "ab"));
        assertTrue(matches("v LIKE '$_%' ESCAPE '$'", "v", "_x"));
    }

    @Test
    void withoutAnEscapeClauseBackslashIsAnOrdinaryCharacter() {
        assertTrue(like("'\\_'", "\\x"));
        assertFalse(like("'\\_'", "_"));
    }

    @Test
    void likeOnANonStringValueIsUnknown() {
        // TCK likeTest20: LIKE on an int property does not match
        assertEquals(Truth.UNKNOWN, truth("myProp LIKE '1_3'", "myProp", 123));
        assertEquals(Truth.UNKNOWN, truth("myProp NOT LIKE '1_3'", "myProp", 123));
        assertTrue(matches("myProp LIKE '1_3'", "myProp", "123"));
    }

    @Test
    void likeOnNullIsUnknown() {
        assertEquals(Truth.UNKNOWN, truth("n LIKE '%'"));
        assertEquals(Truth.UNKNOWN, truth("n NOT LIKE '%'"));
    }

    @Test
    void anEscapeCharacterNotFollowedByAWildcardOrItselfIsRejected() {
        assertEquals("Selector 'v LIKE 'a!b' ESCAPE '!'': escape character '!' must be followed by '_', '%' or "
                + "itself, not 'b' at position 7", rejection("v LIKE 'a!b' ESCAPE '!'"));
        assertEquals("Selector 'v LIKE 'a!' ESCAPE '!'': LIKE pattern ends with its escape character '!' at "
                + "position 7", rejection("v LIKE 'a!' ESCAPE '!'"));
    }

    @Test
    void theEscapeMustBeExactlyOneCharacter() {
        assertEquals("Selector 'v LIKE 'a' ESCAPE '!!'': ESCAPE needs exactly one character, not '!!' at position "
                + "18", rejection("v LIKE 'a' ESCAPE '!!'"));
        assertEquals("Selector 'v LIKE 'a' ESCAPE ''': ESCAPE needs exactly one character, not '' at position 18",
                rejection("v LIKE 'a' ESCAPE ''"));
        assertTrue(matches("v LIKE 'a😀_' ESCAPE '😀'", "v", "a_"));
    }

    @Test
    void thePatternMustBeAStringLiteral() {
        // TCK likeTest21
        assertEquals("Selector 'myProp LIKE 7': unexpected number 7 at position 12, expected a string literal "
                + "pattern", rejection("myProp LIKE 7"));
        rejection("myProp LIKE other");
        rejection("myProp LIKE ('a')");
    }

    @Test
    void likeAppliesOnlyToAnIdentifier() {
        assertEquals("Selector ''abc' LIKE 'a%'': LIKE can only follow an identifier at position 0",
                rejection("'abc' LIKE 'a%'"));
        rejection("a + 1 LIKE '1'");
    }
}
