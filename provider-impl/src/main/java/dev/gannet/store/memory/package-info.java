/**
 * A {@link dev.gannet.store.MessageStore} in the heap ({@link dev.gannet.store.memory.InMemoryMessageStore}): not
 * durable, for tests and for brokers configured with {@code StoreConfig.inMemory()}. Opened by
 * {@link dev.gannet.store.factory.StoreFactory}; tests may construct it directly.
 */
package dev.gannet.store.memory;
