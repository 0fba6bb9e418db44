package dev.gannet.transport.tcp.client;

import dev.gannet.protocol.Answer;
import dev.gannet.transport.tcp.Frame;
import jakarta.jms.JMSException;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Matches replies to the requests that are waiting for them, by correlation id, and checks that each answers the type
 * its request expects. Once the link is lost every waiting request, and every later one, fails with a fresh exception
 * from the loss.
 */
final class ReplyCorrelator {

    /** A request waiting for its reply, an answer of type {@code type}. */
    record Pending<A>(long correlationId, Answer<A> type, CompletableFuture<A> answer) {

        private void complete(Frame.Reply reply) {
            if (reply.failure() != null) {
                answer.completeExceptionally(reply.failure().toException());
            } else if (reply.type() != type) {
                answer.completeExceptionally(new JMSException("Broker answered " + reply.type() + " where " + type
                        + " was expected (reply " + correlationId + ")"));
            } else {
                answer.complete(type.cast(reply.answer()));
            }
        }
    }

    private final AtomicLong correlationIds = new AtomicLong();
    private final Map<Long, Pending<?>> waiting = new ConcurrentHashMap<>();
    private volatile Supplier<JMSException> loss;

    /** Registers a new request for an answer of {@code type}; its future is already failed when the link is lost. */
    <A> Pending<A> register(Answer<A> type) {
        Pending<A> pending = new Pending<>(correlationIds.incrementAndGet(), type, new CompletableFuture<>());
        waiting.put(pending.correlationId(), pending);
        Supplier<JMSException> lost = loss;
        if (lost != null) {
            fail(pending.correlationId(), lost.get());
        }
        return pending;
    }

    /** Completes the request the reply answers; a reply nobody waits for is ignored. */
    void complete(Frame.Reply reply) {
        Pending<?> pending = waiting.remove(reply.correlationId());
        if (pending != null) {
            pending.complete(reply);
        }
    }

    /** Fails one request, e.g. because its command could not be written. */
    void fail(long correlationId, JMSException cause) {
        Pending<?> pending = waiting.remove(correlationId);
        if (pending != null) {
            pending.answer().completeExceptionally(cause);
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
