package dev.gannet.selector;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A node of a parsed selector. Nodes are immutable, built once by the {@link Parser}, and shared by every
 * evaluation. {@code toString} renders a node fully parenthesised, in selector syntax.
 */
sealed interface Expression {

    /**
     * The node's value for one message: a Boolean, Number or String, or null for SQL's NULL / unknown
     * (spec 3.8.1.2). Never throws: runtime type mismatches and integer division by zero yield false or unknown
     * as the operator defines.
     */
    Object evaluate(Filterable message);

    /** What the node yields as far as is known without a message. */
    ValueType type();

    /** A string, numeric or boolean literal. */
    record Literal(Object value) implements Expression {

        @Override
        public Object evaluate(Filterable message) {
            return value;
        }

        @Override
        public ValueType type() {
            return ValueType.of(value);
        }

        static String quote(String string) {
            return "'" + string.replace("'", "''") + "'";
        }

        @Override
        public String toString() {
            if (value instanceof String string) {
                return quote(string);
            }
            if (value instanceof Boolean b) {
                return b ? "TRUE" : "FALSE";
            }
            if (value instanceof Long) {
                return value + "L";
            }
            return value instanceof Float ? value + "f" : String.valueOf(value);
        }
    }

    /** A header field or property reference; case sensitive. */
    record Identifier(String name) implements Expression {

        @Override
        public Object evaluate(Filterable message) {
            return message.valueOf(name);
        }

