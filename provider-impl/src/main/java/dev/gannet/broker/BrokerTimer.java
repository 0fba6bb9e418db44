package dev.gannet.broker;

import java.util.concurrent.Future;

/**
 * The broker's one timer, as parts built outside the broker package use it (security reloads its files and delays
 * refused logins on it). Tasks must be short and must not block; they stop with the broker.
 */
public interface BrokerTimer {

    /** Runs {@code task} once, {@code delayMillis} from now; cancelling the answered future before then drops it. */
    Future<?> schedule(Runnable task, long delayMillis);

    /** Runs {@code task} every {@code periodMillis}, the first time one period from now, until the broker stops. */
    void repeat(Runnable task, long periodMillis);
}
