package dev.gannet.server;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.Permissions;
import dev.gannet.api.StoreConfig;
import dev.gannet.api.Permissions.Action;
import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.security.UsersFile;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's {@code security.permission.PATTERN.ACTION = roles} keys: read into the broker's
 * {@link Permissions}, each bad key named in the fail-fast message, and a server that refuses over tcp what they do
 * not grant.
 */
@Timeout(60)
class ServerConfigPermissionsTest {

    @TempDir
    Path directory;

    @BeforeEach
    void files() throws Exception {
        UsersFile.add(directory.resolve("users.properties"), "alice", "secret".toCharArray(), 1_000);
        UsersFile.add(directory.resolve("users.properties"), "bob", "secret".toCharArray(), 1_000);
        Files.writeString(directory.resolve("roles.properties"), "shop = alice\nreaders = alice, bob\n");
    }

    private ServerConfig parse(String... pairs) {
        Properties properties = new Properties();
        properties.setProperty("broker.name", "permitted");
        properties.setProperty("store", "memory");
        properties.setProperty("tcp.port", "0");
        properties.setProperty("security.enabled", "true");
        properties.setProperty("security.users.file", "users.properties");
        properties.setProperty("security.roles.file", "roles.properties");
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            properties.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return ServerConfig.fromProperties(properties, directory);
    }

    private String problem(String... pairs) {
        return assertThrows(IllegalArgumentException.class, () -> parse(pairs)).getMessage();
    }

    @Test
    void eachKeyGrantsItsActionOnItsPatternToItsRoles() {
        Permissions permissions = parse("security.permission.orders.#.send= shop , admins",
                "security.permission.orders.#.consume=readers",
                "security.permission.#.create-durable-subscription=readers",
                "security.permission.temporary.create-temporary=shop",
                "security.permission.secret.manage=").broker().security().permissions();

        assertEquals(Permissions.builder().grant("orders.#", Action.SEND, "shop", "admins")
                .grant("orders.#", Action.CONSUME, "readers")
                .grant("#", Action.CREATE_DURABLE_SUBSCRIPTION, "readers")
                .grant("temporary", Action.CREATE_TEMPORARY, "shop")
                .grant("secret", Action.MANAGE).build(), permissions);
        assertEquals(Set.of("shop", "admins"), permissions.rolesFor("orders.eu.de", Action.SEND));
        assertEquals(Set.of(), permissions.rolesFor("orders.eu", Action.CREATE_DURABLE_SUBSCRIPTION),
                "orders.# decides for orders.eu and does not grant it");
    }

    @Test
    void withoutPermissionKeysNothingIsGranted() {
        assertEquals(Permissions.none(), parse().broker().security().permissions());
    }

    @Test
    void eachBadPermissionKeyIsNamedWithItsProblem() {
        String message = problem("security.permission.orders.#.publish=shop",
                "security.permission.send=shop",
                "security.permission.a..b.send=shop",
                "security.permission.orders.consume=shop,,readers");

        assertEquals(String.join(System.lineSeparator(),
                "security.permission.a..b.send: destination pattern 'a..b' has an empty word; separate words with"
                        + " single '.'",
                "security.permission.orders.#.publish: unknown action 'publish' (actions: send, consume, browse,"
                        + " create-durable-subscription, create-shared-subscription, delete-durable-subscription,"
                        + " create-destination, create-temporary, manage)",
                "security.permission.orders.consume: 'shop,,readers' holds an empty role name; separate roles with"
                        + " single commas (an empty value grants the action to no role)",
                "security.permission.send: no pattern; write security.permission.PATTERN.send"
                        + " (security.permission.#.send for every destination)"), message);
    }

    @Test
    void permissionKeysNeedSecurityEnabled() {
        Properties properties = new Properties();
        properties.setProperty("broker.name", "open");
        properties.setProperty("store", "memory");
        properties.setProperty("security.permission.#.send", "shop");

        String message = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromProperties(properties, directory)).getMessage();

        assertEquals("security.permission.#.send: applies only with security.enabled=true", message);
    }

    @Test
    void aServerRefusesOverTcpWhatItsKeysDoNotGrant() throws Exception {
        try (RunningServer server = RunningServer.start(parse("queues=orders",
                "security.permission.orders.send=shop", "security.permission.orders.consume=readers"))) {
            GannetConnectionFactory factory = new GannetConnectionFactory(server.url());
            try (Connection alice = factory.createConnection("alice", "secret");
                 Connection bob = factory.createConnection("bob", "secret")) {
                alice.start();
                bob.start();
                Session bobs = bob.createSession();
                JMSSecurityException refused = assertThrows(JMSSecurityException.class,
                        () -> bobs.createProducer(bobs.createQueue("orders")).send(bobs.createTextMessage("no")));
                assertTrue(refused.getMessage().matches("User bob \\(connection \\d+\\) may not send to"
                        + " queue://orders"), refused.getMessage());

                Session alices = alice.createSession();
                alices.createProducer(alices.createQueue("orders")).send(alices.createTextMessage("yes"));
                assertEquals("yes", ((TextMessage) bobs.createConsumer(bobs.createQueue("orders")).receive(10_000))
                        .getText(), "readers consume");
            }
        }
    }

    /** The sample of samples/security: its files load, its sample passwords log in, its permissions apply. */
    @Test
    void theSecuredSampleConfigurationRunsAsItsCommentsSay() throws Exception {
        ServerConfig sample = ServerConfig.load(Path.of("..", "samples", "security", "gannet-secured.properties"));
        BrokerConfig broker = sample.broker();
        ServerConfig inMemory = new ServerConfig(new BrokerConfig(broker.name(), broker.dataDirectory(),
                broker.destinations(), StoreConfig.inMemory(), broker.transactionTimeout(), broker.security()),
                "127.0.0.1", 0, sample.tcpOptions(), sample.queues(), sample.topics());
        try (RunningServer server = RunningServer.start(inMemory)) {
            GannetConnectionFactory factory = new GannetConnectionFactory(server.url());
            try (Connection shop = factory.createConnection("shop", "shop-secret");
                 Connection auditor = factory.createConnection("auditor", "auditor-secret")) {
                Session shops = shop.createSession();
                shops.createProducer(shops.createQueue("orders")).send(shops.createTextMessage("order"));
                assertThrows(JMSSecurityException.class, () -> shops.createProducer(shops.createQueue("invoices")));
                Session auditors = auditor.createSession();
                assertEquals(1, Collections.list(auditors.createBrowser(auditors.createQueue("orders"))
                        .getEnumeration()).size());
                assertThrows(JMSSecurityException.class,
                        () -> auditors.createProducer(null).send(auditors.createQueue("orders"),
                                auditors.createTextMessage("not a producer")));
            }
            assertThrows(JMSSecurityException.class, () -> factory.createConnection("admin", "wrong").close());
        }
    }
}
