package dev.gannet.ra.outbound;

/** What a connection request asks the pool for: a connection of a messaging domain, or a JMSContext. */
enum HandleType {
    /** {@code ConnectionFactory.createConnection}: a Connection of both domains. */
    CONNECTION,
    /** {@code QueueConnectionFactory.createQueueConnection}: a QueueConnection. */
    QUEUE_CONNECTION,
    /** {@code TopicConnectionFactory.createTopicConnection}: a TopicConnection. */
    TOPIC_CONNECTION,
    /** {@code ConnectionFactory.createContext}: a JMSContext. */
    CONTEXT
}
