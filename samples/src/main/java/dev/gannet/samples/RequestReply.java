package dev.gannet.samples;

import dev.gannet.api.EmbeddedBroker;
import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;

/**
 * Request/reply with a temporary queue and JMSCorrelationID: a "service" answers on the queue named by each
 * request's JMSReplyTo.
 *
 * <p>Run: {@code mvn -q -B -pl samples exec:java -Dsample=dev.gannet.samples.RequestReply}
 */
public final class RequestReply {

    private RequestReply() {
    }

    public static void main(String[] args) throws JMSException {
        GannetConnectionFactory factory = new GannetConnectionFactory("vm://samples");
        try (JMSContext service = factory.createContext(); JMSContext client = service.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Queue requests = service.createQueue("quotes");
            service.createConsumer(requests).setMessageListener(request -> {
                try {
                    String symbol = request.getBody(String.class);
                    service.createProducer().setJMSCorrelationID(request.getJMSMessageID())
                            .send(request.getJMSReplyTo(), symbol + " = " + (100 + symbol.length()));
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });

            TemporaryQueue replies = client.createTemporaryQueue();
            JMSConsumer replyConsumer = client.createConsumer(replies);
            for (String symbol : new String[]{"GNT", "ACME", "JMS"}) {
                Message request = client.createTextMessage(symbol);
                request.setJMSReplyTo(replies);
                client.createProducer().send(requests, request);
                Message reply = replyConsumer.receive(5000);
                System.out.printf("request %s -> reply '%s' (correlated: %b)%n", symbol, reply.getBody(String.class),
                        request.getJMSMessageID().equals(reply.getJMSCorrelationID()));
            }
        } finally {
            EmbeddedBroker.stop("samples"); // started by the first connection, it runs until stopped
        }
    }
}
