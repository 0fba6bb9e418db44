package dev.gannet.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Settings by destination-name pattern, in the manner of ActiveMQ Artemis address-settings.
 *
 * <h2>Patterns</h2>
 * A pattern is a sequence of words separated by '.'. The word {@code *} matches exactly one word of a destination
 * name, {@code #} matches zero or more words, any other word matches itself. A pattern without wildcards matches
 * only that exact name; {@code #} alone matches every name. Examples: {@code orders.*} matches {@code orders.eu} but
 * neither {@code orders} nor {@code orders.eu.de}; {@code orders.#} matches {@code orders}, {@code orders.eu} and
 * {@code orders.eu.de}; {@code a.#.z} matches {@code a.z}, {@code a.b.z} and {@code a.b.c.z}. A pattern must not be
 * empty, must not hold an empty word ({@code a..b}, {@code .a}, {@code a.}) and may use {@code *} and {@code #} only
 * as whole words.
 *
 * <h2>Specificity</h2>
 * Every pattern that matches a destination contributes; the more specific pattern wins field by field:
 * <ol>
 * <li>a pattern without wildcards (the exact name) beats any wildcard pattern;</li>
 * <li>otherwise the patterns are compared word by word from the left: a literal word beats {@code *}, which beats
 * {@code #}; the first position where they differ decides;</li>
 * <li>when one pattern's words are equal so far to all of the other's, the longer pattern wins
 * ({@code orders.*.#} beats {@code orders.*});</li>
 * <li>patterns still equal (such as {@code #.eu.#} and {@code #.de.#}, both matching {@code eu.de}) are ordered by
 * their text, the one sorting later winning, so the result never depends on the order patterns were added.</li>
 * </ol>
 * For example, for destination {@code orders.eu}: {@code orders.eu} beats {@code orders.*}, which beats
 * {@code orders.#}, which beats {@code *.eu}, which beats {@code #}.
 *
 * <p>Immutable and thread-safe. {@link #settingsFor(String)} caches its answers per name in a bounded table owned by
 * this instance.
 */
public final class DestinationPolicies {

    /** Most resolved names kept; the table is emptied when full (resolution is cheap, the cache saves garbage). */
    private static final int CACHE_LIMIT = 1024;

    private final List<DestinationPattern> patterns; // least specific first
    private final Map<String, DestinationSettings> settingsByPattern; // same order, unmodifiable
    private final ConcurrentHashMap<String, DestinationSettings> resolved; // null when there are no patterns

    private DestinationPolicies(Map<String, DestinationSettings> settingsByPattern) {
        List<DestinationPattern> sorted = new ArrayList<>();
        for (String text : settingsByPattern.keySet()) {
            sorted.add(DestinationPattern.parse(text));
        }
        sorted.sort(null);
        Map<String, DestinationSettings> ordered = new LinkedHashMap<>();
        for (DestinationPattern pattern : sorted) {
            ordered.put(pattern.text(), settingsByPattern.get(pattern.text()));
        }
        this.patterns = List.copyOf(sorted);
        this.settingsByPattern = Collections.unmodifiableMap(ordered);
        this.resolved = sorted.isEmpty() ? null : new ConcurrentHashMap<>();
    }

    /** No patterns: every destination has {@link DestinationSettings#defaults()}. */
    public static DestinationPolicies none() {
        return new DestinationPolicies(Map.of());
    }

    /** A builder without patterns. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The defaults overridden by every matching pattern, least specific first, so the most specific wins field by
     * field (see the class description for the order). Never null.
     *
     * @throws NullPointerException if the name is null
     */
    public DestinationSettings settingsFor(String destinationName) {
        Objects.requireNonNull(destinationName, "destinationName");
        if (resolved == null) {
            return DestinationSettings.defaults();
        }
        DestinationSettings settings = resolved.get(destinationName);
        if (settings == null) {
            settings = resolve(destinationName);
            if (resolved.size() >= CACHE_LIMIT) {
                resolved.clear();
            }
            resolved.put(destinationName, settings);
        }
        return settings;
    }

    private DestinationSettings resolve(String destinationName) {
        String[] words = DestinationPattern.words(destinationName);
        DestinationSettings settings = DestinationSettings.defaults();
        for (DestinationPattern pattern : patterns) {
            if (pattern.matches(words)) {
                settings = settings.overriddenBy(settingsByPattern.get(pattern.text()));
            }
        }
        return settings;
    }

    /** The configured patterns and their (partial) settings, least specific first. */
    public Map<String, DestinationSettings> patterns() {
        return settingsByPattern;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DestinationPolicies
                && settingsByPattern.equals(((DestinationPolicies) o).settingsByPattern);
    }

    @Override
    public int hashCode() {
        return settingsByPattern.hashCode();
    }

    /** The patterns, least specific first, with their settings. */
    @Override
    public String toString() {
        return "DestinationPolicies" + settingsByPattern;
    }

    /** Builds {@link DestinationPolicies}; a builder can build several values. */
    public static final class Builder {
        private final Map<String, DestinationSettings> settingsByPattern = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Gives the destinations matching {@code pattern} these settings. Adding a pattern again merges: fields the
         * later settings set override the earlier ones.
         *
         * @throws IllegalArgumentException naming the pattern if it is empty, holds an empty word, or uses '*' or
         *                                  '#' inside a word
         * @throws NullPointerException     if the pattern or the settings are null
         */
        public Builder add(String pattern, DestinationSettings settings) {
            DestinationPattern.parse(pattern);
            Objects.requireNonNull(settings, "settings");
            settingsByPattern.merge(pattern, settings, DestinationSettings::overriddenBy);
            return this;
        }

        /** Adds every pattern of {@code policies}, as {@link #add} would one by one. */
        public Builder addAll(DestinationPolicies policies) {
            policies.settingsByPattern.forEach(this::add);
            return this;
        }

        public DestinationPolicies build() {
            return new DestinationPolicies(settingsByPattern);
        }
    }
}
