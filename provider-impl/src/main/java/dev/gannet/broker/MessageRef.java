package dev.gannet.broker;

/** One queue's hold on a message, with how often the queue delivered it without the delivery being consumed. */
final class MessageRef {

    /** Held in memory once added (the usual case). */
    static final int HELD = 0;
    /** Routed to a paging queue: lives in the store only, until a page read brings it in. */
    static final int PAGED = 1;
    /** Paged, and a page read brought it in before {@link MessageQueue#add} saw it. */
    static final int READ = 2;
    /**
     * Consumed by a prepared XA branch the broker restored at start: its queue never held it since, and it waits
     * nowhere until the branch commits (it goes) or rolls back (it returns, see {@link MessageQueue#returnsPaged}).
     */
    static final int RESTORED = 3;

    final ServerMessage message;
    final MessageQueue queue;
    private int redeliveries; // guarded by the queue's lock, or by the session the ref is delivered to
    /** {@link #HELD}, {@link #PAGED}, {@link #READ} or {@link #RESTORED}; guarded by the queue's lock. */
    int state = HELD;
    /** When the queue first held it, in the queue's own count (0: not yet); its place on return. Queue's lock. */
    long arrival;

    MessageRef(ServerMessage message, MessageQueue queue, int redeliveries) {
        this.message = message;
        this.queue = queue;
        this.redeliveries = redeliveries;
    }

    /** JMSXDeliveryCount of the next delivery. */
    int nextDeliveryCount() {
        return redeliveries + 1;
    }

    int redeliveries() {
        return redeliveries;
    }

    /** The application saw the message without consuming it (recover, rollback, close). */
    void markRedelivered() {
        redeliveries++;
    }
}
