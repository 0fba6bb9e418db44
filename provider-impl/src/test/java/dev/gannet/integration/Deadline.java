package dev.gannet.integration;

import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Waiting that ends at a deadline: for a condition that must become true, or for the clock to pass a given time. */
final class Deadline {

    private static final long POLL_MILLIS = 10;

    private Deadline() {
    }

    /** Returns once {@code condition} holds; fails the test if it still does not after {@code timeoutMillis}. */
    static void awaitTrue(String what, long timeoutMillis, BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                fail("not within " + timeoutMillis + " ms: " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Returns once the wall clock is strictly past {@code epochMillis} (an expiration or delivery time). */
    static void passTime(long epochMillis) throws InterruptedException {
        long now;
        while ((now = System.currentTimeMillis()) <= epochMillis) {
            Thread.sleep(Math.min(POLL_MILLIS * 5, epochMillis - now + 1));
        }
    }
}
