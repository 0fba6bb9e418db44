package dev.gannet.integration;

import dev.gannet.api.EmbeddedBroker;
import dev.gannet.client.GannetXAConnectionFactory;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The XAResource's rules that hold before any branch exists (javadoc of XAResource and XAException): arguments it
 * refuses with XAER_INVAL, the recovery scan's cursor, the transaction timeout, isSameRM, and XAER_RMFAIL when the
 * broker cannot be reached.
 */
class XaResourceRulesTest extends XaTestSupport {

    @Test
    void aNullXidIsXaerInvalForEveryCall() throws Exception {
        XAResource resource = xaSession().getXAResource();
        assertXaError(XAException.XAER_INVAL, () -> resource.start(null, XAResource.TMNOFLAGS));
        assertXaError(XAException.XAER_INVAL, () -> resource.end(null, XAResource.TMSUCCESS));
        assertXaError(XAException.XAER_INVAL, () -> resource.prepare(null));
        assertXaError(XAException.XAER_INVAL, () -> resource.commit(null, true));
        assertXaError(XAException.XAER_INVAL, () -> resource.rollback(null));
        XAException e = assertXaError(XAException.XAER_INVAL, () -> resource.forget(null));
        assertTrue(e.getMessage().contains("Xid is null"), e.getMessage());
    }

