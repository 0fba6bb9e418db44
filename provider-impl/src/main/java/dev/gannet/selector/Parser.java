package dev.gannet.selector;

import dev.gannet.selector.Expression.And;
import dev.gannet.selector.Expression.Arithmetic;
import dev.gannet.selector.Expression.Between;
import dev.gannet.selector.Expression.Comparison;
import dev.gannet.selector.Expression.Identifier;
import dev.gannet.selector.Expression.In;
import dev.gannet.selector.Expression.IsNull;
import dev.gannet.selector.Expression.Like;
import dev.gannet.selector.Expression.Literal;
import dev.gannet.selector.Expression.Not;
import dev.gannet.selector.Expression.Or;
import dev.gannet.selector.Expression.Unary;
import jakarta.jms.InvalidSelectorException;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for the selector grammar of spec 3.8.1.1, from lowest precedence to highest:
 *
 * <pre>
 * selector       = or END                      (and must be a condition)
 * or             = and { OR and }
 * and            = not { AND not }
 * not            = NOT not | predicate
 * predicate      = additive [ ( = | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;= ) additive
 *                           | [NOT] BETWEEN additive AND additive
 *                           | [NOT] IN ( string { , string } )
 *                           | [NOT] LIKE string [ ESCAPE string ]
 *                           | IS [NOT] NULL ]
 * additive       = multiplicative { ( + | - ) multiplicative }
 * multiplicative = unary { ( * | / ) unary }
 * unary          = ( + | - ) unary | primary
 * primary        = ( or ) | identifier | string | number | TRUE | FALSE
 * </pre>
 *
 * Types are checked as far as they are known without a message: literals, header fields and operator results
 * have a type, properties do not. Mistyped operands, IN/LIKE/IS NULL on something other than an identifier, and
 * NULL outside IS [NOT] NULL are rejected with an {@link InvalidSelectorException}.
 */
final class Parser {

    /** Deepest nesting of parentheses, NOT and signs: bounds the recursion of parsing and of evaluation. */
    static final int MAX_NESTING = 200;

    private final String text;
    private final List<Token> tokens;
    private int next; // index of the first unread token
    private int nesting;

