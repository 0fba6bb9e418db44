package dev.gannet.ra.server;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkCompletedException;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.resource.spi.work.WorkRejectedException;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A WorkManager on a thread pool of its own, as an application server's is (Connectors 2.1 chapter 10). */
public final class ThreadPoolWorkManager implements WorkManager, AutoCloseable {

    private final ExecutorService threads;
    private final AtomicInteger running = new AtomicInteger();

    public ThreadPoolWorkManager() {
        AtomicInteger numbers = new AtomicInteger();
        threads = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "test-work-" + numbers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** How many works run now. */
    public int running() {
        return running.get();
    }

    @Override
    public void doWork(Work work) throws WorkException {
        doWork(work, INDEFINITE, null, null);
    }

    @Override
    public void doWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener)
            throws WorkException {
        Future<?> done = submit(work, listener);
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkCompletedException("Interrupted while waiting for " + work, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new WorkCompletedException(work + " failed", e.getCause());
        }
    }

    @Override
    public long startWork(Work work) throws WorkException {
        return startWork(work, INDEFINITE, null, null);
    }

    @Override
    public long startWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener)
            throws WorkException {
        submit(work, listener);
        return 0;
    }

    @Override
    public void scheduleWork(Work work) throws WorkException {
        scheduleWork(work, INDEFINITE, null, null);
    }

    @Override
    public void scheduleWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener)
            throws WorkException {
        submit(work, listener);
    }

    private Future<?> submit(Work work, WorkListener listener) throws WorkRejectedException {
        try {
            if (listener != null) {
                listener.workAccepted(new WorkEvent(this, WorkEvent.WORK_ACCEPTED, work, null));
            }
            return threads.submit(() -> {
                running.incrementAndGet();
                try {
                    if (listener != null) {
                        listener.workStarted(new WorkEvent(this, WorkEvent.WORK_STARTED, work, null));
                    }
                    work.run();
                } finally {
                    running.decrementAndGet();
                    if (listener != null) {
                        listener.workCompleted(new WorkEvent(this, WorkEvent.WORK_COMPLETED, work, null));
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            throw new WorkRejectedException("The pool is shut down", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(30, TimeUnit.SECONDS);
    }
}
