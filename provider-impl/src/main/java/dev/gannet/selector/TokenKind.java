package dev.gannet.selector;

/** The lexical tokens of a selector. */
enum TokenKind {
    IDENTIFIER, STRING, INTEGER, FLOAT,

    NOT(true), AND(true), OR(true), BETWEEN(true), LIKE(true), IN(true), IS(true), ESCAPE(true),
    NULL(true), TRUE(true), FALSE(true),

    EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL,
    PLUS, MINUS, TIMES, DIVIDE, LEFT_PAREN, RIGHT_PAREN, COMMA,

    END;

    private final boolean keyword;

    TokenKind() {
        this(false);
    }

    TokenKind(boolean keyword) {
        this.keyword = keyword;
    }

    /** A reserved word: written in any case, never an identifier (spec 3.8.1.1). */
    boolean isKeyword() {
        return keyword;
    }
}
