package dev.gannet.message;

import jakarta.jms.Queue;

/** A Gannet queue, e.g. {@code queue://orders}. */
public class GannetQueue extends GannetDestination implements Queue {

    private static final long serialVersionUID = 1L;

    /**
     * @throws IllegalArgumentException if {@code name} is null or empty
     */
    public GannetQueue(String name) {
        super(name);
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.QUEUE;
    }

    @Override
    public String getQueueName() {
        return name();
    }
}
