package dev.gannet.transport.tcp;

import dev.gannet.protocol.Command;
import jakarta.jms.JMSException;

import java.util.function.Supplier;

/**
 * The client's flow-control window for one-way sends on one tcp link. A send is outstanding from the moment it is
 * counted here until the broker reports it processed ({@link Frame.SendsProcessed}); a sender waits while
 * {@link #MAX_SENDS} sends or {@link #MAX_BYTES} bytes are outstanding (a single larger message still goes when the
 * window is below both limits). The broker reports as soon as half of either limit has been processed since its last
 * report ({@link ProcessedSends}), so a waiting sender is always released once the broker has caught up. These limits
 * are part of protocol version 2: client and broker must agree on them.
 */
final class SendWindow {

    /** Most one-way sends a client may have outstanding. */
    static final int MAX_SENDS = 1000;
    /** Most bytes (by {@link #weight}) of one-way sends a client may have outstanding. */
    static final long MAX_BYTES = 1024 * 1024;
    /** What a send weighs besides its encoded message: frame header, ids, destination, header values. */
    private static final int FIELDS_WEIGHT = 64;

    private int sends; // guarded by this
    private long bytes; // guarded by this
    private Supplier<JMSException> loss; // guarded by this

    /**
     * What a send counts against the window; both sides compute it the same way. A send without content (refused by
     * the broker) weighs its fields.
     */
    static int weight(Command.Send send) {
        boolean content = send.message() != null && send.message().encoded() != null;
        return (content ? send.message().encoded().length : 0) + FIELDS_WEIGHT;
    }

    /**
     * Waits until the window has room, then counts a send of {@code weight}.
     *
     * @throws JMSException naming the loss if the link is lost or closed, before or while waiting; or if the caller
     *         is interrupted while waiting
     */
    synchronized void acquire(int weight) throws JMSException {
        while (loss == null && (sends >= MAX_SENDS || bytes >= MAX_BYTES)) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                JMSException interrupted = new JMSException("Interrupted while waiting for the one-way send window");
                interrupted.initCause(e);
                interrupted.setLinkedException(e);
                throw interrupted;
            }
        }
        if (loss != null) {
            throw loss.get();
        }
        sends++;
        bytes += weight;
    }

    /** The broker reported sends processed: they no longer count. */
    synchronized void processed(int count, long weight) {
        sends = Math.max(0, sends - count);
        bytes = Math.max(0, bytes - weight);
        notifyAll();
    }

    /** The link is gone: waiting and later senders fail with an exception from {@code cause}. */
    synchronized void close(Supplier<JMSException> cause) {
        loss = cause;
        notifyAll();
    }
}
