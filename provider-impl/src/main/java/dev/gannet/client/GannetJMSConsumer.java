package dev.gannet.client;

import dev.gannet.message.GannetMessage;
import dev.gannet.message.MessageType;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageListener;

/** The simplified API's consumer: a {@link GannetMessageConsumer} with runtime exceptions and receiveBody. */
public class GannetJMSConsumer implements JMSConsumer {

    private final GannetMessageConsumer consumer;
    private final GannetSession session;

    GannetJMSConsumer(GannetMessageConsumer consumer, GannetSession session) {
        this.consumer = consumer;
        this.session = session;
    }

    @Override
    public String getMessageSelector() {
        return Errors.unchecked(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() {
        return Errors.unchecked(consumer::getMessageListener);
    }

    @Override
    public void setMessageListener(MessageListener listener) {
        Errors.uncheckedRun(() -> {
            consumer.setMessageListener(listener);
            return null;
        });
    }

    @Override
    public Message receive() {
        return Errors.unchecked(consumer::receive);
    }

    @Override
    public Message receive(long timeout) {
        return Errors.unchecked(() -> consumer.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return Errors.unchecked(consumer::receiveNoWait);
    }

    @Override
    public void close() {
        Errors.uncheckedRun(() -> {
            consumer.close();
            return null;
        });
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return body(0, c);
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        return body(timeout <= 0 ? 0 : timeout, c);
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return body(-1, c);
    }

    /**
     * Receives a message and returns its body. A message whose body cannot be returned as {@code c} is not
     * acknowledged: in an auto-acknowledging session it is delivered again (JMSConsumer.receiveBody javadoc).
     */
    private <T> T body(long timeout, Class<T> c) {
        return Errors.unchecked(() -> {
            GannetMessage message = consumer.receive(timeout, true);
            if (message == null) {
                return null;
            }
            boolean autoAck = session.acknowledgesOnReceipt();
            boolean bodyType = message.type() != MessageType.PLAIN && message.type() != MessageType.STREAM;
            T body;
            try {
                if (!bodyType || !message.isBodyAssignableTo(c)) {
                    throw new MessageFormatRuntimeException("Message " + message.getJMSMessageID() + " is a "
                            + message.type() + " message whose body cannot be returned as " + c.getName());
                }
                body = message.getBody(c);
            } catch (MessageFormatRuntimeException | JMSException e) {
                if (autoAck) {
                    session.recover();
                }
                throw e;
            }
            if (autoAck) {
                session.acknowledgeAllTaken();
            }
            return body;
        });
    }
}
