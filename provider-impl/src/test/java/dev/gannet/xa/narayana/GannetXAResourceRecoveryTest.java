package dev.gannet.xa.narayana;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationPolicies;
import dev.gannet.broker.Broker;
import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.client.GannetXAConnectionFactory;
import dev.gannet.protocol.BranchId;
import dev.gannet.transport.tcp.TcpOptions;
import dev.gannet.transport.tcp.server.TcpAcceptor;
import jakarta.jms.JMSContext;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link GannetXAResourceRecovery} against a real broker over TCP, as Narayana's recovery module calls it: a scan gets
 * the broker's resource from {@code getXAResources}, calls {@code recover} with {@code TMSTARTRSCAN}, completes
 * branches, ends with {@code TMENDRSCAN}. A broker that is down at a scan costs that scan only.
 */
@Timeout(120)
class GannetXAResourceRecoveryTest {

    private static final long ARRIVES = 10_000;

    @TempDir
    Path dataDirectory;
    private final int port = freePort();
    private final String url = "tcp://127.0.0.1:" + port;
    private Broker broker;
    private TcpAcceptor acceptor;

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startBroker() {
        broker = Broker.start(new BrokerConfig("recovery-" + port, dataDirectory, DestinationPolicies.none()));
        acceptor = TcpAcceptor.start(broker, "127.0.0.1", port, TcpOptions.defaults());
    }

    @AfterEach
    void stopBroker() {
        if (acceptor != null) {
            acceptor.close();
            broker.close();
            acceptor = null;
            broker = null;
        }
    }

    /** Sends {@code body} to the queue "recovered" in branch {@code xid} and prepares it. */
    private void prepareSend(Xid xid, String body) throws Exception {
        XAConnection connection = new GannetXAConnectionFactory(url).createXAConnection();
        try {
            XASession session = connection.createXASession();
            XAResource resource = session.getXAResource();
            resource.start(xid, XAResource.TMNOFLAGS);
            session.getSession().createProducer(session.getSession().createQueue("recovered"))
                    .send(session.getSession().createTextMessage(body));
            resource.end(xid, XAResource.TMSUCCESS);
            assertEquals(XAResource.XA_OK, resource.prepare(xid));
        } finally {
            connection.close();
        }
    }

    private static BranchId branch(String name) {
        return new BranchId(0x4741, name.getBytes(StandardCharsets.UTF_8), new byte[] {1});
    }

    private static List<BranchId> scan(XAResource resource) throws XAException {
        Xid[] found = resource.recover(XAResource.TMSTARTRSCAN);
        resource.recover(XAResource.TMENDRSCAN);
        return Stream.of(found).map(BranchId::of).toList();
    }

    private String receive() {
        try (JMSContext context = new GannetConnectionFactory(url).createContext()) {
            return context.createConsumer(context.createQueue("recovered")).receiveBody(String.class, ARRIVES);
        }
    }

    @Test
    void aBrokerDownAtAScanCostsThatScanOnlyTheNextFindsItsPreparedBranches() throws Exception {
        try (GannetXAResourceRecovery recovery = new GannetXAResourceRecovery(url, null, null)) {
            assertEquals(0, recovery.getXAResources().length, "nothing to scan while the broker is down");

            startBroker();
            BranchId xid = branch("down-at-scan");
            prepareSend(xid, "after the outage");
            XAResource[] resources = recovery.getXAResources();
            assertEquals(1, resources.length);
            assertEquals(List.of(xid), scan(resources[0]));
            resources[0].commit(xid, false);

            assertEquals("after the outage", receive());
            assertSame(resources[0], recovery.getXAResources()[0],
                    "one resource across scans: Narayana keeps the Xids each resource returned");
            assertEquals(List.of(), scan(resources[0]));
        }
    }

    @Test
    void aBrokerRestartedBetweenTwoCallsIsReachedAgainByTheSameResource() throws Exception {
        startBroker();
        BranchId xid = branch("restart");
        prepareSend(xid, "across a restart");
        try (GannetXAResourceRecovery recovery = new GannetXAResourceRecovery(new GannetXAConnectionFactory(url))) {
            XAResource resource = recovery.getXAResources()[0];
            assertEquals(List.of(xid), List.of(resource.recover(XAResource.TMSTARTRSCAN)).stream()
                    .map(BranchId::of).toList());
            stopBroker();

            XAException unreachable = assertThrows(XAException.class, () -> resource.rollback(xid));
            assertEquals(XAException.XAER_RMFAIL, unreachable.errorCode, "the broker is gone");
            assertEquals(0, resource.recover(XAResource.TMENDRSCAN).length,
                    "ending a scan whose connection is gone has nothing to end");

            startBroker();
            assertEquals(List.of(xid), scan(resource), "the prepared branch survived the restart");
            resource.commit(xid, false);
            assertEquals("across a restart", receive());
        }
    }

    @Test
    void aRolledBackBranchLeavesNothingBehind() throws Exception {
        startBroker();
        BranchId xid = branch("rolled-back");
        prepareSend(xid, "never");
        try (GannetXAResourceRecovery recovery = new GannetXAResourceRecovery(url, null, null)) {
            XAResource resource = recovery.getXAResources()[0];
            assertEquals(List.of(xid), scan(resource));
            resource.rollback(xid);
            assertEquals(List.of(), scan(resource));
        }
        try (JMSContext context = new GannetConnectionFactory(url).createContext()) {
            assertNull(context.createConsumer(context.createQueue("recovered")).receiveBody(String.class, 300));
        }
    }

    @Test
    void resourcesOfOneBrokerAreOneResourceManager() throws Exception {
        startBroker();
        try (GannetXAResourceRecovery one = new GannetXAResourceRecovery(url, null, null);
             GannetXAResourceRecovery two = new GannetXAResourceRecovery(url, null, null)) {
            XAResource first = one.getXAResources()[0];
            XAResource second = two.getXAResources()[0];
            assertTrue(first.isSameRM(second));
            XAConnection connection = new GannetXAConnectionFactory(url).createXAConnection();
            try {
                assertTrue(first.isSameRM(connection.createXASession().getXAResource()));
            } finally {
                connection.close();
            }
        }
    }
}
