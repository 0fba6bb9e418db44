package dev.gannet.selector;

/**
 * The comparison operators of spec 3.8.1.1. Numbers of any type compare after Java numeric promotion; strings and
 * booleans compare only for equality; values of unlike types compare false; a null operand makes the result unknown.
 */
enum ComparisonOperator {
    EQUAL("="), NOT_EQUAL("<>"), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    boolean isEquality() {
        return this == EQUAL || this == NOT_EQUAL;
    }

    Truth apply(Object left, Object right) {
        if (left == null || right == null) {
            return Truth.UNKNOWN;
        }
        NumericType leftType = NumericType.of(left);
        NumericType rightType = NumericType.of(right);
        if (leftType != null && rightType != null) {
            return Truth.of(compare(NumericType.promote(leftType, rightType), (Number) left, (Number) right));
        }
        boolean likeTypes = left instanceof String && right instanceof String
                || left instanceof Boolean && right instanceof Boolean;
        if (!likeTypes || !isEquality()) {
            return Truth.FALSE;
        }
        return Truth.of(left.equals(right) == (this == EQUAL));
    }

    private boolean compare(NumericType type, Number left, Number right) {
        return switch (type) {
            case INT, LONG -> test(left.longValue(), right.longValue());
            // a float widens to double exactly, so comparing the widened values is comparing the floats
            case FLOAT -> test(left.floatValue(), (double) right.floatValue());
            case DOUBLE -> test(left.doubleValue(), right.doubleValue());
        };
    }

    private boolean test(long left, long right) {
        return switch (this) {
            case EQUAL -> left == right;
            case NOT_EQUAL -> left != right;
            case LESS -> left < right;
            case LESS_OR_EQUAL -> left <= right;
            case GREATER -> left > right;
            case GREATER_OR_EQUAL -> left >= right;
        };
    }

    /** Java's operators, so NaN is unequal to everything and unordered. */
    private boolean test(double left, double right) {
        return switch (this) {
            case EQUAL -> left == right;
            case NOT_EQUAL -> left != right;
            case LESS -> left < right;
            case LESS_OR_EQUAL -> left <= right;
            case GREATER -> left > right;
            case GREATER_OR_EQUAL -> left >= right;
        };
    }
}
