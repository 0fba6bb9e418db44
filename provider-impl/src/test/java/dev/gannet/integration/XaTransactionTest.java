package dev.gannet.integration;

import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XASession;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Global transaction branches through an XASession's XAResource, driven as a transaction manager drives them (spec
 * 11.1.5, the javadoc of XAResource): the branch's sends become visible and its receives consumed only when it
 * commits, in one or two phases; rollback drops the sends and redelivers the receives; the association's flags;
 * the XAException codes of calls out of order.
 */
class XaTransactionTest extends XaTestSupport {

    /** A session to watch a destination from outside every transaction. */
    private Session observer() throws Exception {
        return session(Session.AUTO_ACKNOWLEDGE);
    }

    private void send(Queue queue, String... texts) throws Exception {
        Session plain = observer();
        MessageProducer producer = plain.createProducer(queue);
        for (String text : texts) {
            producer.send(plain.createTextMessage(text));
        }
    }

    private static String text(Message message) throws Exception {
        assertNotNull(message, "expected a message within " + ARRIVES + " ms");
        return ((TextMessage) message).getText();
    }

    @Test
    void twoPhaseCommitMakesTheBranchsSendsVisibleOnlyWhenItCommits() throws Exception {
        XASession xa = xaSession();
        XAResource resource = xa.getXAResource();
        Queue queue = xa.createQueue("xa-2pc");
        MessageConsumer observer = observer().createConsumer(queue);
        Xid xid = newXid();

        resource.start(xid, XAResource.TMNOFLAGS);
        xa.createProducer(queue).send(xa.createTextMessage("in the branch"));
        resource.end(xid, XAResource.TMSUCCESS);
        assertNull(observer.receive(ABSENT), "a branch's send is invisible before commit");
        assertEquals(XAResource.XA_OK, resource.prepare(xid));
        assertNull(observer.receive(ABSENT), "a prepared branch's send is invisible before commit");
        resource.commit(xid, false);

        assertEquals("in the branch", text(observer.receive(ARRIVES)));
    }

    @Test
    void onePhaseCommitCommitsAnEndedBranchWithoutPrepare() throws Exception {
        XASession xa = xaSession();
        XAResource resource = xa.getXAResource();
        Queue queue = xa.createQueue("xa-1pc");
        MessageConsumer observer = observer().createConsumer(queue);
        Xid xid = newXid();

        resource.start(xid, XAResource.TMNOFLAGS);
        xa.createProducer(queue).send(xa.createTextMessage("one phase"));
        resource.end(xid, XAResource.TMSUCCESS);
        resource.commit(xid, true);

        assertEquals("one phase", text(observer.receive(ARRIVES)));
        assertXaError(XAException.XAER_NOTA, () -> resource.commit(xid, true));
    }

    @Test
    void messagesConsumedInABranchAreGoneOnceItCommits() throws Exception {
        XASession xa = xaSession();
        XAResource resource = xa.getXAResource();
        Queue queue = xa.createQueue("xa-consume");
        send(queue, "consumed once");
        MessageConsumer consumer = xa.createConsumer(queue);
        Xid xid = newXid();

        resource.start(xid, XAResource.TMNOFLAGS);
        assertEquals("consumed once", text(consumer.receive(ARRIVES)));
        resource.end(xid, XAResource.TMSUCCESS);
        assertEquals(XAResource.XA_OK, resource.prepare(xid));
        resource.commit(xid, false);
        xa.close();

        assertNull(observer().createConsumer(queue).receive(ABSENT), "a committed branch consumed the message");
    }

