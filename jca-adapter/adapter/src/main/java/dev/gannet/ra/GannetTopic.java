package dev.gannet.ra;

import jakarta.jms.Topic;

import java.io.Serializable;

/**
 * The adapter's administered topic (ra.xml adminobject of interface {@code jakarta.jms.Topic}): a JavaBean whose
 * {@code name} is the broker's topic name, bound in JNDI by the server so that {@code @Resource(lookup=...)},
 * {@code @JMSDestinationDefinition} and an endpoint's {@code destinationLookup} find it. Gannet's sessions take it
 * as the topic of that name. Equal to another {@code GannetTopic} of the same name.
 */
public class GannetTopic extends AdministeredDestination implements Topic, Serializable {

    private static final long serialVersionUID = 1L;

    /** A topic without name yet; the server sets it from the admin object's configuration. */
    public GannetTopic() {
    }

    /**
     * The topic {@code name}.
     *
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    public static GannetTopic named(String name) {
        GannetTopic topic = new GannetTopic();
        topic.setName(requireName(name));
        return topic;
    }

    /**
     * @throws jakarta.jms.IllegalStateException if no name was set
     */
    @Override
    public String getTopicName() throws jakarta.jms.IllegalStateException {
        return nameOrRefuse();
    }

    @Override
    String scheme() {
        return "topic";
    }
}
