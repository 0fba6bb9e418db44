package dev.gannet.broker;

import dev.gannet.protocol.BranchId;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The XA branches the broker rolled back because their timeout passed, remembered for a while so that a transaction
 * manager calling on one later hears {@code XA_RBTIMEOUT} (its branch was rolled back for that) rather than
 * {@code XAER_NOTA}. Bounded both ways: each Xid is forgotten {@code remember} after its timeout, and only the newest
 * {@code capacity} are kept. Thread-safe.
 */
final class TimedOutBranches {

    private final long rememberNanos;
    private final int capacity;
    private final LongSupplier nanoClock;
    /** Xid to when it is forgotten ({@code nanoClock} time), oldest first. Guarded by this. */
    private final LinkedHashMap<BranchId, Long> forgottenAt = new LinkedHashMap<>();

    /** @param nanoClock reads the time in nanoseconds ({@code System::nanoTime}) */
    TimedOutBranches(Duration remember, int capacity, LongSupplier nanoClock) {
        this.rememberNanos = remember.toNanos();
        this.capacity = capacity;
        this.nanoClock = nanoClock;
    }

    /** The branch {@code xid} timed out and was rolled back. */
    synchronized void remember(BranchId xid) {
        long now = nanoClock.getAsLong();
        forgetExpired(now);
        forgottenAt.remove(xid);
        forgottenAt.put(xid, now + rememberNanos);
        Iterator<BranchId> oldest = forgottenAt.keySet().iterator();
        while (forgottenAt.size() > capacity) {
            oldest.next();
            oldest.remove();
        }
    }

    /** Whether the branch {@code xid} timed out recently (and is remembered still). */
    synchronized boolean contains(BranchId xid) {
        forgetExpired(nanoClock.getAsLong());
        return forgottenAt.containsKey(xid);
    }

    /** How many Xids are remembered now. */
    synchronized int size() {
        forgetExpired(nanoClock.getAsLong());
        return forgottenAt.size();
    }

    private void forgetExpired(long now) {
        Iterator<Map.Entry<BranchId, Long>> oldest = forgottenAt.entrySet().iterator();
        while (oldest.hasNext()) {
            if (oldest.next().getValue() - now > 0) {
                return;
            }
            oldest.remove();
        }
    }
}
