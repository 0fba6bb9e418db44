package dev.gannet.store.jdbc;

import dev.gannet.store.MessageStore;
import dev.gannet.store.PagedMessage;
import dev.gannet.store.RecoveredState;
import dev.gannet.store.StoreException;
import dev.gannet.store.StoreOperation;
import dev.gannet.store.StoreOperation.AddDuplicate;
import dev.gannet.store.StoreOperation.AddMessage;
import dev.gannet.store.StoreOperation.AddQueue;
import dev.gannet.store.StoreOperation.AddReference;
import dev.gannet.store.StoreOperation.ReleaseMessage;
import dev.gannet.store.StoreOperation.RemoveDuplicate;
import dev.gannet.store.StoreOperation.RemoveMessage;
import dev.gannet.store.StoreOperation.RemoveQueue;
import dev.gannet.store.StoreOperation.RemoveReference;
import dev.gannet.store.StoreOperation.SetDeliveryCount;
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
                yield new JdbcMessageStore(ExternalDatabase.atUrl(postgres.createDatabase(), "postgres", null,
                        "postgresql"), "contract");
            }
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

    private static long[] counts(int... priorityThenCount) {
        long[] counts = new long[10];
        for (int i = 0; i < priorityThenCount.length; i += 2) {
            counts[priorityThenCount[i]] = priorityThenCount[i + 1];
        }
        return counts;
    }
}
