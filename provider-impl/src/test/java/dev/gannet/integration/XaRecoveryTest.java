package dev.gannet.integration;

import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XASession;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prepared branches outlive the broker (XAResource.recover javadoc): after a restart on the same store, recover
 * answers every prepared Xid, the branch's sends stay invisible and its receives locked until the transaction
 * manager commits or rolls it back, over any connection.
 */
class XaRecoveryTest extends XaTestSupport {

    private static final String SENT = "sent in doubt";
    private static final String CONSUMED = "consumed in doubt";

    /** A prepared branch that sent {@link #SENT} to {@code out} and consumed {@link #CONSUMED} from {@code in}. */
    private Xid prepareInDoubtBranch(Queue in, Queue out) throws Exception {
        Session plain = session(Session.AUTO_ACKNOWLEDGE);
        plain.createProducer(in).send(plain.createTextMessage(CONSUMED));
        XASession xa = xaSession();
        XAResource resource = xa.getXAResource();
        MessageConsumer consumer = xa.createConsumer(in);
        Xid xid = newXid();
        resource.start(xid, XAResource.TMNOFLAGS);
        assertEquals(CONSUMED, ((TextMessage) receive(consumer)).getText());
        MessageProducer producer = xa.createProducer(out);
        producer.send(xa.createTextMessage(SENT));
        resource.end(xid, XAResource.TMSUCCESS);
        assertEquals(XAResource.XA_OK, resource.prepare(xid));
        return xid;
    }

    /** The Xids a full recovery scan of a new XA session answers. */
    private List<Xid> recoverAll(XAResource resource) throws XAException {
        List<Xid> found = Arrays.asList(resource.recover(XAResource.TMSTARTRSCAN));
        assertEquals(0, resource.recover(XAResource.TMNOFLAGS).length, "the first call answered every Xid");
        assertEquals(0, resource.recover(XAResource.TMENDRSCAN).length);
        return found;
    }

    private static boolean contains(List<Xid> found, Xid xid) {
        return found.stream().anyMatch(((ManagerXid) xid)::sameBranch);
    }

    @Test
    void aPreparedBranchIsRecoveredAfterARestartAndItsCommitDeliversExactlyOnce() throws Exception {
        Queue in = session(Session.AUTO_ACKNOWLEDGE).createQueue("xa-recover-commit-in");
        Queue out = session(Session.AUTO_ACKNOWLEDGE).createQueue("xa-recover-commit-out");
        Xid xid = prepareInDoubtBranch(in, out);

        restartBroker();

        XAResource resource = xaSession().getXAResource();
        List<Xid> found = recoverAll(resource);
        assertEquals(1, found.size(), "the one prepared branch: " + found);
        assertTrue(contains(found, xid), "recover answers the transaction manager's Xid: " + found);
        Session observer = session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer outConsumer = observer.createConsumer(out);
        MessageConsumer inConsumer = observer.createConsumer(in);
        assertNull(outConsumer.receive(ABSENT), "an in-doubt send stays invisible");
        assertNull(inConsumer.receive(ABSENT), "an in-doubt receive stays locked");

        resource.commit(found.get(0), false);

        assertEquals(SENT, ((TextMessage) receive(outConsumer)).getText());
        assertNull(outConsumer.receive(ABSENT), "exactly once");
        assertNull(inConsumer.receive(ABSENT), "the committed branch consumed it");
        assertEquals(0, recoverAll(resource).size(), "a committed branch is no longer in doubt");
    }

    @Test
    void aPreparedBranchRolledBackAfterARestartRedeliversWhatItConsumed() throws Exception {
        Queue in = session(Session.AUTO_ACKNOWLEDGE).createQueue("xa-recover-rollback-in");
        Queue out = session(Session.AUTO_ACKNOWLEDGE).createQueue("xa-recover-rollback-out");
        Xid xid = prepareInDoubtBranch(in, out);

        restartBroker();

        XAResource resource = xaSession().getXAResource();
        assertTrue(contains(recoverAll(resource), xid));
        resource.rollback(xid);

        Session observer = session(Session.AUTO_ACKNOWLEDGE);
        Message again = receive(observer.createConsumer(in));
        assertEquals(CONSUMED, ((TextMessage) again).getText());
        assertTrue(again.getJMSRedelivered());
        assertNull(observer.createConsumer(out).receive(ABSENT), "a rolled back send never appears");
        assertEquals(0, recoverAll(resource).size());
    }

    @Test
    void recoverAnswersPreparedBranchesOnlyOverAnyConnection() throws Exception {
        Queue in = session(Session.AUTO_ACKNOWLEDGE).createQueue("xa-recover-only-in");
        Queue out = session(Session.AUTO_ACKNOWLEDGE).createQueue("xa-recover-only-out");
        Xid prepared = prepareInDoubtBranch(in, out);
        XAResource other = xaSession().getXAResource();
        Xid ended = newXid();
        other.start(ended, XAResource.TMNOFLAGS);
        other.end(ended, XAResource.TMSUCCESS);
        Xid active = newXid();
        XAResource third = xaSession().getXAResource();
        third.start(active, XAResource.TMNOFLAGS);

        XAResource recovery = xaSession().getXAResource();
        Xid[] found = recovery.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
        assertEquals(1, found.length, Arrays.toString(found));
        assertTrue(((ManagerXid) prepared).sameBranch(found[0]));
        assertXaError(XAException.XAER_INVAL, () -> recovery.recover(XAResource.TMNOFLAGS));

        recovery.commit(prepared, false);
        MessageConsumer outConsumer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(out);
        assertNotNull(outConsumer.receive(ARRIVES), "committed from another connection");
        other.rollback(ended);
        third.end(active, XAResource.TMSUCCESS);
        third.rollback(active);
    }
}
