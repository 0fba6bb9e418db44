package dev.gannet.broker;

import dev.gannet.protocol.BranchId;
import dev.gannet.protocol.XaError;
import dev.gannet.store.StoredBranch;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The broker's transactions by id, from their beginning until they committed or rolled back (a transaction being
 * committed is still here): sessions' local transactions, and XA transaction branches, whose rules (the
 * {@link XAResource} javadoc) it carries out. Thread-safe.
 *
 * <p>An XA branch belongs to the broker, not to a connection: any connection may prepare, commit, roll back or
 * recover it, and an ended branch outlives the connection that worked in it. A session works in a branch between
 * {@code XaStart} and {@code XaEnd} (it is associated with it): its sends are staged in the branch and the deliveries
 * it names at {@code XaEnd} are consumed by it. Failures carry the {@link XAException} code the XA javadoc names
 * ({@link XaError}): {@code XAER_NOTA} for an unknown Xid, {@code XAER_DUPID}, {@code XAER_PROTO} for a call in the
 * wrong state, {@code XA_RBROLLBACK} or {@code XA_RBTIMEOUT} when the branch was rolled back instead,
 * {@code XAER_RMFAIL} when the outcome of a prepared branch could not be stored (it is prepared still).
 *
 * <p>Choices where XA leaves room, as Apache ActiveMQ Artemis makes them, or stricter:
 * <ul>
 *   <li>A session that closes, or whose connection dies, while associated with a branch (actively or suspended)
 *       fails that association: the branch is marked rollback-only, as {@code TMFAIL} would (what the session
 *       consumed since its last {@code XaEnd} is unknown). Like Artemis the broker does not roll it back at once: it
 *       stays until the transaction manager rolls it back (prepare and one-phase commit answer {@code XA_RBROLLBACK})
 *       or its timeout does.</li>
 *   <li>A branch not prepared within its timeout ({@code XaStart.timeoutSeconds}, or the broker's
 *       {@code transactionTimeout}) is rolled back by the broker once no session works in it; calls on its Xid
 *       answer {@code XA_RBTIMEOUT} for {@value #TIMED_OUT_MINUTES} minutes after. Prepared branches never time
 *       out.</li>
 *   <li>Gannet never completes a branch on its own: no heuristic decisions, so {@code XaForget} always fails
 *       ({@code XAER_NOTA}, or {@code XAER_PROTO} for a branch that is under way).</li>
 *   <li>A branch that did nothing answers {@code XA_RDONLY} at prepare and is over.</li>
 * </ul>
 */
final class ResourceManager {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceManager.class);
    /** How long the Xid of a branch that timed out is remembered. */
    static final int TIMED_OUT_MINUTES = 5;
    /** How many such Xids are remembered at most. */
    private static final int TIMED_OUT_CAPACITY = 10_000;

    private final String brokerName;
    private final PostOffice postOffice;
    private final StoreWriter store;
    private final Scheduler scheduler;
    private final BrokerEvents events;
    private final Duration defaultTimeout;
    private final Map<TransactionId, Transaction> open = new ConcurrentHashMap<>();
    private final AtomicLong localTransactions = new AtomicLong();
    /** Guards the XA state below and the sessions' associations; taken before a session's or transaction's lock. */
    private final Object lock = new Object();
    private final Map<BranchId, Branch> branches = new HashMap<>(); // guarded by lock
    /** The prepared branches (their outcome maybe being written), in the order they prepared. Guarded by lock. */
    private final LinkedHashMap<BranchId, Branch> prepared = new LinkedHashMap<>();
    private long lastStoredBranchId; // guarded by lock
    private final TimedOutBranches timedOut = new TimedOutBranches(Duration.ofMinutes(TIMED_OUT_MINUTES),
            TIMED_OUT_CAPACITY, System::nanoTime);

    /** An XA branch: its transaction, the sessions working in it and those that suspended their work. */
    private static final class Branch {
        final BranchId xid;
        final Transaction transaction;
        final Set<ServerSession> associated = new LinkedHashSet<>(); // guarded by the resource manager's lock
        final Set<ServerSession> suspended = new LinkedHashSet<>(); // guarded by the resource manager's lock
        Future<?> timeout; // guarded by the resource manager's lock; null once prepared
        boolean timedOut; // guarded by the resource manager's lock

        Branch(BranchId xid) {
            this.xid = xid;
            this.transaction = new Transaction(new TransactionId.Xa(xid));
        }

        boolean isAssociated() {
            return !associated.isEmpty() || !suspended.isEmpty();
        }

        String sessions() {
            return "session(s) " + java.util.stream.Stream.concat(associated.stream(), suspended.stream())
                    .map(session -> session + (suspended.contains(session) ? " (suspended)" : ""))
                    .collect(Collectors.joining(", "));
        }
    }

    /**
     * @param defaultTimeout how long an XA branch may stay unprepared when {@code XaStart} gives no timeout
     */
    ResourceManager(String brokerName, PostOffice postOffice, StoreWriter store, Scheduler scheduler,
                    BrokerEvents events, Duration defaultTimeout) {
        this.brokerName = brokerName;
        this.postOffice = postOffice;
        this.store = store;
        this.scheduler = scheduler;
        this.events = events;
        this.defaultTimeout = defaultTimeout;
    }

    // ---- local transactions

    /** Begins the next local transaction of session {@code sessionId} of connection {@code connectionId}. */
    Transaction beginLocal(long connectionId, int sessionId) {
        return begin(new TransactionId.Local(connectionId, sessionId, localTransactions.incrementAndGet()));
    }

    /**
     * Begins the transaction {@code id}; it leaves this resource manager by itself once it committed or rolled back.
     *
     * @throws IllegalStateException if a transaction {@code id} is open already
     */
    Transaction begin(TransactionId id) {
        Transaction transaction = new Transaction(id);
        if (open.putIfAbsent(id, transaction) != null) {
            throw new IllegalStateException("Transaction " + id + " exists already");
        }
        Runnable forget = () -> open.remove(id, transaction);
        transaction.afterCommit(forget);
        transaction.afterRollback(forget);
        return transaction;
    }

    /** The open transaction {@code id} (local or XA), or null if there is none (never begun, or over). */
    Transaction find(TransactionId id) {
        if (id instanceof TransactionId.Xa xa) {
            synchronized (lock) {
                Branch branch = branches.get(xa.xid());
                return branch == null ? null : branch.transaction;
            }
        }
        return open.get(id);
    }

    /** The transactions open now (local and XA), in no particular order. */
    List<Transaction> openTransactions() {
        List<Transaction> all = new ArrayList<>(open.values());
        synchronized (lock) {
            branches.values().forEach(branch -> all.add(branch.transaction));
        }
        return all;
    }

    // ---- XA

    /**
     * Associates {@code session} with the branch {@code xid} ({@code XAResource.start}): a new branch
     * ({@code TMNOFLAGS}), which the broker rolls back unless it is prepared within {@code timeoutSeconds} (0: the
     * broker's default); a branch under way and not prepared ({@code TMJOIN}); or one this session suspended
     * ({@code TMRESUME}).
     *
     * @throws JMSException {@code XAER_PROTO} if the session is transacted or associated with a branch already, or the
     *                      branch is prepared (or being completed), or {@code TMRESUME} names a branch the session did
     *                      not suspend; {@code XAER_DUPID} if {@code TMNOFLAGS} names a branch that exists;
     *                      {@code XAER_NOTA} if {@code TMJOIN} or {@code TMRESUME} name no branch;
     *                      {@code XA_RBTIMEOUT} if the branch timed out
     */
    void start(ServerSession session, BranchId xid, int flags, int timeoutSeconds) throws JMSException {
        synchronized (lock) {
            if (session.transacted) {
                throw XaError.of(XAException.XAER_PROTO, "XaStart " + xid + ": session " + session
                        + " is transacted; only a session that is not may work in an XA branch");
            }
            Transaction current = session.association();
            if (current != null) {
                throw XaError.of(XAException.XAER_PROTO, "XaStart " + xid + ": session " + session
                        + " works in branch " + current + " already; end that association first");
            }
            Branch branch;
            switch (flags) {
                case XAResource.TMNOFLAGS -> {
                    if (branches.containsKey(xid)) {
                        throw XaError.of(XAException.XAER_DUPID, "XaStart " + xid + ": the branch exists already");
                    }
                    if (timedOut.contains(xid)) {
                        throw timedOut(xid, "XaStart");
                    }
                    branch = newBranch(xid);
                    long timeoutMillis = timeoutSeconds == 0 ? defaultTimeout.toMillis() : timeoutSeconds * 1000L;
                    Branch timing = branch;
                    branch.timeout = scheduler.schedule(() -> timeOut(timing, timeoutMillis), timeoutMillis);
                }
                case XAResource.TMJOIN -> {
                    branch = existing(xid, "XaStart");
                    if (branch.suspended.contains(session)) {
                        throw XaError.of(XAException.XAER_PROTO, "XaStart " + xid + ": session " + session
                                + " suspended its work in the branch; resume it (TMRESUME) rather than join");
                    }
                    requireUnprepared(branch, "XaStart", "joined");
                }
                case XAResource.TMRESUME -> {
                    branch = existing(xid, "XaStart");
                    if (!branch.suspended.remove(session)) {
                        throw XaError.of(XAException.XAER_PROTO, "XaStart " + xid + ": session " + session
                                + " did not suspend the branch, so it cannot resume it");
                    }
                }
                default -> throw XaError.of(XAException.XAER_INVAL, "XaStart " + xid + ": flags " + flags
                        + " are not one of TMNOFLAGS, TMJOIN and TMRESUME");
            }
            branch.associated.add(session);
            session.associate(branch.transaction);
        }
    }

    /**
     * Ends the association of {@code session} with the branch {@code xid} ({@code XAResource.end}): its work is done
     * ({@code TMSUCCESS}), failed ({@code TMFAIL}: the branch may only roll back) or suspended ({@code TMSUSPEND}),
     * and {@code deliveredIds} (deliveries the application consumed while associated) are consumed by the branch.
     * A suspended association may be ended without being resumed.
     *
     * @throws JMSException {@code XAER_PROTO} if the session is not associated with the branch (or suspends it twice);
     *                      {@code XAER_NOTA} if there is no such branch; {@code XA_RBTIMEOUT} if the branch timed out
     *                      (its association is over, and it is rolled back once no session works in it)
     */
    void end(ServerSession session, BranchId xid, int flags, List<Long> deliveredIds) throws JMSException {
        Transaction rollingBack = null;
        synchronized (lock) {
            Branch branch = existing(xid, "XaEnd");
            boolean active = branch.associated.contains(session);
            if (!active && !branch.suspended.contains(session)) {
                throw XaError.of(XAException.XAER_PROTO, "XaEnd " + xid + ": session " + session
                        + " is not associated with the branch");
            }
            if (!active && flags == XAResource.TMSUSPEND) {
                throw XaError.of(XAException.XAER_PROTO, "XaEnd " + xid + ": session " + session
                        + " suspended the branch already");
            }
            if (active) {
                session.consumeIn(branch.transaction, deliveredIds);
                branch.associated.remove(session);
                session.associate(null);
            }
            if (flags == XAResource.TMSUSPEND) {
                branch.suspended.add(session);
            } else {
                branch.suspended.remove(session);
                if (flags == XAResource.TMFAIL) {
                    branch.transaction.markRollbackOnly("session " + session + " ended its work in the branch with"
                            + " TMFAIL", null);
                }
            }
            if (branch.timedOut) {
                if (!branch.associated.isEmpty()) {
                    throw timedOut(xid, "XaEnd"); // it rolls back when the last session ends its work
                }
                rollingBack = expire(branch);
            }
        }
        if (rollingBack != null) {
            rollingBack.rollback();
            throw timedOut(xid, "XaEnd");
        }
    }

    /**
     * Prepares the branch {@code xid} ({@code XAResource.prepare}): answers {@code XA_OK} once its sends and
     * acknowledgements are durable in the store, or {@code XA_RDONLY} for a branch that did nothing (it is over).
     *
     * @throws JMSException {@code XAER_NOTA} if there is no such branch; {@code XAER_PROTO} if a session still works
     *                      in it (or suspended its work), or it is prepared already (or being completed);
     *                      {@code XA_RBROLLBACK} or {@code XA_RBTIMEOUT} if it may only roll back: it is rolled back
     *                      and over. The future fails with {@code XA_RBROLLBACK} if the prepare could not be stored
     *                      or a destination is gone: the branch is rolled back.
     */
    CompletableFuture<Integer> prepare(BranchId xid) throws JMSException {
        Branch branch;
        StoredBranch stored;
        synchronized (lock) {
            branch = existing(xid, "XaPrepare");
            requireEnded(branch, "XaPrepare");
            if (!branch.transaction.isRollbackOnly()) {
                requireUnprepared(branch, "XaPrepare", "prepared");
                stored = new StoredBranch(++lastStoredBranchId, xid.formatId(), xid.globalTransactionId(),
                        xid.branchQualifier());
                cancelTimeout(branch);
            } else {
                stored = null;
            }
        }
        if (stored == null) {
            throw rollBack(branch, "XaPrepare");
        }
        CompletableFuture<Integer> vote;
        try {
            vote = branch.transaction.prepare(postOffice, stored);
        } catch (IllegalStateException e) { // another call got there first
            throw busy(branch, "XaPrepare");
        }
        return vote.handle((answer, failure) -> {
            if (failure != null) {
                throw new CompletionException(XaError.of(XAException.XA_RBROLLBACK, "XaPrepare " + xid
                        + ": the branch could not be prepared and is rolled back: " + reason(failure)));
            }
            if (answer == XAResource.XA_OK) {
                synchronized (lock) {
                    if (branches.get(xid) == branch) {
                        prepared.put(xid, branch);
                    }
                }
            }
            return answer;
        });
    }

    /**
     * Commits the branch {@code xid} ({@code XAResource.commit}): a prepared one ({@code onePhase} false) in one store
     * unit, after which its messages reach their queues and what it consumed is gone; or, with {@code onePhase}, one
     * that ended and was not prepared, as a local transaction commits.
     *
     * @throws JMSException {@code XAER_NOTA} if there is no such branch; {@code XAER_PROTO} if a session still works in
     *                      it, or it is not prepared (two-phase) or prepared (one-phase), or being completed;
     *                      {@code XA_RBROLLBACK} or {@code XA_RBTIMEOUT} (one-phase) if it may only roll back, or a
     *                      destination is gone: it is rolled back. The future fails with {@code XA_RBROLLBACK}
     *                      (one-phase: the branch is rolled back) or {@code XAER_RMFAIL} (two-phase: the commit could
     *                      not be stored, the branch is prepared still) if the store fails.
     */
    CompletableFuture<Void> commit(BranchId xid, boolean onePhase) throws JMSException {
        Branch branch;
        synchronized (lock) {
            branch = existing(xid, "XaCommit");
            requireEnded(branch, "XaCommit");
            if (!onePhase) {
                requirePrepared(branch, "XaCommit");
            } else if (!branch.transaction.isRollbackOnly()) {
                requireUnprepared(branch, "XaCommit", "committed in one phase");
                take(branch);
            }
        }
        if (!onePhase) {
            CompletableFuture<Void> committed;
            try {
                committed = branch.transaction.commitPrepared(postOffice);
            } catch (IllegalStateException e) { // another call got there first
                throw busy(branch, "XaCommit");
            }
            return committed.exceptionally(failure -> {
                throw new CompletionException(XaError.of(XAException.XAER_RMFAIL, "XaCommit " + xid
                        + ": the commit could not be stored; the branch is prepared still: " + reason(failure)));
            });
        }
        if (branch.transaction.isRollbackOnly()) {
            throw rollBack(branch, "XaCommit");
        }
        CompletableFuture<Void> committed;
        try {
            committed = branch.transaction.commit(postOffice);
        } catch (JMSException e) {
            throw XaError.of(XAException.XA_RBROLLBACK, "XaCommit " + xid
                    + ": the branch could not be committed and is rolled back: " + e.getMessage());
        }
        return committed.exceptionally(failure -> {
            throw new CompletionException(XaError.of(XAException.XA_RBROLLBACK, "XaCommit " + xid
                    + ": the branch could not be committed and is rolled back: " + reason(failure)));
        });
    }

    /**
     * Rolls the branch {@code xid} back ({@code XAResource.rollback}), prepared or not: its sends are dropped and what
     * it consumed returns to its queues, redelivered.
     *
     * @throws JMSException {@code XAER_NOTA} if there is no such branch; {@code XA_RBTIMEOUT} if it timed out (it is
     *                      rolled back); {@code XAER_PROTO} if a session still works in it, or it is being completed.
     *                      The future fails with {@code XAER_RMFAIL} if the rollback of a prepared branch could not be
     *                      stored: it is prepared still.
     */
    CompletableFuture<Void> rollback(BranchId xid) throws JMSException {
        Branch branch;
        boolean wasPrepared;
        synchronized (lock) {
            branch = existing(xid, "XaRollback");
            requireEnded(branch, "XaRollback");
            Transaction.State state = branch.transaction.state();
            wasPrepared = state == Transaction.State.PREPARED;
            if (!wasPrepared) {
                if (state != Transaction.State.ACTIVE && state != Transaction.State.ROLLBACK_ONLY) {
                    throw busy(branch, "XaRollback");
                }
                take(branch);
            }
        }
        if (!wasPrepared) {
            branch.transaction.rollback();
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> rolledBack;
        try {
            rolledBack = branch.transaction.rollbackPrepared(store);
        } catch (IllegalStateException e) { // another call got there first
            throw busy(branch, "XaRollback");
        }
        return rolledBack.exceptionally(failure -> {
            throw new CompletionException(XaError.of(XAException.XAER_RMFAIL, "XaRollback " + xid
                    + ": the rollback could not be stored; the branch is prepared still: " + reason(failure)));
        });
    }

    /**
     * {@code XAResource.forget}: Gannet never completes a branch heuristically, so there is never one to forget.
     *
     * @throws JMSException {@code XAER_NOTA} for a branch the broker does not know; {@code XAER_PROTO} for one under
     *                      way (it is not heuristically completed)
     */
    void forget(BranchId xid) throws JMSException {
        synchronized (lock) {
            if (branches.containsKey(xid)) {
                throw XaError.of(XAException.XAER_PROTO, "XaForget " + xid + ": the branch is under way, not"
                        + " heuristically completed (Gannet never completes a branch on its own)");
            }
        }
        throw XaError.of(XAException.XAER_NOTA, "XaForget " + xid + ": no such heuristically completed branch"
                + " (Gannet never completes a branch on its own)");
    }

    /** The prepared branches, including those restored from the store at start, in the order they prepared. */
    List<BranchId> recover() {
        synchronized (lock) {
            return List.copyOf(prepared.keySet());
        }
    }

    /**
     * {@code session} closed, or its connection went away: each of its associations with a branch, working or
     * suspended, fails (the branch may only roll back); a branch that timed out meanwhile rolls back now if no other
     * session works in it.
     */
    void sessionClosed(ServerSession session) {
        if (session.transacted) {
            return;
        }
        List<Transaction> rollingBack = new ArrayList<>();
        synchronized (lock) {
            for (Branch branch : List.copyOf(branches.values())) {
                boolean working = branch.associated.remove(session);
                boolean suspended = branch.suspended.remove(session);
                if (!working && !suspended) {
                    continue;
                }
                LOG.debug("Broker {}: session {} closed while {} branch {}: it may only roll back", brokerName,
                        session, working ? "working in" : "having suspended", branch.xid);
                branch.transaction.markRollbackOnly("session " + session + " closed while "
                        + (working ? "working in" : "having suspended") + " the branch", null);
                if (branch.timedOut && branch.associated.isEmpty()) {
                    rollingBack.add(expire(branch));
                }
            }
            session.associate(null);
        }
        rollingBack.forEach(Transaction::rollback);
    }

    /**
     * At start, before the broker takes connections: the store held the prepared branch {@code xid} as
     * {@code storedBranchId}, which sends {@code sends} when it commits and consumed {@code consumed} (locked in their
     * queues until then). {@code afterRollback} run if it rolls back (after its rollback is stored).
     */
    void restorePrepared(BranchId xid, long storedBranchId, List<MessageRef> sends, List<MessageRef> consumed,
                         List<Runnable> afterRollback) {
        synchronized (lock) {
            if (branches.containsKey(xid)) {
                throw new IllegalStateException("Branch " + xid + " is restored already");
            }
            Branch branch = newBranch(xid);
            afterRollback.forEach(branch.transaction::afterRollback);
            branch.transaction.restorePrepared(storedBranchId, sends, consumed);
            prepared.put(xid, branch);
            lastStoredBranchId = Math.max(lastStoredBranchId, storedBranchId);
        }
    }

    /** A new branch, kept here until it committed or rolled back. The caller holds {@code lock}. */
    private Branch newBranch(BranchId xid) {
        Branch branch = new Branch(xid);
        branch.transaction.afterCommit(() -> finished(branch, true));
        branch.transaction.afterRollback(() -> finished(branch, false));
        branches.put(xid, branch);
        return branch;
    }

    /** The branch committed or rolled back: it is over. */
    private void finished(Branch branch, boolean committed) {
        boolean timedOutBranch;
        synchronized (lock) {
            branches.remove(branch.xid, branch);
            prepared.remove(branch.xid, branch);
            cancelTimeout(branch);
            timedOutBranch = branch.timedOut;
        }
        LOG.debug("Broker {}: branch {} {}", brokerName, branch.xid, committed ? "committed" : "rolled back");
        events.publish(committed ? new BrokerEvent.XaBranchCommitted(branch.xid)
                : new BrokerEvent.XaBranchRolledBack(branch.xid, timedOutBranch));
    }

    /**
     * The branch's timeout passed: unless it is prepared (or being completed) it may only roll back, and rolls back
     * now if no session works in it (else when the last one ends its work).
     */
    private void timeOut(Branch branch, long timeoutMillis) {
        Transaction rollingBack = null;
        synchronized (lock) {
            Transaction.State state = branch.transaction.state();
            if (branches.get(branch.xid) != branch || branch.timeout == null // over, or its timeout cancelled
                    || state != Transaction.State.ACTIVE && state != Transaction.State.ROLLBACK_ONLY) {
                return;
            }
            branch.timedOut = true;
            branch.transaction.markRollbackOnly("the branch was not prepared within its timeout of " + timeoutMillis
                    + " ms", null);
            LOG.info("Broker {}: XA branch {} was not prepared within {} ms; it {}", brokerName, branch.xid,
                    timeoutMillis, branch.associated.isEmpty() ? "is rolled back"
                            : "rolls back once " + branch.sessions() + " end their work in it");
            if (branch.associated.isEmpty()) {
                rollingBack = expire(branch);
            }
        }
        if (rollingBack != null) {
            rollingBack.rollback();
        }
    }

    /** Takes a branch that timed out away, remembering its Xid; the caller rolls it back. Holds {@code lock}. */
    private Transaction expire(Branch branch) {
        timedOut.remember(branch.xid);
        return take(branch);
    }

    /** Takes a branch away to be rolled back (nobody else finds it from now on). Holds {@code lock}. */
    private Transaction take(Branch branch) {
        branches.remove(branch.xid, branch);
        cancelTimeout(branch);
        return branch.transaction;
    }

    /** Holds {@code lock}. */
    private static void cancelTimeout(Branch branch) {
        if (branch.timeout != null) {
            branch.timeout.cancel(false);
            branch.timeout = null;
        }
    }

    /**
     * Rolls back a branch that may only roll back, and answers the failure the call that found it so reports:
     * {@code XA_RBTIMEOUT} if it timed out, else {@code XA_RBROLLBACK}. Called without {@code lock}: the rollback's
     * actions (returning messages, announcing the outcome) run outside it.
     */
    private JMSException rollBack(Branch branch, String command) throws JMSException {
        String reason = branch.transaction.rollbackOnlyReason();
        boolean timedOutBranch;
        synchronized (lock) {
            if (branches.get(branch.xid) != branch) { // over meanwhile
                existing(branch.xid, command); // XAER_NOTA, or XA_RBTIMEOUT
                throw busy(branch, command); // a new branch of its Xid began
            }
            timedOutBranch = branch.timedOut;
            if (timedOutBranch) {
                timedOut.remember(branch.xid);
            }
            take(branch);
        }
        branch.transaction.rollback();
        return XaError.of(timedOutBranch ? XAException.XA_RBTIMEOUT : XAException.XA_RBROLLBACK, command + " "
                + branch.xid + ": the branch may only roll back (" + reason + "), and is rolled back");
    }

    /** The branch {@code xid}; holds {@code lock}. */
    private Branch existing(BranchId xid, String command) throws JMSException {
        Branch branch = branches.get(xid);
        if (branch != null) {
            return branch;
        }
        if (timedOut.contains(xid)) {
            throw timedOut(xid, command);
        }
        throw XaError.of(XAException.XAER_NOTA, command + " " + xid + ": no such branch (never started, or over)");
    }

    private static JMSException timedOut(BranchId xid, String command) {
        return XaError.of(XAException.XA_RBTIMEOUT, command + " " + xid
                + ": the branch was not prepared within its timeout and is rolled back");
    }

    /** Refuses a branch some session works in, or suspended its work in. Holds {@code lock}. */
    private static void requireEnded(Branch branch, String command) throws JMSException {
        if (branch.isAssociated()) {
            throw XaError.of(XAException.XAER_PROTO, command + " " + branch.xid + ": " + branch.sessions()
                    + " still work in the branch; end their work (XAResource.end) first");
        }
    }

    /** Refuses a branch that is not under way unprepared (active or rollback-only). Holds {@code lock}. */
    private static void requireUnprepared(Branch branch, String command, String what) throws JMSException {
        Transaction.State state = branch.transaction.state();
        if (state == Transaction.State.PREPARED) {
            throw XaError.of(XAException.XAER_PROTO, command + " " + branch.xid + ": the branch is prepared and"
                    + " cannot be " + what);
        }
        if (state != Transaction.State.ACTIVE && state != Transaction.State.ROLLBACK_ONLY) {
            throw busy(branch, command);
        }
    }

    /** Refuses a branch that is not prepared. Holds {@code lock}. */
    private static void requirePrepared(Branch branch, String command) throws JMSException {
        Transaction.State state = branch.transaction.state();
        if (state == Transaction.State.ACTIVE || state == Transaction.State.ROLLBACK_ONLY) {
            throw XaError.of(XAException.XAER_PROTO, command + " " + branch.xid + ": the branch is not prepared;"
                    + " prepare it first, or commit it in one phase");
        }
        if (state != Transaction.State.PREPARED) {
            throw busy(branch, command);
        }
    }

    private static JMSException busy(Branch branch, String command) {
        return XaError.of(XAException.XAER_PROTO, command + " " + branch.xid + ": the branch is "
                + branch.transaction.state() + " already");
    }

    /** What a failed future says went wrong. */
    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause.getMessage();
    }
}
