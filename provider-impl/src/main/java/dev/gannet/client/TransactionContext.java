package dev.gannet.client;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

/**
 * How a session groups its work: in no transaction ({@link None}: messages are acknowledged by the session's
 * acknowledge mode, sends stand alone) or in a local transaction the session commits and rolls back
 * ({@link Local}). The session, its producers and consumers and the JMSContext ask this instead of testing the
 * session mode; XA will add the context of a session whose work belongs to a global transaction.
 *
 * <p>The contexts are values: a session keeps one for its life.
 */
sealed interface TransactionContext {

    /** The context of a session in no transaction. */
    TransactionContext NONE = new None();
    /** The context of a transacted session. */
    TransactionContext LOCAL = new Local();

    /** The context a session created with {@code sessionMode} works in. */
    static TransactionContext forSessionMode(int sessionMode) {
        return sessionMode == Session.SESSION_TRANSACTED ? LOCAL : NONE;
    }

    /** What {@code Session.getTransacted} answers. */
    boolean isTransacted();

    /**
     * Whether the messages the application consumes are acknowledged by the transaction's commit (and returned by its
     * rollback); the session's acknowledge mode does not apply then.
     */
    boolean acknowledgesAtCommit();

    /** Whether a send belongs to a transaction: the broker holds it until commit, and a failure fails the commit. */
    boolean stagesSends();

    /**
     * {@code Session.commit}: commits the session's local transaction.
     *
     * @throws IllegalStateException if the session has no local transaction to commit, or the caller is one of its
     *                               CompletionListeners
     * @throws jakarta.jms.TransactionRolledBackException if the broker rolled the transaction back instead
     */
    void commit(GannetSession session) throws JMSException;

    /**
     * {@code Session.rollback}: rolls the session's local transaction back.
     *
     * @throws IllegalStateException if the session has no local transaction to roll back, or the caller is one of
     *                               its CompletionListeners
     */
    void rollback(GannetSession session) throws JMSException;

    /**
     * Refuses {@code Session.recover} where rollback is the way back.
     *
     * @throws IllegalStateException if the session is transacted
     */
    void checkRecover(GannetSession session) throws IllegalStateException;

    /** No transaction: each message is acknowledged by the session's acknowledge mode. */
    record None() implements TransactionContext {

        @Override
        public boolean isTransacted() {
            return false;
        }

        @Override
        public boolean acknowledgesAtCommit() {
            return false;
        }

        @Override
        public boolean stagesSends() {
            return false;
        }

        @Override
        public void commit(GannetSession session) throws IllegalStateException {
            throw notTransacted("commit", session);
        }

        @Override
        public void rollback(GannetSession session) throws IllegalStateException {
            throw notTransacted("rollback", session);
        }

        @Override
        public void checkRecover(GannetSession session) {
        }

        private static IllegalStateException notTransacted(String method, GannetSession session) {
            return new IllegalStateException(method + " called on session " + session + ", which is not transacted");
        }
    }

    /** A local transaction (SESSION_TRANSACTED): commit and rollback end it and begin the next. */
    record Local() implements TransactionContext {

        @Override
        public boolean isTransacted() {
            return true;
        }

        @Override
        public boolean acknowledgesAtCommit() {
            return true;
        }

        @Override
        public boolean stagesSends() {
            return true;
        }

        @Override
        public void commit(GannetSession session) throws JMSException {
            session.commitLocal();
        }

        @Override
        public void rollback(GannetSession session) throws JMSException {
            session.rollbackLocal();
        }

        @Override
        public void checkRecover(GannetSession session) throws IllegalStateException {
            throw new IllegalStateException("recover called on transacted session " + session + "; use rollback");
        }
    }
}