    @Test
    void rollbackDropsTheBranchsSendsAndRedeliversWhatItConsumed() throws Exception {
        XASession xa = xaSession();
        XAResource resource = xa.getXAResource();
        Queue in = xa.createQueue("xa-rollback-in");
        Queue out = xa.createQueue("xa-rollback-out");
        send(in, "back again");
        MessageConsumer consumer = xa.createConsumer(in);
        Xid xid = newXid();

        resource.start(xid, XAResource.TMNOFLAGS);
        Message first = consumer.receive(ARRIVES);
        assertEquals("back again", text(first));
        assertFalse(first.getJMSRedelivered());
        xa.createProducer(out).send(xa.createTextMessage("never"));
        resource.end(xid, XAResource.TMSUCCESS);
        assertEquals(XAResource.XA_OK, resource.prepare(xid));
        resource.rollback(xid);

        Message again = consumer.receive(ARRIVES);
        assertEquals("back again", text(again));
        assertTrue(again.getJMSRedelivered(), "a rolled back receive is redelivered (spec 6.2.10)");
        assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
        assertEquals(first.getJMSMessageID(), again.getJMSMessageID());
        assertNull(observer().createConsumer(out).receive(ABSENT), "a rolled back send is dropped");
    }

    @Test
    void aBranchThatDidNothingPreparesReadOnlyAndIsOver() throws Exception {
        XAResource resource = xaSession().getXAResource();
        Xid xid = newXid();
        resource.start(xid, XAResource.TMNOFLAGS);
        resource.end(xid, XAResource.TMSUCCESS);
        assertEquals(XAResource.XA_RDONLY, resource.prepare(xid));
        assertXaError(XAException.XAER_NOTA, () -> resource.commit(xid, false));
    }

    @Test
    void workWhileSuspendedIsOutsideTheBranchAndResumeContinuesIt() throws Exception {
        XASession xa = xaSession();
        XAResource resource = xa.getXAResource();
        Queue queue = xa.createQueue("xa-suspend");
        MessageProducer producer = xa.createProducer(queue);
        MessageConsumer observer = observer().createConsumer(queue);
        Xid xid = newXid();

        resource.start(xid, XAResource.TMNOFLAGS);
        producer.send(xa.createTextMessage("before suspend"));
        resource.end(xid, XAResource.TMSUSPEND);
        producer.send(xa.createTextMessage("while suspended"));
        assertEquals("while suspended", text(observer.receive(ARRIVES)), "outside the branch a send is not staged");
        resource.start(xid, XAResource.TMRESUME);
        producer.send(xa.createTextMessage("after resume"));
        resource.end(xid, XAResource.TMSUCCESS);
        assertNull(observer.receive(ABSENT));
        resource.commit(xid, true);

        assertEquals("before suspend", text(observer.receive(ARRIVES)));
        assertEquals("after resume", text(observer.receive(ARRIVES)));
    }

    @Test
    void aSecondSessionOfTheSameBrokerJoinsTheBranch() throws Exception {
        XASession first = xaSession();
        XASession second = xaSession();
        XAResource firstResource = first.getXAResource();
        XAResource secondResource = second.getXAResource();
        assertTrue(firstResource.isSameRM(secondResource));
        Queue queue = first.createQueue("xa-join");
        MessageConsumer observer = observer().createConsumer(queue);
        Xid xid = newXid();

        firstResource.start(xid, XAResource.TMNOFLAGS);
        first.createProducer(queue).send(first.createTextMessage("first"));
        firstResource.end(xid, XAResource.TMSUCCESS);
        secondResource.start(xid, XAResource.TMJOIN);
        second.createProducer(queue).send(second.createTextMessage("second"));
        secondResource.end(xid, XAResource.TMSUCCESS);
        assertNull(observer.receive(ABSENT));
        assertEquals(XAResource.XA_OK, secondResource.prepare(xid));
        firstResource.commit(xid, false);

        assertEquals("first", text(observer.receive(ARRIVES)));
        assertEquals("second", text(observer.receive(ARRIVES)));
    }

