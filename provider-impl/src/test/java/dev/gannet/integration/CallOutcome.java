package dev.gannet.integration;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a call made on a provider thread (inside a message listener or completion listener) threw, handed to the
 * test thread to assert on: an assertion failing inside a callback would only be logged by the provider.
 */
final class CallOutcome {

    interface Call {
        void run() throws Exception;
    }

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Throwable thrown;

    /** Makes the call (meant to run on the callback's thread) and records what it threw, if anything. */
    void record(Call call) {
        try {
            call.run();
        } catch (Throwable t) {
            thrown = t;
        } finally {
            done.countDown();
        }
    }

    /** Waits for the call to have been made and returns what it threw, or null if it returned normally. */
    Throwable thrown() throws InterruptedException {
        assertTrue(done.await(BrokerTestSupport.ARRIVES, TimeUnit.MILLISECONDS), "the callback never made the call");
        return thrown;
    }
}
