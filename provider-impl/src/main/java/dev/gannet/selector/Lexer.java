package dev.gannet.selector;

import jakarta.jms.InvalidSelectorException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Splits a selector into tokens (spec 3.8.1.1): string literals with '' for a quote, numeric literals in Java
 * syntax, Java identifiers, case-insensitive keywords, operators; whitespace as in Java (space, tab, form feed,
 * line terminators). SQL comments are not recognised (3.8.1.3).
 */
final class Lexer {

    private static final Map<String, TokenKind> KEYWORDS = keywords();

    private static final String DIGITS = "[0-9](?:[0-9_]*[0-9])?";
    private static final String HEX_DIGITS = "[0-9a-fA-F](?:[0-9a-fA-F_]*[0-9a-fA-F])?";
    private static final String EXPONENT = "[eE][+-]?" + DIGITS;

    /** Java integer literals (JLS 3.10.1): decimal, hex, octal, binary; optional L. */
    private static final Pattern INTEGER_LITERAL = Pattern.compile("(?:0|[1-9](?:[0-9_]*[0-9])?"
            + "|0[xX]" + HEX_DIGITS
            + "|0_*[0-7](?:[0-7_]*[0-7])?"
            + "|0[bB][01](?:[01_]*[01])?)[lL]?");

    /** Java floating-point literals (JLS 3.10.2), decimal and hexadecimal; optional f or d. */
    private static final Pattern FLOATING_LITERAL = Pattern.compile("(?:"
            + DIGITS + "\\.(?:" + DIGITS + ")?(?:" + EXPONENT + ")?"
            + "|\\." + DIGITS + "(?:" + EXPONENT + ")?"
            + "|" + DIGITS + EXPONENT
            + "|" + DIGITS + "(?=[fFdD])"
            + "|0[xX](?:" + HEX_DIGITS + "\\.?|(?:" + HEX_DIGITS + ")?\\." + HEX_DIGITS + ")[pP][+-]?" + DIGITS
            + ")[fFdD]?");

    private final String text;
    private int position;

    Lexer(String text) {
        this.text = text;
    }

