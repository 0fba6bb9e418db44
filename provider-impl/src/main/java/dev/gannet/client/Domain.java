package dev.gannet.client;

import jakarta.jms.IllegalStateException;

/**
 * Which messaging domain a legacy object was created for: a QueueSession refuses topic-only methods and a
 * TopicSession queue-only ones (QueueSession/TopicSession/QueueConnection javadoc).
 */
enum Domain {
    BOTH, QUEUE, TOPIC;

    void requireTopics(String method, Object owner) throws IllegalStateException {
        if (this == QUEUE) {
            throw new IllegalStateException(method + " cannot be used on the QueueSession or QueueConnection " + owner);
        }
    }

    void requireQueues(String method, Object owner) throws IllegalStateException {
        if (this == TOPIC) {
            throw new IllegalStateException(method + " cannot be used on the TopicSession " + owner);
        }
    }
}
