package dev.gannet.security;

import dev.gannet.api.Permissions;
import dev.gannet.broker.Authorizer.Action;
import dev.gannet.broker.ConnectionIdentity;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PermissionAuthorizer}: each broker action checked against the permission that grants it, with the roles the
 * connection's user has at the time of the check.
 */
class PermissionAuthorizerTest {

    private static final ConnectionIdentity ALICE = new ConnectionIdentity(1, "alice", null);
    private static final ConnectionIdentity BOB = new ConnectionIdentity(2, "bob", null);
    private static final GannetDestination ORDERS = GannetDestination.of(DestinationKind.QUEUE, "orders.eu");
    private static final GannetDestination TEMPORARY = GannetDestination.of(DestinationKind.TEMPORARY_QUEUE,
            "temp-queue-b-1-1");

    private final Map<String, Set<String>> rolesByUser = new HashMap<>(Map.of("alice", Set.of("shop")));
    private final AtomicInteger rolesAsked = new AtomicInteger();

    private PermissionAuthorizer authorizer(Permissions permissions) {
        return new PermissionAuthorizer(permissions, who -> {
            rolesAsked.incrementAndGet();
            return rolesByUser.getOrDefault(who.user(), Set.of());
        });
    }

    @ParameterizedTest
    @EnumSource(value = Action.class, names = "DELETE_TEMPORARY", mode = EnumSource.Mode.EXCLUDE)
    void eachActionNeedsItsOwnPermission(Action action) {
        Permissions.Action permission = PermissionAuthorizer.granted(action);
        assertNotNull(permission);
        GannetDestination destination = action.name().startsWith("CREATE_TEMPORARY") ? null : ORDERS;
        String name = destination == null ? Permissions.TEMPORARY : ORDERS.name();
        PermissionAuthorizer granted = authorizer(Permissions.builder().grant(name, permission, "shop").build());
        Permissions.Builder allButOne = Permissions.builder();
        for (Permissions.Action other : Permissions.Action.values()) {
            if (other != permission) {
                allButOne.grant(name, other, "shop");
            }
        }

        assertTrue(granted.permits(ALICE, action, destination, null));
        assertFalse(granted.permits(BOB, action, destination, null), "bob has no role");
        assertFalse(authorizer(allButOne.build()).permits(ALICE, action, destination, null),
                "every other permission but not " + permission);
    }

    @Test
    void theRolesAreAskedAtEachCheckSoAChangeAppliesAtTheNextCommand() {
        PermissionAuthorizer authorizer = authorizer(Permissions.builder().grant("orders.#", Permissions.Action.SEND,
                "shop").build());
        assertTrue(authorizer.permits(ALICE, Action.SEND, ORDERS, null));

        rolesByUser.put("alice", Set.of("guest"));
        assertFalse(authorizer.permits(ALICE, Action.SEND, ORDERS, null));
        rolesByUser.put("alice", Set.of("guest", "shop"));
        assertTrue(authorizer.permits(ALICE, Action.SEND, ORDERS, null));
        assertEquals(3, rolesAsked.get());
    }

    @Test
    void commandsTouchingNoDestinationAndTheTemporaryDestinationsOwnUseAreLeftToTheBroker() {
        PermissionAuthorizer authorizer = authorizer(Permissions.none());
        assertTrue(authorizer.permits(BOB, null, null, null));
        assertTrue(authorizer.permits(BOB, Action.CONSUME, TEMPORARY, null));
        assertTrue(authorizer.permits(BOB, Action.BROWSE, TEMPORARY, null));
        assertTrue(authorizer.permits(BOB, Action.DELETE_TEMPORARY, TEMPORARY, null));
        assertEquals(0, rolesAsked.get(), "no roles needed");
        assertFalse(authorizer.permits(BOB, Action.SEND, TEMPORARY, null));
        assertFalse(authorizer.permits(BOB, Action.CREATE_TEMPORARY_QUEUE, null, null));
    }

    @Test
    void temporaryDestinationsAreLookedUpUnderTheirOneName() {
        PermissionAuthorizer authorizer = authorizer(Permissions.builder()
                .grant(Permissions.TEMPORARY, Permissions.Action.SEND, "shop")
                .grant(Permissions.TEMPORARY, Permissions.Action.CREATE_TEMPORARY, "shop").build());
        assertTrue(authorizer.permits(ALICE, Action.SEND, TEMPORARY, null));
        assertTrue(authorizer.permits(ALICE, Action.SEND, GannetDestination.of(DestinationKind.TEMPORARY_TOPIC,
                "temp-topic-b-1-2"), null));
        assertTrue(authorizer.permits(ALICE, Action.CREATE_TEMPORARY_TOPIC, null, null));
        assertFalse(authorizer.permits(ALICE, Action.SEND, GannetDestination.of(DestinationKind.QUEUE,
                TEMPORARY.name()), null), "a permanent queue of that name is not temporary");
    }
}
