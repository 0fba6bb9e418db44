package dev.gannet.broker;

/** One queue's hold on a message, with how often the queue delivered it without the delivery being consumed. */
final class MessageRef {

    final ServerMessage message;
    final MessageQueue queue;
    private int redeliveries; // guarded by the queue's lock, or by the session the ref is delivered to

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
