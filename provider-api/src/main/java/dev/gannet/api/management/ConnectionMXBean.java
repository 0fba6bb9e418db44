package dev.gannet.api.management;

import java.util.Date;

/** One open client connection, {@code dev.gannet:broker=B,type=Connection,name=N}, {@code N} its {@link #getId()}. */
public interface ConnectionMXBean {

    /** The broker's number for the connection, unique while the broker runs. */
    long getId();

    /** Its client ID, or null while it has none. */
    String getClientId();

    /** The user it authenticated as, or null if the broker did not authenticate it. */
    String getUser();

    /** Where it comes from: {@code host:port} over tcp, {@code vm} in the broker's JVM. */
    String getRemoteAddress();

    /** When it was opened. */
    Date getCreated();

    /** Sessions open now. */
    int getSessionCount();

    /** Consumers open now, over all its sessions. */
    int getConsumerCount();

    /**
     * Closes the connection from the broker's side, as if the broker stopped for it alone: what its sessions hold
     * goes back to its queues, its temporary destinations are deleted, and its client hears it through its
     * {@code ExceptionListener}. Nothing happens if it is closed already.
     */
    void close();
}
