package dev.gannet.client;

import dev.gannet.protocol.BranchId;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.XaError;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TransactionInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import java.util.List;

/**
 * How a session groups its work: in no transaction ({@link None}: messages are acknowledged by the session's
 * acknowledge mode, sends stand alone), in a local transaction the session commits and rolls back ({@link Local}),
 * or in the global transactions its XAResource associates it with ({@link Global}). The session, its producers and
 * consumers and the JMSContext ask this instead of testing the session mode.
 *
 * <p>A session keeps one context for its life. {@link None} and {@link Local} are values; a {@link Global} context
 * belongs to one XA session and says which transaction branch it works in now.
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

    /**
     * Called while the session closes, after its listeners stopped and before the broker hears of it: the context
     * hands the session's work to whatever outlives the session.
     */
    void sessionClosing(GannetSession session);

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

        @Override
        public void sessionClosing(GannetSession session) {
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

        @Override
        public void sessionClosing(GannetSession session) {
        }
    }

    /**
     * The session of an XASession (spec 11.1.3): while its XAResource associates it with a transaction branch, the
     * messages it sends are staged in that branch and the messages it consumes are acknowledged by the branch's
     * outcome; between branches it works as a non-transacted AUTO_ACKNOWLEDGE session. Its own commit and rollback
     * are refused with {@link TransactionInProgressException} (XASession javadoc): the transaction manager completes
     * its work through the XAResource, whose {@code start} and {@code end} come here.
     *
     * <p>A session closed while associated ends its association as {@code end(xid, TMSUCCESS)} would: its work stays
     * in the branch for the transaction manager to prepare, commit or roll back.
     */
    final class Global implements TransactionContext {

        private static final Logger LOG = LoggerFactory.getLogger(Global.class);

        private volatile BranchId branch; // the branch the session works in now, null between branches; set under this
        private BranchId endedByClose; // the branch the session's close ended, until end() came for it; under this

        /** The branch the session works in now, or null. */
        BranchId branch() {
            return branch;
        }

        /**
         * Associates the session with {@code xid} on the broker ({@link Command.XaStart}).
         *
         * @throws IllegalStateException if the session is closed
         * @throws JMSException with an XA error code ({@link XaError}): {@code XAER_PROTO} if the session is
         *                      associated already; else as the broker refused it
         */
        synchronized void start(GannetSession session, BranchId xid, int flags, int timeoutSeconds)
                throws JMSException {
            session.checkClosed();
            if (branch != null) {
                throw XaError.of(XAException.XAER_PROTO, "start: session " + session + " is associated with " + branch
                        + " already; end that association first");
            }
            session.connection().call(new Command.XaStart(session.id(), xid, flags, timeoutSeconds));
            endedByClose = null;
            branch = xid;
        }

        /**
         * Ends the session's association with {@code xid}, current or suspended ({@link Command.XaEnd}): the
         * messages the application consumed while associated go to the branch. A branch the session's close ended
         * already is ended without asking the broker again.
         *
         * @throws IllegalStateException if the session is closed (and its close did not end {@code xid})
         * @throws JMSException with an XA error code ({@link XaError}): {@code XAER_PROTO} if the session works in
         *                      another branch; else as the broker refused it. The association is over after an
         *                      {@code XA_RB*} or {@code XAER_NOTA} answer too.
         */
        synchronized void end(GannetSession session, BranchId xid, int flags) throws JMSException {
            if (xid.equals(endedByClose) && branch == null) {
                endedByClose = null;
                return;
            }
            session.checkClosed();
            if (branch != null && !branch.equals(xid)) {
                throw XaError.of(XAException.XAER_PROTO, "end: session " + session + " works in " + branch + ", not in "
                        + xid);
            }
            List<Long> consumed = xid.equals(branch) ? session.handOverUnconsumed() : List.of();
            try {
                session.connection().call(new Command.XaEnd(session.id(), xid, flags, consumed));
            } catch (JMSException e) {
                if (XaError.carriesCode(e) && isOver(XaError.code(e))) {
                    dissociate(xid);
                }
                throw e;
            }
            dissociate(xid);
        }

        private void dissociate(BranchId xid) {
            if (xid.equals(branch)) {
                branch = null;
            }
        }

        private static boolean isOver(int code) {
            return code == XAException.XAER_NOTA
                    || (code >= XAException.XA_RBBASE && code <= XAException.XA_RBEND);
        }

        /** Always true (XASession.getTransacted javadoc). */
        @Override
        public boolean isTransacted() {
            return true;
        }

        @Override
        public boolean acknowledgesAtCommit() {
            return branch != null;
        }

        @Override
        public boolean stagesSends() {
            return branch != null;
        }

        @Override
        public void commit(GannetSession session) throws TransactionInProgressException {
            throw inProgress("commit", session);
        }

        @Override
        public void rollback(GannetSession session) throws TransactionInProgressException {
            throw inProgress("rollback", session);
        }

        /** Refused as in any transacted session: the transaction manager rolls back. */
        @Override
        public void checkRecover(GannetSession session) throws IllegalStateException {
            throw new IllegalStateException("recover called on XA session " + session
                    + ", which is transacted; its transaction manager rolls its work back");
        }

        /** Ends the session's association, if any, with TMSUCCESS (see the class comment). */
        @Override
        public synchronized void sessionClosing(GannetSession session) {
            BranchId current = branch;
            if (current == null) {
                return;
            }
            branch = null;
            endedByClose = current;
            try {
                session.connection().call(new Command.XaEnd(session.id(), current, XAResource.TMSUCCESS,
                        session.handOverUnconsumed()));
            } catch (JMSException e) {
                LOG.warn("Session {} closed in {}; ending that association failed: {}", session, current,
                        e.getMessage());
            }
        }

        private static TransactionInProgressException inProgress(String method, GannetSession session) {
            return new TransactionInProgressException(method + " called on XA session " + session
                    + ": its work belongs to a global transaction, which the transaction manager completes through"
                    + " the session's XAResource");
        }
    }
}
