package dev.gannet.message;

/**
 * The four kinds of Gannet destination. The kind and the name together identify a destination: a queue and a topic
 * may share a name and are still different destinations.
 */
public enum DestinationKind {
    QUEUE("queue"),
    TOPIC("topic"),
    TEMPORARY_QUEUE("temp-queue"),
    TEMPORARY_TOPIC("temp-topic");

    private final String scheme;

    DestinationKind(String scheme) {
        this.scheme = scheme;
    }

    /** The prefix used in {@code toString()} of destinations, e.g. {@code "queue"} in {@code "queue://orders"}. */
    public String scheme() {
        return scheme;
    }

    /** True for point-to-point kinds (queues and temporary queues). */
    public boolean isQueue() {
        return this == QUEUE || this == TEMPORARY_QUEUE;
    }

    /** True for destinations that live only as long as the connection that created them. */
    public boolean isTemporary() {
        return this == TEMPORARY_QUEUE || this == TEMPORARY_TOPIC;
    }
}
