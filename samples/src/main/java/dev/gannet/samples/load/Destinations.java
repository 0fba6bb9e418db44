package dev.gannet.samples.load;

import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;

/**
 * Names of the destinations one workload run may use: {@code load.WORKLOAD.RUN.ROLE}, so no run meets another
 * run's leftovers.
 */
public final class Destinations {

    private final String prefix;

    Destinations(String workload, String runId) {
        this.prefix = "load." + workload + "." + runId + ".";
    }

    public String name(String role) {
        return prefix + role;
    }

    public Queue queue(Session session, String role) throws JMSException {
        return session.createQueue(name(role));
    }

    public Topic topic(Session session, String role) throws JMSException {
        return session.createTopic(name(role));
    }
}
