package dev.gannet.integration;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.api.Permissions;
import dev.gannet.api.SecurityConfig;
import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.security.UsersFile;
import dev.gannet.server.RunningServer;
import dev.gannet.server.ServerConfig;
import dev.gannet.transport.tcp.TcpOptions;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logging in through the JMS API, on the transport of the run ({@link BrokerTestSupport#TCP}): a secured broker lets
 * in the users of its users file (or JAAS login, or its default user) and refuses everyone else with a
 * {@link JMSSecurityException} from {@code createConnection} ({@link JMSSecurityRuntimeException} from
 * {@code createContext}) that names the user and never the password (spec 2.8, 6.1.1); it sets {@code JMSXUserID} of
 * every message sent to the sender's user and says so in {@code ConnectionMetaData} (spec 3.5.9).
 */
@Timeout(120)
class AuthenticationTest {

    private static final boolean TCP = BrokerTestSupport.TCP;

    @TempDir
    Path directory;
    private final String brokerName = "auth-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> opened = new ArrayList<>();
    private AutoCloseable broker;
    private ConnectionFactory factory;

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(opened);
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private Path users() throws Exception {
        Path file = directory.resolve("users.properties");
        UsersFile.add(file, "alice", "alice-secret".toCharArray(), 1_000);
        UsersFile.add(file, "bob", "bob-secret".toCharArray(), 1_000);
        return file;
    }

    /**
     * Starts the broker with {@code security}; enabled, it also gets a roles file giving alice, bob and guest the role
     * {@code users}, and permissions granting {@code users} and the JAAS test login's role everything: this test is
     * about logging in, the authorization matrix about rights.
     */
    private void start(SecurityConfig security) throws IOException {
        if (security.enabled()) {
            Path roles = directory.resolve("roles.properties");
            Files.writeString(roles, "users = alice, bob, guest\n");
            security = new SecurityConfig(true, security.usersFile(), roles, security.jaas(),
                    security.certificateUsersFile(), security.defaultUser(), security.populateUserId(),
                    security.reloadInterval(), Permissions.builder().grantAll("#", "users", "auditors").build());
        }
        BrokerConfig config = BrokerConfig.builder().name(brokerName).inMemoryStore().security(security).build();
        if (TCP) {
            RunningServer server = RunningServer.start(new ServerConfig(config, "127.0.0.1", 0, TcpOptions.defaults(),
                    List.of(), List.of()));
            broker = server;
            factory = new GannetConnectionFactory(server.url());
        } else {
            broker = EmbeddedBroker.start(config);
            factory = new GannetConnectionFactory("vm://" + brokerName);
        }
    }

    private Connection connection(String user, String password) throws JMSException {
        Connection connection = factory.createConnection(user, password);
        opened.add(connection);
        connection.start();
        return connection;
    }

    @Test
    void aUserWithItsPasswordConnectsAndEveryMessageItSendsCarriesItAsJMSXUserID() throws Exception {
        start(SecurityConfig.builder().usersFile(users()).build());
        Session alice = connection("alice", "alice-secret").createSession(Session.AUTO_ACKNOWLEDGE);
        Session bob = connection("bob", "bob-secret").createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = alice.createQueue("orders");
        MessageConsumer consumer = bob.createConsumer(queue);
        MessageProducer producer = alice.createProducer(queue);
        Message forged = alice.createTextMessage("forged");
        forged.setStringProperty("JMSXUserID", "mallory");
        producer.send(forged);
        producer.send(alice.createTextMessage("plain"));

        for (int i = 0; i < 2; i++) {
            Message received = consumer.receive(10_000);
            assertNotNull(received);
            assertEquals("alice", received.getStringProperty("JMSXUserID"), "the broker overwrites what the client put");
        }
        assertTrue(Collections.list(connection("bob", "bob-secret").getMetaData().getJMSXPropertyNames())
                .contains("JMSXUserID"));
    }

    @Test
    void aWrongPasswordAndAnUnknownUserAreRefusedWithJMSSecurityExceptionNamingTheUserOnly() throws Exception {
        start(SecurityConfig.builder().usersFile(users()).build());

        JMSSecurityException wrong = assertThrows(JMSSecurityException.class,
                () -> connection("alice", "guessed-password"));
        JMSSecurityException unknown = assertThrows(JMSSecurityException.class,
                () -> connection("mallory", "guessed-password"));
        JMSSecurityRuntimeException context = assertThrows(JMSSecurityRuntimeException.class,
                () -> factory.createContext("alice", "guessed-password", JMSContext.AUTO_ACKNOWLEDGE).close());

        assertEquals("Login of user 'alice' refused: unknown user or wrong password", wrong.getMessage());
        assertEquals("Login of user 'mallory' refused: unknown user or wrong password", unknown.getMessage());
        assertEquals(wrong.getMessage(), context.getMessage());
        assertFalse(wrong.getMessage().contains("guessed") || unknown.getMessage().contains("guessed"));
        try (JMSContext good = factory.createContext("alice", "alice-secret")) {
            good.createProducer().send(good.createQueue("orders"), "after the refusals");
        }
    }

    @Test
    void aConnectionWithoutUserNameIsRefusedUnlessADefaultUserIsConfigured() throws Exception {
        Path users = users();
        start(SecurityConfig.builder().usersFile(users).build());
        assertThrows(JMSSecurityException.class, () -> opened.add(factory.createConnection()));
        broker.close();

        start(SecurityConfig.builder().usersFile(users).defaultUser("guest").build());
        Connection anonymous = factory.createConnection();
        opened.add(anonymous);
        anonymous.start();
        Session session = anonymous.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("guests");
        session.createProducer(queue).send(session.createTextMessage("hello"));
        Message received = session.createConsumer(queue).receive(10_000);
        assertNotNull(received);
        assertEquals("guest", received.getStringProperty("JMSXUserID"));
        assertThrows(JMSSecurityException.class, () -> connection("alice", "wrong"),
                "a user name given is checked, default user or not");
    }

    @Test
    void withoutPopulateUserIdTheBrokerLeavesJMSXUserIDAloneAndDoesNotAdvertiseIt() throws Exception {
        start(SecurityConfig.builder().usersFile(users()).populateUserId(false).build());
        Connection connection = connection("alice", "alice-secret");
        assertFalse(Collections.list(connection.getMetaData().getJMSXPropertyNames()).contains("JMSXUserID"));
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("orders");
        session.createProducer(queue).send(session.createTextMessage("plain"));
        Message received = session.createConsumer(queue).receive(10_000);
        assertNotNull(received);
        assertNull(received.getStringProperty("JMSXUserID"));
    }

    @Test
    void aChangedUsersFileAppliesWithoutRestartingTheBroker() throws Exception {
        Path users = users();
        start(SecurityConfig.builder().usersFile(users).reloadInterval(Duration.ofMillis(100)).build());
        Connection before = connection("alice", "alice-secret");

        UsersFile.add(users, "alice", "alice-new".toCharArray(), 1_000);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Connection after = null;
        while (after == null && System.nanoTime() < deadline) {
            try {
                after = connection("alice", "alice-new");
            } catch (JMSSecurityException notYet) {
                // the broker has not read the file again yet
            }
        }
        assertNotNull(after, "the new password was never accepted");
        assertThrows(JMSSecurityException.class, () -> connection("alice", "alice-secret"));
        before.createSession(Session.AUTO_ACKNOWLEDGE).close(); // a connection of before stays open
    }

    @Test
    void aJaasLoginModuleLetsItsUsersIn() throws Exception {
        Path loginConfig = directory.resolve("login.config");
        Files.writeString(loginConfig, "GannetTest {\n    dev.gannet.security.TestLoginModule required;\n};\n");
        start(SecurityConfig.builder().jaas(new SecurityConfig.Jaas(loginConfig, "GannetTest")).build());
        Session session = connection("carol", "jaas-secret").createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("audit");
        session.createProducer(queue).send(session.createTextMessage("seen"));
        Message received = session.createConsumer(queue).receive(10_000);
        assertNotNull(received);
        assertEquals("carol", received.getStringProperty("JMSXUserID"));
        assertThrows(JMSSecurityException.class, () -> connection("carol", "wrong"));
    }

    @Test
    void withoutSecurityEveryoneIsLetInAndJMSXUserIDIsNotAdvertised() throws Exception {
        start(SecurityConfig.DISABLED);
        Connection connection = connection("anyone", "anything");
        assertFalse(Collections.list(connection.getMetaData().getJMSXPropertyNames()).contains("JMSXUserID"));
    }
}