    /** All tokens, ending with one END token. */
    List<Token> tokenize() throws InvalidSelectorException {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (position == text.length()) {
                tokens.add(new Token(TokenKind.END, "", position, null));
                return tokens;
            }
            tokens.add(next());
        }
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r';
    }

    private void skipWhitespace() {
        while (position < text.length() && isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private Token next() throws InvalidSelectorException {
        char c = text.charAt(position);
        switch (c) {
            case '(':
                return symbol(TokenKind.LEFT_PAREN, 1);
            case ')':
                return symbol(TokenKind.RIGHT_PAREN, 1);
            case ',':
                return symbol(TokenKind.COMMA, 1);
            case '+':
                return symbol(TokenKind.PLUS, 1);
            case '-':
                return symbol(TokenKind.MINUS, 1);
            case '*':
                return symbol(TokenKind.TIMES, 1);
            case '/':
                return symbol(TokenKind.DIVIDE, 1);
            case '=':
                return symbol(TokenKind.EQUAL, 1);
            case '<':
                if (lookingAt(1, '>')) {
                    return symbol(TokenKind.NOT_EQUAL, 2);
                }
                return lookingAt(1, '=') ? symbol(TokenKind.LESS_OR_EQUAL, 2) : symbol(TokenKind.LESS, 1);
            case '>':
                return lookingAt(1, '=') ? symbol(TokenKind.GREATER_OR_EQUAL, 2) : symbol(TokenKind.GREATER, 1);
            case '\'':
                return string();
            default:
                break;
        }
        if (isDigit(c) || c == '.' && position + 1 < text.length() && isDigit(text.charAt(position + 1))) {
            return number();
        }
        int codePoint = text.codePointAt(position);
        if (Character.isJavaIdentifierStart(codePoint)) {
            return word();
        }
        String problem = "unexpected character " + describe(codePoint);
        if (c == '!' && lookingAt(1, '=')) {
            throw Selector.invalid(text, problem, position, "not equal is written <>");
        }
        throw Selector.invalid(text, problem, position);
    }

    private Token symbol(TokenKind kind, int length) {
        int start = position;
        position += length;
        return new Token(kind, text.substring(start, position), start, null);
    }

    private Token string() throws InvalidSelectorException {
        int start = position;
        StringBuilder value = new StringBuilder();
        position++;
        while (true) {
            if (position == text.length()) {
                throw Selector.invalid(text, "unterminated string literal", start);
            }
            char c = text.charAt(position++);
            if (c == '\'') {
                if (!lookingAt(0, '\'')) {
                    return new Token(TokenKind.STRING, text.substring(start, position), start, value.toString());
                }
                position++;
            }
            value.append(c);
        }
    }

    private Token word() {
        int start = position;
        position += Character.charCount(text.codePointAt(position));
        while (position < text.length() && Character.isJavaIdentifierPart(text.codePointAt(position))) {
            position += Character.charCount(text.codePointAt(position));
        }
        String word = text.substring(start, position);
        TokenKind keyword = isAscii(word) ? KEYWORDS.get(word.toUpperCase(Locale.ROOT)) : null;
        return new Token(keyword == null ? TokenKind.IDENTIFIER : keyword, word, start, null);
    }

    /** Reads the longest run that could belong to a number, then checks it against Java's literal syntax. */
    private Token number() throws InvalidSelectorException {
        int start = position;
        boolean hex = lookingAt(0, '0') && (lookingAt(1, 'x') || lookingAt(1, 'X'));
        while (position < text.length()) {
            char c = text.charAt(position);
            boolean signOfExponent = (c == '+' || c == '-') && isExponentMarker(text.charAt(position - 1), hex);
            if (c != '.' && !signOfExponent && !Character.isJavaIdentifierPart(c)) {
                break;
            }
            position++;
        }
        String image = text.substring(start, position);
        if (INTEGER_LITERAL.matcher(image).matches()) {
            return new Token(TokenKind.INTEGER, image, start, integerLiteral(image));
        }
        if (FLOATING_LITERAL.matcher(image).matches()) {
            Number value = floatingLiteral(image, hex);
            if (value == null) {
                throw Selector.invalid(text, "number " + image + " is outside the range of "
                        + (isFloatSuffix(image) ? "float" : "double"), start);
            }
            return new Token(TokenKind.FLOAT, image, start, value);
        }
        throw Selector.invalid(text, "malformed number '" + image + "'", start);
    }

    private static IntegerLiteral integerLiteral(String image) {
        String digits = image.replace("_", "");
        char last = digits.charAt(digits.length() - 1);
        boolean longSuffix = last == 'l' || last == 'L';
        if (longSuffix) {
            digits = digits.substring(0, digits.length() - 1);
        }
        int radix = 10;
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            char second = Character.toLowerCase(digits.charAt(1));
            radix = second == 'x' ? 16 : second == 'b' ? 2 : 8;
            digits = digits.substring(radix == 8 ? 1 : 2);
        }
        return new IntegerLiteral(new BigInteger(digits, radix), radix == 10, longSuffix);
    }

    /** A Float (f suffix) or Double; null when the literal overflows, or underflows to zero, as Java rejects. */
    private static Number floatingLiteral(String image, boolean hex) {
        String literal = image.replace("_", "");
        boolean isFloat = isFloatSuffix(literal);
        double value = isFloat ? Float.parseFloat(literal) : Double.parseDouble(literal);
        if (Double.isInfinite(value) || value == 0 && hasNonZeroDigit(literal, hex)) {
            return null;
        }
        return isFloat ? (Number) Float.valueOf((float) value) : (Number) Double.valueOf(value);
    }

    private static boolean hasNonZeroDigit(String literal, boolean hex) {
        int end = 0;
        int start = hex ? 2 : 0;
        while (end < literal.length() && !isExponentMarker(literal.charAt(end), hex)
                && !(!hex && isSuffix(literal.charAt(end)))) {
            end++;
        }
        for (int i = start; i < end; i++) {
            if (Character.digit(literal.charAt(i), 16) > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isExponentMarker(char c, boolean hex) {
        return hex ? c == 'p' || c == 'P' : c == 'e' || c == 'E';
    }

    private static boolean isFloatSuffix(String literal) {
        char last = literal.charAt(literal.length() - 1);
        return last == 'f' || last == 'F';
    }

    private static boolean isSuffix(char c) {
        return c == 'f' || c == 'F' || c == 'd' || c == 'D';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private boolean lookingAt(int offset, char expected) {
        int index = position + offset;
        return index < text.length() && text.charAt(index) == expected;
    }

    private static boolean isAscii(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String describe(int codePoint) {
        boolean invisible = Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)
                || Character.isSpaceChar(codePoint);
        if (invisible) {
            return String.format("U+%04X", codePoint);
        }
        return "'" + Character.toString(codePoint) + "'";
    }

    private static Map<String, TokenKind> keywords() {
        Map<String, TokenKind> keywords = new HashMap<>();
        for (TokenKind kind : TokenKind.values()) {
            if (kind.isKeyword()) {
                keywords.put(kind.name(), kind);
            }
        }
        return Map.copyOf(keywords);
    }
}
