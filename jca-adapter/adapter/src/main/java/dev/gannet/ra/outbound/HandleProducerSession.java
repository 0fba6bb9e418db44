package dev.gannet.ra.outbound;

import dev.gannet.client.ProducerSession;
import dev.gannet.client.SendOptions;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

/**
 * What the JMSProducers of a {@link JMSContextHandle} send with: its pooled session, through the context's anonymous
 * producer. Sends are synchronous: {@code JMSProducer.setAsync} with a listener throws
 * {@link jakarta.jms.IllegalStateRuntimeException} (Messaging 3.1 section 12.2).
 */
final class HandleProducerSession implements ProducerSession {

    private final JMSContextHandle context;

    HandleProducerSession(JMSContextHandle context) {
        this.context = context;
    }

    @Override
    public Session session() {
        return context.physical();
    }

    /** @throws jakarta.jms.IllegalStateException for a {@code completion}: section 12.2 */
    @Override
    public void send(Destination destination, Message message, SendOptions options, CompletionListener completion)
            throws JMSException {
        if (completion != null) {
            throw Forbidden.method("An asynchronous send");
        }
        MessageProducer producer = context.producer();
        producer.setDisableMessageID(options.disableMessageId());
        producer.setDisableMessageTimestamp(options.disableMessageTimestamp());
        producer.setDeliveryDelay(options.deliveryDelay());
        producer.send(destination, message, options.deliveryMode(), options.priority(), options.timeToLive());
    }

    /** @throws jakarta.jms.IllegalStateException always: section 12.2 */
    @Override
    public void acceptAsync() throws JMSException {
        throw Forbidden.method("JMSProducer.setAsync");
    }
}
