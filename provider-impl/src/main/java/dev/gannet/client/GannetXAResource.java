package dev.gannet.client;

import dev.gannet.protocol.BranchId;
import dev.gannet.protocol.Command;
import jakarta.jms.JMSException;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.util.List;

/**
 * The XAResource of an XASession or XAJMSContext (spec 11.1.5): a transaction manager associates the session with
 * transaction branches ({@link #start}, {@link #end}) and completes them ({@link #prepare}, {@link #commit},
 * {@link #rollback}) through it. Each call is one XA command to the broker, which is the resource manager; a failure
 * is an {@link XAException} with the code the broker answered, {@code XAER_INVAL} for a null Xid or flags the call
 * does not take, and {@code XAER_RMFAIL} when the broker cannot be reached (the connection is closed or lost).
 *
 * <p>Where the XA specification leaves Gannet a choice:
 * <ul>
 * <li>{@link #start} and {@link #end} need the session: once it is closed they fail with {@code XAER_RMFAIL}. A
 * session closed while associated ends its association with {@code TMSUCCESS} first, so its work stays in the branch
 * and a later {@code end} for that branch returns at once. {@link #prepare}, {@link #commit}, {@link #rollback},
 * {@link #forget} and {@link #recover} need only the connection: they work after the session closed.</li>
 * <li>{@link #recover}: {@code TMSTARTRSCAN} answers every branch the broker holds prepared, in the order they were
 * prepared; a later call of the same scan ({@code TMNOFLAGS}, {@code TMENDRSCAN}) answers none. Without an open scan,
 * {@code TMNOFLAGS} and {@code TMENDRSCAN} fail with {@code XAER_INVAL}, as the XA specification's
 * {@code xa_recover} says. The Xids answered are values ({@link BranchId}): equal to the transaction manager's Xids
 * by format id and byte strings.</li>
 * <li>{@link #getTransactionTimeout} answers 0 until {@link #setTransactionTimeout} set another value: the broker's
 * default timeout applies then.</li>
 * </ul>
 */
public final class GannetXAResource implements XAResource {

    private final GannetSession session;
    private final TransactionContext.Global association;
    private volatile int timeoutSeconds; // for branches started from now on; 0: the broker's default
    private boolean scanning; // a recovery scan is open; guarded by this

    GannetXAResource(GannetSession session, TransactionContext.Global association) {
        this.session = session;
        this.association = association;
    }

    /**
     * @throws XAException {@code XAER_INVAL} for a null Xid or flags other than TMNOFLAGS, TMJOIN and TMRESUME;
     *                     {@code XAER_PROTO} if the session is associated with a branch already; {@code XAER_RMFAIL}
     *                     if the session is closed or the broker cannot be reached; else as the broker answers
     *                     ({@code XAER_DUPID}, {@code XAER_NOTA}, ...)
     */
    @Override
    public void start(Xid xid, int flags) throws XAException {
        BranchId branch = branch("start", xid);
        if (flags != TMNOFLAGS && flags != TMJOIN && flags != TMRESUME) {
            throw Errors.xa(XAException.XAER_INVAL, "start of " + branch + ": flags " + flags
                    + " are not one of TMNOFLAGS, TMJOIN and TMRESUME");
        }
        try {
            association.start(session, branch, flags, timeoutSeconds);
        } catch (JMSException e) {
            throw Errors.xa("start of " + branch + " in session " + session, e);
        }
    }

    /**
     * Ends the association; the messages the application consumed while associated belong to the branch from now on.
     *
     * @throws XAException {@code XAER_INVAL} for a null Xid or flags other than TMSUCCESS, TMFAIL and TMSUSPEND;
     *                     {@code XAER_PROTO} if the session works in another branch; {@code XAER_RMFAIL} if the session
     *                     is closed or the broker cannot be reached; else as the broker answers ({@code XA_RB*} for a
     *                     branch it rolled back, {@code XAER_NOTA}, ...)
     */
    @Override
    public void end(Xid xid, int flags) throws XAException {
        BranchId branch = branch("end", xid);
        if (flags != TMSUCCESS && flags != TMFAIL && flags != TMSUSPEND) {
            throw Errors.xa(XAException.XAER_INVAL, "end of " + branch + ": flags " + flags
                    + " are not one of TMSUCCESS, TMFAIL and TMSUSPEND");
        }
        try {
            association.end(session, branch, flags);
        } catch (JMSException e) {
            throw Errors.xa("end of " + branch + " in session " + session, e);
        }
    }

