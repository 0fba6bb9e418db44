package dev.gannet.api;

import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link StoreConfig}: the store a {@link BrokerConfig} names, its default and its rules. */
class StoreConfigTest {

    @Test
    void embeddedDerbyIsTheDefaultStore() {
        assertSame(StoreConfig.embeddedDerby(), BrokerConfig.builder().build().store());
        assertSame(StoreConfig.embeddedDerby(), new BrokerConfig("b", Path.of("d")).store());
    }

    @Test
    void builderNamesTheStore() {
        assertSame(StoreConfig.inMemory(), BrokerConfig.builder().inMemoryStore().build().store());
        assertEquals(new StoreConfig.Jdbc("jdbc:postgresql://db/gannet", "gannet", "secret",
                        StoreConfig.Dialect.POSTGRESQL),
                BrokerConfig.builder().jdbcStore("jdbc:postgresql://db/gannet", "gannet", "secret",
                        StoreConfig.Dialect.POSTGRESQL).build().store());
        DataSource dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{DataSource.class}, (proxy, method, args) -> null);
        assertEquals(new StoreConfig.JdbcDataSource(dataSource, StoreConfig.Dialect.DERBY),
                BrokerConfig.builder().jdbcStore(dataSource, StoreConfig.Dialect.DERBY).build().store());
    }

    @Test
    void aJdbcStoreNeedsAJdbcUrlAndAUserForItsPassword() {
        assertEquals("Store URL 'postgresql://db' is not a JDBC URL (jdbc:...)",
                assertThrows(IllegalArgumentException.class, () -> StoreConfig.jdbc("postgresql://db", null, null,
                        StoreConfig.Dialect.POSTGRESQL)).getMessage());
        assertEquals("Store URL 'jdbc:derby:x': a password needs a user",
                assertThrows(IllegalArgumentException.class, () -> StoreConfig.jdbc("jdbc:derby:x", null, "pw",
                        StoreConfig.Dialect.DERBY)).getMessage());
        assertThrows(NullPointerException.class, () -> StoreConfig.jdbc("jdbc:derby:x", null, null, null));
        assertThrows(NullPointerException.class, () -> BrokerConfig.builder().store(null));
    }

    @Test
    void aJdbcStoreHidesItsPassword() {
        String text = StoreConfig.jdbc("jdbc:postgresql://db/gannet", "gannet", "secret",
                StoreConfig.Dialect.POSTGRESQL).toString();

        assertEquals("postgresql store at jdbc:postgresql://db/gannet as gannet", text);
        assertFalse(text.contains("secret"));
    }

    @Test
    void dialectsAreNamedInAnyCase() {
        assertEquals(StoreConfig.Dialect.POSTGRESQL, StoreConfig.Dialect.of("PostgreSQL"));
        assertEquals("derby", StoreConfig.Dialect.DERBY.key());
        assertEquals("Store dialect 'oracle' is not one of derby, postgresql",
                assertThrows(IllegalArgumentException.class, () -> StoreConfig.Dialect.of("oracle")).getMessage());
    }
}
