package dev.gannet.broker;

/** A JMS queue: its message queue and, for a temporary queue, the connection that owns it. */
record QueueDestination(MessageQueue queue, ServerConnection owner) {
}