        @Override
        public ValueType type() {
            return HeaderField.typeOf(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Unary plus or minus: the operand promoted as Java does, and negated for minus; unknown for a non-number. */
    record Unary(ArithmeticOperator sign, Expression operand) implements Expression {

        @Override
        public Object evaluate(Filterable message) {
            Object value = operand.evaluate(message);
            NumericType type = NumericType.of(value);
            if (type == null) {
                return null;
            }
            return sign == ArithmeticOperator.MINUS ? type.negate((Number) value) : type.convert((Number) value);
        }

        @Override
        public ValueType type() {
            return ValueType.NUMBER;
        }

        @Override
        public String toString() {
            return "(" + sign.symbol() + operand + ")";
        }
    }

    /**
     * A left-associative chain of operators of one precedence level, {@code first op1 e1 op2 e2 ...}, evaluated
     * left to right without recursion.
     */
    record Arithmetic(Expression first, List<Step> steps) implements Expression {

        record Step(ArithmeticOperator operator, Expression operand) {
        }

        @Override
        public Object evaluate(Filterable message) {
            Object result = first.evaluate(message);
            for (Step step : steps) {
                if (result == null) {
                    return null;
                }
                result = step.operator().apply(result, step.operand().evaluate(message));
            }
            return result;
        }

        @Override
        public ValueType type() {
            return ValueType.NUMBER;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("(").append(first);
            for (Step step : steps) {
                text.append(' ').append(step.operator().symbol()).append(' ').append(step.operand());
            }
            return text.append(')').toString();
        }
    }

    record Comparison(ComparisonOperator operator, Expression left, Expression right) implements Expression {

        @Override
        public Object evaluate(Filterable message) {
            return operator.apply(left.evaluate(message), right.evaluate(message)).toValue();
        }

        @Override
        public ValueType type() {
            return ValueType.BOOLEAN;
        }

        @Override
        public String toString() {
            return "(" + left + " " + operator.symbol() + " " + right + ")";
        }
    }

    /**
     * {@code value [NOT] BETWEEN lower AND upper}, which means {@code value >= lower AND value <= upper}, or
     * {@code value < lower OR value > upper} with NOT (spec 3.8.1.1), including for null and mistyped values.
     */
    record Between(Expression value, Expression lower, Expression upper, boolean negated) implements Expression {

        @Override
        public Object evaluate(Filterable message) {
            Object v = value.evaluate(message);
            Object low = lower.evaluate(message);
            Object high = upper.evaluate(message);
            if (negated) {
                return ComparisonOperator.LESS.apply(v, low).or(ComparisonOperator.GREATER.apply(v, high)).toValue();
            }
            Truth atLeastLower = ComparisonOperator.GREATER_OR_EQUAL.apply(v, low);
            return atLeastLower.and(ComparisonOperator.LESS_OR_EQUAL.apply(v, high)).toValue();
        }

        @Override
        public ValueType type() {
            return ValueType.BOOLEAN;
        }

        @Override
        public String toString() {
            return "(" + value + (negated ? " NOT" : "") + " BETWEEN " + lower + " AND " + upper + ")";
        }
    }

    /** {@code identifier [NOT] IN ('a', 'b', ...)}: unknown unless the identifier's value is a string. */
    record In(Identifier identifier, List<String> values, boolean negated) implements Expression {

        @Override
        public Object evaluate(Filterable message) {
            if (!(identifier.evaluate(message) instanceof String value)) {
                return null;
            }
            return values.contains(value) != negated;
        }

        @Override
        public ValueType type() {
            return ValueType.BOOLEAN;
        }

        @Override
        public String toString() {
            return "(" + identifier + (negated ? " NOT" : "") + " IN "
                    + values.stream().map(Literal::quote).collect(Collectors.joining(", ", "(", ")")) + ")";
        }
    }

    /** {@code identifier [NOT] LIKE pattern [ESCAPE c]}: unknown unless the identifier's value is a string. */
    record Like(Identifier identifier, LikePattern pattern, boolean negated) implements Expression {

        @Override
        public Object evaluate(Filterable message) {
            if (!(identifier.evaluate(message) instanceof String value)) {
                return null;
            }
            return pattern.matches(value) != negated;
        }

        @Override
        public ValueType type() {
            return ValueType.BOOLEAN;
        }

        @Override
        public String toString() {
            return "(" + identifier + (negated ? " NOT" : "") + " LIKE " + pattern + ")";
        }
    }

    /** {@code identifier IS [NOT] NULL}: never unknown. */
    record IsNull(Identifier identifier, boolean negated) implements Expression {

        @Override
        public Object evaluate(Filterable message) {
            return (identifier.evaluate(message) == null) != negated;
        }

        @Override
        public ValueType type() {
            return ValueType.BOOLEAN;
        }

        @Override
        public String toString() {
            return "(" + identifier + (negated ? " IS NOT NULL)" : " IS NULL)");
        }
    }

    record Not(Expression operand) implements Expression {

        @Override
        public Object evaluate(Filterable message) {
            return Truth.of(operand.evaluate(message)).not().toValue();
        }

        @Override
        public ValueType type() {
            return ValueType.BOOLEAN;
        }

        @Override
        public String toString() {
            return "(NOT " + operand + ")";
        }
    }

    /** Two or more conditions; stops at the first false one. */
    record And(List<Expression> operands) implements Expression {

        @Override
        public Object evaluate(Filterable message) {
            Truth result = Truth.TRUE;
            for (Expression operand : operands) {
                result = result.and(Truth.of(operand.evaluate(message)));
                if (result == Truth.FALSE) {
                    break;
                }
            }
            return result.toValue();
        }

        @Override
        public ValueType type() {
            return ValueType.BOOLEAN;
        }

        @Override
        public String toString() {
            return operands.stream().map(String::valueOf).collect(Collectors.joining(" AND ", "(", ")"));
        }
    }

    /** Two or more conditions; stops at the first true one. */
    record Or(List<Expression> operands) implements Expression {

        @Override
        public Object evaluate(Filterable message) {
            Truth result = Truth.FALSE;
            for (Expression operand : operands) {
                result = result.or(Truth.of(operand.evaluate(message)));
                if (result == Truth.TRUE) {
                    break;
                }
            }
            return result.toValue();
        }

        @Override
        public ValueType type() {
            return ValueType.BOOLEAN;
        }

        @Override
        public String toString() {
            return operands.stream().map(String::valueOf).collect(Collectors.joining(" OR ", "(", ")"));
        }
    }
}
