package dev.gannet.security;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.SecurityConfig;
import dev.gannet.broker.Broker;
import dev.gannet.broker.BrokerEvent;
import dev.gannet.broker.ConnectionIdentity;
import dev.gannet.broker.ServerConnection;
import dev.gannet.protocol.ClientEndpoint;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Delivery;
import dev.gannet.protocol.Opened;
import dev.gannet.protocol.Peer;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logging in at the broker, through the protocol's commands: a secured broker ({@link SecuredBroker}) logs a connection
 * in on its {@link Command.Open}, by password or by the client certificate of its {@link Peer}, names it by its user
 * from then on, and refuses every other command until then.
 */
@Timeout(60)
class BrokerLoginTest {

    @TempDir
    Path directory;
    private Broker broker;
    private final Queue<BrokerEvent> events = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private void start(SecurityConfig security) {
        broker = SecuredBroker.start(BrokerConfig.builder().name("login-test").inMemoryStore().security(security)
                .build());
        broker.addListener(events::add);
    }

    private ServerConnection connect(Peer peer) {
        return broker.connect(new ClientEndpoint() {
            @Override
            public void deliver(Delivery delivery) {
            }

            @Override
            public void sendFailed(JMSException cause) {
            }

            @Override
            public void connectionFailed(JMSException cause) {
            }

            @Override
            public Peer peer() {
                return peer;
            }
        });
    }

    private static <A> A answer(java.util.concurrent.CompletableFuture<A> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    private static JMSException failure(java.util.concurrent.CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
        return assertInstanceOf(JMSException.class, e.getCause() instanceof java.util.concurrent.CompletionException
                && e.getCause().getCause() != null ? e.getCause().getCause() : e.getCause());
    }

    /** The identity the broker announced the connection closed with. */
    private ConnectionIdentity closedIdentity(ServerConnection connection) throws Exception {
        answer(connection.handle(new Command.Close()));
        return events.stream().filter(BrokerEvent.ConnectionClosed.class::isInstance)
                .map(e -> ((BrokerEvent.ConnectionClosed) e).connection()).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void aClientCertificateMappedToAUserLogsInWithoutAPassword() throws Exception {
        Path certificateUsers = directory.resolve("cert-users.properties");
        Files.writeString(certificateUsers, "alice = CN=alice,OU=.*,O=Gannet\n");
        start(SecurityConfig.builder().certificateUsersFile(certificateUsers).build());
        X509Certificate certificate = TestCertificates.selfSigned(directory, "CN=alice, OU=Orders, O=Gannet");
        ServerConnection connection = connect(new Peer("10.0.0.7:50000", List.of(certificate)));

        Opened opened = answer(connection.handle(new Command.Open("orders-app", null, null)));

        assertEquals(new Opened(true), opened, "the broker sets JMSXUserID by default when security is on");
        answer(connection.handle(new Command.CreateSession(1, false)));
        ConnectionIdentity identity = closedIdentity(connection);
        assertEquals("alice", identity.user());
        assertEquals("orders-app", identity.clientId());
    }

    @Test
    void aCertificateOfNoUserIsRefusedAndTheConnectionGoes() throws Exception {
        Path certificateUsers = directory.resolve("cert-users.properties");
        Files.writeString(certificateUsers, "alice = CN=alice,O=Gannet\n");
        start(SecurityConfig.builder().certificateUsersFile(certificateUsers).build());
        X509Certificate certificate = TestCertificates.selfSigned(directory, "CN=mallory, O=Gannet");
        ServerConnection connection = connect(new Peer("10.0.0.7:50001", List.of(certificate)));

        JMSException refused = failure(connection.handle(new Command.Open(null, null, null)));

        assertInstanceOf(JMSSecurityException.class, refused);
        assertTrue(refused.getMessage().contains("CN=mallory,O=Gannet"), refused.getMessage());
        JMSException after = failure(connection.handle(new Command.CreateSession(1, false)));
        assertTrue(after.getMessage().endsWith("is closed"), after.getMessage());
    }

    @Test
    void noCommandButOpenIsCarriedOutBeforeTheConnectionLoggedIn() throws Exception {
        Path users = directory.resolve("users.properties");
        UsersFile.add(users, "alice", "secret".toCharArray(), 1_000);
        start(SecurityConfig.builder().usersFile(users).build());
        ServerConnection connection = connect(new Peer("10.0.0.7:50002", List.of()));

        JMSException early = failure(connection.handle(new Command.CreateSession(1, false)));

        assertInstanceOf(JMSSecurityException.class, early);
        assertTrue(early.getMessage().endsWith("has not logged in"), early.getMessage());
        answer(connection.handle(new Command.Open(null, "alice", "secret")));
        answer(connection.handle(new Command.CreateSession(1, false)));
        assertInstanceOf(jakarta.jms.IllegalStateException.class,
                failure(connection.handle(new Command.Open(null, "alice", "secret"))), "a connection opens once");
        assertEquals("alice", closedIdentity(connection).user());
    }

    @Test
    void aBrokerStartedWithoutItsSecurityRefusesToStart() {
        BrokerConfig config = BrokerConfig.builder().name("unsecured").inMemoryStore()
                .security(SecurityConfig.builder().defaultUser("guest").build()).build();
        String message = assertThrows(IllegalArgumentException.class, () -> Broker.start(config)).getMessage();
        assertTrue(message.contains("SecuredBroker"), message);
    }
}