    @Test
    void twoBranchesOfOneGlobalTransactionAreSeparateBranches() throws Exception {
        XASession first = xaSession();
        XASession second = xaSession();
        Queue queue = first.createQueue("xa-two-branches");
        MessageConsumer observer = observer().createConsumer(queue);
        Xid one = newXid();
        Xid two = otherBranch(one, "branch-2");

        first.getXAResource().start(one, XAResource.TMNOFLAGS);
        second.getXAResource().start(two, XAResource.TMNOFLAGS);
        first.createProducer(queue).send(first.createTextMessage("kept"));
        second.createProducer(queue).send(second.createTextMessage("dropped"));
        first.getXAResource().end(one, XAResource.TMSUCCESS);
        second.getXAResource().end(two, XAResource.TMSUCCESS);
        assertEquals(XAResource.XA_OK, first.getXAResource().prepare(one));
        assertEquals(XAResource.XA_OK, second.getXAResource().prepare(two));
        first.getXAResource().commit(one, false);
        second.getXAResource().rollback(two);

        assertEquals("kept", text(observer.receive(ARRIVES)));
        assertNull(observer.receive(ABSENT));
    }

    @Test
    void startingASecondBranchWhileAssociatedIsXaerProto() throws Exception {
        XAResource resource = xaSession().getXAResource();
        Xid xid = newXid();
        resource.start(xid, XAResource.TMNOFLAGS);
        assertXaError(XAException.XAER_PROTO, () -> resource.start(newXid(), XAResource.TMNOFLAGS));
        assertXaError(XAException.XAER_PROTO, () -> resource.end(newXid(), XAResource.TMSUCCESS));
        resource.end(xid, XAResource.TMSUCCESS);
        resource.rollback(xid);
    }

    @Test
    void startingABranchThatExistsIsXaerDupid() throws Exception {
        XAResource first = xaSession().getXAResource();
        XAResource second = xaSession().getXAResource();
        Xid xid = newXid();
        first.start(xid, XAResource.TMNOFLAGS);
        first.end(xid, XAResource.TMSUCCESS);
        assertXaError(XAException.XAER_DUPID, () -> second.start(xid, XAResource.TMNOFLAGS));
        first.rollback(xid);
    }

    @Test
    void callsForABranchTheBrokerDoesNotKnowAreXaerNota() throws Exception {
        XAResource resource = xaSession().getXAResource();
        Xid unknown = newXid();
        assertXaError(XAException.XAER_NOTA, () -> resource.prepare(unknown));
        assertXaError(XAException.XAER_NOTA, () -> resource.commit(unknown, false));
        assertXaError(XAException.XAER_NOTA, () -> resource.commit(unknown, true));
        assertXaError(XAException.XAER_NOTA, () -> resource.rollback(unknown));
        assertXaError(XAException.XAER_NOTA, () -> resource.start(unknown, XAResource.TMJOIN));
    }

    @Test
    void completingABranchOutOfOrderIsXaerProto() throws Exception {
        XAResource resource = xaSession().getXAResource();
        Xid xid = newXid();
        resource.start(xid, XAResource.TMNOFLAGS);
        assertXaError(XAException.XAER_PROTO, () -> resource.prepare(xid));
        resource.end(xid, XAResource.TMSUCCESS);
        assertXaError(XAException.XAER_PROTO, () -> resource.commit(xid, false));
        resource.rollback(xid);
    }

    @Test
    void aBranchEndedWithTmfailCanOnlyRollBack() throws Exception {
        XASession xa = xaSession();
        XAResource resource = xa.getXAResource();
        Queue in = xa.createQueue("xa-fail-in");
        Queue out = xa.createQueue("xa-fail-out");
        send(in, "returned");
        MessageConsumer consumer = xa.createConsumer(in);
        Xid xid = newXid();

        resource.start(xid, XAResource.TMNOFLAGS);
        assertEquals("returned", text(consumer.receive(ARRIVES)));
        xa.createProducer(out).send(xa.createTextMessage("never"));
        resource.end(xid, XAResource.TMFAIL);
        assertXaError(XAException.XA_RBROLLBACK, () -> resource.prepare(xid));

        Message again = consumer.receive(ARRIVES);
        assertEquals("returned", text(again));
        assertTrue(again.getJMSRedelivered());
        assertNull(observer().createConsumer(out).receive(ABSENT));
    }

