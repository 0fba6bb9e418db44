package dev.gannet.integration;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A message listener or completion callback held running until the test releases it, to show that a stop, close or
 * commit made meanwhile on another thread waits for the callback to return (spec 6.1.5, 6.1.8, 7.3.4, 8.8).
 */
final class HeldCallback {

    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean returned = new AtomicBoolean();

    /** The callback's body: signals that it runs, then blocks until released (or {@code ARRIVES} passes). */
    void hold() {
        started.countDown();
        try {
            release.await(BrokerTestSupport.ARRIVES, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        returned.set(true);
    }

    /**
     * Once the callback is running, makes {@code call} on another thread and asserts that it returns, without
     * throwing, only after the callback has returned.
     */
    void assertCallWaitsForIt(String what, CallOutcome.Call call) throws Exception {
        assertTrue(started.await(BrokerTestSupport.ARRIVES, TimeUnit.MILLISECONDS), "the callback never ran");
        AtomicBoolean returnedFirst = new AtomicBoolean();
        CallOutcome outcome = new CallOutcome();
        Thread caller = new Thread(() -> outcome.record(() -> {
            call.run();
            returnedFirst.set(!returned.get());
        }), what);
        caller.start();
        caller.join(BrokerTestSupport.ABSENT);
        assertTrue(caller.isAlive(), what + " returned while the callback was still running");
        release.countDown();
        assertNull(outcome.thrown(), what);
        assertFalse(returnedFirst.get(), what + " returned before the callback did");
    }
}
