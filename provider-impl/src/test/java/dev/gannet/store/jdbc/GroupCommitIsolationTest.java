package dev.gannet.store.jdbc;

import dev.gannet.store.StoreException;
import dev.gannet.store.StoreOperation;
import dev.gannet.store.StoredBranch;
import dev.gannet.store.StoredDuplicate;
import dev.gannet.store.StoredMessage;
import dev.gannet.store.StoredQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The group commit writer isolates units: when one unit of a batch fails, only its future fails, every other unit
 * of the batch commits, and nothing of the failed unit stays behind, in the store or in the writer (a unit applied
 * after it commits exactly what it holds). Real Derby in a temporary directory; the writer is held busy so that the
 * units of several threads queue up and meet in one batch.
 */
class GroupCommitIsolationTest {

    private static final long QUEUE = 1;
    private static final int THREADS = 4;
    private static final int UNITS_PER_THREAD = 5;

    @TempDir
    Path directory;
    private DerbyDatabase database;
    private Connection connection;
    private GroupCommitWriter writer;
    private final AtomicLong messageIds = new AtomicLong();

    /** Units the store must refuse, each for a reason of its own. */
    enum BadUnit {
        GROUP_ID_LONGER_THAN_ITS_COLUMN {
            @Override
            List<StoreOperation> operations(long id) {
                return message(id, 4, "g".repeat(1025));
            }
        },
        PRIORITY_OUT_OF_RANGE {
            @Override
            List<StoreOperation> operations(long id) {
                return message(id, 12, null);
            }
        },
        REFERENCE_TO_A_MESSAGE_NOT_STORED {
            @Override
            List<StoreOperation> operations(long id) {
                return List.of(new StoreOperation.AddReference(QUEUE, id, 4));
            }
        },
        REFERENCE_TO_A_QUEUE_NOT_STORED {
            @Override
            List<StoreOperation> operations(long id) {
                return List.of(new StoreOperation.AddMessage(stored(id, 4, null)),
                        new StoreOperation.AddReference(77, id, 4));
            }
        },
        GOOD_MESSAGE_WITH_A_DUPLICATE_ID_THE_STORE_REFUSES {
            @Override
            List<StoreOperation> operations(long id) {
                List<StoreOperation> operations = new ArrayList<>(message(id, 4, null));
                operations.add(new StoreOperation.AddDuplicate(new StoredDuplicate(id, "queue://a", "d".repeat(4001))));
                return operations;
            }
        },
        PREPARE_SENDING_TO_A_QUEUE_NOT_STORED {
            @Override
            List<StoreOperation> operations(long id) {
                return List.of(new StoreOperation.AddPreparedBranch(branch(id)),
                        new StoreOperation.AddMessage(stored(id, 4, null)),
                        new StoreOperation.AddPreparedSend(id, 77, id, 4));
            }
        },
        GOOD_MESSAGE_ACKNOWLEDGED_BY_A_BRANCH_NOT_STORED {
            @Override
            List<StoreOperation> operations(long id) {
                List<StoreOperation> operations = new ArrayList<>(message(id, 4, null));
                operations.add(new StoreOperation.AddPreparedAcknowledge(999, QUEUE, id));
                return operations;
            }
        },
        PREPARE_WITH_A_DUPLICATE_ID_THE_STORE_REFUSES {
            @Override
            List<StoreOperation> operations(long id) {
                return List.of(new StoreOperation.AddPreparedBranch(branch(id)),
                        new StoreOperation.AddMessage(stored(id, 4, null)),
                        new StoreOperation.AddPreparedSend(id, QUEUE, id, 4),
                        new StoreOperation.AddPreparedDuplicate(id, new StoredDuplicate(id, "queue://a",
                                "d".repeat(4001))));
            }
        };

        abstract List<StoreOperation> operations(long id);
    }

    @BeforeEach
    void openWriter() throws SQLException {
        database = new DerbyDatabase(directory.resolve("derby"));
        new JdbcMessageStore(database, "isolation").close(); // creates the schema
        connection = database.open();
        connection.setAutoCommit(false);
        writer = new GroupCommitWriter("isolation", connection, new SqlStatements("derby"));
        writer.submit(List.of(new StoreOperation.AddQueue(new StoredQueue(QUEUE, "queue:a", null, null, false,
                false)))).join();
    }

