package dev.gannet.ra;

import dev.gannet.api.EmbeddedBroker;
import dev.gannet.client.GannetXAConnectionFactory;
import dev.gannet.ra.inbound.GannetActivationSpec;
import dev.gannet.ra.outbound.PooledConnectionFactory;
import dev.gannet.ra.server.PoolingConnectionManager;
import dev.gannet.ra.server.RunningAdapter;
import dev.gannet.ra.server.TestBootstrapContext;
import dev.gannet.ra.server.TestXid;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ResourceAdapterInternalException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ResourceAdapter JavaBean (Connectors 2.1 chapter 5): configuration, start and stop, recovery resources. */
class ResourceAdapterTest {

    @TempDir
    Path directory;

    @Test
    void anEmbeddedBrokerStartsWithTheAdapterInItsDataDirectoryAndStopsWithIt() throws Exception {
        String name = "ra-lifecycle";
        try (RunningAdapter running = RunningAdapter.embedded(name, directory)) {
            running.send("lifecycle", false, "kept");
            assertTrue(running.adapter().brokerAccess().url().contains("dataDirectory="));
            try (var files = Files.list(directory)) {
                assertFalse(files.toList().isEmpty(), "the store lives in the data directory");
            }
        }
        assertFalse(EmbeddedBroker.stop(name), "the adapter's stop stopped its broker");
        try (RunningAdapter again = RunningAdapter.embedded(name, directory)) {
            assertEquals(List.of("kept"), again.drain("lifecycle", Duration.ofSeconds(1)),
                    "a persistent message outlives the adapter's restart on the same store");
        }
    }

    /**
     * Connectors 2.1 section 5.3.4.2: the server may call stop before it flushes its pool; the pooled connections then
     * close with the adapter, quietly, instead of failing with its broker (CONNECTION_ERROR_OCCURRED).
     */
    @Test
    void stoppingTheAdapterClosesItsPooledConnectionsQuietlyBeforeItsBrokerGoes() throws Exception {
        try (RunningAdapter running = RunningAdapter.embedded(directory)) {
            PoolingConnectionManager pool = new PoolingConnectionManager(null);
            PooledConnectionFactory factory = running.connectionFactory(pool);
            try (Connection connection = factory.createConnection()) {
                connection.createSession().createProducer(null);
            }
            assertEquals(1, pool.idle(), "the connection went back to the pool");

            running.adapter().stop();
            long end = System.nanoTime() + Duration.ofMillis(500).toNanos();
            while (System.nanoTime() < end && !pool.heardTypes().contains(ConnectionEvent.CONNECTION_ERROR_OCCURRED)) {
                Thread.sleep(10); // a failure would be heard on the connection's exception lane, at once
            }
            assertEquals(List.of(ConnectionEvent.CONNECTION_CLOSED), pool.heardTypes(),
                    "the pooled connection closed with the adapter, no error");
            pool.close(); // the server flushes its pool afterwards
            assertEquals(0, pool.destroyed(), "nothing was destroyed for an error");
        }
    }

    /** WildFly runs the adapter a second time for an application's @JMSConnectionFactoryDefinition, on one broker. */
    @Test
    void anAdapterSharingItsBrokerWithAnotherLeavesItRunningForTheOther() throws Exception {
        String name = "ra-shared";
        try (RunningAdapter first = RunningAdapter.embedded(name, directory);
             RunningAdapter second = RunningAdapter.embedded(name, directory)) {
            PoolingConnectionManager pool = new PoolingConnectionManager(null);
            PooledConnectionFactory factory = second.connectionFactory(pool);
            try (Connection connection = factory.createConnection()) {
                connection.createSession().createProducer(null);
            }

            first.adapter().stop();
            try (JMSContext context = factory.createContext()) {
                context.createProducer().send(context.createQueue("shared"), "after the first adapter stopped");
            }
            assertEquals(List.of(ConnectionEvent.CONNECTION_CLOSED, ConnectionEvent.CONNECTION_CLOSED),
                    pool.heardTypes(), "the second adapter's pooled connection kept working");
            assertEquals(1, pool.created());
            assertEquals(List.of("after the first adapter stopped"), second.drain("shared", Duration.ofSeconds(1)));
        }
        assertFalse(EmbeddedBroker.stop(name), "the last adapter's stop stopped the broker");
    }

