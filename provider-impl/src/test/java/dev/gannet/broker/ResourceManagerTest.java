package dev.gannet.broker;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The resource manager keeps each transaction by its id from its beginning until it committed or rolled back. */
class ResourceManagerTest {

    private static final PostOffice NOTHING_TO_ROUTE = new PostOffice(null, null, null, null, 0);

    /** Local transactions touch none of the XA parts. */
    private final ResourceManager resourceManager = new ResourceManager("test", null, null, null, null,
            Duration.ofMinutes(5));

    @Test
    void localTransactionsAreNumberedAndFoundByTheirIds() {
        Transaction first = resourceManager.beginLocal(3, 7);
        Transaction second = resourceManager.beginLocal(3, 7);
        assertEquals(new TransactionId.Local(3, 7, 1), first.id);
        assertEquals(new TransactionId.Local(3, 7, 2), second.id);
        assertNotEquals(first.id, second.id);
        assertSame(first, resourceManager.find(new TransactionId.Local(3, 7, 1)));
        assertSame(second, resourceManager.find(second.id));
        assertEquals(2, resourceManager.openTransactions().size());
    }

    @Test
    void aCommittedTransactionLeaves() throws Exception {
        Transaction transaction = resourceManager.beginLocal(1, 1);
        transaction.commit(NOTHING_TO_ROUTE).join();
        assertNull(resourceManager.find(transaction.id));
        assertEquals(List.of(), resourceManager.openTransactions());
    }

    @Test
    void aRolledBackTransactionLeaves() {
        Transaction transaction = resourceManager.beginLocal(1, 1);
        transaction.rollback();
        assertNull(resourceManager.find(transaction.id));
    }

    @Test
    void aTransactionRefusedAtCommitLeaves() {
        Transaction transaction = resourceManager.beginLocal(1, 1);
        transaction.markRollbackOnly("a send failed", null);
        assertThrows(jakarta.jms.TransactionRolledBackException.class, () -> transaction.commit(NOTHING_TO_ROUTE));
        assertNull(resourceManager.find(transaction.id));
    }

    @Test
    void anIdIsBegunOnceWhileOpen() {
        TransactionId id = new TransactionId.Local(5, 2, 9);
        Transaction open = resourceManager.begin(id);
        assertThrows(IllegalStateException.class, () -> resourceManager.begin(id));
        assertSame(open, resourceManager.find(id));
        open.rollback();
        assertNull(resourceManager.find(id));
    }

    @Test
    void anUnknownIdFindsNothing() {
        assertNull(resourceManager.find(new TransactionId.Local(9, 9, 9)));
    }
}
