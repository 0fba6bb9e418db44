package dev.gannet.client;

import dev.gannet.message.GannetDestination;
import dev.gannet.message.GannetMessage;
import dev.gannet.message.MessageCodec;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.OutboundMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;

import java.util.concurrent.CompletableFuture;

/**
 * A message producer (spec 7). A persistent send outside a transaction returns once the broker stored the message; a
 * send with a CompletionListener returns at once and the listener hears the outcome. Non-persistent sends outside a
 * transaction and every send in a transacted session are one-way (unless the URL options
 * {@value ConnectionOptions#BLOCK_ON_NON_PERSISTENT_SEND} or {@value ConnectionOptions#BLOCK_ON_TRANSACTED_SEND} say
 * otherwise): what the client can check is still refused here, a failure on the broker fails the next commit or
 * reaches the connection's ExceptionListener.
 */
public class GannetMessageProducer implements QueueSender, TopicPublisher {

    private static final String GROUP_ID = "JMSXGroupID";

    private final GannetSession session;
    private final GannetDestination destination; // null: unidentified producer
    private volatile int deliveryMode = DeliveryMode.PERSISTENT;
    private volatile int priority = Message.DEFAULT_PRIORITY;
    private volatile long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private volatile long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private volatile boolean disableMessageId;
    private volatile boolean disableMessageTimestamp;
    private volatile boolean closed;

    GannetMessageProducer(GannetSession session, GannetDestination destination) {
        this.session = session;
        this.destination = destination;
    }

    private void checkClosed() throws IllegalStateException {
        if (closed) {
            throw Errors.closed("Producer " + this);
        }
        session.checkClosed();
    }

    private SendOptions defaults() {
        return new SendOptions(deliveryMode, priority, timeToLive, deliveryDelay, disableMessageId,
                disableMessageTimestamp);
    }

    private SendOptions with(int deliveryMode, int priority, long timeToLive) {
        return new SendOptions(deliveryMode, priority, timeToLive, deliveryDelay, disableMessageId,
                disableMessageTimestamp);
    }

