package dev.gannet.store.jdbc;

import dev.gannet.store.MessageStore;
import dev.gannet.store.PagedMessage;
import dev.gannet.store.RecoveredBranch;
import dev.gannet.store.RecoveredBranch.PreparedReference;
import dev.gannet.store.RecoveredState;
import dev.gannet.store.StoreException;
import dev.gannet.store.StoreOperation;
import dev.gannet.store.StoreOperation.AddDuplicate;
import dev.gannet.store.StoreOperation.AddMessage;
import dev.gannet.store.StoreOperation.AddPreparedAcknowledge;
import dev.gannet.store.StoreOperation.AddPreparedBranch;
import dev.gannet.store.StoreOperation.AddPreparedDuplicate;
import dev.gannet.store.StoreOperation.AddPreparedSend;
import dev.gannet.store.StoreOperation.AddQueue;
import dev.gannet.store.StoreOperation.AddReference;
import dev.gannet.store.StoreOperation.CommitPreparedBranch;
import dev.gannet.store.StoreOperation.ReleaseMessage;
import dev.gannet.store.StoreOperation.RemoveDuplicate;
import dev.gannet.store.StoreOperation.RemoveMessage;
import dev.gannet.store.StoreOperation.RemoveQueue;
import dev.gannet.store.StoreOperation.RemoveReference;
import dev.gannet.store.StoreOperation.RollbackPreparedBranch;
import dev.gannet.store.StoreOperation.SetDeliveryCount;
import dev.gannet.store.StoredBranch;
import dev.gannet.store.StoredDuplicate;
import dev.gannet.store.StoredMessage;
import dev.gannet.store.StoredQueue;
import dev.gannet.store.memory.InMemoryMessageStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The {@link MessageStore} contract, run against every store so that they behave alike: the JDBC store on embedded
 * Derby and on a real PostgreSQL server ({@link PostgresServer}: the {@code postgresql} dialect of
 * {@code sql.properties}), and the {@link InMemoryMessageStore}. Recovery returns what was written and not removed;
 * pages read back in id order within their bounds; a unit is atomic and one that breaks a rule fails alone.
 * Prepared XA branches: their references hold their messages and are in no backlog until the branch's outcome,
 * and they survive a reopen (the in-memory store has no reopen: it is asked to recover again).
 */
class MessageStoreContractTest {

    /** The stores under contract. */
    enum Kind {
        IN_MEMORY, DERBY, POSTGRESQL
    }

    private static final StoredQueue ORDERS = new StoredQueue(1, "queue:orders", null, null, false, false);
    private static final StoredQueue AUDIT = new StoredQueue(2, "durable:-:audit", "events", "kind = 'a'", true,
            false);
    private static PostgresServer postgres; // started by the first PostgreSQL test, stopped after the class

    @TempDir
    Path directory;
    private MessageStore store;
    private String postgresUrl; // this test's database, to reopen the store on

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    private MessageStore open(Kind kind) throws Exception {
        store = switch (kind) {
            case IN_MEMORY -> new InMemoryMessageStore("contract");
            case DERBY -> new JdbcMessageStore(new DerbyDatabase(directory.resolve("derby")), "contract");
            case POSTGRESQL -> {
                if (postgres == null) {
                    postgres = PostgresServer.start();
                }
                postgresUrl = postgres.createDatabase();
                yield new JdbcMessageStore(ExternalDatabase.atUrl(postgresUrl, "postgres", null, "postgresql"),
                        "contract");
            }
        };
        return store;
    }

    /** Closes the store and opens it again on the same database; the in-memory store stays as it is. */
    private MessageStore reopen(Kind kind) {
        if (kind == Kind.IN_MEMORY) {
            return store;
        }
        store.close();
        store = null;
        store = switch (kind) {
            case DERBY -> new JdbcMessageStore(new DerbyDatabase(directory.resolve("derby")), "contract");
            case POSTGRESQL -> new JdbcMessageStore(ExternalDatabase.atUrl(postgresUrl, "postgres", null,
                    "postgresql"), "contract");
            case IN_MEMORY -> throw new AssertionError();
        };
        return store;
    }

    private static StoredMessage message(long id, int priority, int references) {
        return new StoredMessage(id, priority, 1000 + id, 2000 + id, id % 2 == 0 ? "group-" + id : null,
                new byte[]{(byte) id, 1, 2, 3}, references);
    }

