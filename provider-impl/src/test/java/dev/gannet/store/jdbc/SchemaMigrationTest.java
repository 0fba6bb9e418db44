package dev.gannet.store.jdbc;

import dev.gannet.store.PagedMessage;
import dev.gannet.store.RecoveredState;
import dev.gannet.store.StoreOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A store written by schema version 1 (before paging) opens as version 2 with its messages intact. */
class SchemaMigrationTest {

    @TempDir
    Path directory;

    @Test
    void aVersion1StoreIsUpgradedAndItsBacklogPagesIn() throws Exception {
        DerbyDatabase v1 = new DerbyDatabase(directory.resolve("derby"));
        try (Connection c = v1.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE GANNET_VERSION (VERSION INT NOT NULL)");
            s.execute("INSERT INTO GANNET_VERSION VALUES (1)");
            s.execute("CREATE TABLE GANNET_QUEUE (ID BIGINT NOT NULL PRIMARY KEY, NAME VARCHAR(1024) NOT NULL,"
                    + " TOPIC VARCHAR(1024), SELECTOR VARCHAR(4000), NO_LOCAL SMALLINT NOT NULL,"
                    + " SHARED SMALLINT NOT NULL)");
            s.execute("CREATE TABLE GANNET_MESSAGE (ID BIGINT NOT NULL PRIMARY KEY, PRIORITY SMALLINT NOT NULL,"
                    + " EXPIRATION BIGINT NOT NULL, DELIVERY_TIME BIGINT NOT NULL, GROUP_ID VARCHAR(1024),"
                    + " BODY BLOB(2G) NOT NULL)");
            s.execute("CREATE TABLE GANNET_REFERENCE (QUEUE_ID BIGINT NOT NULL, MESSAGE_ID BIGINT NOT NULL,"
                    + " DELIVERY_COUNT INT NOT NULL, PRIMARY KEY (QUEUE_ID, MESSAGE_ID))");
            s.execute("INSERT INTO GANNET_QUEUE VALUES (1, 'queue:a', NULL, NULL, 0, 0)");
            s.execute("INSERT INTO GANNET_QUEUE VALUES (2, 'durable:-:s', 't', NULL, 0, 0)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO GANNET_MESSAGE VALUES (?, ?, 0, 0, NULL, ?)")) {
                p.setLong(1, 7);
                p.setShort(2, (short) 9);
                p.setBytes(3, new byte[]{1, 2, 3});
                p.executeUpdate();
            }
            s.execute("INSERT INTO GANNET_REFERENCE VALUES (1, 7, 2)");
            s.execute("INSERT INTO GANNET_REFERENCE VALUES (2, 7, 0)");
            c.commit();
        }
        v1.shutdown();

        JdbcMessageStore store = new JdbcMessageStore(new DerbyDatabase(directory.resolve("derby")), "migration");
        try {
            RecoveredState state = store.recover();
            assertEquals(7, state.maxMessageId());
            assertEquals(1, state.pendingCounts().get(1L)[9]);
            assertEquals(1, state.pendingCounts().get(2L)[9]);
            List<PagedMessage> page = store.page(1, 9, 0, Long.MAX_VALUE, 10).join();
            assertEquals(1, page.size());
            assertEquals(2, page.get(0).deliveryCount());
            assertEquals(2, page.get(0).message().references());
            assertArrayEquals(new byte[]{1, 2, 3}, page.get(0).message().encoded());

            // Shared by two queues: the message stays until the second one lets go.
            store.write(List.of(new StoreOperation.RemoveReference(1, 7), new StoreOperation.ReleaseMessage(7))).join();
            assertEquals(1, store.page(2, 9, 0, Long.MAX_VALUE, 10).join().size());
            store.write(List.of(new StoreOperation.RemoveReference(2, 7), new StoreOperation.ReleaseMessage(7))).join();
            assertEquals(0, store.page(2, 9, 0, Long.MAX_VALUE, 10).join().size());
        } finally {
            store.close();
        }
        JdbcMessageStore reopened = new JdbcMessageStore(new DerbyDatabase(directory.resolve("derby")), "migration");
        try {
            assertEquals(0, reopened.recover().maxMessageId(), "the released message is gone");
        } finally {
            reopened.close();
        }
    }
}
