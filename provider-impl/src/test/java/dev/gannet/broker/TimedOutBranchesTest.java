package dev.gannet.broker;

import dev.gannet.protocol.BranchId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static dev.gannet.broker.BrokerDriver.xid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Xids of branches that timed out are remembered for a while, and only so many of them. */
class TimedOutBranchesTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final TimedOutBranches timedOut = new TimedOutBranches(Duration.ofNanos(100), 3, now::get);

    @Test
    void anXidIsRememberedUntilItsTimeIsUp() {
        BranchId xid = xid("g", "1");
        timedOut.remember(xid);
        now.addAndGet(99);
        assertTrue(timedOut.contains(xid));
        now.addAndGet(1);
        assertFalse(timedOut.contains(xid));
        assertEquals(0, timedOut.size());
    }

    @Test
    void onlyTheNewestXidsAreKeptPastTheCapacity() {
        for (int i = 1; i <= 5; i++) {
            timedOut.remember(xid("g", String.valueOf(i)));
        }
        assertEquals(3, timedOut.size());
        assertFalse(timedOut.contains(xid("g", "2")));
        assertTrue(timedOut.contains(xid("g", "3")));
        assertTrue(timedOut.contains(xid("g", "5")));
    }

    @Test
    void rememberingAnXidAgainRestartsItsTime() {
        BranchId xid = xid("g", "1");
        timedOut.remember(xid);
        now.addAndGet(60);
        timedOut.remember(xid);
        now.addAndGet(60);
        assertTrue(timedOut.contains(xid));
    }
}
