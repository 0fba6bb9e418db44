package dev.gannet.client;

import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;

/** What the producers of a Gannet JMSContext send with: the context's session, on the client's one send path. */
final class ContextProducerSession implements ProducerSession {

    private final GannetSession session;

    ContextProducerSession(GannetSession session) {
        this.session = session;
    }

    @Override
    public Session session() throws JMSException {
        session.checkClosed();
        return session;
    }

    @Override
    public void send(Destination destination, Message message, SendOptions options, CompletionListener completion)
            throws JMSException {
        session.checkClosed();
        GannetMessageProducer.sendMessage(session, GannetSession.toGannet(destination), message, options, completion);
    }
}
