package dev.gannet.ra.outbound;

import jakarta.jms.JMSConsumer;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;

import static dev.gannet.ra.outbound.RuntimeExceptions.unchecked;

/**
 * A JMSConsumer of a {@link JMSContextHandle}: the physical consumer on the pooled session. Message listeners are
 * refused with {@link jakarta.jms.IllegalStateRuntimeException} (Messaging 3.1 section 12.2). {@code receiveBody}
 * receives first, then reads the body: outside a transaction a message whose body does not fit is acknowledged
 * already when {@link jakarta.jms.MessageFormatRuntimeException} is thrown; in one, the transaction's rollback
 * returns it.
 */
final class ContextConsumer implements JMSConsumer, OpenedResources.Closeable {

    private final JMSContextHandle context;
    private final MessageConsumer physical;

    ContextConsumer(JMSContextHandle context, MessageConsumer physical) {
        this.context = context;
        this.physical = physical;
    }

    @Override
    public String getMessageSelector() {
        return unchecked(physical::getMessageSelector);
    }

    /** @throws jakarta.jms.IllegalStateRuntimeException always: section 12.2 */
    @Override
    public MessageListener getMessageListener() {
        throw Forbidden.runtimeMethod("JMSConsumer.getMessageListener");
    }

    /** @throws jakarta.jms.IllegalStateRuntimeException always: section 12.2 */
    @Override
    public void setMessageListener(MessageListener listener) {
        throw Forbidden.runtimeMethod("JMSConsumer.setMessageListener");
    }

    @Override
    public Message receive() {
        return unchecked(physical::receive);
    }

    @Override
    public Message receive(long timeout) {
        return unchecked(() -> physical.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return unchecked(physical::receiveNoWait);
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return body(receive(), c);
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        return body(receive(timeout), c);
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return body(receiveNoWait(), c);
    }

    private static <T> T body(Message message, Class<T> c) {
        return message == null ? null : unchecked(() -> message.getBody(c));
    }

    @Override
    public void close() {
        context.closed(this);
        RuntimeExceptions.uncheckedRun(physical::close);
    }

    @Override
    public String toString() {
        return "JMSConsumer handle " + physical + " of " + context;
    }
}
