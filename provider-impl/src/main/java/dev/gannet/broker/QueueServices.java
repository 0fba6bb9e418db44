package dev.gannet.broker;

/**
 * What every {@link MessageQueue} works with: the timer for delayed messages, the store for its backlog, where it sets
 * expired references aside, and the broker's memory budget that decides when it pages.
 */
record QueueServices(Scheduler scheduler, StoreWriter store, ExpiredMessages expired, MemoryBudget memory) {
}
