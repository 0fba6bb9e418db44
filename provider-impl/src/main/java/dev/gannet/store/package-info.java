/**
 * The store as the broker sees it: {@link dev.gannet.store.MessageStore} (units of {@link
 * dev.gannet.store.StoreOperation}s applied atomically and in order, recovery, paging of a queue's backlog,
 * quarantine) and the records it exchanges. Implementations live in {@code store.jdbc} (Derby, PostgreSQL) and
 * {@code store.memory}; {@code store.factory} opens the one a configuration names. Called by the broker only.
 */
package dev.gannet.store;
