package dev.gannet.ra.outbound;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;

/**
 * A MessageConsumer (QueueReceiver, TopicSubscriber) of a {@link SessionHandle}: the physical consumer, whose
 * receives first let a locally transacted session begin its transaction. Message listeners are refused with
 * {@link jakarta.jms.IllegalStateException} (Messaging 3.1 section 12.2): a container receives asynchronously through
 * message-driven beans.
 */
final class ConsumerHandle implements QueueReceiver, TopicSubscriber, OpenedResources.Closeable {

    private final SessionHandle session;
    private final MessageConsumer physical;
    private final Destination destination;
    private final boolean noLocal;

    ConsumerHandle(SessionHandle session, MessageConsumer physical, Destination destination, boolean noLocal) {
        this.session = session;
        this.physical = physical;
        this.destination = destination;
        this.noLocal = noLocal;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        return physical.getMessageSelector();
    }

    /** @throws jakarta.jms.IllegalStateException always: section 12.2 */
    @Override
    public MessageListener getMessageListener() throws JMSException {
        throw Forbidden.method("MessageConsumer.getMessageListener");
    }

    /** @throws jakarta.jms.IllegalStateException always: section 12.2 */
    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        throw Forbidden.method("MessageConsumer.setMessageListener");
    }

    @Override
    public Message receive() throws JMSException {
        session.beforeWork();
        return physical.receive();
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        session.beforeWork();
        return physical.receive(timeout);
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        session.beforeWork();
        return physical.receiveNoWait();
    }

    @Override
    public void close() throws JMSException {
        session.closed(this);
        physical.close();
    }

    @Override
    public Queue getQueue() throws JMSException {
        return (Queue) destination;
    }

    @Override
    public Topic getTopic() throws JMSException {
        return (Topic) destination;
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        return noLocal;
    }

    @Override
    public String toString() {
        return "Consumer handle " + physical + " of " + session;
    }
}
