package dev.gannet.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: a session's delivery lane without a thread
 * of its own. It knows which thread runs it, so calls that are illegal from a callback can be refused.
 */
final class SerialExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(); // guarded by this
    private boolean scheduled; // guarded by this
    private volatile Thread runner;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
        if (!scheduled) {
            scheduled = true;
            pool.execute(this::drain);
        }
    }

    private void drain() {
        runner = Thread.currentThread();
        try {
            while (true) {
                Runnable task;
                synchronized (this) {
                    task = tasks.poll();
                    if (task == null) {
                        scheduled = false;
                        notifyAll();
                        return;
                    }
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("Task on a session lane failed", e);
                }
            }
        } finally {
            runner = null;
        }
    }

    /** Whether the calling thread is running one of this lane's tasks. */
    boolean isCurrentThread() {
        return runner == Thread.currentThread();
    }

    /** Waits until every task submitted so far has run. Must not be called from the lane itself. */
    synchronized void awaitIdle() throws InterruptedException {
        while (scheduled) {
            wait();
        }
    }
}
