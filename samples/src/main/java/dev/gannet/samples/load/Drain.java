package dev.gannet.samples.load;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Receiving a known number of messages, failing when they stop coming instead of waiting forever. */
final class Drain {

    /** How long receiving may go without any message before the workload fails. */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(30);
    /** Messages received per commit when draining in a transacted session. */
    static final int BATCH = 1000;

    private Drain() {
    }

    /**
     * Empties queue {@code name} of exactly {@code expected} messages through a transacted session, committing every
     * {@link #BATCH}, then checks nothing is left.
     *
     * @return the interval from creating the consumer to the last commit, as {@code clock} measures it
     * @throws IllegalStateException if fewer arrive before {@link #IDLE_LIMIT} passes without one, or more are there
     */
    static Span queue(ProcessClock clock, ConnectionFactory factory, String name, long expected)
            throws JMSException {
        return queue(clock, factory, name, expected, null);
    }

    /**
     * As {@link #queue(ProcessClock, ConnectionFactory, String, long)}, receiving only what {@code selector} matches.
     */
    static Span queue(ProcessClock clock, ConnectionFactory factory, String name, long expected, String selector)
            throws JMSException {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            ProcessClock.Mark mark = clock.start();
            long start = System.nanoTime();
            MessageConsumer consumer = session.createConsumer(session.createQueue(name), selector);
            long received = 0;
            long lastMessage = start;
            while (received < expected) {
                Message message = consumer.receive(100);
                long now = System.nanoTime();
                if (message != null) {
                    received++;
                    lastMessage = now;
                    if (received % BATCH == 0) {
                        session.commit();
                    }
                } else if (now - lastMessage > IDLE_LIMIT.toNanos()) {
                    throw missing("queue " + name, received, expected);
                }
            }
            session.commit();
            Span elapsed = mark.stop();
            if (consumer.receive(200) != null) {
                session.rollback();
                throw new IllegalStateException("queue " + name + " held more than the " + expected
                        + " messages sent to it");
            }
            return elapsed;
        }
    }

    /**
     * Receives with {@code consumer} until {@code received}, shared by every consumer of the group, reaches
     * {@code total}.
     *
     * @throws IllegalStateException if the group receives nothing for {@link #IDLE_LIMIT}
     */
    static void share(MessageConsumer consumer, AtomicLong received, long total, String what)
            throws JMSException {
        long seen = received.get();
        long progressAt = System.nanoTime();
        while (seen < total) {
            if (consumer.receive(100) != null) {
                seen = received.incrementAndGet();
                progressAt = System.nanoTime();
                continue;
            }
            long now = System.nanoTime();
            long current = received.get();
            if (current != seen) {
                seen = current;
                progressAt = now;
            } else if (now - progressAt > IDLE_LIMIT.toNanos()) {
                throw missing(what, current, total);
            }
        }
    }

    static IllegalStateException missing(String what, long received, long expected) {
        return new IllegalStateException(what + ": received " + received + " of " + expected
                + " messages, then nothing for " + IDLE_LIMIT.toSeconds() + " s");
    }
}
