package dev.gannet.ra.outbound;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The managed connections a started adapter's connection factories have opened and the server has not destroyed yet.
 * When the adapter stops it closes them before its embedded broker goes (Connectors 2.1 section 5.3.4.2, phase two:
 * the applications are stopped already), so that they end quietly instead of failing with the broker; the server
 * destroys them when it flushes its pool.
 */
public final class OpenManagedConnections {

    private final Set<GannetManagedConnection> open = new HashSet<>(); // guarded by this
    private boolean closed; // guarded by this

    /** Enters a new managed connection; one opened after {@link #closeAll} is closed at once. */
    void opened(GannetManagedConnection connection) {
        synchronized (this) {
            if (!closed) {
                open.add(connection);
                return;
            }
        }
        connection.closeWithAdapter();
    }

    /** Forgets a destroyed managed connection. */
    synchronized void destroyed(GannetManagedConnection connection) {
        open.remove(connection);
    }

    /** Closes every managed connection still open, quietly: the adapter stops. */
    public void closeAll() {
        List<GannetManagedConnection> closing;
        synchronized (this) {
            closed = true;
            closing = new ArrayList<>(open);
            open.clear();
        }
        closing.forEach(GannetManagedConnection::closeWithAdapter);
    }
}
