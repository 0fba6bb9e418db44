package dev.gannet.ra.outbound;

import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;

/**
 * A MessageProducer (QueueSender, TopicPublisher) of a {@link SessionHandle}: the physical producer, whose sends
 * first let a locally transacted session begin its transaction. Sends with a CompletionListener are refused with
 * {@link jakarta.jms.IllegalStateException} (Messaging 3.1 section 12.2).
 */
final class ProducerHandle implements QueueSender, TopicPublisher, OpenedResources.Closeable {

    private final SessionHandle session;
    private final MessageProducer physical;

    ProducerHandle(SessionHandle session, MessageProducer physical) {
        this.session = session;
        this.physical = physical;
    }

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        physical.setDisableMessageID(value);
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        return physical.getDisableMessageID();
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        physical.setDisableMessageTimestamp(value);
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        return physical.getDisableMessageTimestamp();
    }

    @Override
    public void setDeliveryMode(int deliveryMode) throws JMSException {
        physical.setDeliveryMode(deliveryMode);
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        return physical.getDeliveryMode();
    }

    @Override
    public void setPriority(int defaultPriority) throws JMSException {
        physical.setPriority(defaultPriority);
    }

    @Override
    public int getPriority() throws JMSException {
        return physical.getPriority();
    }

    @Override
    public void setTimeToLive(long timeToLive) throws JMSException {
        physical.setTimeToLive(timeToLive);
    }

    @Override
    public long getTimeToLive() throws JMSException {
        return physical.getTimeToLive();
    }

    @Override
    public void setDeliveryDelay(long deliveryDelay) throws JMSException {
        physical.setDeliveryDelay(deliveryDelay);
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        return physical.getDeliveryDelay();
    }

    @Override
    public Destination getDestination() throws JMSException {
        return physical.getDestination();
    }

    @Override
    public Queue getQueue() throws JMSException {
        return (Queue) physical.getDestination();
    }

    @Override
    public Topic getTopic() throws JMSException {
        return (Topic) physical.getDestination();
    }

    @Override
    public void close() throws JMSException {
        session.closed(this);
        physical.close();
    }

    @Override
    public void send(Message message) throws JMSException {
        session.beforeWork();
        physical.send(message);
    }

    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        session.beforeWork();
        physical.send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Destination destination, Message message) throws JMSException {
        session.beforeWork();
        physical.send(destination, message);
    }

    @Override
    public void send(Destination destination, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        session.beforeWork();
        physical.send(destination, message, deliveryMode, priority, timeToLive);
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

    /** @throws jakarta.jms.IllegalStateException always: section 12.2 */
    @Override
    public void send(Message message, CompletionListener completionListener) throws JMSException {
        throw Forbidden.method("MessageProducer.send with a CompletionListener");
    }

    /** @throws jakarta.jms.IllegalStateException always: section 12.2 */
    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive,
                     CompletionListener completionListener) throws JMSException {
        throw Forbidden.method("MessageProducer.send with a CompletionListener");
    }

    /** @throws jakarta.jms.IllegalStateException always: section 12.2 */
    @Override
    public void send(Destination destination, Message message, CompletionListener completionListener)
            throws JMSException {
        throw Forbidden.method("MessageProducer.send with a CompletionListener");
    }

    /** @throws jakarta.jms.IllegalStateException always: section 12.2 */
    @Override
    public void send(Destination destination, Message message, int deliveryMode, int priority, long timeToLive,
                     CompletionListener completionListener) throws JMSException {
        throw Forbidden.method("MessageProducer.send with a CompletionListener");
    }

    @Override
    public String toString() {
        return "Producer handle " + physical + " of " + session;
    }
}