    @Test
    void aBranchLeftPastItsTimeoutIsRolledBackAndLaterCallsAreXaRbtimeout() throws Exception {
        XASession xa = xaSession();
        XAResource resource = xa.getXAResource();
        Queue queue = xa.createQueue("xa-timeout");
        send(queue, "released");
        MessageConsumer consumer = xa.createConsumer(queue);
        assertTrue(resource.setTransactionTimeout(1));
        Xid xid = newXid();

        resource.start(xid, XAResource.TMNOFLAGS);
        assertEquals("released", text(consumer.receive(ARRIVES)));
        resource.end(xid, XAResource.TMSUCCESS);
        consumer.close();

        Message again = observer().createConsumer(queue).receive(ARRIVES);
        assertEquals("released", text(again), "the broker rolled the idle branch back: its receive returned");
        assertTrue(again.getJMSRedelivered());
        assertXaError(XAException.XA_RBTIMEOUT, () -> resource.prepare(xid));
    }

    @Test
    void aListenerOfAnAssociatedSessionConsumesInTheBranch() throws Exception {
        XASession xa = xaSession();
        XAResource resource = xa.getXAResource();
        Queue queue = xa.createQueue("xa-listener");
        BlockingQueue<Message> heard = new LinkedBlockingQueue<>();
        Xid xid = newXid();

        resource.start(xid, XAResource.TMNOFLAGS);
        xa.createConsumer(queue).setMessageListener(heard::add);
        send(queue, "heard twice");
        Message first = heard.poll(ARRIVES, TimeUnit.MILLISECONDS);
        assertEquals("heard twice", text(first));
        resource.end(xid, XAResource.TMSUCCESS);
        resource.rollback(xid);

        Message again = heard.poll(ARRIVES, TimeUnit.MILLISECONDS);
        assertEquals("heard twice", text(again), "the branch's rollback returned the listener's message");
        assertTrue(again.getJMSRedelivered());
        xa.close(); // outside a branch the listener's session acknowledged it
        assertNull(observer().createConsumer(queue).receive(ABSENT));
    }

    @Test
    void aListenerThatStartsABranchForItsMessageHandsTheMessageToThatBranch() throws Exception {
        // a resource adapter's way: the message is delivered first, the listener's work then starts the branch
        XASession xa = xaSession();
        XAResource resource = xa.getXAResource();
        Queue queue = xa.createQueue("xa-listener-starts");
        Xid xid = newXid();
        BlockingQueue<Message> heard = new LinkedBlockingQueue<>();
        xa.createConsumer(queue).setMessageListener(message -> {
            if (heard.isEmpty()) {
                try {
                    resource.start(xid, XAResource.TMNOFLAGS);
                } catch (XAException e) {
                    throw new IllegalStateException(e);
                }
            }
            heard.add(message);
        });
        send(queue, "in the listener's branch");
        assertEquals("in the listener's branch", text(heard.poll(ARRIVES, TimeUnit.MILLISECONDS)));
        resource.end(xid, XAResource.TMSUCCESS);
        resource.rollback(xid);

        Message again = heard.poll(ARRIVES, TimeUnit.MILLISECONDS);
        assertEquals("in the listener's branch", text(again),
                "the branch had the message: its rollback returned it, it was not acknowledged on receipt");
        assertTrue(again.getJMSRedelivered());
    }

