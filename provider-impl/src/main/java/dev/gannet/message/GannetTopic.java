package dev.gannet.message;

import jakarta.jms.Topic;

/** A Gannet topic, e.g. {@code topic://prices}. */
public class GannetTopic extends GannetDestination implements Topic {

    private static final long serialVersionUID = 1L;

    /**
     * @throws IllegalArgumentException if {@code name} is null or empty
     */
    public GannetTopic(String name) {
        super(name);
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.TOPIC;
    }

    @Override
    public String getTopicName() {
        return name();
    }
}
