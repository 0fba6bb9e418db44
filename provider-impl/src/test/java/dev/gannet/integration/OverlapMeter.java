package dev.gannet.integration;

import java.util.concurrent.atomic.AtomicInteger;

/** Measures how many threads were ever inside callbacks at once, for callbacks the spec says run one at a time. */
final class OverlapMeter {

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    /** Call from the callback: marks it running for a couple of milliseconds, the window in which overlap shows. */
    void pass() {
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.decrementAndGet();
        }
    }

    int mostAtOnce() {
        return mostAtOnce.get();
    }
}
