package dev.gannet.ra.outbound;

import dev.gannet.xa.SessionXAResource;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The XAResource a managed connection gives the transaction manager ({@code ManagedConnection.getXAResource}): the
 * physical XA session's resource, looked up at each call (re-authentication replaces the session), noting which
 * branch the session works in so that the connection's handles know whether a global transaction is under way. While
 * the connection is in a local transaction, {@code start} is refused with {@code XAER_PROTO}.
 */
final class ManagedXAResource implements SessionXAResource {

    /** Where the physical resource and the connection's local transaction state come from. */
    interface Owner {
        /** The physical XA session's resource. */
        XAResource physicalResource() throws XAException;

        /** Whether the connection is in a local transaction. */
        boolean inLocalTransaction();
    }

    private final Owner owner;
    private volatile Xid associated; // the branch the session works in, null between branches

    ManagedXAResource(Owner owner) {
        this.owner = owner;
    }

    /** Whether the physical session works in a global transaction's branch now. */
    boolean associated() {
        return associated != null;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        if (owner.inLocalTransaction()) {
            XAException refused = new XAException("start(" + xid + "): " + owner
                    + " is in a local transaction; complete it before a global one begins");
            refused.errorCode = XAException.XAER_PROTO;
            throw refused;
        }
        owner.physicalResource().start(xid, flags);
        associated = xid;
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        try {
            owner.physicalResource().end(xid, flags);
        } finally {
            associated = null;
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return owner.physicalResource().prepare(xid);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        owner.physicalResource().commit(xid, onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        owner.physicalResource().rollback(xid);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        owner.physicalResource().forget(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return owner.physicalResource().recover(flag);
    }

    @Override
    public XAResource sessionResource() throws XAException {
        return owner.physicalResource();
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return owner.physicalResource().isSameRM(SessionXAResource.unwrap(other));
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return owner.physicalResource().getTransactionTimeout();
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return owner.physicalResource().setTransactionTimeout(seconds);
    }

    @Override
    public String toString() {
        return "XAResource of " + owner;
    }
}
