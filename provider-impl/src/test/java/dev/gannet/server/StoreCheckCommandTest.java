package dev.gannet.server;

import dev.gannet.api.BrokerConfig;
import dev.gannet.store.StoreOperation;
import dev.gannet.store.StoredMessage;
import dev.gannet.store.StoredQueue;
import dev.gannet.store.jdbc.JdbcMessageStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GannetServer --check-store CONFIG}, the operator's consistency check of a stopped broker's store: exit
 * status 0 and "consistent" for a sound store; 1 and one line per broken row for a store with an orphan reference
 * and a message no queue holds (injected past the schema's foreign key, as a damaged store would hold them); 1
 * when there is no store.
 */
class StoreCheckCommandTest {

    @TempDir
    Path directory;

    @Test
    void theCheckPassesASoundStoreAndNamesEveryRowOfADamagedOne() throws Exception {
        Path config = directory.resolve("gannet.properties");
        java.nio.file.Files.write(config, List.of("broker.name=checked", "data.directory=data"));
        BrokerConfig broker = ServerConfig.load(config).broker();

        ServerProcess missing = ServerProcess.checkStore(config);
        assertEquals(1, missing.awaitExit(ServerProcess.STARTS), missing.stdout());
        assertTrue(missing.stderr().contains("no store to check"), missing.stderr());

        JdbcMessageStore.Database database = JdbcMessageStore.Database.of(broker);
        try (JdbcMessageStore store = new JdbcMessageStore(database, "checked")) {
            store.write(List.of(new StoreOperation.AddQueue(new StoredQueue(1, "queue:a", null, null, false,
                    false)))).join();
            store.write(List.of(new StoreOperation.AddMessage(new StoredMessage(1, 4, 0, 0, null, new byte[]{1}, 1)),
                    new StoreOperation.AddReference(1, 1, 4))).join();
        }
        ServerProcess sound = ServerProcess.checkStore(config);
        assertEquals(0, sound.awaitExit(ServerProcess.STARTS), sound.stdout() + sound.stderr());
        assertTrue(sound.stdout().contains("consistent: schema version 4, 0 row(s) in quarantine"), sound.stdout());

        try (Connection c = database.open(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE GANNET_REFERENCE DROP CONSTRAINT GANNET_REFERENCE_MESSAGE");
            s.execute("INSERT INTO GANNET_REFERENCE VALUES (1, 99, 0, 4)");
            s.execute("INSERT INTO GANNET_MESSAGE VALUES (50, 4, 0, 0, NULL, CAST(X'01' AS BLOB), 1)");
            c.commit();
        } finally {
            database.shutdown();
        }
        ServerProcess damaged = ServerProcess.checkStore(config);
        assertEquals(1, damaged.awaitExit(ServerProcess.STARTS), damaged.stdout() + damaged.stderr());
        String report = damaged.stdout();
        assertTrue(report.contains("REFERENCE_WITHOUT_MESSAGE: reference of queue 1 to message 99"), report);
        assertTrue(report.contains("REFERENCE_COUNT_MISMATCH: message 50 (REFERENCE_COUNT=1, references=0)"),
                report);
        assertTrue(report.contains("2 problem(s)"), report);
    }
}
