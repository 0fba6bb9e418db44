package dev.gannet.client;

import jakarta.jms.IllegalStateException;
import jakarta.jms.Session;
import jakarta.jms.TransactionInProgressException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session's transaction context follows its mode (spec 6.2.7, 6.2.10): a transacted session acknowledges at commit
 * and stages its sends, refuses recover; any other session refuses commit and rollback with IllegalStateException;
 * an XA session's refuses them with TransactionInProgressException (XASession javadoc).
 */
class TransactionContextTest {

    @Test
    void aTransactedSessionWorksInALocalTransaction() {
        TransactionContext local = TransactionContext.forSessionMode(Session.SESSION_TRANSACTED);
        assertSame(TransactionContext.LOCAL, local);
        assertTrue(local.isTransacted());
        assertTrue(local.acknowledgesAtCommit());
        assertTrue(local.stagesSends());
        assertThrows(IllegalStateException.class, () -> local.checkRecover(null));
    }

    @Test
    void anXaSessionBetweenBranchesIsTransactedButStagesNothingAndRefusesItsOwnCommit() {
        TransactionContext.Global global = new TransactionContext.Global();
        assertNull(global.branch());
        assertTrue(global.isTransacted(), "XASession.getTransacted answers true");
        assertFalse(global.acknowledgesAtCommit(), "between branches it acknowledges as AUTO_ACKNOWLEDGE");
        assertFalse(global.stagesSends());
        assertTrue(assertThrows(TransactionInProgressException.class, () -> global.commit(null)).getMessage()
                .startsWith("commit called on XA session"));
        assertTrue(assertThrows(TransactionInProgressException.class, () -> global.rollback(null)).getMessage()
                .startsWith("rollback called on XA session"));
        assertThrows(IllegalStateException.class, () -> global.checkRecover(null));
    }

    @ParameterizedTest
    @ValueSource(ints = {Session.AUTO_ACKNOWLEDGE, Session.CLIENT_ACKNOWLEDGE, Session.DUPS_OK_ACKNOWLEDGE})
    void anAcknowledgingSessionWorksInNoTransaction(int mode) throws Exception {
        TransactionContext none = TransactionContext.forSessionMode(mode);
        assertSame(TransactionContext.NONE, none);
        assertFalse(none.isTransacted());
        assertFalse(none.acknowledgesAtCommit());
        assertFalse(none.stagesSends());
        none.checkRecover(null);
        assertTrue(assertThrows(IllegalStateException.class, () -> none.commit(null)).getMessage()
                .startsWith("commit called on session"));
        assertTrue(assertThrows(IllegalStateException.class, () -> none.rollback(null)).getMessage()
                .startsWith("rollback called on session"));
    }
}
