package dev.gannet.selector;

import java.util.regex.Pattern;

/**
 * A LIKE pattern (spec 3.8.1.1) compiled once to a regular expression: '_' stands for any one character, '%' for
 * any sequence, every other character for itself; the escape character takes the special meaning from a following
 * '_', '%' or escape character.
 *
 * @param pattern the pattern as written in the selector
 * @param escape  the escape character, or null when the LIKE has no ESCAPE clause
 * @param regex   the equivalent regular expression, matched against the whole value
 */
record LikePattern(String pattern, String escape, Pattern regex) {

    /**
     * @throws IllegalArgumentException when the escape character is not followed by '_', '%' or itself: SQL
     *                                  makes that an error, and silently matching something else would hide it
     */
    static LikePattern compile(String pattern, String escape) {
        int escapeCharacter = escape == null ? -1 : escape.codePointAt(0);
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == escapeCharacter) {
                if (i == pattern.length()) {
                    throw new IllegalArgumentException("LIKE pattern ends with its escape character '" + escape + "'");
                }
                int escaped = pattern.codePointAt(i);
                if (escaped != '_' && escaped != '%' && escaped != escapeCharacter) {
                    throw new IllegalArgumentException("escape character '" + escape
                            + "' must be followed by '_', '%' or itself, not '" + Character.toString(escaped) + "'");
                }
                i += Character.charCount(escaped);
                literal.appendCodePoint(escaped);
            } else if (c == '%') {
                appendLiteral(regex, literal);
                if (!endsWithAnySequence(regex)) { // '%%' means the same as '%'; one '.*' backtracks less
                    regex.append(".*");
                }
            } else if (c == '_') {
                appendLiteral(regex, literal);
                regex.append('.');
            } else {
                literal.appendCodePoint(c);
            }
        }
        appendLiteral(regex, literal);
        return new LikePattern(pattern, escape, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    boolean matches(String value) {
        return regex.matcher(value).matches();
    }

    private static void appendLiteral(StringBuilder regex, StringBuilder literal) {
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }

    private static boolean endsWithAnySequence(StringBuilder regex) {
        int length = regex.length();
        return length >= 2 && regex.charAt(length - 2) == '.' && regex.charAt(length - 1) == '*';
    }

    @Override
    public String toString() {
        String quoted = Expression.Literal.quote(pattern);
        return escape == null ? quoted : quoted + " ESCAPE " + Expression.Literal.quote(escape);
    }
}
