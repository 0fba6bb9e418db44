package dev.gannet.selector;

/** The binary arithmetic operators, evaluated with Java numeric promotion (spec 3.8.1.1). */
enum ArithmeticOperator {
    PLUS("+"), MINUS("-"), TIMES("*"), DIVIDE("/");

    private final String symbol;

    ArithmeticOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    /**
     * The result in the promoted type: int and long arithmetic wraps as in Java, float and double follow IEEE 754.
     * Null (unknown) when an operand is null or not a number, and for integer division by zero.
     */
    Number apply(Object left, Object right) {
        NumericType leftType = NumericType.of(left);
        NumericType rightType = NumericType.of(right);
        if (leftType == null || rightType == null) {
            return null;
        }
        Number l = (Number) left;
        Number r = (Number) right;
        return switch (NumericType.promote(leftType, rightType)) {
            case INT -> ints(l.intValue(), r.intValue());
            case LONG -> longs(l.longValue(), r.longValue());
            case FLOAT -> floats(l.floatValue(), r.floatValue());
            case DOUBLE -> doubles(l.doubleValue(), r.doubleValue());
        };
    }

    private Integer ints(int l, int r) {
        return switch (this) {
            case PLUS -> l + r;
            case MINUS -> l - r;
            case TIMES -> l * r;
            case DIVIDE -> r == 0 ? null : Integer.valueOf(l / r);
        };
    }

    private Long longs(long l, long r) {
        return switch (this) {
            case PLUS -> l + r;
            case MINUS -> l - r;
            case TIMES -> l * r;
            case DIVIDE -> r == 0 ? null : Long.valueOf(l / r);
        };
    }

    private Float floats(float l, float r) {
        return switch (this) {
            case PLUS -> l + r;
            case MINUS -> l - r;
            case TIMES -> l * r;
            case DIVIDE -> l / r;
        };
    }

    private Double doubles(double l, double r) {
        return switch (this) {
            case PLUS -> l + r;
            case MINUS -> l - r;
            case TIMES -> l * r;
            case DIVIDE -> l / r;
        };
    }
}