    @Test
    void flagsACallDoesNotTakeAreXaerInval() throws Exception {
        XAResource resource = xaSession().getXAResource();
        Xid xid = newXid();
        XAException start = assertXaError(XAException.XAER_INVAL, () -> resource.start(xid, XAResource.TMSUCCESS));
        assertTrue(start.getMessage().contains("TMNOFLAGS, TMJOIN and TMRESUME"), start.getMessage());
        assertXaError(XAException.XAER_INVAL, () -> resource.start(xid, XAResource.TMJOIN | XAResource.TMRESUME));
        assertXaError(XAException.XAER_INVAL, () -> resource.end(xid, XAResource.TMNOFLAGS));
        assertXaError(XAException.XAER_INVAL, () -> resource.end(xid, XAResource.TMJOIN));
        assertXaError(XAException.XAER_INVAL, () -> resource.recover(XAResource.TMJOIN));
        assertXaError(XAException.XAER_INVAL, () -> resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMFAIL));
    }

    @Test
    void anXidNoBranchCanHaveIsXaerInval() throws Exception {
        XAResource resource = xaSession().getXAResource();
        Xid nullXid = new Xid() {
            @Override
            public int getFormatId() {
                return -1;
            }

            @Override
            public byte[] getGlobalTransactionId() {
                return new byte[] {1};
            }

            @Override
            public byte[] getBranchQualifier() {
                return new byte[0];
            }
        };
        assertXaError(XAException.XAER_INVAL, () -> resource.start(nullXid, XAResource.TMNOFLAGS));
        Xid tooLong = new ManagerXid("g".repeat(Xid.MAXGTRIDSIZE + 1), "b");
        assertXaError(XAException.XAER_INVAL, () -> resource.prepare(tooLong));
    }

    @Test
    void continuingARecoveryScanThatWasNotStartedIsXaerInval() throws Exception {
        XAResource resource = xaSession().getXAResource();
        XAException e = assertXaError(XAException.XAER_INVAL, () -> resource.recover(XAResource.TMNOFLAGS));
        assertTrue(e.getMessage().contains("TMSTARTRSCAN"), e.getMessage());
        assertXaError(XAException.XAER_INVAL, () -> resource.recover(XAResource.TMENDRSCAN));
    }

    @Test
    void theTransactionTimeoutIsWhatWasSetAndZeroRestoresTheBrokersDefault() throws Exception {
        XAResource resource = xaSession().getXAResource();
        assertEquals(0, resource.getTransactionTimeout(), "0 until set: the broker's default applies");
        assertTrue(resource.setTransactionTimeout(30));
        assertEquals(30, resource.getTransactionTimeout());
        assertTrue(resource.setTransactionTimeout(0));
        assertEquals(0, resource.getTransactionTimeout());
        assertXaError(XAException.XAER_INVAL, () -> resource.setTransactionTimeout(-1));
        assertEquals(0, resource.getTransactionTimeout(), "a refused timeout changes nothing");
    }

    @Test
    void resourcesOfTheSameBrokerAreTheSameResourceManagerAndNoOthers() throws Exception {
        XAResource first = xaSession().getXAResource();
        XAConnection second = xaConnection();
        XAResource sameBroker = second.createXASession().getXAResource();
        assertTrue(first.isSameRM(sameBroker), "two connections to one broker");
        assertTrue(sameBroker.isSameRM(first));
        assertTrue(first.isSameRM(first));

        String otherName = "xa-other-" + UUID.randomUUID().toString().substring(0, 8);
        try (XAConnection other = new GannetXAConnectionFactory("vm://" + otherName + "?store=memory")
                .createXAConnection()) {
            XAResource otherBroker = other.createXASession().getXAResource();
            assertFalse(first.isSameRM(otherBroker), "another broker");
            assertFalse(otherBroker.isSameRM(first));
        } finally {
            EmbeddedBroker.stop(otherName);
        }
        assertFalse(first.isSameRM(null));
        assertFalse(first.isSameRM(new XaResourceOfAnotherKind()), "another provider's resource");
    }

    @Test
    void everyCallIsXaerRmfailOnceTheBrokerIsGone() throws Exception {
        XASession session = xaSession();
        XAResource resource = session.getXAResource();
        Xid xid = newXid();
        stopBrokerUnderConnections();
        assertXaError(XAException.XAER_RMFAIL, () -> resource.start(xid, XAResource.TMNOFLAGS));
        assertXaError(XAException.XAER_RMFAIL, () -> resource.prepare(xid));
        assertXaError(XAException.XAER_RMFAIL, () -> resource.commit(xid, false));
        assertXaError(XAException.XAER_RMFAIL, () -> resource.rollback(xid));
        assertXaError(XAException.XAER_RMFAIL, () -> resource.forget(xid));
        assertXaError(XAException.XAER_RMFAIL, () -> resource.recover(XAResource.TMSTARTRSCAN));
    }

    @Test
    void everyCallIsXaerRmfailOnceTheConnectionIsClosed() throws Exception {
        XAConnection connection = xaConnection();
        XAResource resource = connection.createXASession().getXAResource();
        Xid xid = newXid();
        connection.close();
        assertXaError(XAException.XAER_RMFAIL, () -> resource.start(xid, XAResource.TMNOFLAGS));
        assertXaError(XAException.XAER_RMFAIL, () -> resource.commit(xid, true));
        assertXaError(XAException.XAER_RMFAIL, () -> resource.rollback(xid));
        XAException e = assertXaError(XAException.XAER_RMFAIL, () -> resource.recover(XAResource.TMSTARTRSCAN));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    /** A resource of another provider: never the same resource manager as Gannet's. */
    private static final class XaResourceOfAnotherKind implements XAResource {
        @Override
        public void commit(Xid xid, boolean onePhase) {
        }

        @Override
        public void end(Xid xid, int flags) {
        }

        @Override
        public void forget(Xid xid) {
        }

        @Override
        public int getTransactionTimeout() {
            return 0;
        }

        @Override
        public boolean isSameRM(XAResource other) {
            return false;
        }

        @Override
        public int prepare(Xid xid) {
            return XA_OK;
        }

        @Override
        public Xid[] recover(int flag) {
            return new Xid[0];
        }

        @Override
        public void rollback(Xid xid) {
        }

        @Override
        public boolean setTransactionTimeout(int seconds) {
            return false;
        }

        @Override
        public void start(Xid xid, int flags) {
        }
    }
}
