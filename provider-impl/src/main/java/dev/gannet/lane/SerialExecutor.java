package dev.gannet.lane;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: an ordered lane without a thread of its own
 * (a client session's delivery lane, a broker connection's command lane). It knows which thread runs it, so calls
 * that are illegal from a callback can be refused.
 */
public final class SerialExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final String name;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(); // guarded by this
    private boolean scheduled; // guarded by this
    private volatile Thread runner;

    /** @param name what the lane serves, for log messages */
    public SerialExecutor(Executor pool, String name) {
        this.pool = pool;
        this.name = name;
    }

    /** Queues a task; if the pool is shut down, the lane's queued tasks are dropped with a debug log. */
    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                tasks.clear();
                scheduled = false;
            }
            LOG.debug("Lane of {} dropped its tasks: its pool is shut down", name);
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
                        return;
                    }
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("Task on the lane of {} failed", name, e);
                }
            }
        } finally {
            runner = null;
        }
    }

    /** Whether the calling thread is running one of this lane's tasks. */
    public boolean isCurrentThread() {
        return runner == Thread.currentThread();
    }
}
