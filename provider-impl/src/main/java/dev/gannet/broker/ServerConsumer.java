package dev.gannet.broker;

import dev.gannet.selector.Selector;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/** A consumer as the broker sees it: where it reads from, what it selects, and how much it may be sent ahead. */
final class ServerConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ServerConsumer.class);

    final int id;
    final ServerSession session;
    final MessageQueue queue;
    /** The topic subscription it reads, null for a queue consumer. */
    final Subscription subscription;
    private final Selector selector; // null: everything (topic consumers select through their subscription)
    private final int prefetch;
    /** Messages sent to the client that its application has not taken yet. */
    private final AtomicInteger outstanding = new AtomicInteger();

    ServerConsumer(int id, ServerSession session, MessageQueue queue, Subscription subscription, Selector selector,
                   int prefetch) {
        this.id = id;
        this.session = session;
        this.queue = queue;
        this.subscription = subscription;
        this.selector = selector;
        this.prefetch = Math.max(1, prefetch);
    }

    /** Whether the queue may hand this consumer a message now: room in its window, and its session takes it. */
    boolean hasCredit() {
        return outstanding.get() < prefetch && session.takesDeliveries();
    }

    boolean accepts(ServerMessage message) {
        if (selector == null) {
            return true;
        }
        try {
            return selector.matches(message.filterable());
        } catch (JMSException e) { // logged once by the message
            LOG.debug("Consumer {} skips message {}: {}", this, message.id, e.getMessage());
            return false;
        }
    }

    /**
     * Called by the queue, under its lock: sends {@code ref} to the client, or answers false (and the message stays
     * with the queue) if the session stopped taking deliveries since {@link #hasCredit} said yes.
     */
    boolean deliver(MessageRef ref) {
        outstanding.incrementAndGet();
        if (session.deliver(this, ref)) {
            return true;
        }
        outstanding.decrementAndGet();
        return false;
    }

    /** The application took {@code count} messages, or they came back unseen: room for as many more. */
    void release(int count) {
        outstanding.addAndGet(-count);
    }

    @Override
    public String toString() {
        return session + ":" + id;
    }
}
