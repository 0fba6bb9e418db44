package dev.gannet.broker;

import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The broker's one timer: delivery delays, redelivery delays, XA transaction timeouts and the periodic expiry work
 * run here, a task each, never a thread per message.
 */
final class Scheduler implements BrokerTimer, AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;

    Scheduler(String brokerName) {
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "gannet-scheduler-" + brokerName);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /**
     * Runs {@code task} once, {@code delayMillis} from now; cancelling the answered future before then drops it (and
     * frees its place in the timer at once).
     */
    @Override
    public Future<?> schedule(Runnable task, long delayMillis) {
        return executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} every {@code periodMillis}, the first time one period from now. */
    @Override
    public void repeat(Runnable task, long periodMillis) {
        executor.scheduleWithFixedDelay(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops the timer; tasks not yet run are dropped. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
