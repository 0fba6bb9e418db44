package dev.gannet.transport.tcp;

import jakarta.jms.JMSException;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Matches replies to the requests that are waiting for them, by correlation id. Once the link is lost every waiting
 * request, and every later one, fails with a fresh exception from the loss.
 */
final class ReplyCorrelator {

    /** A request waiting for its reply. */
    record Pending(long correlationId, CompletableFuture<Object> answer) {
    }

    private final AtomicLong correlationIds = new AtomicLong();
    private final Map<Long, CompletableFuture<Object>> waiting = new ConcurrentHashMap<>();
    private volatile Supplier<JMSException> loss;

    /** Registers a new request; its future is already failed when the link is lost. */
    Pending register() {
        long id = correlationIds.incrementAndGet();
        CompletableFuture<Object> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        Supplier<JMSException> lost = loss;
        if (lost != null) {
            fail(id, lost.get());
        }
        return new Pending(id, answer);
    }

    /** Completes the request the reply answers; a reply nobody waits for is ignored. */
    void complete(Frame.Reply reply) {
        CompletableFuture<Object> answer = waiting.remove(reply.correlationId());
        if (answer == null) {
            return;
        }
        if (reply.failure() == null) {
            answer.complete(reply.answer());
        } else {
            answer.completeExceptionally(reply.failure().toException());
        }
    }

    /** Fails one request, e.g. because its command could not be written. */
    void fail(long correlationId, JMSException cause) {
        CompletableFuture<Object> answer = waiting.remove(correlationId);
        if (answer != null) {
            answer.completeExceptionally(cause);
        }
    }

    /** Fails every waiting request and every later one with an exception from {@code cause}. */
    void failAll(Supplier<JMSException> cause) {
        loss = cause;
        for (Long id : waiting.keySet()) {
            fail(id, cause.get());
        }
    }
}
