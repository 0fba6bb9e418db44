package dev.gannet.ra.server;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Timer;

/**
 * The BootstrapContext a server gives the adapter at start: its WorkManager and timers. No transaction inflow, no
 * work contexts: the adapter uses neither.
 */
public final class TestBootstrapContext implements BootstrapContext, AutoCloseable {

    private final ThreadPoolWorkManager workManager = new ThreadPoolWorkManager();
    private final List<Timer> timers = new ArrayList<>();

    @Override
    public ThreadPoolWorkManager getWorkManager() {
        return workManager;
    }

    @Override
    public XATerminator getXATerminator() {
        return null;
    }

    @Override
    public synchronized Timer createTimer() {
        Timer timer = new Timer("test-timer", true);
        timers.add(timer);
        return timer;
    }

    @Override
    public boolean isContextSupported(Class<? extends WorkContext> workContextClass) {
        return false;
    }

    @Override
    public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            timers.forEach(Timer::cancel);
        }
        workManager.close();
    }
}
