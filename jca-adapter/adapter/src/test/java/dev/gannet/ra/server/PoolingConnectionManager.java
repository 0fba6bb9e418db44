package dev.gannet.ra.server;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A server's connection manager, small: a pool of managed connections matched through
 * {@code matchManagedConnections}, each enlisted in the caller's transaction (if a transaction manager is given and a
 * transaction is active) before its handle is made, cleaned up and returned to the pool when its last handle closes
 * and its transaction is over, destroyed on CONNECTION_ERROR_OCCURRED. Records every connection event.
 */
public final class PoolingConnectionManager implements ConnectionManager, AutoCloseable {

    /** One event as the manager heard it. */
    public record Heard(int type, ManagedConnection connection, Object handle, Exception exception) {
    }

    private final TransactionManager transactions;
    private final List<ManagedConnection> idle = new ArrayList<>(); // guarded by this
    private final Map<ManagedConnection, Use> inUse = new IdentityHashMap<>(); // guarded by this
    private final List<Heard> heard = new ArrayList<>(); // guarded by this
    private int created; // guarded by this
    private int destroyed; // guarded by this

    private static final class Use {
        int handles;
        boolean inTransaction;
    }

    /** @param transactions null for a manager that enlists nothing */
    public PoolingConnectionManager(TransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo info)
            throws ResourceException {
        ManagedConnection connection;
        synchronized (this) {
            connection = factory.matchManagedConnections(new HashSet<>(idle), null, info);
            if (connection != null) {
                idle.remove(connection);
            }
        }
        if (connection == null) {
            connection = factory.createManagedConnection(null, info);
            connection.addConnectionEventListener(new Listener(connection));
            synchronized (this) {
                created++;
            }
        }
        Use use;
        synchronized (this) {
            use = inUse.computeIfAbsent(connection, c -> new Use());
        }
        enlist(connection, use);
        Object handle = connection.getConnection(null, info);
        synchronized (this) {
            use.handles++;
        }
        return handle;
    }

    private void enlist(ManagedConnection connection, Use use) throws ResourceException {
        if (transactions == null) {
            return;
        }
        try {
            Transaction transaction = transactions.getTransaction();
            if (transaction == null || transaction.getStatus() != Status.STATUS_ACTIVE) {
                return;
            }
            synchronized (this) {
                if (use.inTransaction) {
                    return;
                }
                use.inTransaction = true;
            }
            transaction.enlistResource(connection.getXAResource());
            transaction.registerSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    boolean free;
                    synchronized (PoolingConnectionManager.this) {
                        use.inTransaction = false;
                        free = use.handles == 0;
                    }
                    if (free) {
                        giveBack(connection);
                    }
                }
            });
        } catch (Exception e) {
            throw new ResourceException("Enlisting " + connection + " failed", e);
        }
    }

    private void giveBack(ManagedConnection connection) {
        try {
            connection.cleanup();
        } catch (ResourceException e) {
            throw new IllegalStateException(e);
        }
        synchronized (this) {
            if (inUse.remove(connection) != null) {
                idle.add(connection);
            }
        }
    }

    private final class Listener implements ConnectionEventListener {
        private final ManagedConnection connection;

        Listener(ManagedConnection connection) {
            this.connection = connection;
        }

        @Override
        public void connectionClosed(ConnectionEvent event) {
            boolean free;
            synchronized (PoolingConnectionManager.this) {
                heard.add(new Heard(event.getId(), connection, event.getConnectionHandle(), null));
                Use use = inUse.get(connection);
                if (use == null) {
                    return;
                }
                use.handles--;
                free = use.handles == 0 && !use.inTransaction;
            }
            if (free) {
                giveBack(connection);
            }
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            synchronized (PoolingConnectionManager.this) {
                heard.add(new Heard(event.getId(), connection, null, event.getException()));
                inUse.remove(connection);
                idle.remove(connection);
                destroyed++;
            }
            try {
                connection.destroy();
            } catch (ResourceException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {
            record(event);
        }

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {
            record(event);
        }

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {
            record(event);
        }

        private void record(ConnectionEvent event) {
            synchronized (PoolingConnectionManager.this) {
                heard.add(new Heard(event.getId(), connection, null, null));
            }
        }
    }

    /** The events heard so far, in order. */
    public synchronized List<Heard> heard() {
        return List.copyOf(heard);
    }

    /** The types of the events heard so far, in order. */
    public synchronized List<Integer> heardTypes() {
        return heard.stream().map(Heard::type).toList();
    }

    public synchronized int created() {
        return created;
    }

    public synchronized int destroyed() {
        return destroyed;
    }

    public synchronized int idle() {
        return idle.size();
    }

    /** Destroys every managed connection. */
    @Override
    public void close() throws ResourceException {
        List<ManagedConnection> all;
        synchronized (this) {
            all = new ArrayList<>(idle);
            all.addAll(inUse.keySet());
            idle.clear();
            inUse.clear();
        }
        for (ManagedConnection connection : all) {
            connection.destroy();
        }
    }
}
