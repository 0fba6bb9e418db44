package dev.gannet.ra.inbound;

import dev.gannet.xa.SessionXAResource;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The XAResource an endpoint's transactions enlist: the delivery session's own, which also notes whether a branch
 * began, so that a delivery knows if its message went to the transaction (whose rollback then returns it) or
 * stayed with the session (which must return it itself when the delivery failed).
 */
final class DeliveryXAResource implements SessionXAResource {

    private final XAResource session;
    private volatile boolean started; // written by the transaction manager's thread, read by the delivery's

    DeliveryXAResource(XAResource session) {
        this.session = session;
    }

    /** Forgets earlier branches; called before each delivery. */
    void clearStarted() {
        started = false;
    }

    /** Whether a branch began since {@link #clearStarted}. */
    boolean started() {
        return started;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        session.start(xid, flags);
        started = true;
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        session.end(xid, flags);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return session.prepare(xid);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        session.commit(xid, onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        session.rollback(xid);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        session.forget(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return session.recover(flag);
    }

    @Override
    public XAResource sessionResource() {
        return session;
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return session.isSameRM(SessionXAResource.unwrap(other));
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return session.getTransactionTimeout();
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return session.setTransactionTimeout(seconds);
    }

    @Override
    public String toString() {
        return "delivery " + session;
    }
}
