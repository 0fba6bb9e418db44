package dev.gannet.security;

import dev.gannet.broker.BrokerTimer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** A broker timer that runs nothing by itself: a test runs what was scheduled when it chooses. Thread-safe. */
final class ManualTimer implements BrokerTimer {

    record Scheduled(Runnable task, long delayMillis) {
    }

    private final List<Scheduled> once = new ArrayList<>(); // guarded by this
    private final List<Runnable> repeated = new ArrayList<>(); // guarded by this

    @Override
    public synchronized Future<?> schedule(Runnable task, long delayMillis) {
        once.add(new Scheduled(task, delayMillis));
        return new CompletableFuture<>();
    }

    @Override
    public synchronized void repeat(Runnable task, long periodMillis) {
        repeated.add(task);
    }

    /** The one-off tasks scheduled and not run yet, in the order scheduled. */
    synchronized List<Scheduled> pending() {
        return List.copyOf(once);
    }

    /** Runs the one-off tasks scheduled so far. */
    void runScheduled() {
        List<Scheduled> due;
        synchronized (this) {
            due = List.copyOf(once);
            once.clear();
        }
        due.forEach(s -> s.task().run());
    }

    /** Runs each repeated task once. */
    void runRepeated() {
        List<Runnable> tasks;
        synchronized (this) {
            tasks = List.copyOf(repeated);
        }
        tasks.forEach(Runnable::run);
    }
}
