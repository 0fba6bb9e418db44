package dev.gannet.ra.outbound;

import dev.gannet.ra.Credentials;
import dev.gannet.ra.server.PoolingConnectionManager;
import dev.gannet.ra.server.RunningAdapter;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.SecurityException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.security.PasswordCredential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.security.auth.Subject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The managed connection factory (Connectors 2.1 sections 6.5.3 and 9.1.9): equality by class and properties, matching
 * by identity and handle kind, identity from the container's Subject or the application's request, re-authentication
 * of an idle connection.
 */
class ManagedConnectionFactoryTest {

    @TempDir
    Path directory;

    private RunningAdapter running;

    @BeforeEach
    void start() throws Exception {
        running = RunningAdapter.embedded(directory);
    }

    @AfterEach
    void stop() throws Exception {
        running.close();
    }

    @Test
    void factoriesAreEqualByClassAndProperties() {
        GannetManagedConnectionFactory one = new GannetManagedConnectionFactory();
        GannetManagedConnectionFactory two = new GannetManagedConnectionFactory();
        assertEquals(one, two);
        assertEquals(one.hashCode(), two.hashCode());
        two.setClientId("billing");
        assertNotEquals(one, two);
        one.setClientId("billing");
        assertEquals(one, two);
        assertNotEquals(new GannetManagedQueueConnectionFactory(), new GannetManagedConnectionFactory(),
                "another connection definition");
        assertEquals(TransactionSupport.TransactionSupportLevel.XATransaction, one.getTransactionSupport());
    }

    @Test
    void thePoolMatchesConnectionsOfTheSameIdentityOnly() throws Exception {
        PoolingConnectionManager pool = new PoolingConnectionManager(null);
        PooledConnectionFactory factory = running.connectionFactory(pool);
        factory.createConnection("alice", "a").close();
        factory.createConnection("bob", "b").close();
        assertEquals(2, pool.created(), "bob's request did not match alice's connection");
        factory.createConnection("alice", "a").close();
        factory.createConnection("bob", "b").close();
        assertEquals(2, pool.created(), "each found their own");
        try (JMSContext context = factory.createContext("alice", "a")) {
            context.createProducer().send(context.createQueue("matched"), "by alice");
        }
        assertEquals(2, pool.created(), "a JMSContext works on the same pooled connection as a Connection");
    }

    @Test
    void theContainersPasswordCredentialWinsOverTheApplicationsRequest() throws Exception {
        GannetManagedConnectionFactory factory = running.managedConnectionFactory();
        factory.setUser("definition");
        Subject subject = new Subject();
        PasswordCredential credential = new PasswordCredential("container", "c".toCharArray());
        credential.setManagedConnectionFactory(factory);
        subject.getPrivateCredentials().add(credential);
        ConnectionRequest request = new ConnectionRequest(HandleType.CONNECTION, new Credentials("app", "a"),
                JMSContext.AUTO_ACKNOWLEDGE);
        assertEquals(new Credentials("container", "c"), factory.identityOf(subject, request));
        assertEquals(new Credentials("app", "a"), factory.identityOf(null, request));
        assertEquals(new Credentials("definition", null), factory.identityOf(null, ConnectionRequest.DEFAULT));
    }

    @Test
    void anIdleConnectionReauthenticatesAndABusyOneRefuses() throws Exception {
        GannetManagedConnectionFactory factory = running.managedConnectionFactory();
        ConnectionRequest alice = new ConnectionRequest(HandleType.CONNECTION, new Credentials("alice", "a"),
                JMSContext.AUTO_ACKNOWLEDGE);
        ConnectionRequest bob = new ConnectionRequest(HandleType.CONNECTION, new Credentials("bob", "b"),
                JMSContext.AUTO_ACKNOWLEDGE);
        ManagedConnection managed = factory.createManagedConnection(null, alice);
        try {
            assertEquals("alice", managed.getMetaData().getUserName());
            assertNull(factory.matchManagedConnections(Set.of(managed), null, bob), "no match across identities");
            assertSame(managed, factory.matchManagedConnections(Set.of(managed), null, alice));
            Connection busy = (Connection) managed.getConnection(null, alice);
            SecurityException refused = assertThrows(SecurityException.class, () -> managed.getConnection(null, bob));
            assertTrue(refused.getMessage().contains("cannot re-authenticate as user 'bob'"), refused.getMessage());
            busy.close();
            managed.cleanup();
            Connection asBob = (Connection) managed.getConnection(null, bob);
            assertEquals("bob", managed.getMetaData().getUserName(), "re-authenticated while idle");
            asBob.createSession().createProducer(null);
        } finally {
            managed.destroy();
        }
    }

    @Test
    void withoutAServerTheFactoryOpensAConnectionPerHandle() throws Exception {
        GannetManagedConnectionFactory factory = running.managedConnectionFactory();
        Object made = factory.createConnectionFactory();
        PooledConnectionFactory unmanaged = assertInstanceOf(PooledConnectionFactory.class, made);
        try (Connection connection = unmanaged.createConnection()) {
            connection.createSession().createProducer(null);
        }
    }

    /**
     * A server may copy the adapter's {@code brokerUrl} onto a connection definition without its
     * {@code dataDirectory} (Open Liberty does): the definition still reaches the broker the adapter runs.
     */
    @Test
    void aDefinitionNamingTheAdaptersEmbeddedBrokerReachesItInTheAdaptersDataDirectory() throws Exception {
        GannetManagedConnectionFactory factory = running.managedConnectionFactory();
        factory.setBrokerUrl(running.adapter().getBrokerUrl());
        PooledConnectionFactory connections = (PooledConnectionFactory) factory.createConnectionFactory();
        try (JMSContext context = connections.createContext()) {
            context.createProducer().send(context.createQueue("copied-url"), "to the adapter's broker");
        }
        assertEquals(List.of("to the adapter's broker"), running.drain("copied-url", Duration.ofSeconds(1)));
    }

    @Test
    void aDefinitionNamingTheAdaptersBrokerInAnotherDirectoryIsRefused() throws Exception {
        GannetManagedConnectionFactory factory = running.managedConnectionFactory();
        Path elsewhere = directory.resolve("elsewhere");
        factory.setBrokerUrl(running.adapter().getBrokerUrl() + "?dataDirectory=" + elsewhere);
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class,
                () -> factory.createManagedConnection(null, null));
        assertTrue(e.getMessage().contains("names the adapter's broker") && e.getMessage().contains(
                directory.toString()), e.getMessage());
    }

    @Test
    void aFactoryWithoutAdapterRefusesToMakeConnections() {
        GannetManagedConnectionFactory orphan = new GannetManagedConnectionFactory();
        ResourceException e = assertThrows(jakarta.resource.spi.IllegalStateException.class,
                () -> orphan.createManagedConnection(null, null));
        assertTrue(e.getMessage().contains("has no resource adapter"), e.getMessage());
    }
}
