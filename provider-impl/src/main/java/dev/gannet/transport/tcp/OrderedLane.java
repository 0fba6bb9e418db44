package dev.gannet.transport.tcp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one connection's tasks one at a time, in submission order, on a shared pool: the broker-side lane that keeps
 * commands of a tcp connection in order without a thread per connection and off the I/O threads.
 */
final class OrderedLane implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(OrderedLane.class);

    private final Executor pool;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(); // guarded by this
    private boolean scheduled; // guarded by this

    OrderedLane(Executor pool) {
        this.pool = pool;
    }

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
            LOG.debug("Lane dropped its tasks: the pool is shut down");
        }
    }

    private void drain() {
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
                LOG.error("Task on a tcp connection lane failed", e);
            }
        }
    }
}