    private void write(StoreOperation... operations) throws Exception {
        store.write(List.of(operations)).get(30, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void recoveryReturnsWhatWasWrittenAndNotRemoved(Kind kind) throws Exception {
        open(kind);
        write(new AddQueue(ORDERS), new AddQueue(AUDIT));
        write(new AddMessage(message(1, 4, 1)), new AddReference(1, 1, 4),
                new AddMessage(message(2, 9, 2)), new AddReference(1, 2, 9), new AddReference(2, 2, 9),
                new AddMessage(message(3, 4, 1)), new AddReference(2, 3, 4),
                new AddDuplicate(new StoredDuplicate(1, "queue://orders", "a")),
                new AddDuplicate(new StoredDuplicate(2, "queue://orders", "b")));
        write(new RemoveReference(2, 3), new RemoveMessage(3), new RemoveDuplicate(1));

        RecoveredState state = store.recover();

        assertEquals(List.of(ORDERS, AUDIT), state.queues());
        assertArrayEquals(counts(4, 1, 9, 1), state.pendingCounts().get(1L));
        assertArrayEquals(counts(9, 1), state.pendingCounts().get(2L));
        assertEquals(List.of(new StoredDuplicate(2, "queue://orders", "b")), state.duplicates());
        assertEquals(2, state.maxMessageId());
        assertEquals(2, state.maxQueueId());
        assertEquals(0, state.quarantined());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPageHoldsOneQueuesMessagesOfOnePriorityInIdOrderBetweenItsBounds(Kind kind) throws Exception {
        open(kind);
        write(new AddQueue(ORDERS), new AddQueue(AUDIT));
        List<StoreOperation> unit = new ArrayList<>();
        for (long id = 1; id <= 10; id++) {
            int priority = id % 3 == 0 ? 7 : 4;
            unit.add(new AddMessage(message(id, priority, 1)));
            unit.add(new AddReference(id == 5 ? 2 : 1, id, priority));
        }
        write(unit.toArray(StoreOperation[]::new));
        write(new SetDeliveryCount(1, 4, 3));

        List<PagedMessage> page = store.page(1, 4, 1, 10, 3).get(30, TimeUnit.SECONDS);

        assertEquals(List.of(2L, 4L, 7L), page.stream().map(p -> p.message().id()).toList());
        assertEquals(List.of(0, 3, 0), page.stream().map(PagedMessage::deliveryCount).toList());
        StoredMessage four = page.get(1).message();
        assertEquals(List.of(4L, 4, 1004L, 2004L, "group-4", 1), List.of(four.id(), four.priority(),
                four.expiration(), four.deliveryTime(), four.groupId(), four.references()));
        assertArrayEquals(new byte[]{4, 1, 2, 3}, four.encoded());
        assertEquals(List.of(8L, 10L), store.page(1, 4, 7, Long.MAX_VALUE, 100).get(30, TimeUnit.SECONDS).stream()
                .map(p -> p.message().id()).toList());
        assertEquals(List.of(), store.page(1, 5, 0, Long.MAX_VALUE, 100).get(30, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSharedMessageGoesWithTheLastQueueToLetGo(Kind kind) throws Exception {
        open(kind);
        write(new AddQueue(ORDERS), new AddQueue(AUDIT));
        write(new AddMessage(message(1, 4, 2)), new AddReference(1, 1, 4), new AddReference(2, 1, 4));

        write(new RemoveReference(1, 1), new ReleaseMessage(1));
        assertEquals(1, store.page(2, 4, 0, Long.MAX_VALUE, 10).get(30, TimeUnit.SECONDS).get(0).message()
                .references());
        write(new RemoveReference(2, 1), new ReleaseMessage(1));

        assertEquals(0, store.recover().maxMessageId(), "no message is left");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void removingAQueueTakesItsReferencesAndTheMessagesNoOtherQueueHolds(Kind kind) throws Exception {
        open(kind);
        write(new AddQueue(ORDERS), new AddQueue(AUDIT));
        write(new AddMessage(message(1, 4, 1)), new AddReference(1, 1, 4),
                new AddMessage(message(2, 4, 2)), new AddReference(1, 2, 4), new AddReference(2, 2, 4));

        write(new RemoveQueue(1));

        RecoveredState state = store.recover();
        assertEquals(List.of(AUDIT), state.queues());
        assertEquals(2, state.maxMessageId(), "message 1 went with its only queue");
        List<PagedMessage> left = store.page(2, 4, 0, Long.MAX_VALUE, 10).get(30, TimeUnit.SECONDS);
        assertEquals(List.of(2L), left.stream().map(p -> p.message().id()).toList());
        assertEquals(1, left.get(0).message().references());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aUnitThatBreaksARuleFailsAloneAndLeavesNothingBehind(Kind kind) throws Exception {
        open(kind);
        write(new AddQueue(ORDERS));
        List<StoreOperation> toUnknownQueue = List.of(new AddMessage(message(1, 4, 1)), new AddReference(99, 1, 4));
        List<StoreOperation> priorityOutOfRange = List.of(new AddMessage(message(2, 12, 1)),
                new AddReference(1, 2, 12));
        List<StoreOperation> sound = List.of(new AddMessage(message(3, 4, 1)), new AddReference(1, 3, 4));

        var first = store.write(toUnknownQueue);
        var second = store.write(priorityOutOfRange);
        var third = store.write(sound);

        for (var failed : List.of(first, second)) {
            CompletionException e = assertThrows(CompletionException.class, failed::join);
            assertInstanceOf(StoreException.class, e.getCause());
        }
        third.get(30, TimeUnit.SECONDS);
        assertEquals(List.of(3L), store.page(1, 4, 0, Long.MAX_VALUE, 10).get(30, TimeUnit.SECONDS).stream()
                .map(p -> p.message().id()).toList());
        assertEquals(3, store.recover().maxMessageId());
        assertThrows(CompletionException.class, () -> store.write(List.of(new AddMessage(message(3, 4, 1)))).join(),
                "a message id is stored once");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aQuarantinedQueueLeavesWithItsReferencesAndTheMessagesOnlyItHeld(Kind kind) throws Exception {
        open(kind);
        write(new AddQueue(ORDERS), new AddQueue(AUDIT));
        write(new AddMessage(message(1, 4, 1)), new AddReference(2, 1, 4),
                new AddMessage(message(2, 4, 2)), new AddReference(1, 2, 4), new AddReference(2, 2, 4));

        int rows = store.quarantineQueue(2, "its selector does not parse").get(30, TimeUnit.SECONDS);

        assertEquals(4, rows, "the queue, two references and message 1");
        RecoveredState state = store.recover();
        assertEquals(List.of(ORDERS), state.queues());
        assertEquals(4, state.quarantined());
        assertEquals(1, store.page(1, 4, 0, Long.MAX_VALUE, 10).get(30, TimeUnit.SECONDS).get(0).message()
                .references());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aClosedStoreRefusesWrites(Kind kind) throws Exception {
        open(kind);
        write(new AddQueue(ORDERS));
        store.close();

        CompletionException e = assertThrows(CompletionException.class,
                () -> store.write(List.of(new AddMessage(message(1, 4, 1)))).join());
        assertInstanceOf(StoreException.class, e.getCause());
        store = null;
    }

    private static StoredBranch branch(long id) {
        return new StoredBranch(id, 0x1234, new byte[]{1, 2, (byte) id}, new byte[]{(byte) (10 + id)});
    }

    private static StoredDuplicate duplicate(long sequence, String id) {
        return new StoredDuplicate(sequence, "queue://orders", id);
    }

    private List<Long> backlog(long queueId, int priority) throws Exception {
        return store.page(queueId, priority, 0, Long.MAX_VALUE, 100).get(30, TimeUnit.SECONDS).stream()
                .map(p -> p.message().id()).toList();
    }

    private void assertFails(StoreOperation... operations) {
        CompletionException e = assertThrows(CompletionException.class,
                () -> store.write(List.of(operations)).join());
        assertInstanceOf(StoreException.class, e.getCause());
    }

    /**
     * Queues 1 and 2; message 1 (priority 4) in queue 1 delivered twice; then branch 7 prepared: it sends message 2
     * (priority 6) to both queues, consumes message 1 from queue 1, and its send carries duplicate ID 3.
     */
    private void prepareBranch7() throws Exception {
        write(new AddQueue(ORDERS), new AddQueue(AUDIT));
        write(new AddMessage(message(1, 4, 1)), new AddReference(1, 1, 4));
        write(new SetDeliveryCount(1, 1, 2));
        write(new AddPreparedBranch(branch(7)), new AddMessage(message(2, 6, 2)), new AddPreparedSend(7, 1, 2, 6),
                new AddPreparedSend(7, 2, 2, 6), new AddPreparedAcknowledge(7, 1, 1),
                new AddPreparedDuplicate(7, duplicate(3, "sent-in-7")));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPreparedBranchIsRecoveredWithItsReferencesOutOfEveryBacklog(Kind kind) throws Exception {
        open(kind);
        prepareBranch7();
        write(new AddPreparedBranch(branch(9)));
        write(new AddPreparedBranch(branch(8)), new AddMessage(message(3, 4, 1)), new AddPreparedSend(8, 2, 3, 4));

        RecoveredState state = reopen(kind).recover();

        assertEquals(List.of(7L, 8L, 9L), state.prepared().stream().map(b -> b.branch().id()).toList());
        RecoveredBranch seven = state.prepared().get(0);
        assertEquals(0x1234, seven.branch().formatId());
        assertArrayEquals(new byte[]{1, 2, 7}, seven.branch().globalTransactionId());
        assertArrayEquals(new byte[]{17}, seven.branch().branchQualifier());
        assertEquals(List.of("1/2/0", "2/2/0"), describe(seven.sends()));
        assertEquals(List.of("1/1/2"), describe(seven.acknowledged()));
        StoredMessage sent = seven.sends().get(0).message().message();
        assertEquals(List.of(2L, 6, 1002L, 2002L, "group-2", 2), List.of(sent.id(), sent.priority(),
                sent.expiration(), sent.deliveryTime(), sent.groupId(), sent.references()));
        assertArrayEquals(new byte[]{2, 1, 2, 3}, sent.encoded());
        assertArrayEquals(new byte[]{1, 1, 2, 3}, seven.acknowledged().get(0).message().message().encoded());
        assertEquals(List.of(duplicate(3, "sent-in-7")), seven.duplicates());
        assertEquals(List.of("2/3/0"), describe(state.prepared().get(1).sends()));
        assertEquals(List.of(), state.prepared().get(2).sends(), "a branch without rows is kept");
        assertEquals(List.of(), state.duplicates(), "a prepared duplicate ID is not a plain one");
        assertEquals(java.util.Map.of(), state.pendingCounts(), "prepared references are pending nowhere");
        assertEquals(3, state.maxMessageId());
        for (long queue : List.of(1L, 2L)) {
            for (int priority : List.of(4, 6)) {
                assertEquals(List.of(), backlog(queue, priority));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void committingABranchAfterAReopenDeliversItsSendsAndRemovesWhatItConsumed(Kind kind) throws Exception {
        open(kind);
        prepareBranch7();
        reopen(kind);

        write(new CommitPreparedBranch(7));

        RecoveredState state = reopen(kind).recover();
        assertEquals(List.of(), state.prepared());
        assertArrayEquals(counts(6, 1), state.pendingCounts().get(1L));
        assertArrayEquals(counts(6, 1), state.pendingCounts().get(2L));
        assertEquals(List.of(duplicate(3, "sent-in-7")), state.duplicates());
        List<PagedMessage> orders = store.page(1, 6, 0, Long.MAX_VALUE, 10).get(30, TimeUnit.SECONDS);
        assertEquals(List.of(2L), orders.stream().map(p -> p.message().id()).toList());
        assertEquals(0, orders.get(0).deliveryCount());
        assertEquals(2, orders.get(0).message().references());
        assertEquals(List.of(), backlog(1, 4), "the consumed message is gone");
        write(new RemoveReference(1, 2), new ReleaseMessage(2), new RemoveReference(2, 2), new ReleaseMessage(2));
        assertEquals(0, store.recover().maxMessageId(), "message 1 went with the commit, message 2 with its queues");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void rollingABranchBackAfterAReopenReturnsWhatItConsumedWithItsDeliveryCount(Kind kind) throws Exception {
        open(kind);
        prepareBranch7();
        reopen(kind);

        write(new RollbackPreparedBranch(7));

        RecoveredState state = reopen(kind).recover();
        assertEquals(List.of(), state.prepared());
        assertArrayEquals(counts(4, 1), state.pendingCounts().get(1L));
        assertEquals(null, state.pendingCounts().get(2L));
        assertEquals(List.of(), state.duplicates(), "the branch's duplicate ID is forgotten");
        assertEquals(1, state.maxMessageId(), "the message the branch sent is gone");
        List<PagedMessage> orders = store.page(1, 4, 0, Long.MAX_VALUE, 10).get(30, TimeUnit.SECONDS);
        assertEquals(List.of(1L), orders.stream().map(p -> p.message().id()).toList());
        assertEquals(2, orders.get(0).deliveryCount());
        assertEquals(1, orders.get(0).message().references());
        write(new AddDuplicate(duplicate(3, "sent-again")));
        assertEquals(List.of(duplicate(3, "sent-again")), store.recover().duplicates());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDuplicateIdSequenceIsUniqueAmongPlainAndPreparedOnes(Kind kind) throws Exception {
        open(kind);
        write(new AddDuplicate(duplicate(1, "plain")), new AddPreparedBranch(branch(7)),
                new AddPreparedDuplicate(7, duplicate(2, "prepared")), new AddPreparedDuplicate(7,
                        duplicate(3, "evicted")));
        write(new AddPreparedBranch(branch(8)));

        assertFails(new AddDuplicate(duplicate(2, "again")));
        assertFails(new AddPreparedDuplicate(8, duplicate(2, "again")));
        assertFails(new AddPreparedDuplicate(8, duplicate(1, "again")));
        assertFails(new AddPreparedDuplicate(99, duplicate(4, "of no branch")));
        write(new RemoveDuplicate(3));
        assertEquals(List.of(duplicate(2, "prepared")), reopen(kind).recover().prepared().get(0).duplicates(),
                "an evicted prepared duplicate ID is forgotten");

        write(new CommitPreparedBranch(7));
        assertEquals(List.of(duplicate(1, "plain"), duplicate(2, "prepared")), reopen(kind).recover().duplicates());
        assertFails(new AddPreparedDuplicate(8, duplicate(2, "again")));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aMessageWithAPreparedSendAndAPlainReferenceStaysWhileEitherHoldsIt(Kind kind) throws Exception {
        open(kind);
        write(new AddQueue(ORDERS), new AddQueue(AUDIT));
        write(new AddPreparedBranch(branch(7)), new AddMessage(message(1, 4, 2)), new AddReference(1, 1, 4),
                new AddPreparedSend(7, 2, 1, 4));
        write(new AddPreparedBranch(branch(8)), new AddMessage(message(2, 4, 2)), new AddReference(1, 2, 4),
                new AddPreparedSend(8, 2, 2, 4));

        assertFails(new RemoveReference(1, 1), new RemoveMessage(1));
        write(new RemoveReference(1, 1), new ReleaseMessage(1), new RemoveReference(1, 2), new ReleaseMessage(2));
        RecoveredState state = reopen(kind).recover();
        assertEquals(2, state.maxMessageId(), "the prepared sends hold both messages");
        assertEquals(1, state.prepared().get(0).sends().get(0).message().message().references());
        assertEquals(List.of(), backlog(2, 4));

        write(new CommitPreparedBranch(7), new RollbackPreparedBranch(8));

        assertEquals(List.of(1L), backlog(2, 4));
        assertEquals(1, reopen(kind).recover().maxMessageId(), "message 2 went with its rolled back send");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPageAndThePendingCountsLeavePreparedReferencesOut(Kind kind) throws Exception {
        open(kind);
        write(new AddQueue(ORDERS));
        List<StoreOperation> unit = new ArrayList<>();
        for (long id = 1; id <= 5; id++) {
            unit.add(new AddMessage(message(id, 4, 1)));
            unit.add(new AddReference(1, id, 4));
        }
        write(unit.toArray(StoreOperation[]::new));

        write(new AddPreparedBranch(branch(7)), new AddPreparedAcknowledge(7, 1, 2),
                new AddPreparedAcknowledge(7, 1, 4), new AddMessage(message(6, 4, 1)),
                new AddPreparedSend(7, 1, 6, 4));

        assertEquals(List.of(1L, 3L, 5L), backlog(1, 4));
        assertEquals(List.of(3L), store.page(1, 4, 1, 6, 1).get(30, TimeUnit.SECONDS).stream()
                .map(p -> p.message().id()).toList(), "a limit counts the references of the backlog only");
        assertEquals(List.of(3L, 5L), store.page(1, 4, 2, 7, 10).get(30, TimeUnit.SECONDS).stream()
                .map(p -> p.message().id()).toList());
        assertArrayEquals(counts(4, 3), reopen(kind).recover().pendingCounts().get(1L));
        assertEquals(List.of(1L, 3L, 5L), backlog(1, 4));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPrepareIsOneUnitThatFailsWhole(Kind kind) throws Exception {
        open(kind);
        write(new AddQueue(ORDERS));
        write(new AddMessage(message(1, 4, 1)), new AddReference(1, 1, 4));

        assertFails(new AddPreparedBranch(branch(7)), new AddPreparedAcknowledge(7, 1, 1),
                new AddMessage(message(2, 4, 1)), new AddPreparedSend(7, 99, 2, 4));
        assertFails(new AddPreparedBranch(branch(7)), new AddMessage(message(2, 12, 1)),
                new AddPreparedSend(7, 1, 2, 12));
        assertFails(new AddPreparedBranch(branch(7)), new AddPreparedSend(7, 1, 42, 4));
        assertFails(new AddMessage(message(2, 4, 1)), new AddPreparedSend(99, 1, 2, 4));

        RecoveredState state = reopen(kind).recover();
        assertEquals(List.of(), state.prepared());
        assertEquals(1, state.maxMessageId());
        assertEquals(List.of(1L), backlog(1, 4));
        write(new AddPreparedBranch(branch(7)));
        assertFails(new AddPreparedBranch(branch(7)));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theOutcomeOfABranchThatIsNotStoredChangesNothing(Kind kind) throws Exception {
        open(kind);
        write(new AddQueue(ORDERS));
        write(new AddMessage(message(1, 4, 1)), new AddReference(1, 1, 4));
        write(new AddPreparedBranch(branch(7)), new AddPreparedAcknowledge(7, 1, 1));

        write(new CommitPreparedBranch(99));
        write(new RollbackPreparedBranch(98));
        write(new RollbackPreparedBranch(7), new CommitPreparedBranch(7));

        RecoveredState state = reopen(kind).recover();
        assertEquals(List.of(), state.prepared());
        assertEquals(List.of(1L), backlog(1, 4), "rolled back, then committing it again changed nothing");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void removingAQueueDropsThePreparedReferencesToItAndKeepsTheBranch(Kind kind) throws Exception {
        open(kind);
        prepareBranch7();

        write(new RemoveQueue(1));

        RecoveredState state = reopen(kind).recover();
        RecoveredBranch seven = state.prepared().get(0);
        assertEquals(List.of("2/2/0"), describe(seven.sends()));
        assertEquals(List.of(), seven.acknowledged());
        assertEquals(1, seven.sends().get(0).message().message().references());
        assertEquals(2, state.maxMessageId(), "message 1 went with queue 1");
        write(new CommitPreparedBranch(7));
        assertEquals(List.of(2L), backlog(2, 6));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aQuarantinedQueueTakesThePreparedReferencesToItAlong(Kind kind) throws Exception {
        open(kind);
        prepareBranch7();

        int rows = store.quarantineQueue(1, "its name does not parse").get(30, TimeUnit.SECONDS);

        assertEquals(4, rows, "the queue, the prepared send and acknowledgement, and message 1");
        RecoveredState state = reopen(kind).recover();
        assertEquals(4, state.quarantined());
        assertEquals(List.of("2/2/0"), describe(state.prepared().get(0).sends()));
        assertEquals(List.of(), state.prepared().get(0).acknowledged());
        assertEquals(1, state.prepared().get(0).sends().get(0).message().message().references());
        write(new RollbackPreparedBranch(7));
        assertEquals(0, store.recover().maxMessageId());
    }

    /** Each reference as queue/message/delivery count. */
    private static List<String> describe(List<PreparedReference> references) {
        return references.stream().map(r -> r.queueId() + "/" + r.message().message().id() + "/"
                + r.message().deliveryCount()).toList();
    }

    private static long[] counts(int... priorityThenCount) {
        long[] counts = new long[10];
        for (int i = 0; i < priorityThenCount.length; i += 2) {
            counts[priorityThenCount[i]] = priorityThenCount[i + 1];
        }
        return counts;
    }
}
