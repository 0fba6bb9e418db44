package dev.gannet.samples.load;

import jakarta.jms.JMSException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a task on several threads released together, timing from the release to the last thread's end (wall clock and
 * the JVM's CPU).
 */
final class Parallel {

    /** One thread's part; {@code index} runs from 0 to the thread count - 1. */
    interface Task {
        void run(int index) throws JMSException, InterruptedException;
    }

    private Parallel() {
    }

    /**
     * @return the interval from the release to the end of the last thread
     * @throws JMSException  the first failure of a thread, if it was one (others are interrupted)
     * @throws IllegalStateException the first failure of a thread otherwise
     */
    static Span run(ProcessClock clock, String name, int threads, Task task) throws JMSException, InterruptedException {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            Thread thread = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    task.run(index);
                } catch (Throwable e) {
                    if (failure.compareAndSet(null, e)) {
                        started.forEach(t -> {
                            if (t != Thread.currentThread()) {
                                t.interrupt();
                            }
                        });
                    }
                }
            }, name + "-" + i);
            started.add(thread);
        }
        started.forEach(Thread::start);
        ready.await();
        ProcessClock.Mark start = clock.start();
        go.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        Span elapsed = start.stop();
        Throwable e = failure.get();
        if (e instanceof JMSException jms) {
            throw jms;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e != null) {
            throw new IllegalStateException(name + " failed: " + e, e);
        }
        return elapsed;
    }
}