    // ---- settings

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        checkClosed();
        disableMessageId = value;
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        checkClosed();
        return disableMessageId;
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        checkClosed();
        disableMessageTimestamp = value;
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        checkClosed();
        return disableMessageTimestamp;
    }

    @Override
    public void setDeliveryMode(int deliveryMode) throws JMSException {
        checkClosed();
        SendOptions.checkDeliveryMode(deliveryMode);
        this.deliveryMode = deliveryMode;
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        checkClosed();
        return deliveryMode;
    }

    @Override
    public void setPriority(int defaultPriority) throws JMSException {
        checkClosed();
        SendOptions.checkPriority(defaultPriority);
        this.priority = defaultPriority;
    }

    @Override
    public int getPriority() throws JMSException {
        checkClosed();
        return priority;
    }

    @Override
    public void setTimeToLive(long timeToLive) throws JMSException {
        checkClosed();
        this.timeToLive = timeToLive;
    }

    @Override
    public long getTimeToLive() throws JMSException {
        checkClosed();
        return timeToLive;
    }

    @Override
    public void setDeliveryDelay(long deliveryDelay) throws JMSException {
        checkClosed();
        this.deliveryDelay = deliveryDelay;
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        checkClosed();
        return deliveryDelay;
    }

    @Override
    public Destination getDestination() throws JMSException {
        checkClosed();
        return destination;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkClosed();
        return destination instanceof Queue q ? q : null;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkClosed();
        return destination instanceof Topic t ? t : null;
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (session.isCompletionThread()) {
            throw new IllegalStateException("Producer " + this + " cannot be closed from its own CompletionListener");
        }
        session.asyncSends().awaitAll();
        closeLocally();
        session.producerClosed(this);
    }

    void closeLocally() {
        closed = true;
    }

    // ---- send

    private GannetDestination fixed() throws JMSException {
        if (destination == null) {
            throw new UnsupportedOperationException("Producer " + this + " was created without a destination;"
                    + " use a send method that names one");
        }
        return destination;
    }

    private GannetDestination named(Destination target) throws JMSException {
        if (destination != null) {
            throw new UnsupportedOperationException("Producer " + this + " was created for " + destination
                    + "; it cannot send to another destination");
        }
        if (target == null) {
            throw new InvalidDestinationException("Destination must not be null");
        }
        return GannetSession.toGannet(target);
    }

    @Override
    public void send(Message message) throws JMSException {
        checkClosed();
        send(fixed(), message, defaults(), null);
    }

    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        checkClosed();
        send(fixed(), message, with(deliveryMode, priority, timeToLive), null);
    }

    @Override
    public void send(Destination target, Message message) throws JMSException {
        checkClosed();
        send(named(target), message, defaults(), null);
    }

    @Override
    public void send(Destination target, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        checkClosed();
        send(named(target), message, with(deliveryMode, priority, timeToLive), null);
    }

    @Override
    public void send(Message message, CompletionListener completionListener) throws JMSException {
        checkClosed();
        send(fixed(), message, defaults(), requireListener(completionListener));
    }

    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive,
                     CompletionListener completionListener) throws JMSException {
        checkClosed();
        send(fixed(), message, with(deliveryMode, priority, timeToLive), requireListener(completionListener));
    }

    @Override
    public void send(Destination target, Message message, CompletionListener completionListener) throws JMSException {
        checkClosed();
        send(named(target), message, defaults(), requireListener(completionListener));
    }

    @Override
    public void send(Destination target, Message message, int deliveryMode, int priority, long timeToLive,
                     CompletionListener completionListener) throws JMSException {
        checkClosed();
        send(named(target), message, with(deliveryMode, priority, timeToLive), requireListener(completionListener));
    }

    private static CompletionListener requireListener(CompletionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("CompletionListener must not be null");
        }
        return listener;
    }

    @Override
    public void send(Queue queue, Message message) throws JMSException {
        send((Destination) queue, message);
    }

    @Override
    public void send(Queue queue, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        send((Destination) queue, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void publish(Message message) throws JMSException {
        send(message);
    }

    @Override
    public void publish(Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void publish(Topic topic, Message message) throws JMSException {
        send(topic, message);
    }

    @Override
    public void publish(Topic topic, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        send(topic, message, deliveryMode, priority, timeToLive);
    }

    /**
     * Sets the send headers on {@code message} (spec 3.4.11), encodes it and hands it to the broker. With a
     * completion listener the call returns at once and the listener hears the outcome on the session's
     * completion lane, in send order.
     */
    void send(GannetDestination target, Message message, SendOptions options, CompletionListener completion)
            throws JMSException {
        sendMessage(session, target, message, options, completion);
    }

    /** The one send path, shared by MessageProducer and JMSProducer. */
    static void sendMessage(GannetSession session, GannetDestination target, Message message, SendOptions options,
                            CompletionListener completion) throws JMSException {
        if (message == null) {
            throw new MessageFormatException("Message must not be null");
        }
        options.check();
        session.connection().checkNotDeleted(target);
        long now = System.currentTimeMillis();
        message.setJMSDestination(target);
        message.setJMSDeliveryMode(options.deliveryMode());
        message.setJMSPriority(options.priority());
        message.setJMSTimestamp(options.disableMessageTimestamp() ? 0 : now);
        message.setJMSExpiration(options.timeToLive() > 0 ? now + options.timeToLive() : 0);
        message.setJMSDeliveryTime(now + Math.max(0, options.deliveryDelay()));
        message.setJMSMessageID(options.disableMessageId() ? null : session.connection().nextMessageId());
        GannetMessage gannet = message instanceof GannetMessage own ? own : MessageCodec.fromForeign(message);
        Object groupId = gannet.getObjectProperty(GROUP_ID);
        OutboundMessage outbound = new OutboundMessage(target, options.deliveryMode() == DeliveryMode.PERSISTENT,
                options.priority(), message.getJMSExpiration(), message.getJMSDeliveryTime(),
                groupId == null ? null : groupId.toString(), MessageCodec.encode(gannet));
        Command.Send send = new Command.Send(session.id(), outbound);
        if (completion == null) {
            if (session.connection().sendWaits(session.transaction().stagesSends(), outbound.persistent())) {
                session.connection().call(send);
            } else {
                session.connection().post(send);
            }
            return;
        }
        session.asyncSends().started();
        CompletableFuture<Void> answer;
        try {
            answer = session.connection().send(send);
        } catch (RuntimeException e) {
            session.asyncSends().finished();
            throw Errors.jms(e);
        }
        session.asyncSends().whenDone(answer, failure -> session.completionLane().execute(() -> {
            try {
                if (failure == null) {
                    completion.onCompletion(message);
                } else {
                    completion.onException(message, Errors.jms(failure));
                }
            } finally {
                session.asyncSends().finished();
            }
        }));
    }

    @Override
    public String toString() {
        return "producer of " + session + (destination == null ? "" : " to " + destination);
    }
}