    @AfterEach
    void closeWriter() throws SQLException {
        if (writer != null) {
            writer.close();
            connection.close();
            database.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(BadUnit.class)
    void aFailingUnitFailsAloneAndLeavesNothingBehind(BadUnit bad) throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        writer.submitTask(() -> {
            awaitUninterruptibly(held);
            return null;
        });
        List<CompletableFuture<Void>> good = new ArrayList<>();
        submitFromThreads(THREADS / 2, good);
        long badId = messageIds.incrementAndGet();
        CompletableFuture<Void> failing = writer.submit(bad.operations(badId));
        submitFromThreads(THREADS / 2, good);
        held.countDown(); // all of them now wait in the writer's queue: one batch

        CompletionException failure = assertThrows(CompletionException.class, failing::join);
        assertInstanceOf(StoreException.class, failure.getCause());
        for (CompletableFuture<Void> unit : good) {
            unit.get(30, TimeUnit.SECONDS); // every other unit committed
        }
        assertEquals(THREADS * UNITS_PER_THREAD, count("SELECT COUNT(*) FROM GANNET_MESSAGE"));
        assertEquals(0, count("SELECT COUNT(*) FROM GANNET_MESSAGE WHERE ID = " + badId));
        assertEquals(0, count("SELECT COUNT(*) FROM GANNET_REFERENCE WHERE MESSAGE_ID = " + badId));
        assertEquals(0, count("SELECT COUNT(*) FROM GANNET_DUPLICATE"));
        assertEquals(0, count("SELECT COUNT(*) FROM GANNET_BRANCH"));
        assertEquals(0, count("SELECT COUNT(*) FROM GANNET_PREPARED_REFERENCE"));

        // Nothing of the failed unit is left in the writer either: the next unit commits just what it holds.
        long next = messageIds.incrementAndGet();
        writer.submit(message(next, 4, null)).get(30, TimeUnit.SECONDS);
        assertEquals(THREADS * UNITS_PER_THREAD + 1, count("SELECT COUNT(*) FROM GANNET_MESSAGE"));
        assertEquals(THREADS * UNITS_PER_THREAD + 1, count("SELECT COUNT(*) FROM GANNET_REFERENCE"));

        closeWriter();
        writer = null;
        StoreCheck.Report report = StoreCheck.check(database);
        assertTrue(report.consistent(), report.describe(20));
    }

    /**
     * A prepare and a branch's outcome each get a transaction of their own, so that the units before them are
     * committed first and the units after them see what they did: a delivery count set after a rollback lands on the
     * reference the rollback returned.
     */
    @ParameterizedTest
    @EnumSource(Outcome.class)
    void unitsAboutPreparedBranchesApplyInOrderAmongTheOthers(Outcome outcome) throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        writer.submitTask(() -> {
            awaitUninterruptibly(held);
            return null;
        });
        List<CompletableFuture<Void>> units = new ArrayList<>();
        units.add(writer.submit(message(1, 4, null)));
        units.add(writer.submit(List.of(new StoreOperation.SetDeliveryCount(QUEUE, 1, 2))));
        units.add(writer.submit(List.of(new StoreOperation.AddPreparedBranch(branch(1)),
                new StoreOperation.AddPreparedAcknowledge(1, QUEUE, 1), new StoreOperation.AddMessage(stored(2, 4,
                        null)), new StoreOperation.AddPreparedSend(1, QUEUE, 2, 4))));
        units.add(writer.submit(message(3, 4, null)));
        units.add(writer.submit(List.of(outcome.of(1))));
        units.add(writer.submit(List.of(new StoreOperation.SetDeliveryCount(QUEUE, outcome.left(), 3))));
        units.add(writer.submit(message(4, 4, null)));
        held.countDown();

        for (CompletableFuture<Void> unit : units) {
            unit.get(30, TimeUnit.SECONDS);
        }
        assertEquals(List.of(outcome.left() + "/3", "3/0", "4/0"), referencesOfTheQueue());
        assertEquals(0, count("SELECT COUNT(*) FROM GANNET_BRANCH"));
        assertEquals(3, count("SELECT COUNT(*) FROM GANNET_MESSAGE"));
        closeWriter();
        writer = null;
        StoreCheck.Report report = StoreCheck.check(database);
        assertTrue(report.consistent(), report.describe(20));
    }

    /** How branch 1 ends, and which of its messages is left in the queue then: 1 (consumed) or 2 (sent). */
    enum Outcome {
        COMMIT {
            @Override
            StoreOperation of(long branchId) {
                return new StoreOperation.CommitPreparedBranch(branchId);
            }

            @Override
            long left() {
                return 2;
            }
        },
        ROLLBACK {
            @Override
            StoreOperation of(long branchId) {
                return new StoreOperation.RollbackPreparedBranch(branchId);
            }

            @Override
            long left() {
                return 1;
            }
        };

        abstract StoreOperation of(long branchId);

        abstract long left();
    }

    /** The queue's references as message/delivery count, in message order. */
    private List<String> referencesOfTheQueue() {
        return writer.<List<String>>submitTask(() -> {
            List<String> rows = new ArrayList<>();
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT MESSAGE_ID,"
                    + " DELIVERY_COUNT FROM GANNET_REFERENCE WHERE QUEUE_ID = " + QUEUE + " ORDER BY MESSAGE_ID")) {
                while (rs.next()) {
                    rows.add(rs.getLong(1) + "/" + rs.getInt(2));
                }
            }
            return rows;
        }).join();
    }

    private void submitFromThreads(int threads, List<CompletableFuture<Void>> futures) throws InterruptedException {
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < UNITS_PER_THREAD; i++) {
                    CompletableFuture<Void> future = writer.submit(message(messageIds.incrementAndGet(), i % 10,
                            "group-" + i));
                    synchronized (futures) {
                        futures.add(future);
                    }
                }
            });
            thread.start();
            started.add(thread);
        }
        for (Thread thread : started) {
            thread.join();
        }
    }

    private static List<StoreOperation> message(long id, int priority, String groupId) {
        return List.of(new StoreOperation.AddMessage(stored(id, priority, groupId)),
                new StoreOperation.AddReference(QUEUE, id, priority));
    }

    private static StoredBranch branch(long id) {
        return new StoredBranch(id, 1, new byte[]{(byte) id}, new byte[0]);
    }

    private static StoredMessage stored(long id, int priority, String groupId) {
        return new StoredMessage(id, priority, 0, 0, groupId, new byte[]{1, 2, 3}, 1);
    }

    private long count(String query) throws SQLException {
        return writer.<Long>submitTask(() -> {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
                rs.next();
                return rs.getLong(1);
            }
        }).join();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
