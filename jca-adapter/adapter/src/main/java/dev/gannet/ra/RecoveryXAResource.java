package dev.gannet.ra;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * An XAResource for the server's transaction recovery ({@code ResourceAdapter.getXAResources}): it reaches the
 * broker over an XA connection of its own, opened when a call needs it and closed when a recovery scan ends, when a
 * call finds the broker gone ({@code XAER_RMFAIL}: the next call connects again) or when the adapter stops. The
 * server may keep the object across scans.
 */
final class RecoveryXAResource implements XAResource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecoveryXAResource.class);

    private final BrokerAccess access;
    private XAConnection connection; // guarded by this; null while disconnected
    private XAResource broker; // guarded by this; the XA session's resource on connection
    private boolean scanOpen; // guarded by this; a scan began on the current connection and has not ended

    RecoveryXAResource(BrokerAccess access) {
        this.access = access;
    }

    /** The broker's resource, connecting first when disconnected; {@code XAER_RMFAIL} if that fails. */
    private synchronized XAResource connected() throws XAException {
        if (broker == null) {
            XAConnection opened = null;
            try {
                opened = access.openConnection(Credentials.NONE);
                broker = opened.createXASession().getXAResource();
                connection = opened;
            } catch (JMSException | RuntimeException e) {
                closeQuietly(opened);
                XAException failure = new XAException("Broker " + access + " is unreachable for transaction"
                        + " recovery: " + e.getMessage());
                failure.errorCode = XAException.XAER_RMFAIL;
                failure.initCause(e);
                throw failure;
            }
        }
        return broker;
    }

    /** Closes the connection, if any; the next call connects again. */
    @Override
    public synchronized void close() {
        XAConnection open = connection;
        connection = null;
        broker = null;
        scanOpen = false;
        closeQuietly(open);
    }

    private void closeQuietly(XAConnection open) {
        if (open != null) {
            try {
                open.close();
            } catch (JMSException | RuntimeException e) {
                LOG.debug("Closing the recovery connection to {} failed", access, e);
            }
        }
    }

    private interface Call<T> {
        T on(XAResource resource) throws XAException;
    }

    private synchronized <T> T call(Call<T> call) throws XAException {
        XAResource resource = connected();
        try {
            return call.on(resource);
        } catch (XAException e) {
            if (e.errorCode == XAException.XAER_RMFAIL) {
                close();
            }
            throw e;
        }
    }

    /**
     * The broker's in-doubt branches. A scan continued or ended on a connection that did not begin it (the one that
     * did was lost) answers no Xids, so the next scan begins afresh; {@code TMENDRSCAN} closes the connection.
     */
    @Override
    public synchronized Xid[] recover(int flag) throws XAException {
        boolean starts = (flag & TMSTARTRSCAN) != 0;
        boolean ends = (flag & TMENDRSCAN) != 0;
        try {
            if (!starts && !scanOpen) {
                return new Xid[0];
            }
            Xid[] found = call(resource -> resource.recover(flag));
            scanOpen = broker != null && !ends;
            return found;
        } finally {
            if (ends) {
                close();
            }
        }
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        call(resource -> {
            resource.commit(xid, onePhase);
            return null;
        });
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        call(resource -> {
            resource.rollback(xid);
            return null;
        });
    }

    @Override
    public void forget(Xid xid) throws XAException {
        call(resource -> {
            resource.forget(xid);
            return null;
        });
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return call(resource -> resource.prepare(xid));
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        call(resource -> {
            resource.start(xid, flags);
            return null;
        });
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        call(resource -> {
            resource.end(xid, flags);
            return null;
        });
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        if (other == this) {
            return true;
        }
        XAResource compared = other instanceof RecoveryXAResource recovery ? recovery.connected()
                : SessionXAResource.unwrap(other);
        return call(resource -> resource.isSameRM(compared));
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return call(XAResource::getTransactionTimeout);
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return call(resource -> resource.setTransactionTimeout(seconds));
    }

    @Override
    public String toString() {
        return "Gannet recovery resource for " + access;
    }
}
