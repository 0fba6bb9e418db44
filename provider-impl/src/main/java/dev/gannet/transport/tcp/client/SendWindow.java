package dev.gannet.transport.tcp.client;

import dev.gannet.transport.tcp.Frame;
import dev.gannet.transport.tcp.SendWindowLimits;
import jakarta.jms.JMSException;

import java.util.function.Supplier;

import static dev.gannet.transport.tcp.SendWindowLimits.MAX_BYTES;
import static dev.gannet.transport.tcp.SendWindowLimits.MAX_SENDS;

/**
 * The client's flow-control window for one-way sends on one tcp link. A send is outstanding from the moment it is
 * counted here until the broker reports it processed ({@link Frame.SendsProcessed}); a sender waits while
 * {@link SendWindowLimits#MAX_SENDS} sends or {@link SendWindowLimits#MAX_BYTES} bytes are outstanding (a single larger
 * message still goes when the window is below both limits). The broker reports as soon as half of either limit has
 * been processed since its last report, so a waiting sender is always released once the broker has caught up.
 */
final class SendWindow {

    private int sends; // guarded by this
    private long bytes; // guarded by this
    private Supplier<JMSException> loss; // guarded by this

    /**
     * Waits until the window has room, then counts a send of {@code weight} ({@link SendWindowLimits#weight}).
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
