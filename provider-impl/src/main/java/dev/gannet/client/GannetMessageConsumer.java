package dev.gannet.client;

import dev.gannet.message.GannetDestination;
import dev.gannet.message.GannetMessage;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Delivery;
import dev.gannet.protocol.SubscriptionSpec;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;

import java.util.ArrayDeque;
import java.util.function.Predicate;

/**
 * A message consumer (spec 8.2): messages the broker sent ahead wait in a bounded buffer (the prefetch window)
 * until {@code receive} or the listener takes them.
 */
public class GannetMessageConsumer implements QueueReceiver, TopicSubscriber {

    private final GannetSession session;
    private final int id;
    private final GannetDestination destination;
    private final String selector;
    private final boolean noLocal;
    private final SubscriptionSpec subscription;
    private final ArrayDeque<Delivery> buffer = new ArrayDeque<>(); // guarded by this
    private int takenSinceCredit; // guarded by this
    private volatile MessageListener listener;
    private volatile boolean closed;

    GannetMessageConsumer(GannetSession session, int id, GannetDestination destination, String selector,
                          boolean noLocal, SubscriptionSpec subscription) {
        this.session = session;
        this.id = id;
        this.destination = destination;
        this.selector = selector;
        this.noLocal = noLocal;
        this.subscription = subscription;
    }

    int id() {
        return id;
    }

    boolean isDurableSubscription(String name) {
        return subscription.durable() && name.equals(subscription.name());
    }

    // ---- buffer, fed by the session

    /** Buffers a delivery unless {@code current} says a recover or rollback made it stale. */
    synchronized boolean enqueue(Delivery delivery, Predicate<Delivery> current) {
        if (closed || !current.test(delivery)) {
            return false;
        }
        buffer.add(delivery);
        notifyAll();
        return true;
    }

    /** Takes the next buffered delivery for the application (see {@link GannetSession#taken}). */
    synchronized Delivery poll() {
        Delivery delivery = buffer.poll();
        if (delivery != null) {
            session.taken(this, delivery);
        }
        return delivery;
    }

    /** Returns once no {@link #poll} or receive is between taking a delivery and recording it. */
    synchronized void awaitTakeDone() {
        // entering the monitor is the wait
    }

    synchronized int buffered() {
        return buffer.size();
    }

    /** Drops buffered deliveries sent before a recover or rollback that started {@code generation}. */
    synchronized void discardOlderThan(long generation) {
        buffer.removeIf(delivery -> delivery.generation() < generation);
    }

    synchronized void wakeUp() {
        notifyAll();
    }

    /** Counts a message taken by the application; returns prefetch credit in batches of half the window. */
    void taken() {
        int credit = 0;
        synchronized (this) {
            takenSinceCredit++;
            if (takenSinceCredit >= Math.max(1, session.connection().prefetch() / 2)) {
                credit = takenSinceCredit;
                takenSinceCredit = 0;
            }
        }
        if (credit > 0 && !closed) {
            session.connection().send(new Command.Credit(session.id(), id, credit));
        }
    }

    /** Returns outstanding credit now, before a recover or rollback. */
    void flushCredit() {
        int credit;
        synchronized (this) {
            credit = takenSinceCredit;
            takenSinceCredit = 0;
        }
        if (credit > 0 && !closed) {
            session.connection().send(new Command.Credit(session.id(), id, credit));
        }
    }

    boolean hasListener() {
        return listener != null;
    }

    MessageListener listener() {
        return listener;
    }

    // ---- MessageConsumer

    private void checkClosed() throws IllegalStateException {
        if (closed) {
            throw Errors.closed("Consumer " + this);
        }
        session.checkClosed();
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkClosed();
        return selector;
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkClosed();
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener messageListener) throws JMSException {
        checkClosed();
        listener = messageListener;
        session.scheduleListener(this);
    }

    @Override
    public Message receive() throws JMSException {
        return receive(0, false);
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        return receive(timeout <= 0 ? 0 : timeout, false);
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        return receive(-1, false);
    }

    /**
     * Waits for the next message.
     *
     * @param timeout   milliseconds; 0 waits without end, negative does not wait
     * @param keepUnacked in an auto-acknowledging session, leave the acknowledgement to the caller (receiveBody)
     */
    GannetMessage receive(long timeout, boolean keepUnacked) throws JMSException {
        checkClosed();
        if (listener != null) {
            throw new IllegalStateException("Consumer " + this + " has a message listener; receive is not allowed");
        }
        long deadline = timeout > 0 ? System.currentTimeMillis() + timeout : 0;
        while (true) {
            Delivery delivery = awaitDelivery(timeout, deadline);
            if (delivery == null) {
                return null;
            }
            GannetMessage message = session.toApplication(this, delivery);
            if (message != null) {
                if (!keepUnacked && session.acknowledgesOnReceipt()) {
                    session.autoAcknowledge(delivery.deliveryId());
                }
                return message;
            }
        }
    }

    private synchronized Delivery awaitDelivery(long timeout, long deadline) throws JMSException {
        while (true) {
                if (closed) {
                    return null;
                }
                if (session.connection().isStarted()) {
                    Delivery delivery = poll();
                    if (delivery != null) {
                        return delivery;
                    }
                }
                JMSException failure = session.connection().failure();
                if (failure != null) {
                    throw Errors.withCause(new JMSException("Consumer " + this + " cannot receive: "
                            + failure.getMessage()), failure);
                }
                if (timeout < 0) {
                    return null;
                }
                long wait = 0;
                if (timeout > 0) {
                    wait = deadline - System.currentTimeMillis();
                    if (wait <= 0) {
                        return null;
                    }
                }
                try {
                    wait(timeout > 0 ? wait : 1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw Errors.jms(e);
                }
        }
    }

    /** The connection started: wake a waiting receive. */
    synchronized void connectionStarted() {
        notifyAll();
    }

    /**
     * Closes the consumer: a blocked receive returns null; a running listener of another thread finishes first.
     * Messages the application took stay with the session for acknowledgement or recovery.
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (!session.isDeliveryThread()) {
            session.awaitDeliveryPaused();
        }
        closeLocally();
        session.consumerClosed(this);
        session.connection().call(new Command.CloseConsumer(session.id(), id, session.unconsumedOf(id)));
    }

    /** Marks the consumer closed without telling the broker (the session's close does that). */
    synchronized void closeLocally() {
        closed = true;
        buffer.clear();
        notifyAll();
    }

    // ---- legacy interfaces

    @Override
    public Queue getQueue() throws JMSException {
        checkClosed();
        if (destination instanceof Queue queue) {
            return queue;
        }
        throw new IllegalStateException("Consumer " + this + " reads topic " + destination + ", not a queue");
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkClosed();
        if (destination instanceof Topic topic) {
            return topic;
        }
        throw new IllegalStateException("Consumer " + this + " reads queue " + destination + ", not a topic");
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        checkClosed();
        return noLocal;
    }

    @Override
    public String toString() {
        return session + ":" + id + " on " + destination;
    }
}
