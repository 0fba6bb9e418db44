package dev.gannet.store.jdbc;

import dev.gannet.store.StoreOperation.AddDuplicate;
import dev.gannet.store.StoreOperation.AddMessage;
import dev.gannet.store.StoreOperation.AddPreparedAcknowledge;
import dev.gannet.store.StoreOperation.AddPreparedBranch;
import dev.gannet.store.StoreOperation.AddPreparedDuplicate;
import dev.gannet.store.StoreOperation.AddPreparedSend;
import dev.gannet.store.StoreOperation.AddQueue;
import dev.gannet.store.StoreOperation.AddReference;
import dev.gannet.store.StoredBranch;
import dev.gannet.store.StoredDuplicate;
import dev.gannet.store.StoredMessage;
import dev.gannet.store.StoredQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link StoreCheck} on a version 4 store: prepared XA branches as the store writes them are consistent (a branch
 * without rows too), and each broken prepared row is named by the rule it breaks. The rows are broken by hand, past
 * the constraints that otherwise refuse them, on real Derby.
 */
class StoreCheckTest {

    @TempDir
    Path directory;

    @Test
    void preparedBranchesAsTheStoreWritesThemAreConsistentAndEachBrokenPreparedRowIsNamed() throws Exception {
        DerbyDatabase database = new DerbyDatabase(directory.resolve("derby"));
        try (JdbcMessageStore store = new JdbcMessageStore(database, "check")) {
            store.write(List.of(new AddQueue(new StoredQueue(1, "queue:a", null, null, false, false)),
                    new AddQueue(new StoredQueue(2, "queue:b", null, null, false, false)))).join();
            store.write(List.of(new AddMessage(message(1, 1)), new AddReference(1, 1, 4))).join();
            store.write(List.of(new AddPreparedBranch(branch(1)))).join();
            store.write(List.of(new AddPreparedBranch(branch(2)), new AddPreparedAcknowledge(2, 1, 1),
                    new AddMessage(message(2, 1)), new AddPreparedSend(2, 2, 2, 4),
                    new AddPreparedDuplicate(2, new StoredDuplicate(5, "queue://b", "d-5")))).join();
        }
        StoreCheck.Report sound = StoreCheck.check(database);
        assertEquals(4, sound.schemaVersion());
        assertTrue(sound.consistent(), sound.describe(20));

        try (Connection c = database.open(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String constraint : List.of("GANNET_PREPARED_REFERENCE_BRANCH", "GANNET_PREPARED_REFERENCE_QUEUE",
                    "GANNET_PREPARED_REFERENCE_MESSAGE", "GANNET_PREPARED_REFERENCE_KIND")) {
                s.execute("ALTER TABLE GANNET_PREPARED_REFERENCE DROP CONSTRAINT " + constraint);
            }
            for (String constraint : List.of("GANNET_PREPARED_DUPLICATE_ID", "GANNET_PREPARED_DUPLICATE_BRANCH")) {
                s.execute("ALTER TABLE GANNET_PREPARED_DUPLICATE DROP CONSTRAINT " + constraint);
            }
            insertMessage(s, 3, 1);
            s.execute("INSERT INTO GANNET_PREPARED_REFERENCE VALUES (2, 1, 3, 'TAKE', 0, 4)");
            insertMessage(s, 4, 1);
            s.execute("INSERT INTO GANNET_PREPARED_REFERENCE VALUES (2, 9, 4, 'SEND', 0, 4)");
            s.execute("INSERT INTO GANNET_PREPARED_REFERENCE VALUES (2, 1, 44, 'SEND', 0, 4)");
            insertMessage(s, 5, 1);
            s.execute("INSERT INTO GANNET_PREPARED_REFERENCE VALUES (99, 1, 5, 'SEND', 0, 4)");
            insertMessage(s, 6, 2);
            s.execute("INSERT INTO GANNET_REFERENCE VALUES (1, 6, 0, 4)");
            s.execute("INSERT INTO GANNET_PREPARED_REFERENCE VALUES (2, 1, 6, 'ACKNOWLEDGE', 1, 4)");
            s.execute("INSERT INTO GANNET_DUPLICATE VALUES (7, 'queue://b', 'd-7')");
            s.execute("INSERT INTO GANNET_PREPARED_DUPLICATE VALUES (7, 99)");
            s.execute("INSERT INTO GANNET_PREPARED_DUPLICATE VALUES (8, 2)");
            s.execute("UPDATE GANNET_MESSAGE SET REFERENCE_COUNT = 3 WHERE ID = 2");
            c.commit();
        } finally {
            database.shutdown();
        }

        StoreCheck.Report damaged = StoreCheck.check(database);

        assertEquals(List.of(
                "PREPARED_REFERENCE_OUT_OF_RANGE 1/3 BRANCH_ID=2, KIND=TAKE, PRIORITY=4, DELIVERY_COUNT=0",
                "PREPARED_REFERENCE_TO_UNKNOWN_QUEUE 9/4 QUEUE_ID=9, MESSAGE_ID=4, BRANCH_ID=2",
                "PREPARED_REFERENCE_WITHOUT_MESSAGE 1/44 QUEUE_ID=1, MESSAGE_ID=44, BRANCH_ID=2",
                "PREPARED_REFERENCE_WITHOUT_BRANCH 1/5 QUEUE_ID=1, MESSAGE_ID=5, BRANCH_ID=99",
                "PREPARED_REFERENCE_ALSO_QUEUED 1/6 QUEUE_ID=1, MESSAGE_ID=6, BRANCH_ID=2",
                "PREPARED_DUPLICATE_WITHOUT_BRANCH 0/0 SEQ=7, BRANCH_ID=99",
                "PREPARED_DUPLICATE_WITHOUT_ID 0/0 SEQ=8, BRANCH_ID=2",
                "REFERENCE_COUNT_MISMATCH 0/2 REFERENCE_COUNT=3, references=1"),
                damaged.findings().stream().map(f -> f.problem() + " " + f.queueId() + "/" + f.messageId() + " "
                        + f.values()).toList(), damaged.describe(20));
        assertTrue(damaged.describe(20).contains("PREPARED_REFERENCE_WITHOUT_BRANCH: prepared reference of queue 1"
                + " to message 5"), damaged.describe(20));
    }

    private static StoredBranch branch(long id) {
        return new StoredBranch(id, 7, new byte[]{(byte) id}, new byte[]{2});
    }

    private static StoredMessage message(long id, int references) {
        return new StoredMessage(id, 4, 0, 0, null, new byte[]{(byte) id}, references);
    }

    private static void insertMessage(Statement s, long id, int references) throws SQLException {
        s.execute("INSERT INTO GANNET_MESSAGE VALUES (" + id + ", 4, 0, 0, NULL, CAST(X'01' AS BLOB), " + references
                + ")");
    }
}
