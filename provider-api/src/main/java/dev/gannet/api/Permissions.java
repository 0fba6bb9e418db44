package dev.gannet.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may do what to which destination when security is on: per destination-name pattern, per {@link Action}, the
 * roles allowed, in the manner of ActiveMQ Artemis security-settings.
 *
 * <h2>Patterns and precedence</h2>
 * Patterns are those of the destination settings, matched the same way and ranked by the same specificity (see
 * {@link DestinationPolicies}): {@code *} one word, {@code #} zero or more words, words separated by '.'. Of the
 * patterns that match a destination, <b>only the most specific one counts</b>, with every action it grants, as
 * Artemis does it: actions that pattern does not grant are refused, even if a less specific pattern grants them. So
 * with {@code #} granting {@code send} and {@code consume} to {@code app}, and {@code orders.#} granting only
 * {@code send} to {@code shop}, a user in {@code app} may consume from {@code prices} but neither send to nor consume
 * from {@code orders.eu}; grant {@code consume} on {@code orders.#} as well to let it. A destination no pattern
 * matches, and an action the deciding pattern does not name, are refused: nothing is allowed unless granted.
 *
 * <h2>Temporary destinations</h2>
 * Temporary queues and topics are named by the broker, so no pattern could name one in advance: permissions treat
 * every temporary destination as the destination named {@value #TEMPORARY} (a pattern such as {@code #} or
 * {@code temporary} matches it). {@link Action#CREATE_TEMPORARY} and {@link Action#SEND} are looked up for it; a
 * temporary destination is consumed, browsed and deleted only by its own connection, which needs no further right
 * for that.
 *
 * <h2>Management</h2>
 * {@link Action#MANAGE} on a queue or topic lets a user manage it (a queue's messages, a topic's subscriptions);
 * operations on the broker as a whole (its figures and connections, creating and deleting queues) are looked up under
 * the name {@value #MANAGEMENT}, as ActiveMQ Artemis asks {@code manage} on its management address: {@code #} matches
 * it, {@code orders.#} does not.
 *
 * <p>Immutable and thread-safe. {@link #rolesFor} caches which pattern decides each name in a bounded table owned by
 * this instance, so a check costs a hash lookup.
 */
public final class Permissions {

    /** The name every temporary queue and topic is looked up under (see "Temporary destinations" above). */
    public static final String TEMPORARY = "temporary";

    /**
     * The name broker-wide management (the broker's figures, its connections, creating and deleting queues) is looked
     * up under for {@link Action#MANAGE} (see "Management" above).
     */
    public static final String MANAGEMENT = "gannet.management";

    /** Most resolved names kept; the table is emptied when full. */
    private static final int CACHE_LIMIT = 1024;
    private static final Map<Action, Set<String>> NOTHING = Collections.unmodifiableMap(new EnumMap<>(Action.class));

    private final List<DestinationPattern> patterns; // least specific first
    private final Map<String, Map<Action, Set<String>>> byPattern; // same order, unmodifiable all the way down
    private final ConcurrentHashMap<String, Map<Action, Set<String>>> resolved = new ConcurrentHashMap<>();

    /** What a user may do, as the configuration names it ({@code security.permission.PATTERN.ACTION}). */
    public enum Action {
        /** Send (or publish) a message to a destination. */
        SEND("send"),
        /** Consume from a queue, or from a topic through a subscription (whichever kind). */
        CONSUME("consume"),
        /** Browse a queue. */
        BROWSE("browse"),
        /** Create a durable subscription (shared or not) on a topic; consuming through it needs {@link #CONSUME}. */
        CREATE_DURABLE_SUBSCRIPTION("create-durable-subscription"),
        /** Create a shared non-durable subscription on a topic; consuming through it needs {@link #CONSUME}. */
        CREATE_SHARED_SUBSCRIPTION("create-shared-subscription"),
        /**
         * Delete a durable subscription on a topic (unsubscribe, or replace it by one with another topic, selector or
         * noLocal).
         */
        DELETE_DURABLE_SUBSCRIPTION("delete-durable-subscription"),
        /** Create a queue or topic on its first use (a send, consumer, browser or producer naming one not there). */
        CREATE_DESTINATION("create-destination"),
        /** Create temporary queues and topics (looked up under the name {@value Permissions#TEMPORARY}). */
        CREATE_TEMPORARY("create-temporary"),
        /** Manage a destination through the broker's management operations. */
        MANAGE("manage");

        private final String key;

        Action(String key) {
            this.key = key;
        }

        /** The action's name in configuration: {@code send}, {@code create-durable-subscription}, ... */
        public String key() {
            return key;
        }

        /**
         * The action named {@code key} in configuration.
         *
         * @throws IllegalArgumentException naming the key and the known ones if no action has it
         */
        public static Action ofKey(String key) {
            for (Action action : values()) {
                if (action.key.equals(key)) {
                    return action;
                }
            }
            throw new IllegalArgumentException("'" + key + "' is not an action (actions: " + keys() + ")");
        }

        /** The configuration names of every action, comma-separated in declaration order. */
        public static String keys() {
            return String.join(", ", Arrays.stream(values()).map(Action::key).toList());
        }
    }

    private Permissions(Map<String, Map<Action, Set<String>>> granted) {
        List<DestinationPattern> sorted = new ArrayList<>();
        for (String text : granted.keySet()) {
            sorted.add(DestinationPattern.parse(text));
        }
        sorted.sort(null);
        Map<String, Map<Action, Set<String>>> ordered = new LinkedHashMap<>();
        for (DestinationPattern pattern : sorted) {
            Map<Action, Set<String>> actions = new EnumMap<>(Action.class);
            granted.get(pattern.text()).forEach((action, roles) -> actions.put(action,
                    Collections.unmodifiableSet(new LinkedHashSet<>(roles))));
            ordered.put(pattern.text(), Collections.unmodifiableMap(actions));
        }
        this.patterns = List.copyOf(sorted);
        this.byPattern = Collections.unmodifiableMap(ordered);
    }

    /** Nothing granted: with security on, every action on every destination is refused. */
    public static Permissions none() {
        return new Permissions(Map.of());
    }

    /** A builder without patterns. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The roles that may carry out {@code action} on the destination {@code destinationName}: those the most specific
     * matching pattern grants it (see the class description); empty if that pattern does not grant the action, or no
     * pattern matches. Never null.
     *
     * @throws NullPointerException if an argument is null
     */
    public Set<String> rolesFor(String destinationName, Action action) {
        Objects.requireNonNull(action, "action");
        return decidingGrants(destinationName).getOrDefault(action, Set.of());
    }

    /**
     * Whether a user with the roles {@code roles} may carry out {@code action} on {@code destinationName}: whether one
     * of them is among {@link #rolesFor}.
     *
     * @throws NullPointerException if an argument is null
     */
    public boolean permits(Set<String> roles, String destinationName, Action action) {
        Objects.requireNonNull(roles, "roles");
        Set<String> allowed = rolesFor(destinationName, action);
        if (allowed.isEmpty() || roles.isEmpty()) {
            return false;
        }
        return !Collections.disjoint(allowed, roles);
    }

    /**
     * The pattern that decides for {@code destinationName} (the most specific that matches), or null if none matches.
     *
     * @throws NullPointerException if the name is null
     */
    public String decidingPattern(String destinationName) {
        Objects.requireNonNull(destinationName, "destinationName");
        String[] words = DestinationPattern.words(destinationName);
        for (int i = patterns.size() - 1; i >= 0; i--) {
            if (patterns.get(i).matches(words)) {
                return patterns.get(i).text();
            }
        }
        return null;
    }

    private Map<Action, Set<String>> decidingGrants(String destinationName) {
        Map<Action, Set<String>> grants = resolved.get(destinationName);
        if (grants == null) {
            String pattern = decidingPattern(destinationName);
            grants = pattern == null ? NOTHING : byPattern.get(pattern);
            if (resolved.size() >= CACHE_LIMIT) {
                resolved.clear();
            }
            resolved.put(destinationName, grants);
        }
        return grants;
    }

    /** The configured patterns, least specific first, with the roles each grants per action. */
    public Map<String, Map<Action, Set<String>>> patterns() {
        return byPattern;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Permissions other && byPattern.equals(other.byPattern);
    }

    @Override
    public int hashCode() {
        return byPattern.hashCode();
    }

    /** The patterns, least specific first, with their grants. */
    @Override
    public String toString() {
        return "Permissions" + byPattern;
    }

    /** Builds {@link Permissions}; a builder can build several values. */
    public static final class Builder {
        private final Map<String, Map<Action, Set<String>>> granted = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Lets the users in {@code roles} carry out {@code action} on the destinations {@code pattern} matches, where
         * that pattern decides (it is the most specific that matches). Granting an action of a pattern again adds
         * roles. No role at all still makes the pattern decide for its destinations, refusing the action to everyone.
         *
         * @throws IllegalArgumentException naming the pattern if it is not a valid pattern, or naming the role if it is
         *                                  blank, has spaces around it or holds a ','
         * @throws NullPointerException     if an argument or a role is null
         */
        public Builder grant(String pattern, Action action, Collection<String> roles) {
            DestinationPattern.parse(pattern);
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(roles, "roles");
            for (String role : roles) {
                checkRole(role);
            }
            granted.computeIfAbsent(pattern, p -> new EnumMap<>(Action.class))
                    .computeIfAbsent(action, a -> new LinkedHashSet<>()).addAll(roles);
            return this;
        }

        /** {@link #grant(String, Action, Collection)} with the roles as arguments. */
        public Builder grant(String pattern, Action action, String... roles) {
            return grant(pattern, action, Arrays.asList(roles));
        }

        /** Grants every {@link Action} on {@code pattern} to {@code roles}. */
        public Builder grantAll(String pattern, String... roles) {
            for (Action action : Action.values()) {
                grant(pattern, action, roles);
            }
            return this;
        }

        /** Adds every grant of {@code permissions}, as {@link #grant} would one by one. */
        public Builder addAll(Permissions permissions) {
            permissions.byPattern.forEach((pattern, actions) -> actions.forEach(
                    (action, roles) -> grant(pattern, action, roles)));
            return this;
        }

        public Permissions build() {
            return new Permissions(granted);
        }

        private static void checkRole(String role) {
            Objects.requireNonNull(role, "role");
            if (role.isBlank() || !role.equals(role.strip()) || role.contains(",")) {
                throw new IllegalArgumentException("Role '" + role
                        + "' must not be blank, have spaces around it or hold a ','");
            }
        }
    }
}
