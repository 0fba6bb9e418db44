package dev.gannet.api;

import dev.gannet.api.Permissions.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Permissions}: the destination settings' patterns, the most specific matching pattern decides every action
 * (Artemis security-settings), nothing allowed unless granted.
 */
class PermissionsTest {

    @Test
    void nothingGrantedRefusesEverything() {
        for (Action action : Action.values()) {
            assertEquals(Set.of(), Permissions.none().rolesFor("orders", action));
            assertFalse(Permissions.none().permits(Set.of("admin"), "orders", action));
        }
        assertNull(Permissions.none().decidingPattern("orders"));
    }

    @Test
    void aGrantAllowsItsRolesTheActionOnTheMatchingDestinationsOnly() {
        Permissions permissions = Permissions.builder().grant("orders.*", Action.SEND, "shop", "admin").build();

        assertEquals(Set.of("shop", "admin"), permissions.rolesFor("orders.eu", Action.SEND));
        assertTrue(permissions.permits(Set.of("guest", "shop"), "orders.eu", Action.SEND));
        assertFalse(permissions.permits(Set.of("guest"), "orders.eu", Action.SEND), "role not granted");
        assertFalse(permissions.permits(Set.of(), "orders.eu", Action.SEND), "no role at all");
        assertFalse(permissions.permits(Set.of("shop"), "orders.eu", Action.CONSUME), "action not granted");
        assertFalse(permissions.permits(Set.of("shop"), "orders", Action.SEND), "'*' needs one word");
        assertFalse(permissions.permits(Set.of("shop"), "orders.eu.de", Action.SEND), "'*' takes one word only");
    }

    /** Artemis: the most specific match decides alone; what it does not grant is refused. */
    @ParameterizedTest(name = "{0}: {1} decides")
    @CsvSource({
            "orders.eu,     orders.eu",
            "orders.us,     orders.*",
            "orders.us.ny,  orders.#",
            "orders,        orders.#",
            "prices.eu,     *.eu",
            "prices,        #",
    })
    void theMostSpecificMatchingPatternDecides(String destination, String deciding) {
        Permissions permissions = Permissions.builder()
                .grant("#", Action.SEND, "everyone")
                .grant("*.eu", Action.SEND, "europe")
                .grant("orders.#", Action.SEND, "orders-any")
                .grant("orders.*", Action.SEND, "orders-one")
                .grant("orders.eu", Action.SEND, "orders-eu")
                .build();

        assertEquals(deciding, permissions.decidingPattern(destination));
        assertEquals(permissions.patterns().get(deciding).get(Action.SEND),
                permissions.rolesFor(destination, Action.SEND));
    }

    @Test
    void aMoreSpecificPatternHidesTheActionsOnlyALessSpecificOneGrants() {
        Permissions permissions = Permissions.builder()
                .grant("#", Action.SEND, "app").grant("#", Action.CONSUME, "app")
                .grant("orders.#", Action.SEND, "shop")
                .build();

        assertTrue(permissions.permits(Set.of("app"), "prices", Action.CONSUME));
        assertFalse(permissions.permits(Set.of("app"), "orders.eu", Action.CONSUME),
                "orders.# decides for orders.eu and grants no consume");
        assertFalse(permissions.permits(Set.of("app"), "orders.eu", Action.SEND), "nor send to app");
        assertTrue(permissions.permits(Set.of("shop"), "orders.eu", Action.SEND));
    }

    @Test
    void aPatternGrantingNoRoleRefusesItsDestinationsToEveryone() {
        Permissions permissions = Permissions.builder().grantAll("#", "app").grant("secret.#", Action.SEND,
                List.of()).build();

        assertFalse(permissions.permits(Set.of("app"), "secret.plans", Action.SEND));
        assertFalse(permissions.permits(Set.of("app"), "secret.plans", Action.BROWSE));
        assertTrue(permissions.permits(Set.of("app"), "plans", Action.BROWSE));
    }

    @Test
    void grantingAgainAddsRolesAndTheOrderOfGrantsDoesNotMatter() {
        Permissions one = Permissions.builder().grant("a.#", Action.SEND, "x").grant("#", Action.SEND, "z")
                .grant("a.#", Action.SEND, "y").build();
        Permissions other = Permissions.builder().grant("#", Action.SEND, "z").grant("a.#", Action.SEND, "y", "x")
                .build();

        assertEquals(Set.of("x", "y"), one.rolesFor("a.b", Action.SEND));
        assertEquals(one, other);
        assertEquals(one.hashCode(), other.hashCode());
        assertEquals(List.of("#", "a.#"), List.copyOf(one.patterns().keySet()), "least specific first");
        assertEquals(one, Permissions.builder().addAll(one).build());
    }

    @Test
    void temporaryDestinationsAreLookedUpUnderOneName() {
        Permissions permissions = Permissions.builder().grant(Permissions.TEMPORARY, Action.CREATE_TEMPORARY, "app")
                .build();
        assertTrue(permissions.permits(Set.of("app"), Permissions.TEMPORARY, Action.CREATE_TEMPORARY));
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void eachActionHasAConfigurationName(Action action) {
        assertEquals(action, Action.ofKey(action.key()));
        assertTrue(action.key().matches("[a-z-]+"), action.key());
    }

    @Test
    void anUnknownActionNameIsRefusedNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Action.ofKey("publish"));
        assertEquals("'publish' is not an action (actions: send, consume, browse, create-durable-subscription,"
                + " create-shared-subscription, delete-durable-subscription, create-destination, create-temporary,"
                + " manage)", e.getMessage());
    }

    @Test
    void badPatternsAndRolesAreRefused() {
        Permissions.Builder builder = Permissions.builder();
        assertEquals("Destination pattern 'a..b' has an empty word; separate words with single '.'",
                assertThrows(IllegalArgumentException.class, () -> builder.grant("a..b", Action.SEND, "x"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.grant("a*", Action.SEND, "x"));
        assertThrows(IllegalArgumentException.class, () -> builder.grant("a", Action.SEND, " "));
        assertThrows(IllegalArgumentException.class, () -> builder.grant("a", Action.SEND, "x,y"));
        assertThrows(IllegalArgumentException.class, () -> builder.grant("a", Action.SEND, " x"));
        assertThrows(NullPointerException.class, () -> builder.grant("a", null, "x"));
        assertEquals(Permissions.none(), builder.build(), "a refused grant adds nothing");
    }

    @Test
    void theValueIsImmutable() {
        Permissions permissions = Permissions.builder().grant("a", Action.SEND, "x").build();
        assertThrows(UnsupportedOperationException.class, () -> permissions.patterns().clear());
        assertThrows(UnsupportedOperationException.class, () -> permissions.patterns().get("a").clear());
        assertThrows(UnsupportedOperationException.class,
                () -> permissions.rolesFor("a", Action.SEND).add("y"));
    }
}
