package dev.gannet.ra.outbound;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;

/**
 * What a connection handle is to its managed connection (Connectors 2.1 section 6.5.4): the application's view of
 * the pooled physical connection, usable until the application closes it or the server cleans the managed connection
 * up. {@code associateConnection} may move it to another managed connection.
 */
abstract class Handle {

    private volatile GannetManagedConnection managed; // null once closed or invalidated
    private final String name;
    final OpenedResources opened = new OpenedResources();

    Handle(GannetManagedConnection managed, String name) {
        this.managed = managed;
        this.name = name;
    }

    /**
     * The managed connection this handle works on.
     *
     * @throws IllegalStateException if the handle is closed
     */
    final GannetManagedConnection managed() throws IllegalStateException {
        GannetManagedConnection current = managed;
        if (current == null) {
            throw new IllegalStateException(this + " is closed");
        }
        return current;
    }

    /** As {@link #managed()} for the simplified API: {@link IllegalStateRuntimeException} when closed. */
    final GannetManagedConnection managedUnchecked() {
        GannetManagedConnection current = managed;
        if (current == null) {
            throw new IllegalStateRuntimeException(this + " is closed");
        }
        return current;
    }

    final boolean isClosed() {
        return managed == null;
    }

    /**
     * The application closes the handle: what it opened is closed, and the managed connection tells the server
     * (CONNECTION_CLOSED), which returns it to the pool once no handle uses it.
     */
    final void closeHandle() {
        GannetManagedConnection current;
        synchronized (this) {
            current = managed;
            if (current == null) {
                return;
            }
            closing();
            managed = null;
        }
        opened.closeAll();
        current.handleClosed(this);
    }

    /** What a handle of this kind does first when it closes (e.g. ending an application's local transaction). */
    abstract void closing();

    /** The server cleaned up or destroyed the managed connection: the handle is closed without telling it. */
    final void invalidate() {
        synchronized (this) {
            managed = null;
        }
        opened.closeAll();
    }

    /** The server moved the handle to {@code other} (associateConnection); what it opened is closed. */
    final void reassociate(GannetManagedConnection other) {
        GannetManagedConnection previous;
        synchronized (this) {
            previous = managed;
            managed = other;
        }
        opened.closeAll();
        if (previous != null && previous != other) {
            previous.handleMoved(this);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
