package dev.gannet.client;

import dev.gannet.message.GannetMessage;
import dev.gannet.message.MessageCodec;
import dev.gannet.protocol.Command;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** A queue browser (spec 4.1.? QueueBrowser): each enumeration is a snapshot of the queue in delivery order. */
public class GannetQueueBrowser implements QueueBrowser {

    private final GannetSession session;
    private final Queue queue;
    private final String selector;
    private volatile boolean closed;

    GannetQueueBrowser(GannetSession session, Queue queue, String selector) {
        this.session = session;
        this.queue = queue;
        this.selector = selector;
    }

    private void checkClosed() throws IllegalStateException {
        if (closed) {
            throw Errors.closed("Browser of " + queue);
        }
        session.checkClosed();
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkClosed();
        return queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkClosed();
        return selector;
    }

    @Override
    public Enumeration<?> getEnumeration() throws JMSException {
        checkClosed();
        List<byte[]> encoded = session.connection().call(
                new Command.Browse(GannetSession.toGannet(queue), selector));
        List<GannetMessage> messages = new ArrayList<>(encoded.size());
        for (byte[] bytes : encoded) {
            GannetMessage message = MessageCodec.decode(bytes);
            message.markDelivered(1, false);
            messages.add(message);
        }
        return Collections.enumeration(messages);
    }

    @Override
    public void close() {
        closeLocally();
        session.browserClosed(this);
    }

    void closeLocally() {
        closed = true;
    }
}
