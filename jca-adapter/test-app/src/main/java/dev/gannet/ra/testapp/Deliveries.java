package dev.gannet.ra.testapp;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What each message-driven bean was handed, in order, kept for the scenarios to wait on. Deliveries that a
 * listener's transaction later rolls back are recorded too: a redelivery shows up as a second entry.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Deliveries {
    /** By listener name; guarded by {@code this}. */
    private final Map<String, List<Received>> byListener = new HashMap<>();

    /** Records that {@code listener} was handed {@code message}. */
    public synchronized void record(String listener, Received message) {
        byListener.computeIfAbsent(listener, name -> new ArrayList<>()).add(message);
        notifyAll();
    }

    /**
     * Waits until {@code listener} was handed a message that {@code wanted} accepts, or {@code timeout} passed.
     *
     * @return everything {@code listener} was handed so far, in order
     */
    public synchronized List<Received> awaitOne(String listener, Predicate<Received> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (long left = timeout.toNanos(); left > 0 && seen(listener).stream().noneMatch(wanted);
                    left = deadline - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return seen(listener);
    }

    /** Everything {@code listener} was handed so far, in order. */
    public synchronized List<Received> seen(String listener) {
        return List.copyOf(byListener.getOrDefault(listener, List.of()));
    }
}