    private Parser(String text, List<Token> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    /** The condition a selector text stands for; the text must not be empty. */
    static Expression parse(String text) throws InvalidSelectorException {
        Parser parser = new Parser(text, new Lexer(text).tokenize());
        Token start = parser.peek();
        Expression condition = parser.or();
        Token end = parser.peek();
        if (end.kind() != TokenKind.END) {
            throw parser.unexpected(end, "AND, OR or the end of the selector");
        }
        return parser.requireCondition(condition, start, "a selector");
    }

    private Expression or() throws InvalidSelectorException {
        Token start = peek();
        Expression first = and();
        if (peek().kind() != TokenKind.OR) {
            return first;
        }
        List<Expression> operands = new ArrayList<>();
        operands.add(requireCondition(first, start, "OR"));
        while (accept(TokenKind.OR)) {
            Token operandStart = peek();
            operands.add(requireCondition(and(), operandStart, "OR"));
        }
        return new Or(List.copyOf(operands));
    }

    private Expression and() throws InvalidSelectorException {
        Token start = peek();
        Expression first = not();
        if (peek().kind() != TokenKind.AND) {
            return first;
        }
        List<Expression> operands = new ArrayList<>();
        operands.add(requireCondition(first, start, "AND"));
        while (accept(TokenKind.AND)) {
            Token operandStart = peek();
            operands.add(requireCondition(not(), operandStart, "AND"));
        }
        return new And(List.copyOf(operands));
    }

    private Expression not() throws InvalidSelectorException {
        Token not = peek();
        if (!accept(TokenKind.NOT)) {
            return predicate();
        }
        Token operandStart = peek();
        Expression operand = nested(not, this::not);
        return new Not(requireCondition(operand, operandStart, "NOT"));
    }

    private Expression predicate() throws InvalidSelectorException {
        Token start = peek();
        Expression left = additive();
        Token operator = peek();
        switch (operator.kind()) {
            case EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL:
                return comparison(left, start);
            case BETWEEN:
                return between(left, start, false);
            case IN:
                return in(left, start, false);
            case LIKE:
                return like(left, start, false);
            case IS:
                return isNull(left, start);
            case NOT:
                advance();
                switch (peek().kind()) {
                    case BETWEEN:
                        return between(left, start, true);
                    case IN:
                        return in(left, start, true);
                    case LIKE:
                        return like(left, start, true);
                    default:
                        throw unexpected(peek(), "BETWEEN, IN or LIKE after NOT");
                }
            default:
                return left;
        }
    }

    private Expression comparison(Expression left, Token start) throws InvalidSelectorException {
        Token token = advance();
        ComparisonOperator operator = comparisonOperator(token.kind());
        Token rightStart = peek();
        Expression right = additive();
        if (operator.isEquality()) {
            ValueType leftType = left.type();
            ValueType rightType = right.type();
            if (leftType != ValueType.UNKNOWN && rightType != ValueType.UNKNOWN && leftType != rightType) {
                throw Selector.invalid(text, "'" + operator.symbol() + "' cannot compare " + leftType.description()
                        + " with " + rightType.description(), token.position());
            }
        } else {
            requireNumber(left, start, "'" + operator.symbol() + "'");
            requireNumber(right, rightStart, "'" + operator.symbol() + "'");
        }
        return new Comparison(operator, left, right);
    }

    private Expression between(Expression value, Token start, boolean negated) throws InvalidSelectorException {
        advance();
        requireNumber(value, start, "BETWEEN");
        Token lowerStart = peek();
        Expression lower = requireNumber(additive(), lowerStart, "BETWEEN");
        expect(TokenKind.AND, "AND");
        Token upperStart = peek();
        Expression upper = requireNumber(additive(), upperStart, "BETWEEN");
        return new Between(value, lower, upper, negated);
    }

    private Expression in(Expression left, Token start, boolean negated) throws InvalidSelectorException {
        advance();
        Identifier identifier = requireStringIdentifier(left, start, "IN");
        expect(TokenKind.LEFT_PAREN, "'('");
        List<String> values = new ArrayList<>();
        do {
            values.add((String) expect(TokenKind.STRING, "a string literal").value());
        } while (accept(TokenKind.COMMA));
        expect(TokenKind.RIGHT_PAREN, "',' or ')'");
        return new In(identifier, List.copyOf(values), negated);
    }

    private Expression like(Expression left, Token start, boolean negated) throws InvalidSelectorException {
        advance();
        Identifier identifier = requireStringIdentifier(left, start, "LIKE");
        Token pattern = expect(TokenKind.STRING, "a string literal pattern");
        String escape = null;
        if (accept(TokenKind.ESCAPE)) {
            Token escapeToken = expect(TokenKind.STRING, "a string literal escape character");
            escape = (String) escapeToken.value();
            if (escape.codePointCount(0, escape.length()) != 1) {
                throw Selector.invalid(text, "ESCAPE needs exactly one character, not " + escapeToken.image(),
                        escapeToken.position());
            }
        }
        try {
            return new Like(identifier, LikePattern.compile((String) pattern.value(), escape), negated);
        } catch (IllegalArgumentException e) {
            throw Selector.invalid(text, e.getMessage(), pattern.position());
        }
    }

    private Expression isNull(Expression left, Token start) throws InvalidSelectorException {
        advance();
        boolean negated = accept(TokenKind.NOT);
        expect(TokenKind.NULL, negated ? "NULL" : "NOT or NULL");
        return new IsNull(requireIdentifier(left, start, negated ? "IS NOT NULL" : "IS NULL"), negated);
    }

    private Expression additive() throws InvalidSelectorException {
        Token start = peek();
        Expression first = multiplicative();
        List<Arithmetic.Step> steps = new ArrayList<>();
        while (peek().kind() == TokenKind.PLUS || peek().kind() == TokenKind.MINUS) {
            steps.add(step(first, start, this::multiplicative));
        }
        return steps.isEmpty() ? first : new Arithmetic(first, List.copyOf(steps));
    }

    private Expression multiplicative() throws InvalidSelectorException {
        Token start = peek();
        Expression first = unary();
        List<Arithmetic.Step> steps = new ArrayList<>();
        while (peek().kind() == TokenKind.TIMES || peek().kind() == TokenKind.DIVIDE) {
            steps.add(step(first, start, this::unary));
        }
        return steps.isEmpty() ? first : new Arithmetic(first, List.copyOf(steps));
    }

    /** One operator and its right operand; checks that both operands can be numbers. */
    private Arithmetic.Step step(Expression first, Token firstStart, Production operand)
            throws InvalidSelectorException {
        Token token = advance();
        String name = "'" + token.image() + "'";
        requireNumber(first, firstStart, name);
        Token operandStart = peek();
        Expression right = requireNumber(operand.parse(), operandStart, name);
        return new Arithmetic.Step(arithmeticOperator(token.kind()), right);
    }

    private Expression unary() throws InvalidSelectorException {
        Token sign = peek();
        if (sign.kind() != TokenKind.PLUS && sign.kind() != TokenKind.MINUS) {
            return primary();
        }
        advance();
        return nested(sign, () -> signed(sign));
    }

    /** The operand of a sign; a sign before a numeric literal is folded into the literal. */
    private Expression signed(Token sign) throws InvalidSelectorException {
        boolean minus = sign.kind() == TokenKind.MINUS;
        Token operandStart = peek();
        if (operandStart.kind() == TokenKind.INTEGER) {
            advance();
            return integer(operandStart, minus, sign);
        }
        Expression operand = requireNumber(unary(), operandStart, "unary '" + sign.image() + "'");
        if (operand instanceof Literal literal) {
            Number number = (Number) literal.value();
            NumericType type = NumericType.of(number);
            return new Literal(minus ? type.negate(number) : type.convert(number));
        }
        return new Unary(minus ? ArithmeticOperator.MINUS : ArithmeticOperator.PLUS, operand);
    }

    private Expression primary() throws InvalidSelectorException {
        Token token = advance();
        switch (token.kind()) {
            case LEFT_PAREN: {
                Expression inner = nested(token, this::or);
                expect(TokenKind.RIGHT_PAREN, "')'");
                return inner;
            }
            case IDENTIFIER:
                return new Identifier(token.image());
            case STRING:
            case FLOAT:
                return new Literal(token.value());
            case INTEGER:
                return integer(token, false, token);
            case TRUE:
                return new Literal(Boolean.TRUE);
            case FALSE:
                return new Literal(Boolean.FALSE);
            case NULL:
                throw Selector.invalid(text, "NULL may only be used in IS NULL and IS NOT NULL", token.position());
            default:
                throw unexpected(token, "an identifier, a literal or '('");
        }
    }

    private Expression integer(Token literal, boolean negated, Token start) throws InvalidSelectorException {
        Number value = ((IntegerLiteral) literal.value()).value(negated);
        if (value == null) {
            throw Selector.invalid(text, "number " + (negated ? "-" : "") + literal.image()
                    + " is outside the range of long", start.position());
        }
        return new Literal(value);
    }

    private Expression requireCondition(Expression expression, Token start, String context)
            throws InvalidSelectorException {
        if (!expression.type().mayBe(ValueType.BOOLEAN)) {
            throw Selector.invalid(text, context + " needs a condition but found " + expression.type().description(),
                    start.position());
        }
        return expression;
    }

    private Expression requireNumber(Expression expression, Token start, String context)
            throws InvalidSelectorException {
        if (!expression.type().mayBe(ValueType.NUMBER)) {
            throw Selector.invalid(text, context + " needs a number but found " + expression.type().description(),
                    start.position());
        }
        return expression;
    }

    private Identifier requireIdentifier(Expression expression, Token start, String context)
            throws InvalidSelectorException {
        if (!(expression instanceof Identifier identifier)) {
            throw Selector.invalid(text, context + " can only follow an identifier", start.position());
        }
        return identifier;
    }

    private Identifier requireStringIdentifier(Expression expression, Token start, String context)
            throws InvalidSelectorException {
        Identifier identifier = requireIdentifier(expression, start, context);
        if (!identifier.type().mayBe(ValueType.STRING)) {
            throw Selector.invalid(text, context + " needs a string but " + identifier.name() + " is "
                    + identifier.type().description(), start.position());
        }
        return identifier;
    }

    /** Parses what an opening parenthesis, NOT or sign governs, one level deeper. */
    private Expression nested(Token opening, Production production) throws InvalidSelectorException {
        if (nesting == MAX_NESTING) {
            throw Selector.invalid(text, "expression nested more than " + MAX_NESTING + " deep", opening.position());
        }
        nesting++;
        try {
            return production.parse();
        } finally {
            nesting--;
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    /** The next token, consumed unless it is the END token. */
    private Token advance() {
        Token token = tokens.get(next);
        if (token.kind() != TokenKind.END) {
            next++;
        }
        return token;
    }

    private boolean accept(TokenKind kind) {
        if (peek().kind() != kind) {
            return false;
        }
        advance();
        return true;
    }

    private Token expect(TokenKind kind, String expected) throws InvalidSelectorException {
        Token token = peek();
        if (token.kind() != kind) {
            throw unexpected(token, expected);
        }
        return advance();
    }

    private InvalidSelectorException unexpected(Token token, String expected) {
        return Selector.invalid(text, "unexpected " + token.describe(), token.position(), "expected " + expected);
    }

    private static ComparisonOperator comparisonOperator(TokenKind kind) {
        return switch (kind) {
            case EQUAL -> ComparisonOperator.EQUAL;
            case NOT_EQUAL -> ComparisonOperator.NOT_EQUAL;
            case LESS -> ComparisonOperator.LESS;
            case LESS_OR_EQUAL -> ComparisonOperator.LESS_OR_EQUAL;
            case GREATER -> ComparisonOperator.GREATER;
            default -> ComparisonOperator.GREATER_OR_EQUAL;
        };
    }

    private static ArithmeticOperator arithmeticOperator(TokenKind kind) {
        return switch (kind) {
            case PLUS -> ArithmeticOperator.PLUS;
            case MINUS -> ArithmeticOperator.MINUS;
            case TIMES -> ArithmeticOperator.TIMES;
            default -> ArithmeticOperator.DIVIDE;
        };
    }

    /** A grammar rule, so that nesting can be counted around it. */
    @FunctionalInterface
    private interface Production {
        Expression parse() throws InvalidSelectorException;
    }
}