    /**
     * A resource adapter's delivery: the listener's work starts a branch, sends in it, and ends and commits it before
     * returning (afterDelivery), while the endpoint's deactivation closes the session from another thread. Close
     * waits for the listener, which keeps its session until it returns (Session.close javadoc).
     */
    @Test
    void aListenerUnderWayWhenItsSessionClosesEndsAndCommitsItsBranch() throws Exception {
        XASession xa = xaSession();
        XAResource resource = xa.getXAResource();
        Queue requests = xa.createQueue("xa-requests-while-closing");
        Queue replies = xa.createQueue("xa-replies-while-closing");
        MessageProducer replier = xa.createProducer(replies);
        Xid xid = newXid();
        HeldCallback listener = new HeldCallback();
        CallOutcome delivery = new CallOutcome();
        xa.createConsumer(requests).setMessageListener(message -> delivery.record(() -> {
            resource.start(xid, XAResource.TMNOFLAGS);
            listener.hold();
            replier.send(xa.createTextMessage("reply in the branch"));
            resource.end(xid, XAResource.TMSUCCESS);
            resource.commit(xid, true);
        }));
        send(requests, "request");
        listener.assertCallWaitsForIt("session.close", xa::close);

        assertNull(delivery.thrown(), "the listener lost its session while close waited for it");
        assertEquals("reply in the branch", text(observer().createConsumer(replies).receive(ARRIVES)));
        assertEquals(List.of(), Bodies.browse(observer().createBrowser(requests)),
                "the branch consumed the request when it committed");
    }

    @Test
    void aSessionClosedWhileAssociatedLeavesItsWorkInTheBranch() throws Exception {
        XASession xa = xaSession();
        XAResource resource = xa.getXAResource();
        Queue queue = xa.createQueue("xa-closed");
        MessageConsumer observer = observer().createConsumer(queue);
        Xid xid = newXid();

        resource.start(xid, XAResource.TMNOFLAGS);
        xa.createProducer(queue).send(xa.createTextMessage("outlives its session"));
        xa.close();
        resource.end(xid, XAResource.TMSUCCESS);
        assertNull(observer.receive(ABSENT));
        assertEquals(XAResource.XA_OK, resource.prepare(xid));
        resource.commit(xid, false);

        assertEquals("outlives its session", text(observer.receive(ARRIVES)));
    }

    @Test
    void aTopicMessageSentInABranchReachesEverySubscriptionAtCommit() throws Exception {
        XASession xa = xaSession();
        XAResource resource = xa.getXAResource();
        Topic topic = xa.createTopic("xa-topic");
        List<MessageConsumer> subscribers = List.of(observer().createConsumer(topic),
                observer().createConsumer(topic));
        Xid xid = newXid();

        resource.start(xid, XAResource.TMNOFLAGS);
        xa.createProducer(topic).send(xa.createTextMessage("to all"));
        resource.end(xid, XAResource.TMSUCCESS);
        for (MessageConsumer subscriber : subscribers) {
            assertNull(subscriber.receive(ABSENT));
        }
        resource.commit(xid, true);
        for (MessageConsumer subscriber : subscribers) {
            assertEquals("to all", text(subscriber.receive(ARRIVES)));
        }
    }

    @Test
    void anXaContextsSendsAndReceivesBelongToTheBranchItsResourceStarts() throws Exception {
        XAJMSContext context = xaContext();
        XAResource resource = context.getXAResource();
        Queue in = context.createQueue("xa-context-in");
        Queue out = context.createQueue("xa-context-out");
        send(in, "order");
        MessageConsumer observer = observer().createConsumer(out);
        Xid xid = newXid();

        resource.start(xid, XAResource.TMNOFLAGS);
        assertEquals("order", context.createConsumer(in).receiveBody(String.class, ARRIVES));
        context.createProducer().send(out, "shipped");
        resource.end(xid, XAResource.TMSUCCESS);
        assertNull(observer.receive(ABSENT));
        assertEquals(XAResource.XA_OK, resource.prepare(xid));
        resource.commit(xid, false);

        assertEquals("shipped", text(observer.receive(ARRIVES)));
        context.close();
        assertNull(observer().createConsumer(in).receive(ABSENT), "the branch consumed the order");
    }
}
