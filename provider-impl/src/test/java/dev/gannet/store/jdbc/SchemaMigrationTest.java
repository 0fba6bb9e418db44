package dev.gannet.store.jdbc;

import dev.gannet.store.PagedMessage;
import dev.gannet.store.RecoveredState;
import dev.gannet.store.StoreOperation;
import dev.gannet.store.StoredBranch;
import dev.gannet.store.StoredDuplicate;
import dev.gannet.store.StoredMessage;
import dev.gannet.store.StoredQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store written by an older schema opens as the current version with its messages intact: version 1 (before
 * paging), version 2 (before the checks and foreign keys) and version 3 (before prepared XA branches). Rows of a
 * version 2 store that break version 3's rules are set aside in GANNET_QUARANTINE, and afterwards the schema refuses
 * such rows itself.
 */
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
            RecoveredState state = reopened.recover();
            assertEquals(0, state.maxMessageId(), "the released message is gone");
            assertEquals(0, state.quarantined());
        } finally {
            reopened.close();
        }
        assertEquals(JdbcMessageStore.SCHEMA_VERSION, StoreCheck.check(v1).schemaVersion());
    }

    @Test
    void aVersion2StoreIsUpgradedWithTheRowsThatBreakVersion3Quarantined() throws Exception {
        DerbyDatabase database = new DerbyDatabase(directory.resolve("derby"));
        try (Connection c = database.open(); Statement s = c.createStatement()) {
            createVersion2Schema(s);
            s.execute("INSERT INTO GANNET_QUEUE VALUES (1, 'queue:a', NULL, NULL, 0, 0)");
            s.execute("INSERT INTO GANNET_QUEUE VALUES (2, 'durable:-:s', 't', NULL, 0, 0)");
            s.execute("INSERT INTO GANNET_QUEUE VALUES (3, 'queue:flags', NULL, NULL, 2, 0)"); // NO_LOCAL out of range
            try (PreparedStatement p = c.prepareStatement("INSERT INTO GANNET_MESSAGE VALUES (?, ?, 0, 0, NULL, ?, ?)")) {
                insertMessage(p, 7, 9, 2);   // good, held by queues 1 and 2
                insertMessage(p, 8, 12, 1);  // priority out of range (stored by a send nobody checked)
                insertMessage(p, 9, 4, 1);   // held by no queue
                insertMessage(p, 11, 4, 2);  // held by queue 1 and by queue 5, which is not stored
                insertMessage(p, 12, 4, 3);  // held by queue 1 only, counted 3
                insertMessage(p, 13, 4, 1);  // held by queue 3, whose row breaks the rules
            }
            s.execute("INSERT INTO GANNET_REFERENCE VALUES (1, 7, 2, 9)");
            s.execute("INSERT INTO GANNET_REFERENCE VALUES (2, 7, 0, 9)");
            s.execute("INSERT INTO GANNET_REFERENCE VALUES (1, 8, 0, 12)");
            s.execute("INSERT INTO GANNET_REFERENCE VALUES (1, 10, 0, 4)"); // message 10 is not stored
            s.execute("INSERT INTO GANNET_REFERENCE VALUES (1, 11, 0, 4)");
            s.execute("INSERT INTO GANNET_REFERENCE VALUES (5, 11, 0, 4)");
            s.execute("INSERT INTO GANNET_REFERENCE VALUES (1, 12, 0, 4)");
            s.execute("INSERT INTO GANNET_REFERENCE VALUES (3, 13, 0, 4)");
            c.commit();
        }
        database.shutdown();
        StoreCheck.Report before = StoreCheck.check(database);
        assertEquals(2, before.schemaVersion());
        assertEquals(Arrays.stream(StoreCheck.Problem.values()).filter(p -> p.appliesTo(2))
                        .collect(Collectors.toSet()),
                before.findings().stream().map(StoreCheck.Finding::problem).collect(Collectors.toSet()),
                before.describe(50));

        JdbcMessageStore store = new JdbcMessageStore(database, "migration");
        try {
            RecoveredState state = store.recover();
            assertEquals(List.of(1L, 2L), state.queues().stream().map(StoredQueue::id).toList());
            assertEquals(1, state.pendingCounts().get(1L)[9]);
            assertEquals(2, state.pendingCounts().get(1L)[4], "messages 11 and 12");
            assertEquals(1, state.pendingCounts().get(2L)[9]);
            assertEquals(8, state.quarantined());
            List<PagedMessage> page = store.page(1, 4, 0, Long.MAX_VALUE, 10).join();
            assertEquals(List.of(11L, 12L), page.stream().map(m -> m.message().id()).toList());
            assertEquals(List.of(1, 1), page.stream().map(m -> m.message().references()).toList());
        } finally {
            store.close();
        }

        try (Connection c = database.open(); Statement s = c.createStatement()) {
            assertEquals(List.of("GANNET_MESSAGE 13", "GANNET_MESSAGE 8", "GANNET_MESSAGE 9", "GANNET_QUEUE 3",
                    "GANNET_REFERENCE 1/10", "GANNET_REFERENCE 1/8", "GANNET_REFERENCE 3/13",
                    "GANNET_REFERENCE 5/11"), quarantined(s));
            try (ResultSet rs = s.executeQuery("SELECT ROW_DATA, BODY, REASON FROM GANNET_QUARANTINE"
                    + " WHERE SOURCE_TABLE = 'GANNET_MESSAGE' AND SOURCE_KEY = '8'")) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).contains("PRIORITY=12"), rs.getString(1));
                assertArrayEquals(new byte[]{8}, rs.getBytes(2), "the body is kept");
                assertTrue(rs.getString(3).contains("MESSAGE_OUT_OF_RANGE"), rs.getString(3));
            }
            // Version 3 refuses what version 2 let in, and holds what the broker accepts.
            assertRefused("23513", () -> s.execute("INSERT INTO GANNET_MESSAGE VALUES (20, 12, 0, 0, NULL,"
                    + " CAST(X'01' AS BLOB), 1)"));
            assertRefused("23503", () -> s.execute("INSERT INTO GANNET_REFERENCE VALUES (1, 99, 0, 4)"));
            assertRefused("23503", () -> s.execute("INSERT INTO GANNET_REFERENCE VALUES (99, 7, 0, 9)"));
            assertRefused("23503", () -> s.execute("DELETE FROM GANNET_MESSAGE WHERE ID = 7"));
            s.execute("INSERT INTO GANNET_QUEUE VALUES (4, 'durable:1024/" + "c".repeat(1024) + ":"
                    + "n".repeat(1024) + "', '" + "t".repeat(1024) + "', '" + "x".repeat(16384) + "', 0, 0)");
            s.execute("INSERT INTO GANNET_DUPLICATE VALUES (1, 'temp-queue://" + "q".repeat(1024) + "', '"
                    + "d".repeat(4000) + "')");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO GANNET_MESSAGE VALUES (21, 9, 0, 0, ?,"
                    + " CAST(X'01' AS BLOB), 0)")) {
                p.setString(1, "\uD83D\uDE00".repeat(512)); // 1024 Java chars, as the broker's limits count them
                p.executeUpdate();
            }
            c.rollback();
        }
        database.shutdown();
        StoreCheck.Report after = StoreCheck.check(database);
        assertTrue(after.consistent(), after.describe(50));
        assertEquals(8, after.quarantined());
    }

    @Test
    void aVersion3StoreIsUpgradedAndKeepsPreparedBranchesFromThenOn() throws Exception {
        DerbyDatabase database = new DerbyDatabase(directory.resolve("derby"));
        try (Connection c = database.open(); Statement s = c.createStatement()) {
            createVersion3Schema(s);
            s.execute("INSERT INTO GANNET_QUEUE VALUES (1, 'queue:a', NULL, NULL, 0, 0)");
            s.execute("INSERT INTO GANNET_QUEUE VALUES (2, 'durable:-:s', 't', 'k = 1', 1, 0)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO GANNET_MESSAGE VALUES (?, ?, 0, 0, NULL, ?, ?)")) {
                insertMessage(p, 7, 9, 2);
                insertMessage(p, 8, 4, 1);
            }
            s.execute("INSERT INTO GANNET_REFERENCE VALUES (1, 7, 3, 9)");
            s.execute("INSERT INTO GANNET_REFERENCE VALUES (2, 7, 0, 9)");
            s.execute("INSERT INTO GANNET_REFERENCE VALUES (1, 8, 0, 4)");
            s.execute("INSERT INTO GANNET_DUPLICATE VALUES (5, 'queue://a', 'd-5')");
            s.execute("INSERT INTO GANNET_QUARANTINE (SOURCE_TABLE, SOURCE_KEY, REASON, QUARANTINED_AT, ROW_DATA)"
                    + " VALUES ('GANNET_QUEUE', '3', 'its selector does not parse', CURRENT_TIMESTAMP, 'ID=3')");
            c.commit();
        }
        database.shutdown();
        StoreCheck.Report before = StoreCheck.check(database);
        assertEquals(3, before.schemaVersion());
        assertTrue(before.consistent(), before.describe(20));
        assertEquals(1, before.quarantined());

        JdbcMessageStore store = new JdbcMessageStore(database, "migration");
        try {
            RecoveredState state = store.recover();
            assertEquals(List.of(1L, 2L), state.queues().stream().map(StoredQueue::id).toList());
            assertEquals(1, state.pendingCounts().get(1L)[9]);
            assertEquals(1, state.pendingCounts().get(1L)[4]);
            assertEquals(1, state.pendingCounts().get(2L)[9]);
            assertEquals(List.of("d-5"), state.duplicates().stream().map(StoredDuplicate::duplicateId).toList());
            assertEquals(List.of(), state.prepared());
            assertEquals(1, state.quarantined());
            assertEquals(3, store.page(1, 9, 0, Long.MAX_VALUE, 10).join().get(0).deliveryCount());

            store.write(List.of(new StoreOperation.AddPreparedBranch(new StoredBranch(1, 1, new byte[]{1},
                            new byte[0])), new StoreOperation.AddPreparedAcknowledge(1, 1, 7),
                    new StoreOperation.AddMessage(new StoredMessage(9, 4, 0, 0, null, new byte[]{9}, 1)),
                    new StoreOperation.AddPreparedSend(1, 2, 9, 4),
                    new StoreOperation.AddPreparedDuplicate(1, new StoredDuplicate(6, "topic://t", "d-6")))).join();
        } finally {
            store.close();
        }

        JdbcMessageStore reopened = new JdbcMessageStore(database, "migration");
        try {
            RecoveredState state = reopened.recover();
            assertEquals(1, state.prepared().size());
            assertEquals(List.of(7L), state.prepared().get(0).acknowledged().stream()
                    .map(r -> r.message().message().id()).toList());
            assertEquals(3, state.prepared().get(0).acknowledged().get(0).message().deliveryCount());
            assertEquals(List.of(9L), state.prepared().get(0).sends().stream()
                    .map(r -> r.message().message().id()).toList());
            assertEquals(List.of(8L), reopened.page(1, 4, 0, Long.MAX_VALUE, 10).join().stream()
                    .map(m -> m.message().id()).toList());
            assertEquals(0, reopened.page(1, 9, 0, Long.MAX_VALUE, 10).join().size());
        } finally {
            reopened.close();
        }
        StoreCheck.Report after = StoreCheck.check(database);
        assertEquals(4, after.schemaVersion());
        assertTrue(after.consistent(), after.describe(20));
        assertEquals(1, after.quarantined());
        try (Connection c = database.open(); Statement s = c.createStatement()) {
            // Version 4 protects the prepared rows as version 3 does the others.
            assertRefused("23503", () -> s.execute("INSERT INTO GANNET_PREPARED_REFERENCE VALUES (99, 1, 8, 'SEND',"
                    + " 0, 4)"));
            assertRefused("23503", () -> s.execute("INSERT INTO GANNET_PREPARED_REFERENCE VALUES (1, 99, 8, 'SEND',"
                    + " 0, 4)"));
            assertRefused("23513", () -> s.execute("INSERT INTO GANNET_PREPARED_REFERENCE VALUES (1, 1, 8, 'TAKE',"
                    + " 0, 4)"));
            assertRefused("23505", () -> s.execute("INSERT INTO GANNET_PREPARED_REFERENCE VALUES (1, 1, 7, 'SEND',"
                    + " 0, 4)"));
            assertRefused("23503", () -> s.execute("DELETE FROM GANNET_MESSAGE WHERE ID = 9"));
            assertRefused("23503", () -> s.execute("DELETE FROM GANNET_BRANCH WHERE ID = 1"));
            assertRefused("23503", () -> s.execute("INSERT INTO GANNET_PREPARED_DUPLICATE VALUES (5, 99)"));
            assertRefused("23503", () -> s.execute("INSERT INTO GANNET_PREPARED_DUPLICATE VALUES (77, 1)"));
            c.rollback();
        }
        database.shutdown();
    }

    /** The tables exactly as a version 3 store created them. */
    private static void createVersion3Schema(Statement s) throws SQLException {
        s.execute("CREATE TABLE GANNET_VERSION (VERSION INT NOT NULL)");
        s.execute("INSERT INTO GANNET_VERSION VALUES (3)");
        s.execute("CREATE TABLE GANNET_QUEUE (ID BIGINT NOT NULL PRIMARY KEY, NAME VARCHAR(2100) NOT NULL,"
                + " TOPIC VARCHAR(1024), SELECTOR VARCHAR(16384),"
                + " NO_LOCAL SMALLINT NOT NULL CONSTRAINT GANNET_QUEUE_NO_LOCAL CHECK (NO_LOCAL IN (0, 1)),"
                + " SHARED SMALLINT NOT NULL CONSTRAINT GANNET_QUEUE_SHARED CHECK (SHARED IN (0, 1)))");
        s.execute("CREATE TABLE GANNET_MESSAGE (ID BIGINT NOT NULL PRIMARY KEY,"
                + " PRIORITY SMALLINT NOT NULL CONSTRAINT GANNET_MESSAGE_PRIORITY CHECK (PRIORITY BETWEEN 0 AND 9),"
                + " EXPIRATION BIGINT NOT NULL, DELIVERY_TIME BIGINT NOT NULL, GROUP_ID VARCHAR(1024),"
                + " BODY BLOB(2G) NOT NULL,"
                + " REFERENCE_COUNT INT NOT NULL CONSTRAINT GANNET_MESSAGE_REFERENCES CHECK (REFERENCE_COUNT >= 0))");
        s.execute("CREATE TABLE GANNET_REFERENCE (QUEUE_ID BIGINT NOT NULL, MESSAGE_ID BIGINT NOT NULL,"
                + " DELIVERY_COUNT INT NOT NULL CONSTRAINT GANNET_REFERENCE_DELIVERIES CHECK (DELIVERY_COUNT >= 0),"
                + " PRIORITY SMALLINT NOT NULL CONSTRAINT GANNET_REFERENCE_PRIORITY CHECK (PRIORITY BETWEEN 0 AND 9),"
                + " PRIMARY KEY (QUEUE_ID, MESSAGE_ID),"
                + " CONSTRAINT GANNET_REFERENCE_QUEUE FOREIGN KEY (QUEUE_ID) REFERENCES GANNET_QUEUE (ID),"
                + " CONSTRAINT GANNET_REFERENCE_MESSAGE FOREIGN KEY (MESSAGE_ID) REFERENCES GANNET_MESSAGE (ID))");
        s.execute("CREATE INDEX GANNET_REFERENCE_PAGE ON GANNET_REFERENCE (QUEUE_ID, PRIORITY, MESSAGE_ID)");
        s.execute("CREATE TABLE GANNET_DUPLICATE (SEQ BIGINT NOT NULL PRIMARY KEY,"
                + " DESTINATION VARCHAR(1100) NOT NULL, DUPLICATE_ID VARCHAR(4000) NOT NULL)");
        s.execute("CREATE TABLE GANNET_QUARANTINE (ID BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                + " SOURCE_TABLE VARCHAR(32) NOT NULL, SOURCE_KEY VARCHAR(64) NOT NULL, REASON VARCHAR(2000) NOT NULL,"
                + " QUARANTINED_AT TIMESTAMP NOT NULL, ROW_DATA VARCHAR(32672) NOT NULL, BODY BLOB(2G))");
    }

    private static void createVersion2Schema(Statement s) throws SQLException {
        s.execute("CREATE TABLE GANNET_VERSION (VERSION INT NOT NULL)");
        s.execute("INSERT INTO GANNET_VERSION VALUES (2)");
        s.execute("CREATE TABLE GANNET_QUEUE (ID BIGINT NOT NULL PRIMARY KEY, NAME VARCHAR(1024) NOT NULL,"
                + " TOPIC VARCHAR(1024), SELECTOR VARCHAR(4000), NO_LOCAL SMALLINT NOT NULL,"
                + " SHARED SMALLINT NOT NULL)");
        s.execute("CREATE TABLE GANNET_MESSAGE (ID BIGINT NOT NULL PRIMARY KEY, PRIORITY SMALLINT NOT NULL,"
                + " EXPIRATION BIGINT NOT NULL, DELIVERY_TIME BIGINT NOT NULL, GROUP_ID VARCHAR(1024),"
                + " BODY BLOB(2G) NOT NULL, REFERENCE_COUNT INT NOT NULL)");
        s.execute("CREATE TABLE GANNET_REFERENCE (QUEUE_ID BIGINT NOT NULL, MESSAGE_ID BIGINT NOT NULL,"
                + " DELIVERY_COUNT INT NOT NULL, PRIORITY SMALLINT NOT NULL, PRIMARY KEY (QUEUE_ID, MESSAGE_ID))");
        s.execute("CREATE INDEX GANNET_REFERENCE_PAGE ON GANNET_REFERENCE (QUEUE_ID, PRIORITY, MESSAGE_ID)");
        s.execute("CREATE TABLE GANNET_DUPLICATE (SEQ BIGINT NOT NULL PRIMARY KEY, DESTINATION VARCHAR(1024)"
                + " NOT NULL, DUPLICATE_ID VARCHAR(4000) NOT NULL)");
    }

    private static void insertMessage(PreparedStatement p, long id, int priority, int references)
            throws SQLException {
        p.setLong(1, id);
        p.setShort(2, (short) priority);
        p.setBytes(3, new byte[]{(byte) id});
        p.setInt(4, references);
        p.executeUpdate();
    }

    private static List<String> quarantined(Statement s) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT SOURCE_TABLE, SOURCE_KEY FROM GANNET_QUARANTINE"
                + " ORDER BY SOURCE_TABLE, SOURCE_KEY")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }

    private static void assertRefused(String sqlState, Executable statement) {
        SQLException refused = assertThrows(SQLException.class, statement);
        assertEquals(sqlState, refused.getSQLState(), refused.getMessage());
    }
}
