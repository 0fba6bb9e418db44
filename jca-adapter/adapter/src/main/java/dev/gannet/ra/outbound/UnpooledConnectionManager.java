package dev.gannet.ra.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;

/**
 * The connection manager of a connection factory used outside an application server (Connectors 2.1 section
 * 6.9, the default the resource adapter provides): a managed connection per handle, destroyed when the handle
 * closes or the broker connection fails. No pooling, no transactions.
 */
final class UnpooledConnectionManager implements ConnectionManager, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(UnpooledConnectionManager.class);

    @Override
    public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo info)
            throws ResourceException {
        ManagedConnection connection = factory.createManagedConnection(null, info);
        connection.addConnectionEventListener(new Destroyer(connection));
        try {
            return connection.getConnection(null, info);
        } catch (ResourceException | RuntimeException e) {
            connection.destroy();
            throw e;
        }
    }

    /** Destroys the managed connection when its handle closes or its broker connection fails. */
    private record Destroyer(ManagedConnection connection) implements ConnectionEventListener {

        @Override
        public void connectionClosed(ConnectionEvent event) {
            destroy();
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            destroy();
        }

        private void destroy() {
            try {
                connection.destroy();
            } catch (ResourceException e) {
                LOG.debug("Destroying {} failed", connection, e);
            }
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {
            // an unmanaged connection's local transactions are the application's own business
        }

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {
            // as localTransactionStarted
        }

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {
            // as localTransactionStarted
        }
    }
}
