package dev.gannet.selector;

import jakarta.jms.InvalidSelectorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.gannet.selector.Selectors.matches;
import static dev.gannet.selector.Selectors.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public face: parsing, the empty selector, matching, identity. */
class SelectorTest {

    @ParameterizedTest(name = "[{0}]")
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n\r\f "})
    void anEmptySelectorIsNoSelectorAndMatchesEveryMessage(String text) throws InvalidSelectorException {
        // spec 3.8.1.1: an empty selector is treated as null, "no selector"; TCK nullTest11
        assertTrue(Selector.isEmpty(text));
        Selector selector = Selector.parse(text);
        assertEquals("", selector.text());
        assertTrue(selector.matches(TestMessage.with()));
        assertTrue(selector.matches(TestMessage.with("a", 1)));
    }

    @Test
    void aSelectorWithContentIsNotEmpty() {
        assertFalse(Selector.isEmpty("a"));
        assertFalse(Selector.isEmpty("  TRUE "));
        assertFalse(Selector.isEmpty("\u00a0"));
    }

    @Test
    void parseKeepsTheTextAsGiven() {
        Selector selector = parse("  a = 1 ");
        assertEquals("  a = 1 ", selector.text());
        assertEquals("Selector '  a = 1 '", selector.toString());
    }

    @Test
    void selectorsWithTheSameTextAreEqual() {
        assertEquals(parse("a = 1"), parse("a = 1"));
        assertEquals(parse("a = 1").hashCode(), parse("a = 1").hashCode());
        assertNotEquals(parse("a = 1"), parse("a=1"));
        assertEquals(parse(null), parse(""));
    }

    @Test
    void matchesRequiresAMessage() {
        assertThrows(NullPointerException.class, () -> parse("a").matches(null));
    }

    @Test
    void aSelectorIsReusableAcrossMessages() {
        Selector selector = parse("color = 'blue' AND weight > 2500");
        assertTrue(selector.matches(TestMessage.with("color", "blue", "weight", 2501)));
        assertFalse(selector.matches(TestMessage.with("color", "red", "weight", 2501)));
        assertTrue(selector.matches(TestMessage.with("color", "blue", "weight", 2600.5)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"p = 1", "p <> 'x'", "p < 1", "-p = 1", "p * 2 / 0 = 1", "p BETWEEN 1 AND 2",
        "p IN ('x')", "p LIKE '%'", "p IS NULL", "NOT p", "p AND q OR NOT q", "(p = q) = TRUE", "p / q > 0"})
    void matchingNeverThrowsWhateverTheValues(String text) {
        Selector selector = parse(text);
        Object[] values = {null, "", "x", 0, -1, Integer.MIN_VALUE, Long.MAX_VALUE, 0.0f, Double.NaN,
            Double.POSITIVE_INFINITY, true, false, (byte) 0, (short) 0, 'c', new byte[0], new Object(),
            new java.math.BigDecimal("1"), List.of()};
        for (Object p : values) {
            for (Object q : values) {
                selector.matches(TestMessage.with("p", p, "q", q));
            }
        }
    }

    @Test
    void selectorsAreEvaluatedOnlyOnDemandOfTheFilterable() {
        // a selector asks the message for just the identifiers it needs, in order, stopping early
        StringBuilder asked = new StringBuilder();
        parse("a = 1 OR b = 2 OR c = 3").matches(identifier -> {
            asked.append(identifier);
            return identifier.equals("b") ? 2 : null;
        });
        assertEquals("ab", asked.toString());
    }

    @Test
    @Timeout(10)
    void longChainsOfOperatorsEvaluateWithoutDeepRecursion() {
        String or = IntStream.range(0, 20_000).mapToObj(i -> "a = " + i).collect(Collectors.joining(" OR "));
        assertTrue(matches(or, "a", 19_999));
        String and = IntStream.range(0, 20_000).mapToObj(i -> "a <> " + i).collect(Collectors.joining(" AND "));
        assertTrue(matches(and, "a", -1));
        String sum = "a" + " + 1".repeat(20_000) + " = 20000";
        assertTrue(matches(sum, "a", 0));
    }

    @Test
    void aSelectorIsSafeToShareBetweenThreads() {
        Selector selector = parse("n LIKE 'item-%5' AND n NOT IN ('item-5') AND v BETWEEN 0 AND 1000000");
        long matched = IntStream.range(0, 100_000).parallel()
                .filter(i -> selector.matches(TestMessage.with("n", "item-" + i, "v", i)))
                .count();
        assertEquals(10_000 - 1, matched);
    }

    @Test
    void invalidSelectorExceptionIsTheJmsException() {
        InvalidSelectorException e = assertThrows(InvalidSelectorException.class, () -> Selector.parse("a ="));
        assertTrue(e.getMessage().startsWith("Selector 'a =': "), e.getMessage());
    }
}
