package dev.gannet.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * A destination-name pattern as {@link DestinationPolicies} describes it (words separated by '.', {@code *} one word,
 * {@code #} zero or more words), parsed; ordered least specific first, by the rules of
 * {@link DestinationPolicies}' "Specificity" section. The one matcher of destination names: the destination settings
 * and the {@link Permissions} both use it.
 */
final class DestinationPattern implements Comparable<DestinationPattern> {

    private static final String ANY_WORDS = "#";
    private static final String ONE_WORD = "*";

    private final String text;
    private final String[] words;
    private final boolean exact;

    private DestinationPattern(String text, String[] words, boolean exact) {
        this.text = text;
        this.words = words;
        this.exact = exact;
    }

    /**
     * @throws IllegalArgumentException naming the pattern if it is empty, holds an empty word, or uses '*' or '#'
     *                                  inside a word
     * @throws NullPointerException     if {@code text} is null
     */
    static DestinationPattern parse(String text) {
        Objects.requireNonNull(text, "pattern");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Destination pattern '' is empty");
        }
        String[] words = words(text);
        boolean exact = true;
        for (String word : words) {
            if (word.isEmpty()) {
                throw new IllegalArgumentException("Destination pattern '" + text
                        + "' has an empty word; separate words with single '.'");
            }
            if (word.equals(ANY_WORDS) || word.equals(ONE_WORD)) {
                exact = false;
            } else if (word.contains(ANY_WORDS) || word.contains(ONE_WORD)) {
                throw new IllegalArgumentException("Destination pattern '" + text + "' has word '" + word
                        + "': '*' and '#' must stand alone as words");
            }
        }
        return new DestinationPattern(text, words, exact);
    }

    /** A destination name split into the words a pattern matches ({@link #matches}). */
    static String[] words(String destinationName) {
        return destinationName.split("\\.", -1);
    }

    /** The pattern as written. */
    String text() {
        return text;
    }

    /** Whether the pattern matches a name split into words: table of "words[i..] matches name[j..]". */
    boolean matches(String[] name) {
        if (exact) {
            return Arrays.equals(words, name);
        }
        boolean[] next = new boolean[name.length + 1]; // row i + 1
        next[name.length] = true; // the empty pattern matches only the empty rest
        for (int i = words.length - 1; i >= 0; i--) {
            boolean[] row = new boolean[name.length + 1];
            String word = words[i];
            for (int j = name.length; j >= 0; j--) {
                if (word.equals(ANY_WORDS)) {
                    row[j] = next[j] || (j < name.length && row[j + 1]); // consume no word, or one more
                } else if (j < name.length) {
                    row[j] = next[j + 1] && (word.equals(ONE_WORD) || word.equals(name[j]));
                }
            }
            next = row;
        }
        return next[0];
    }

    @Override
    public int compareTo(DestinationPattern other) {
        if (exact != other.exact) {
            return exact ? 1 : -1;
        }
        int common = Math.min(words.length, other.words.length);
        for (int k = 0; k < common; k++) {
            int byWord = Integer.compare(rank(words[k]), rank(other.words[k]));
            if (byWord != 0) {
                return byWord;
            }
        }
        if (words.length != other.words.length) {
            return Integer.compare(words.length, other.words.length);
        }
        return text.compareTo(other.text);
    }

    private static int rank(String word) {
        if (word.equals(ANY_WORDS)) {
            return 0;
        }
        return word.equals(ONE_WORD) ? 1 : 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DestinationPattern other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
