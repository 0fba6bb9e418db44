package dev.gannet.server;

import dev.gannet.api.StoreConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code store} keys of the server's config file: which store the broker keeps its state in. */
class ServerConfigStoreTest {

    private static ServerConfig parse(String... pairs) {
        Properties properties = new Properties();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            properties.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return ServerConfig.fromProperties(properties, Path.of("/etc/gannet"));
    }

    private static String problem(String... pairs) {
        return assertThrows(IllegalArgumentException.class, () -> parse(pairs)).getMessage();
    }

    @Test
    void embeddedDerbyInTheDataDirectoryIsTheDefault() {
        assertSame(StoreConfig.embeddedDerby(), parse("broker.name=g", "data.directory=d").broker().store());
        assertSame(StoreConfig.embeddedDerby(), parse("broker.name=g", "data.directory=d", "store=derby").broker()
                .store());
    }

    @Test
    void anInMemoryStoreNeedsNoDataDirectory() {
        assertSame(StoreConfig.inMemory(), parse("broker.name=g", "store=memory").broker().store());
    }

    @Test
    void aJdbcStoreIsReadWithItsUserPasswordAndTheDialectOfItsUrl() {
        assertEquals(new StoreConfig.Jdbc("jdbc:postgresql://db/gannet", "gannet", "secret",
                        StoreConfig.Dialect.POSTGRESQL),
                parse("broker.name=g", "store=jdbc", "store.url=jdbc:postgresql://db/gannet", "store.user=gannet",
                        "store.password=secret").broker().store());
        assertEquals(new StoreConfig.Jdbc("jdbc:other://db", null, null, StoreConfig.Dialect.DERBY),
                parse("broker.name=g", "store=jdbc", "store.url=jdbc:other://db", "store.dialect=derby").broker()
                        .store());
    }

    @Test
    void badStoreKeysAreNamedWithTheirRule() {
        assertEquals("store: 'disk' is not derby, jdbc or memory", problem("broker.name=g", "store=disk"));
        assertEquals("store.url: required but missing", problem("broker.name=g", "store=jdbc"));
        assertEquals("store.dialect: required for 'jdbc:other://db' (derby or postgresql)",
                problem("broker.name=g", "store=jdbc", "store.url=jdbc:other://db"));
        assertEquals("store.dialect: 'oracle' is not derby or postgresql",
                problem("broker.name=g", "store=jdbc", "store.url=jdbc:other://db", "store.dialect=oracle"));
        assertEquals("store.password: Store URL 'jdbc:derby:x': a password needs a user",
                problem("broker.name=g", "store=jdbc", "store.url=jdbc:derby:x", "store.password=p"));
        assertEquals("store.url: Store URL 'db' is not a JDBC URL (jdbc:...)",
                problem("broker.name=g", "store=jdbc", "store.url=db", "store.dialect=derby"));
        String misplaced = problem("broker.name=g", "data.directory=d", "store.url=jdbc:derby:x");
        assertTrue(misplaced.equals("store.url: applies to store=jdbc only, not store=derby (the default)"),
                misplaced);
    }
}
