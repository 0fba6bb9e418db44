package dev.gannet.broker;

import dev.gannet.broker.Transaction.State;
import jakarta.jms.TransactionRolledBackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker-side transaction's life: ACTIVE, ROLLBACK_ONLY, COMMITTING, COMMITTED, ROLLED_BACK, each move allowed or
 * refused, and the after-commit and after-rollback actions run once, for the outcome they were added for. Commits
 * here carry no sends or acknowledgements (those reach the store; the integration tests cover them).
 */
class TransactionStateTest {

    /** A post office that is only asked to commit nothing: no part of it is touched. */
    private static final PostOffice NOTHING_TO_ROUTE = new PostOffice(null, null, null, null, 0);

    private final Transaction transaction = new Transaction(new TransactionId.Local(3, 7, 2));
    private final List<String> ran = new ArrayList<>();

    @Test
    void aNewTransactionIsActiveAndPrintsItsId() {
        assertEquals(State.ACTIVE, transaction.state());
        assertEquals("local:3:7:2", transaction.toString());
        assertNull(transaction.rollbackOnlyFailure());
    }

    @Test
    void commitRunsTheAfterCommitActionsOnly() throws Exception {
        transaction.afterCommit(() -> ran.add("commit"));
        transaction.afterRollback(() -> ran.add("rollback"));
        transaction.commit(NOTHING_TO_ROUTE).join();
        assertEquals(State.COMMITTED, transaction.state());
        assertEquals(List.of("commit"), ran);
    }

    @Test
    void rollbackRunsTheAfterRollbackActionsOnly() {
        transaction.afterCommit(() -> ran.add("commit"));
        transaction.afterRollback(() -> ran.add("rollback"));
        transaction.rollback();
        assertEquals(State.ROLLED_BACK, transaction.state());
        assertEquals(List.of("rollback"), ran);
    }

    @Test
    void actionsRunInTheOrderTheyWereAddedAndAFailingOneDoesNotStopTheOthers() {
        transaction.afterRollback(() -> ran.add("first"));
        transaction.afterRollback(() -> {
            throw new IllegalArgumentException("a failing action");
        });
        transaction.afterRollback(() -> ran.add("third"));
        transaction.rollback();
        assertEquals(List.of("first", "third"), ran);
    }

    @Test
    void aRollbackOnlyTransactionRefusesToCommitNamingTheFirstReasonAndRollsBack() {
        IOException cause = new IOException("disk gone");
        transaction.afterRollback(() -> ran.add("rollback"));
        assertTrue(transaction.markRollbackOnly("a send to queue q failed", cause));
        assertTrue(transaction.markRollbackOnly("a later send failed", new IOException("later")));
        assertEquals(State.ROLLBACK_ONLY, transaction.state());

        TransactionRolledBackException e = assertThrows(TransactionRolledBackException.class,
                () -> transaction.commit(NOTHING_TO_ROUTE));
        assertEquals("Transaction rolled back: a send to queue q failed", e.getMessage());
        assertSame(cause, e.getCause());
        assertSame(cause, e.getLinkedException());
        assertEquals(State.ROLLED_BACK, transaction.state());
        assertEquals(List.of("rollback"), ran);
    }

    @Test
    void aRollbackOnlyTransactionStillTakesWorkAndRollsBack() {
        transaction.markRollbackOnly("failed", null);
        transaction.stage(null, null); // dropped: it can never be sent
        transaction.afterRollback(() -> ran.add("rollback"));
        transaction.rollback();
        assertEquals(State.ROLLED_BACK, transaction.state());
        assertEquals(List.of("rollback"), ran);
    }

    @Test
    void aMarkAfterTheEndIsRefused() throws Exception {
        transaction.commit(NOTHING_TO_ROUTE).join();
        assertFalse(transaction.markRollbackOnly("too late", null));
        assertEquals(State.COMMITTED, transaction.state());
    }

    @ParameterizedTest
    @EnumSource(names = {"COMMITTED", "ROLLED_BACK"})
    void anEndedTransactionRefusesEveryFurtherStep(State ended) throws Exception {
        if (ended == State.COMMITTED) {
            transaction.commit(NOTHING_TO_ROUTE).join();
        } else {
            transaction.rollback();
        }
        assertThrows(IllegalStateException.class, () -> transaction.commit(NOTHING_TO_ROUTE));
        assertThrows(IllegalStateException.class, transaction::rollback);
        assertThrows(IllegalStateException.class, () -> transaction.stage(null, null));
        assertThrows(IllegalStateException.class, () -> transaction.acknowledge(null));
        assertThrows(IllegalStateException.class, () -> transaction.afterCommit(() -> ran.add("commit")));
        assertThrows(IllegalStateException.class, () -> transaction.afterRollback(() -> ran.add("rollback")));
        assertEquals(ended, transaction.state());
        assertEquals(List.of(), ran);
    }

    @Test
    void onlyTheLegalMovesAreAllowed() {
        assertMoves(State.ACTIVE, EnumSet.of(State.ROLLBACK_ONLY, State.PREPARING, State.COMMITTING,
                State.ROLLED_BACK));
        assertMoves(State.ROLLBACK_ONLY, EnumSet.of(State.ROLLED_BACK));
        assertMoves(State.PREPARING, EnumSet.of(State.PREPARED, State.ROLLED_BACK));
        assertMoves(State.PREPARED, EnumSet.of(State.COMMITTING, State.ROLLING_BACK));
        assertMoves(State.COMMITTING, EnumSet.of(State.COMMITTED, State.ROLLED_BACK, State.PREPARED));
        assertMoves(State.ROLLING_BACK, EnumSet.of(State.ROLLED_BACK, State.PREPARED));
        assertMoves(State.COMMITTED, EnumSet.noneOf(State.class));
        assertMoves(State.ROLLED_BACK, EnumSet.noneOf(State.class));
    }

    private static void assertMoves(State from, Set<State> allowed) {
        for (State to : State.values()) {
            assertEquals(allowed.contains(to), from.mayBecome(to), from + " -> " + to);
        }
    }
}
