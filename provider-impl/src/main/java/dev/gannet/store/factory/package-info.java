/**
 * Opens the {@link dev.gannet.store.MessageStore} a broker's configuration names
 * ({@link dev.gannet.store.factory.StoreFactory}), so that the broker knows only the interface and no store
 * implementation. Called by the broker at start.
 */
package dev.gannet.store.factory;