    /**
     * @return {@code XA_OK}, or {@code XA_RDONLY} for a branch that sent and consumed nothing (it is over then)
     * @throws XAException as the broker answers: {@code XA_RB*} for a branch that can only roll back (it is rolled
     *                     back then), {@code XAER_NOTA}, {@code XAER_PROTO}; {@code XAER_RMFAIL} if it cannot be
     *                     reached
     */
    @Override
    public int prepare(Xid xid) throws XAException {
        BranchId branch = branch("prepare", xid);
        return call("prepare of " + branch, new Command.XaPrepare(branch));
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        BranchId branch = branch("commit", xid);
        call((onePhase ? "one-phase commit of " : "commit of ") + branch, new Command.XaCommit(branch, onePhase));
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        BranchId branch = branch("rollback", xid);
        call("rollback of " + branch, new Command.XaRollback(branch));
    }

    @Override
    public void forget(Xid xid) throws XAException {
        BranchId branch = branch("forget", xid);
        call("forget of " + branch, new Command.XaForget(branch));
    }

    /**
     * Answers the broker's prepared branches at the start of a scan (see the class comment).
     *
     * @throws XAException {@code XAER_INVAL} for flags other than TMNOFLAGS, TMSTARTRSCAN and TMENDRSCAN, or a
     *                     continuing call without an open scan; {@code XAER_RMFAIL} if the broker cannot be reached
     */
    @Override
    public Xid[] recover(int flag) throws XAException {
        if ((flag & ~(TMSTARTRSCAN | TMENDRSCAN)) != 0) {
            throw Errors.xa(XAException.XAER_INVAL, "recover: flags " + flag
                    + " are not TMNOFLAGS, TMSTARTRSCAN, TMENDRSCAN or TMSTARTRSCAN | TMENDRSCAN");
        }
        boolean endScan = (flag & TMENDRSCAN) != 0;
        synchronized (this) {
            if ((flag & TMSTARTRSCAN) == 0) {
                if (!scanning) {
                    throw Errors.xa(XAException.XAER_INVAL, "recover: no recovery scan is open on " + this
                            + "; begin one with TMSTARTRSCAN");
                }
                scanning = !endScan;
                return new Xid[0];
            }
            scanning = false;
            List<BranchId> prepared = call("recover", new Command.XaRecover());
            scanning = !endScan;
            return prepared.toArray(new Xid[0]);
        }
    }

    /** True for a Gannet XAResource of a connection to the same broker (same scheme and address). */
    @Override
    public boolean isSameRM(XAResource other) {
        return other instanceof GannetXAResource that
                && that.session.connection().resourceManager().equals(session.connection().resourceManager());
    }

    /** The timeout set for branches this resource starts; 0 (the default): the broker's default timeout. */
    @Override
    public int getTransactionTimeout() {
        return timeoutSeconds;
    }

    /**
     * Sets the timeout of the branches this resource starts from now on: a branch not prepared within it is rolled
     * back by the broker, and later calls for it fail with {@code XA_RBTIMEOUT}. 0 restores the broker's default.
     *
     * @return true
     * @throws XAException {@code XAER_INVAL} if {@code seconds} is negative
     */
    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        if (seconds < 0) {
            throw Errors.xa(XAException.XAER_INVAL, "setTransactionTimeout: " + seconds + " seconds is negative");
        }
        timeoutSeconds = seconds;
        return true;
    }

    private <A> A call(String what, Command<A> command) throws XAException {
        try {
            session.connection().checkClosed();
            return session.connection().call(command);
        } catch (JMSException e) {
            throw Errors.xa(what, e);
        }
    }

    /** {@code xid} as a value. */
    private static BranchId branch(String call, Xid xid) throws XAException {
        if (xid == null) {
            throw Errors.xa(XAException.XAER_INVAL, call + ": the Xid is null");
        }
        try {
            return BranchId.of(xid);
        } catch (IllegalArgumentException e) {
            XAException invalid = Errors.xa(XAException.XAER_INVAL, call + ": " + e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
    }

    @Override
    public String toString() {
        return "XAResource of session " + session + " on " + session.connection().resourceManager();
    }
}
