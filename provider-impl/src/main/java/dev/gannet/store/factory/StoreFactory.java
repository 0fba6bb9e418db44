package dev.gannet.store.factory;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.StoreConfig;
import dev.gannet.store.MessageStore;
import dev.gannet.store.jdbc.JdbcMessageStore;
import dev.gannet.store.memory.InMemoryMessageStore;

/** Opens the store a {@link BrokerConfig} names. */
public final class StoreFactory {

    private StoreFactory() {
    }

    /**
     * Opens {@code config.store()} for the broker {@code config.name()}: in the heap, or a JDBC store (embedded Derby
     * in {@code DATA_DIRECTORY/derby} by default), creating or upgrading its schema.
     *
     * @throws dev.gannet.store.StoreException if the database cannot be opened or holds an unknown schema version
     */
    public static MessageStore open(BrokerConfig config) {
        if (config.store() instanceof StoreConfig.InMemory) {
            return new InMemoryMessageStore(config.name());
        }
        return new JdbcMessageStore(JdbcMessageStore.Database.of(config), config.name());
    }
}
