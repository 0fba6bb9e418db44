package dev.gannet.ra.outbound;

import dev.gannet.client.RuntimeExceptions;
import dev.gannet.ra.BrokerAccess;
import dev.gannet.ra.Credentials;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.CommException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.LocalTransactionException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import jakarta.resource.spi.SecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.security.auth.Subject;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pooled physical connection to the broker (Connectors 2.1 section 6.5.4): one Gannet XA connection and one XA
 * session, on which the application's handles ({@link ConnectionHandle}, {@link JMSContextHandle}) work.
 *
 * <p>Transactions: the session's XAResource is the connection's ({@link #getXAResource}), so that the server enlists
 * it in global transactions; {@link #getLocalTransaction} and an application's transacted session outside a global
 * transaction use a branch of the connection's own, begun and committed in one phase ({@link LocalXid}). Only the
 * application's local transactions are announced to the listeners (LOCAL_TRANSACTION_STARTED, _COMMITTED,
 * _ROLLEDBACK), as section 7.7 says; the container's are not.
 *
 * <p>Events: CONNECTION_CLOSED when a handle closes; CONNECTION_ERROR_OCCURRED when the broker connection fails (the
 * connection is then useless, and {@link GannetManagedConnectionFactory#getInvalidConnections} names it). Equality is
 * identity (section 19.4.1).
 */
public class GannetManagedConnection implements ManagedConnection, ManagedXAResource.Owner {

    private static final Logger LOG = LoggerFactory.getLogger(GannetManagedConnection.class);
    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private final GannetManagedConnectionFactory factory;
    private final BrokerAccess access;
    private final OpenManagedConnections registry;
    private final String name;
    private final ManagedXAResource xaResource = new ManagedXAResource(this);
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<Handle> handles = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();

    private volatile Physical physical; // replaced under lock by re-authentication
    private Credentials identity; // guarded by lock
    private boolean started; // guarded by lock; whether the physical connection delivers
    private LocalXid local; // guarded by lock; the local transaction under way, null for none
    private boolean localByApplication; // guarded by lock
    private volatile boolean broken;
    private volatile boolean closedWithAdapter;
    private volatile boolean destroyed;
    private volatile PrintWriter logWriter;

    /** The broker connection and its session. */
    private record Physical(XAConnection connection, XASession session) {
    }

    /**
     * Opens the physical connection as {@code identity}.
     *
     * @param registry the adapter's open managed connections, which this one joins until it is destroyed
     * @throws SecurityException if the broker refuses the credentials
     * @throws CommException     if the broker cannot be reached
     */
    GannetManagedConnection(GannetManagedConnectionFactory factory, BrokerAccess access, Credentials identity,
                            OpenManagedConnections registry) throws ResourceException {
        this.factory = factory;
        this.access = access;
        this.registry = registry;
        this.name = "ManagedConnection " + NUMBERS.incrementAndGet() + " to " + access.url() + " as " + identity;
        this.identity = identity;
        this.physical = open(identity);
        registry.opened(this);
    }

    private Physical open(Credentials as) throws ResourceException {
        XAConnection connection = null;
        try {
            connection = access.openConnection(as);
            XASession session = connection.createXASession();
            XAConnection opened = connection;
            connection.setExceptionListener(e -> connectionFailed(opened, e));
            return new Physical(connection, session);
        } catch (JMSSecurityException e) {
            closeQuietly(connection);
            throw new SecurityException("The broker at " + access.url() + " refused " + as + ": " + e.getMessage(),
                    e);
        } catch (JMSException | RuntimeException e) {
            closeQuietly(connection);
            throw new CommException("Cannot connect to the broker at " + access.url() + " as " + as + ": "
                    + e.getMessage(), e);
        }
    }

    private void closeQuietly(XAConnection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException e) {
                LOG.debug("{}: closing a physical connection failed", name, e);
            }
        }
    }

    /** The physical connection's ExceptionListener: the connection is lost, the server hears of it. */
    private void connectionFailed(XAConnection failed, JMSException cause) {
        Physical current = physical;
        if (destroyed || closedWithAdapter || current == null || current.connection() != failed) {
            return;
        }
        broken = true;
        LOG.warn("{}: the broker connection failed: {}", name, cause.getMessage());
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause);
        for (ConnectionEventListener listener : listeners) {
            listener.connectionErrorOccurred(event);
        }
    }

    // ---- ManagedConnection

    /**
     * A new handle: a Connection (QueueConnection, TopicConnection) or a JMSContext, as the request says. When the
     * request's identity differs from the connection's, the physical connection is opened again as the request's
     * (re-authentication, section 9.1.9), which needs the connection idle.
     *
     * @throws SecurityException if re-authentication is needed while handles or a transaction use the connection, or
     *                           the broker refuses the new credentials
     */
    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        checkNotDestroyed();
        ConnectionRequest request = info instanceof ConnectionRequest asked ? asked : ConnectionRequest.DEFAULT;
        Credentials requested = factory.identityOf(subject, request);
        synchronized (lock) {
            if (!requested.equals(identity)) {
                reauthenticate(requested);
            }
        }
        Handle handle = request.type() == HandleType.CONTEXT
                ? new JMSContextHandle(this, request.sessionMode())
                : new ConnectionHandle(this, request.type());
        handles.add(handle);
        return handle;
    }

    /** Opens the physical connection again as {@code requested}. Called under lock. */
    private void reauthenticate(Credentials requested) throws ResourceException {
        if (!handles.isEmpty() || xaResource.associated() || local != null) {
            throw new SecurityException(name + " is in use; it cannot re-authenticate as " + requested
                    + " until its handles are closed and its transaction is over");
        }
        Physical previous = physical;
        physical = open(requested);
        identity = requested;
        started = false;
        broken = false;
        closeQuietly(previous.connection());
        LOG.debug("{}: re-authenticated as {}", name, requested);
    }

    /**
     * Closes every handle (what they opened is closed and deleted), rolls back a local transaction left open, and
     * stops the physical connection, so that the next user finds it as new. A global transaction's branch is left
     * to the transaction manager.
     */
    @Override
    public void cleanup() throws ResourceException {
        for (Handle handle : handles) {
            handle.invalidate();
        }
        handles.clear();
        synchronized (lock) {
            if (local != null) {
                LOG.warn("{}: cleaned up in a local transaction; rolling it back", name);
                try {
                    completeLocal(false);
                } catch (XAException e) {
                    LOG.warn("{}: rolling back the local transaction failed", name, e);
                }
            }
            if (started && !broken) {
                try {
                    physical.connection().stop();
                } catch (JMSException e) {
                    LOG.debug("{}: stopping the physical connection failed", name, e);
                }
            }
            started = false;
        }
    }

    /** Cleans up and closes the physical connection. */
    @Override
    public void destroy() throws ResourceException {
        if (destroyed) {
            return;
        }
        try {
            cleanup();
        } finally {
            destroyed = true;
            closeQuietly(physical.connection());
            registry.destroyed(this);
        }
    }

    /**
     * The adapter stops: closes the physical connection before the adapter's broker goes, without
     * CONNECTION_ERROR_OCCURRED. The connection is broken from now on (matched no more, named by
     * {@link GannetManagedConnectionFactory#getInvalidConnections}); the server's destroy finds nothing left to close.
     */
    void closeWithAdapter() {
        closedWithAdapter = true;
        broken = true;
        synchronized (lock) {
            closeQuietly(physical.connection());
        }
        LOG.debug("{}: closed as the resource adapter stops", name);
    }

    /**
     * Moves {@code handle}, made by another managed connection of the same factory, to this one. What the
     * application opened through it is closed.
     *
     * @throws jakarta.resource.spi.IllegalStateException if the handle is not one of this adapter's
     */
    @Override
    public void associateConnection(Object handle) throws ResourceException {
        checkNotDestroyed();
        if (!(handle instanceof Handle moved)) {
            throw new jakarta.resource.spi.IllegalStateException("Cannot associate " + handle + " with " + name
                    + ": it is not a handle of the Gannet resource adapter");
        }
        moved.reassociate(this);
        handles.add(moved);
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        checkNotDestroyed();
        return xaResource;
    }

    /** The container's local transactions on this connection; they raise no events (section 7.7). */
    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        checkNotDestroyed();
        return new ContainerLocalTransaction();
    }

    @Override
    public ManagedConnectionMetaData getMetaData() throws ResourceException {
        checkNotDestroyed();
        Credentials current;
        synchronized (lock) {
            current = identity;
        }
        try {
            return new BrokerConnectionMetaData(physical.connection().getMetaData().getProviderVersion(),
                    current.user());
        } catch (JMSException e) {
            throw new ResourceException(name + ": no metadata: " + e.getMessage(), e);
        }
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    private void checkNotDestroyed() throws jakarta.resource.spi.IllegalStateException {
        if (destroyed) {
            throw new jakarta.resource.spi.IllegalStateException(name + " is destroyed");
        }
    }

    // ---- for the factory's matching and validation

    GannetManagedConnectionFactory factory() {
        return factory;
    }

    Credentials identity() {
        synchronized (lock) {
            return identity;
        }
    }

    boolean isBroken() {
        return broken || destroyed;
    }

    // ---- for the handles

    /** The physical session every handle of this connection works on. */
    Session session() throws JMSException {
        return physical.session().getSession();
    }

    /** The physical connection's client ID. */
    String clientId() throws JMSException {
        return physical.connection().getClientID();
    }

    ConnectionMetaData connectionMetaData() throws JMSException {
        return physical.connection().getMetaData();
    }

    /** Starts the physical connection's delivery, if not started yet ({@code Connection.start} of a handle). */
    void start() throws JMSException {
        synchronized (lock) {
            if (!started) {
                physical.connection().start();
                started = true;
            }
        }
    }

    /** A handle was closed by its application: the server hears CONNECTION_CLOSED. */
    void handleClosed(Handle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener listener : listeners) {
            listener.connectionClosed(event);
        }
    }

    /** A handle moved to another managed connection. */
    void handleMoved(Handle handle) {
        handles.remove(handle);
    }

    /** How the work on the physical session is grouped now. */
    Demarcation demarcation() {
        synchronized (lock) {
            if (local != null) {
                return localByApplication ? Demarcation.APPLICATION_LOCAL : Demarcation.CONTAINER_LOCAL;
            }
        }
        return xaResource.associated() ? Demarcation.GLOBAL : Demarcation.NONE;
    }

    /** How the work on the physical session is grouped. */
    enum Demarcation {
        /** No transaction: each send stands alone, each message is acknowledged when received. */
        NONE,
        /** A global transaction's branch, completed by the transaction manager. */
        GLOBAL,
        /** A local transaction the container began through {@link #getLocalTransaction}. */
        CONTAINER_LOCAL,
        /** A local transaction of the application's transacted session. */
        APPLICATION_LOCAL
    }

    /**
     * Begins the application's local transaction (its transacted session did its first work outside a global
     * transaction) and announces LOCAL_TRANSACTION_STARTED.
     *
     * @throws jakarta.jms.IllegalStateException if a transaction is under way already
     * @throws JMSException                       if the broker refuses
     */
    void beginApplicationLocal() throws JMSException {
        synchronized (lock) {
            try {
                beginLocal(true);
            } catch (XAException e) {
                throw xaFailure("Beginning a local transaction", e);
            }
        }
        fire(ConnectionEvent.LOCAL_TRANSACTION_STARTED);
    }

    /**
     * Commits or rolls back the application's local transaction and announces LOCAL_TRANSACTION_COMMITTED or
     * _ROLLEDBACK.
     *
     * @throws TransactionRolledBackException if a commit ended in a rollback
     * @throws JMSException                   if the broker failed
     */
    void completeApplicationLocal(boolean commit) throws JMSException {
        JMSException failure = null;
        synchronized (lock) {
            if (local == null || !localByApplication) {
                throw new jakarta.jms.IllegalStateException(name + " has no local transaction of the application");
            }
            try {
                completeLocal(commit);
            } catch (XAException e) {
                if (commit && e.errorCode >= XAException.XA_RBBASE && e.errorCode <= XAException.XA_RBEND) {
                    failure = new TransactionRolledBackException(name + ": the local transaction was rolled back"
                            + " instead of committed: " + e.getMessage());
                    failure.initCause(e);
                } else {
                    failure = xaFailure(commit ? "Committing the local transaction"
                            : "Rolling back the local transaction", e);
                }
            }
        }
        // the transaction is over either way; only a commit that answered is known to have committed
        fire(commit && failure == null ? ConnectionEvent.LOCAL_TRANSACTION_COMMITTED
                : ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Runs {@code work} in a local transaction of the adapter's own, committed when it returns and rolled back when it
     * throws; no events (the application did not ask for it). For a JMSContext's receiveBody outside a transaction,
     * whose message must stay unacknowledged when its body does not fit.
     *
     * @throws JMSException as {@code work} throws, or if the broker fails
     */
    <T> T inOwnLocalTransaction(RuntimeExceptions.Call<T> work) throws JMSException {
        synchronized (lock) {
            try {
                beginLocal(false);
            } catch (XAException e) {
                throw xaFailure("Beginning a local transaction", e);
            }
            boolean done = false;
            try {
                T result = work.call();
                done = true;
                return result;
            } finally {
                try {
                    completeLocal(done);
                } catch (XAException e) {
                    if (done) {
                        throw xaFailure("Committing a local transaction", e);
                    }
                    LOG.warn("{}: rolling back a local transaction failed", name, e);
                }
            }
        }
    }

    /** Called under lock. */
    private void beginLocal(boolean byApplication) throws XAException {
        if (local != null) {
            throw xaProtocol(name + " is in a local transaction already");
        }
        if (xaResource.associated()) {
            throw xaProtocol(name + " works in a global transaction");
        }
        LocalXid xid = LocalXid.next();
        physicalResource().start(xid, XAResource.TMNOFLAGS);
        local = xid;
        localByApplication = byApplication;
    }

    /** Ends the local branch and commits it in one phase or rolls it back. Called under lock. */
    private void completeLocal(boolean commit) throws XAException {
        LocalXid xid = local;
        local = null;
        XAResource resource = physicalResource();
        resource.end(xid, XAResource.TMSUCCESS);
        if (commit) {
            resource.commit(xid, true);
        } else {
            resource.rollback(xid);
        }
    }

    private static XAException xaProtocol(String message) {
        XAException e = new XAException(message);
        e.errorCode = XAException.XAER_PROTO;
        return e;
    }

    private JMSException xaFailure(String what, XAException e) {
        JMSException failure = e.errorCode == XAException.XAER_PROTO
                ? new jakarta.jms.IllegalStateException(what + " on " + name + ": " + e.getMessage())
                : new JMSException(what + " on " + name + " failed: " + e.getMessage() + " (XA error "
                + e.errorCode + ")");
        failure.initCause(e);
        failure.setLinkedException(e);
        return failure;
    }

    private void fire(int type) {
        ConnectionEvent event = new ConnectionEvent(this, type);
        for (ConnectionEventListener listener : listeners) {
            switch (type) {
                case ConnectionEvent.LOCAL_TRANSACTION_STARTED -> listener.localTransactionStarted(event);
                case ConnectionEvent.LOCAL_TRANSACTION_COMMITTED -> listener.localTransactionCommitted(event);
                case ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK -> listener.localTransactionRolledback(event);
                default -> throw new IllegalArgumentException("Not a local transaction event: " + type);
            }
        }
    }

    // ---- ManagedXAResource.Owner

    @Override
    public XAResource physicalResource() throws XAException {
        Physical current = physical;
        if (destroyed) {
            XAException gone = new XAException(name + " is destroyed");
            gone.errorCode = XAException.XAER_RMFAIL;
            throw gone;
        }
        return current.session().getXAResource();
    }

    @Override
    public boolean inLocalTransaction() {
        synchronized (lock) {
            return local != null;
        }
    }

    /** The container's local transaction (section 7.3.3): no events. */
    private final class ContainerLocalTransaction implements LocalTransaction {

        @Override
        public void begin() throws ResourceException {
            synchronized (lock) {
                try {
                    beginLocal(false);
                } catch (XAException e) {
                    throw localFailure("begin", e);
                }
            }
        }

        @Override
        public void commit() throws ResourceException {
            complete(true);
        }

        @Override
        public void rollback() throws ResourceException {
            complete(false);
        }

        private void complete(boolean commit) throws ResourceException {
            synchronized (lock) {
                if (local == null || localByApplication) {
                    throw new LocalTransactionException(name + " has no local transaction of the container to "
                            + (commit ? "commit" : "roll back"));
                }
                try {
                    completeLocal(commit);
                } catch (XAException e) {
                    throw localFailure(commit ? "commit" : "rollback", e);
                }
            }
        }

        private LocalTransactionException localFailure(String what, XAException e) {
            LocalTransactionException failure = new LocalTransactionException("Local transaction " + what + " on "
                    + name + " failed: " + e.getMessage(), String.valueOf(e.errorCode));
            failure.initCause(e);
            return failure;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
