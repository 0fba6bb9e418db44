package dev.gannet.xa.narayana;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A resource manager's {@link XAResource} as the tests enlist it: every call goes to the real resource, and the
 * wrapper counts what the transaction manager asked (prepares, two-phase and one-phase commits, rollbacks) and can run
 * a test's step at a point of the protocol: after a prepare returned, or before a commit goes out (to crash something
 * between the two phases).
 *
 * <p>{@link NarayanaEnvironment} names this class among Narayana's {@code xaResourceIsSameRMClassNames}: Narayana
 * gives each counted resource a branch of its own, even when two reach the same broker (which Narayana otherwise
 * joins into one branch with {@code TMJOIN}).
 */
public final class CountingXAResource implements XAResource {

    /** A test's step at a point of the protocol, told the branch. */
    @FunctionalInterface
    public interface Step {
        void run(Xid xid) throws Exception;
    }

    private final String name;
    private final XAResource resource;
    private final AtomicInteger prepares = new AtomicInteger();
    private final AtomicInteger twoPhaseCommits = new AtomicInteger();
    private final AtomicInteger onePhaseCommits = new AtomicInteger();
    private final AtomicInteger rollbacks = new AtomicInteger();
    private final List<Xid> prepared = new CopyOnWriteArrayList<>();
    private volatile Step afterPrepare = xid -> { };
    private volatile Step beforeCommit = xid -> { };

    public CountingXAResource(String name, XAResource resource) {
        this.name = name;
        this.resource = resource;
    }

    /** Runs {@code step} after each prepare that returned. */
    public CountingXAResource afterPrepare(Step step) {
        this.afterPrepare = step;
        return this;
    }

    /** Runs {@code step} before each commit is passed on. */
    public CountingXAResource beforeCommit(Step step) {
        this.beforeCommit = step;
        return this;
    }

    public int prepares() {
        return prepares.get();
    }

    public int twoPhaseCommits() {
        return twoPhaseCommits.get();
    }

    public int onePhaseCommits() {
        return onePhaseCommits.get();
    }

    public int rollbacks() {
        return rollbacks.get();
    }

    /** The branches prepared through this resource, in order. */
    public List<Xid> preparedXids() {
        return List.copyOf(prepared);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        int vote = resource.prepare(xid);
        prepares.incrementAndGet();
        prepared.add(xid);
        run(afterPrepare, xid);
        return vote;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        run(beforeCommit, xid);
        resource.commit(xid, onePhase);
        (onePhase ? onePhaseCommits : twoPhaseCommits).incrementAndGet();
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        resource.rollback(xid);
        rollbacks.incrementAndGet();
    }

    private void run(Step step, Xid xid) throws XAException {
        try {
            step.run(xid);
        } catch (Exception e) {
            XAException failure = new XAException("The test's step at " + name + " failed: " + e);
            failure.errorCode = XAException.XAER_RMERR;
            failure.initCause(e);
            throw failure;
        }
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        resource.start(xid, flags);
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        resource.end(xid, flags);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        resource.forget(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return resource.recover(flag);
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return resource.isSameRM(other instanceof CountingXAResource counting ? counting.resource : other);
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return resource.getTransactionTimeout();
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return resource.setTransactionTimeout(seconds);
    }

    @Override
    public String toString() {
        return name + " (counted)";
    }
}
