package dev.gannet.ra.outbound;

import dev.gannet.client.RuntimeExceptions;
import jakarta.jms.JMSConsumer;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;

import static dev.gannet.client.RuntimeExceptions.unchecked;

/**
 * A JMSConsumer of a {@link JMSContextHandle}: the physical consumer on the pooled session. Message listeners are
 * refused with {@link jakarta.jms.IllegalStateRuntimeException} (Messaging 3.1 section 12.2): a container receives
 * asynchronously through message-driven beans.
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
        return receiveBody(c, physical::receive);
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        return receiveBody(c, () -> physical.receive(timeout));
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return receiveBody(c, physical::receiveNoWait);
    }

    /**
     * Receives and reads the body. A message whose body does not fit stays unacknowledged and goes back to the
     * destination (JMSConsumer.receiveBody javadoc): in a transaction by the transaction's outcome, outside one by a
     * local transaction of the adapter's own around the receive, rolled back when the body does not fit.
     */
    private <T> T receiveBody(Class<T> c, RuntimeExceptions.Call<Message> receive) {
        GannetManagedConnection managed = context.managedUnchecked();
        RuntimeExceptions.Call<T> work = () -> {
            Message message = receive.call();
            return message == null ? null : message.getBody(c);
        };
        if (managed.demarcation() != GannetManagedConnection.Demarcation.NONE) {
            return unchecked(work);
        }
        return unchecked(() -> managed.inOwnLocalTransaction(work));
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
