package dev.gannet.integration;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code Connection.close} javadoc forbids close only from the connection's own MessageListener or
 * CompletionListener; an ExceptionListener may close its failed connection (Spring's CachingConnectionFactory and
 * SingleConnectionFactory do). Such a close returns promptly, leaves the caller's interrupt status alone, and
 * releases the connection's threads.
 */
class ExceptionListenerCloseTest extends BrokerTestSupport {

    @Test
    void exceptionListenerClosesItsConnectionPromptly() throws Exception {
        Connection connection = connection();
        connection.createSession().createConsumer(connection.createSession().createQueue("q"));
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<JMSException> failure = new AtomicReference<>();
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicLong closeNanos = new AtomicLong();
        AtomicReference<Thread> listenerThread = new AtomicReference<>();
        connection.setExceptionListener(exception -> {
            listenerThread.set(Thread.currentThread());
            long start = System.nanoTime();
            try {
                connection.close();
            } catch (JMSException e) {
                failure.set(e);
            }
            closeNanos.set(System.nanoTime() - start);
            interrupted.set(Thread.currentThread().isInterrupted());
            closed.countDown();
        });
        stopBrokerUnderConnections();
        assertTrue(closed.await(30, TimeUnit.SECONDS), "the ExceptionListener's close returned");
        System.out.printf("close() from the ExceptionListener over %s took %.1f ms%n", TCP ? "tcp" : "vm",
                closeNanos.get() / 1e6);
        assertNull(failure.get(), "close() from the ExceptionListener failed");
        assertFalse(interrupted.get(), "close() interrupted the ExceptionListener's thread");
        listenerThread.get().join(ARRIVES);
        assertFalse(listenerThread.get().isAlive(), "the connection's thread ends once its listener returned");
        connection.close(); // closing again is a no-op
    }
}
