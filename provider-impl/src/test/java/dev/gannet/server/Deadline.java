package dev.gannet.server;

import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Waiting that ends at a deadline, for a condition that must become true. */
final class Deadline {

    private static final long POLL_MILLIS = 20;

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
}
