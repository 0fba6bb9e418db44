package dev.gannet.ra;

import jakarta.jms.Queue;

import java.io.Serializable;

/**
 * The adapter's administered queue (ra.xml adminobject of interface {@code jakarta.jms.Queue}): a JavaBean whose
 * {@code name} is the broker's queue name, bound in JNDI by the server so that {@code @Resource(lookup=...)},
 * {@code @JMSDestinationDefinition} and an endpoint's {@code destinationLookup} find it. Gannet's sessions take it
 * as the queue of that name. Equal to another {@code GannetQueue} of the same name.
 */
public class GannetQueue extends AdministeredDestination implements Queue, Serializable {

    private static final long serialVersionUID = 1L;

    /** A queue without name yet; the server sets it from the admin object's configuration. */
    public GannetQueue() {
    }

    /**
     * The queue {@code name}.
     *
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    public static GannetQueue named(String name) {
        GannetQueue queue = new GannetQueue();
        queue.setName(requireName(name));
        return queue;
    }

    /**
     * @throws jakarta.jms.IllegalStateException if no name was set
     */
    @Override
    public String getQueueName() throws jakarta.jms.IllegalStateException {
        return nameOrRefuse();
    }

    @Override
    String scheme() {
        return "queue";
    }
}