    @Test
    void aWrongConfigurationFailsTheStartSayingWhatIsWrong() throws Exception {
        assertStartFails("ftp://broker:21", "names neither a remote broker (tcp://HOST:PORT or ssl://HOST:PORT) nor one"
                + " the adapter runs");
        assertStartFails("ssl://broker:7671?trustStorePassword=secret", "trustStorePassword is given without"
                + " trustStorePath");
        assertStartFails("vm:///orders", "names no broker");
        assertStartFails("tcp://broker:7672?password=secret&bogus=1", "unknown option(s) [bogus]");
        GannetResourceAdapter both = new GannetResourceAdapter();
        both.setBrokerUrl("tcp://broker:7672");
        both.setDataDirectory(directory.toString());
        try (TestBootstrapContext context = new TestBootstrapContext()) {
            ResourceAdapterInternalException e = assertThrows(ResourceAdapterInternalException.class,
                    () -> both.start(context));
            assertTrue(e.getMessage().contains("applies to a broker the adapter runs"), e.getMessage());
        }
    }

    private void assertStartFails(String url, String reason) throws Exception {
        GannetResourceAdapter adapter = new GannetResourceAdapter();
        adapter.setBrokerUrl(url);
        try (TestBootstrapContext context = new TestBootstrapContext()) {
            ResourceAdapterInternalException e = assertThrows(ResourceAdapterInternalException.class,
                    () -> adapter.start(context));
            assertTrue(e.getMessage().contains(reason), e.getMessage());
            assertFalse(e.getMessage().contains("secret"), "no password in messages: " + e.getMessage());
        }
    }

    @Test
    void adaptersOfTheSameConfigurationAreEqual() {
        GannetResourceAdapter one = new GannetResourceAdapter();
        GannetResourceAdapter two = new GannetResourceAdapter();
        assertEquals(one, two);
        assertEquals(one.hashCode(), two.hashCode());
        two.setUser("app");
        assertNotEquals(one, two);
        one.setUser("app");
        assertEquals(one, two);
        one.setDataDirectory("/var/gannet");
        assertNotEquals(one, two);
    }

    @Test
    void getXAResourcesLetsRecoveryFindAndCommitAPreparedBranch() throws Exception {
        try (RunningAdapter running = RunningAdapter.embedded(directory)) {
            Xid xid = new TestXid(42);
            GannetXAConnectionFactory factory = new GannetXAConnectionFactory(running.adapter().brokerAccess().url());
            try (XAConnection connection = factory.createXAConnection()) {
                XASession session = connection.createXASession();
                XAResource resource = session.getXAResource();
                resource.start(xid, XAResource.TMNOFLAGS);
                session.createProducer(session.createQueue("recovered")).send(session.createTextMessage("in doubt"));
                resource.end(xid, XAResource.TMSUCCESS);
                assertEquals(XAResource.XA_OK, resource.prepare(xid));
            }
            GannetActivationSpec spec = new GannetActivationSpec();
            spec.setDestination("recovered");
            spec.setDestinationType("jakarta.jms.Queue");
            XAResource[] resources = running.adapter().getXAResources(new ActivationSpec[] {spec});
            assertEquals(1, resources.length, "one resource per broker");
            Xid[] inDoubt = resources[0].recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            assertTrue(Arrays.stream(inDoubt).anyMatch(found -> new TestXid(found).equals(xid)),
                    "the prepared branch is in doubt");
            resources[0].commit(xid, false);
            assertEquals(List.of("in doubt"), running.drain("recovered", Duration.ofSeconds(1)));
        }
    }
}
