package dev.gannet.selector;

/**
 * One token of a selector.
 *
 * @param image    the text as written
 * @param position offset of the first character in the selector, counted from 0
 * @param value    the String of a string literal, the {@link IntegerLiteral} of an exact numeric literal, the
 *                 Float or Double of an approximate one; null for other tokens
 */
record Token(TokenKind kind, String image, int position, Object value) {

    /** How an error message names this token. */
    String describe() {
        return switch (kind) {
            case END -> "end";
            case IDENTIFIER -> "identifier '" + image + "'";
            case STRING -> "string literal " + image;
            case INTEGER, FLOAT -> "number " + image;
            default -> kind.isKeyword() ? "keyword " + kind.name() : "'" + image + "'";
        };
    }
}
