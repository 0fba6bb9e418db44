package dev.gannet.security;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.Permissions;
import dev.gannet.api.SecurityConfig;
import dev.gannet.broker.Broker;
import dev.gannet.broker.ManagementAccess;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import jakarta.jms.JMSSecurityException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The right {@code manage}: operators log in with the broker's users ({@link ManagementAccess#login}) and may manage a
 * destination by {@code manage} on it, the broker as a whole by {@code manage} on {@value Permissions#MANAGEMENT}.
 */
@Timeout(60)
class ManagementAccessTest {

    private static final GannetDestination ORDERS_EU = GannetDestination.of(DestinationKind.QUEUE, "orders.eu");
    private static final GannetDestination PRICES = GannetDestination.of(DestinationKind.QUEUE, "prices");
    private static final GannetDestination ORDERS_TOPIC = GannetDestination.of(DestinationKind.TOPIC, "orders.events");

    @TempDir
    Path directory;
    private Broker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private ManagementAccess secured() throws Exception {
        Path users = directory.resolve("users.properties");
        UsersFile.add(users, "admin", "admin-secret".toCharArray(), 1_000);
        UsersFile.add(users, "shop", "shop-secret".toCharArray(), 1_000);
        UsersFile.add(users, "app", "app-secret".toCharArray(), 1_000);
        Path roles = directory.resolve("roles.properties");
        Files.writeString(roles, "admins = admin\nshops = shop\napps = app\n");
        Permissions permissions = Permissions.builder()
                .grantAll("#", "admins")
                .grant("#", Permissions.Action.SEND, "apps")
                .grant("#", Permissions.Action.CONSUME, "apps")
                .grant("orders.#", Permissions.Action.MANAGE, "shops", "admins")
                .grant("orders.#", Permissions.Action.SEND, "apps", "admins")
                .build();
        broker = SecuredBroker.start(BrokerConfig.builder().name("manage-test").inMemoryStore()
                .security(SecurityConfig.builder().usersFile(users).rolesFile(roles).permissions(permissions).build())
                .build());
        return broker.managementAccess();
    }

    @Test
    void aUserWithManageOnEverythingManagesDestinationsAndTheBroker() throws Exception {
        ManagementAccess access = secured();
        assertTrue(access.logsIn());

        ManagementAccess.Operator admin = access.login("admin", "admin-secret", "127.0.0.1:40000");

        assertEquals("admin", admin.user());
        assertTrue(admin.mayManage(ORDERS_EU));
        assertTrue(admin.mayManage(PRICES));
        assertTrue(admin.mayManage(ORDERS_TOPIC));
        assertTrue(admin.mayManageBroker());
        admin.checkManageBroker();
        admin.checkManage(PRICES);
    }

    @Test
    void manageOnAPatternCoversItsDestinationsOnlyAndNothingBrokerWide() throws Exception {
        ManagementAccess.Operator shop = secured().login("shop", "shop-secret", "127.0.0.1:40001");

        assertTrue(shop.mayManage(ORDERS_EU));
        assertTrue(shop.mayManage(ORDERS_TOPIC));
        assertFalse(shop.mayManage(PRICES));
        assertFalse(shop.mayManageBroker());
        SecurityException queue = assertThrows(SecurityException.class, () -> shop.checkManage(PRICES));
        assertEquals("User shop may not manage queue://prices of broker manage-test: that needs the right manage"
                + " on it", queue.getMessage());
        SecurityException brokerWide = assertThrows(SecurityException.class, shop::checkManageBroker);
        assertTrue(brokerWide.getMessage().startsWith("User shop may not manage broker manage-test as a whole"),
                brokerWide.getMessage());
    }

    @Test
    void aUserWithoutManageManagesNothing() throws Exception {
        ManagementAccess.Operator app = secured().login("app", "app-secret", "127.0.0.1:40002");

        assertFalse(app.mayManage(ORDERS_EU));
        assertFalse(app.mayManage(PRICES));
        assertFalse(app.mayManageBroker());
    }

    @Test
    void aWrongPasswordIsRefusedWithoutNamingIt() throws Exception {
        ManagementAccess access = secured();

        JMSSecurityException refused = assertThrows(JMSSecurityException.class,
                () -> access.login("admin", "guessed-wrong", "127.0.0.1:40003"));

        assertTrue(refused.getMessage().contains("'admin'"), refused.getMessage());
        assertFalse(refused.getMessage().contains("guessed-wrong"), refused.getMessage());
        assertThrows(JMSSecurityException.class, () -> access.login("nobody", "x", "127.0.0.1:40003"));
        assertThrows(JMSSecurityException.class, () -> access.login(null, null, "127.0.0.1:40003"),
                "no user name and no default user");
    }

    @Test
    void withoutSecurityEveryoneManagesEverything() throws Exception {
        broker = Broker.start(BrokerConfig.builder().name("open").inMemoryStore().build());
        ManagementAccess access = broker.managementAccess();
        assertFalse(access.logsIn());

        ManagementAccess.Operator anyone = access.login(null, null, "127.0.0.1");
        ManagementAccess.Operator named = access.login("whoever", "whatever", "127.0.0.1");

        assertNull(anyone.user());
        assertTrue(anyone.mayManage(PRICES));
        assertTrue(anyone.mayManageBroker());
        assertTrue(named.mayManageBroker());
        assertEquals("Anonymous operator", anyone.toString());
    }
}
