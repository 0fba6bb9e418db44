package dev.gannet.broker;

/**
 * What every {@link MessageQueue} works with: the timer for delayed messages, the store for its backlog, and where
 * it sets expired references aside.
 */
record QueueServices(Scheduler scheduler, StoreWriter store, ExpiredMessages expired) {
}
