package dev.gannet.xa;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * An {@link XAResource} for a transaction manager's recovery: one XA connection to the broker, opened when a call
 * needs it and dropped when a recovery scan ends ({@code TMENDRSCAN}), when a call finds the broker unreachable
 * ({@link XAException#XAER_RMFAIL}; the next call connects again) or at {@link #close}. A recovery manager may keep
 * this one object across scans, as it keeps track of the Xids each resource returned. What hands it out: Narayana's
 * {@link dev.gannet.xa.narayana.GannetXAResourceRecovery}, the resource adapter's {@code getXAResources}.
 *
 * <pre>{@code
 * ReconnectingXAResource recovery = new ReconnectingXAResource(
 *         new GannetXAConnectionFactory("tcp://broker.example:7672"), "orders", "secret", "tcp://broker.example:7672");
 * Xid[] inDoubt = recovery.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
 * }</pre>
 *
 * <p>Thread-safe: calls are serialised on the one connection.
 */
public final class ReconnectingXAResource implements SessionXAResource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingXAResource.class);

    private final XAConnectionFactory factory;
    private final String userName;
    private final String password;
    private final String broker;
    private XAConnection connection; // guarded by this; null while disconnected
    private XAResource delegate; // guarded by this; the XA session's resource on connection
    private boolean scanOpen; // guarded by this; delegate has a recovery scan open (TMSTARTRSCAN, no TMENDRSCAN yet)

    /**
     * Makes no connection yet: the first call does.
     *
     * @param factory  the broker's XA connection factory
     * @param userName null to connect without credentials (then {@code password} is ignored)
     * @param broker   how messages and log lines name the broker (e.g. its URL; never with a password)
     */
    public ReconnectingXAResource(XAConnectionFactory factory, String userName, String password, String broker) {
        this.factory = factory;
        this.userName = userName;
        this.password = password;
        this.broker = broker;
    }

    /**
     * The broker's resource (its XA session's), connecting first when disconnected.
     *
     * @throws XAException {@code XAER_RMFAIL} if the broker cannot be reached or refuses the connection
     */
    @Override
    public synchronized XAResource sessionResource() throws XAException {
        if (delegate == null) {
            XAConnection opened = null;
            try {
                opened = userName == null ? factory.createXAConnection()
                        : factory.createXAConnection(userName, password);
                delegate = opened.createXASession().getXAResource();
                connection = opened;
                LOG.debug("Connected to {} for transaction recovery", broker);
            } catch (JMSException | RuntimeException e) {
                closeQuietly(opened);
                throw unreachable(e);
            }
        }
        return delegate;
    }

    private XAException unreachable(Exception cause) {
        XAException failure = new XAException("Broker " + broker + " is unreachable for transaction recovery: "
                + cause.getMessage());
        failure.errorCode = XAException.XAER_RMFAIL;
        failure.initCause(cause);
        return failure;
    }

    /** Closes the connection, if open; the next call connects again. */
    private synchronized void disconnect() {
        XAConnection open = connection;
        connection = null;
        delegate = null;
        scanOpen = false;
        closeQuietly(open);
    }

    private void closeQuietly(XAConnection open) {
        if (open != null) {
            try {
                open.close();
            } catch (JMSException | RuntimeException e) {
                LOG.debug("Closing the recovery connection to {} failed", broker, e);
            }
        }
    }

    /** Closes the connection, if open; a later call connects again. */
    @Override
    public void close() {
        disconnect();
    }

    private interface Call<T> {
        T on(XAResource resource) throws XAException;
    }

    /** Runs {@code call} on the connected resource; a lost broker drops the connection, so the next call reconnects. */
    private <T> T call(Call<T> call) throws XAException {
        XAResource resource = sessionResource();
        try {
            return call.on(resource);
        } catch (XAException e) {
            if (e.errorCode == XAException.XAER_RMFAIL) {
                LOG.debug("Lost the recovery connection to {}; the next call connects again", broker);
                disconnect();
            }
            throw e;
        }
    }

    /**
     * The broker's prepared (and heuristically completed) branches at {@code TMSTARTRSCAN}. A call with
     * {@code TMENDRSCAN} ends the scan and closes the connection. A call continuing or ending a scan that the current
     * connection did not open (the one that did was lost since) answers no Xids: the next scan starts afresh.
     */
    @Override
    public Xid[] recover(int flag) throws XAException {
        boolean startsScan = (flag & TMSTARTRSCAN) != 0;
        boolean endsScan = (flag & TMENDRSCAN) != 0;
        try {
            synchronized (this) {
                if (!startsScan && !scanOpen) {
                    return new Xid[0];
                }
                Xid[] found = call(resource -> resource.recover(flag));
                scanOpen = delegate != null && !endsScan;
                return found;
            }
        } finally {
            if (endsScan) {
                disconnect();
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

    /** Whether {@code other} (a Gannet session's resource, or a {@link SessionXAResource}) reaches the same broker. */
    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        if (other == this) {
            return true;
        }
        XAResource unwrapped = SessionXAResource.unwrap(other);
        return call(resource -> resource.isSameRM(unwrapped));
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
        return "Gannet recovery resource for " + broker;
    }
}
