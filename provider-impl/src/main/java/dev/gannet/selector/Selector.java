package dev.gannet.selector;

import jakarta.jms.InvalidSelectorException;

import java.util.Objects;

/**
 * A message selector (Jakarta Messaging 3.1, section 3.8), parsed once into an immutable expression tree and
 * evaluated over the {@link Filterable} view of each message. Instances are immutable and safe to share between
 * threads; the broker may cache them, but per broker instance, never statically.
 *
 * <p>A null, empty or all-whitespace text means "no selector" (3.8.1.1): {@link #parse} returns a selector that
 * matches every message, and {@link #isEmpty} tells callers that want to store no selector at all.
 *
 * <p>Evaluation follows SQL's three-valued logic (3.8.1.2): a message matches only when the selector is true,
 * not when it is false or unknown. Values are never converted between types: comparing values of unlike types
 * (a string property with a number, say) is false, arithmetic on a non-number is unknown, as is integer division
 * by zero; IN and LIKE are unknown unless the identifier's value is a string; a property used as a condition is
 * unknown unless its value is a boolean. {@link #matches} never throws for any message content.
 *
 * <p>Identifiers other than the six header fields spec 3.8.1.1 allows (JMSDeliveryMode, JMSPriority,
 * JMSMessageID, JMSTimestamp, JMSCorrelationID, JMSType) are property references, even when their names begin
 * with JMS; what they evaluate to is the {@link Filterable}'s answer for that name.
 */
public final class Selector {

    private static final Selector MATCH_ALL = new Selector("", new Expression.Literal(Boolean.TRUE));

    private final String text;
    private final Expression condition;

    private Selector(String text, Expression condition) {
        this.text = text;
        this.condition = condition;
    }

    /**
     * Parses a selector, checking its syntax and, as far as they are known without a message, its types.
     *
     * @param text the selector; null, empty or whitespace only for one that matches every message
     * @return the parsed selector
     * @throws InvalidSelectorException when the text is not a valid selector; the message quotes the selector
     *                                  and names the position (counted from 0) and what was wrong or expected
     */
    public static Selector parse(String text) throws InvalidSelectorException {
        if (isEmpty(text)) {
            return MATCH_ALL;
        }
        return new Selector(text, Parser.parse(text));
    }

    /** Whether the text means "no selector": null, empty, or only whitespace (space, tab, form feed, line ends). */
    public static boolean isEmpty(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Lexer.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the selector is true for the message; false when it is false or unknown. */
    public boolean matches(Filterable message) {
        Objects.requireNonNull(message, "message");
        return Truth.of(condition.evaluate(message)) == Truth.TRUE;
    }

    /** The selector as given to {@link #parse}; empty for the selector that matches every message. */
    public String text() {
        return text;
    }

    /** The parsed condition, fully parenthesised: shows how precedence grouped the text. */
    Expression condition() {
        return condition;
    }

    /** Two selectors are equal when their texts are; for telling whether a subscription's selector changed. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Selector selector && selector.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "Selector '" + text + "'";
    }

    /** {@code Selector '<text>': <problem> at position <n>}. */
    static InvalidSelectorException invalid(String text, String problem, int position) {
        return new InvalidSelectorException("Selector '" + text + "': " + problem + " at position " + position);
    }

    /** {@code Selector '<text>': <problem> at position <n>, <expectation>}. */
    static InvalidSelectorException invalid(String text, String problem, int position, String expectation) {
        return new InvalidSelectorException(
                "Selector '" + text + "': " + problem + " at position " + position + ", " + expectation);
    }
}
