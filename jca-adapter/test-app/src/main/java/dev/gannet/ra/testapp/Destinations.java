package dev.gannet.ra.testapp;

/**
 * The broker's destinations the test application uses, by physical name, one per scenario so that scenarios
 * never see each other's messages.
 */
public final class Destinations {
    /** Sent to by {@link OrderDesk} and read back by {@link QueueProbe}; no listener. */
    public static final String ORDERS = "gannet.it.orders";
    /** Sent to beside a database row. */
    public static final String RECORDED_ORDERS = "gannet.it.recorded-orders";
    /** Sent to through the injected {@code JMSContext}. */
    public static final String CONTEXT_ORDERS = "gannet.it.context-orders";
    /** The queue behind the administered object that the server binds and {@link OrderDesk} sends to. */
    public static final String ADMINISTERED_ORDERS = "gannet.it.administered-orders";
    /** Consumed by {@link OrderListener}. */
    public static final String LISTENED_ORDERS = "gannet.it.listened-orders";
    /** A topic that {@link AuditListener} holds a durable subscription on. */
    public static final String AUDIT = "gannet.it.audit";
    /** Consumed by {@link PoisonListener}, which throws on every message. */
    public static final String POISON = "gannet.it.poison";
    /** Consumed by {@link RedListener} through the selector {@link RedListener#SELECTOR}. */
    public static final String COLOURS = "gannet.it.colours";
    /** Where the broker moves a message after its last delivery attempt (the destination settings' default). */
    public static final String DEAD_LETTERS = "DLQ";

    private Destinations() {
    }
}
