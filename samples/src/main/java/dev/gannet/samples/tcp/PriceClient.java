package dev.gannet.samples.tcp;

import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;

import java.util.Arrays;
import java.util.List;

/**
 * Request/reply, asking side: sends one request per symbol to the queue {@code prices} with JMSReplyTo set to a
 * temporary queue of its own, and matches each reply by JMSCorrelationID. {@link PriceService} must be running.
 *
 * <p>Run: {@code mvn -q -B -pl samples exec:java -Dsample=dev.gannet.samples.tcp.PriceClient
 * -Dexec.args="tcp://127.0.0.1:61616 GNT ACME JMS"} (arguments: broker URL, then symbols).
 */
public final class PriceClient {

    private static final long REPLY_TIMEOUT_MILLIS = 5000;

    private PriceClient() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "tcp://127.0.0.1:61616";
        List<String> symbols = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of("GNT", "ACME");
        try (JMSContext context = new GannetConnectionFactory(url).createContext()) {
            Queue prices = context.createQueue("prices");
            TemporaryQueue replyQueue = context.createTemporaryQueue(); // deleted when this connection closes
            try (JMSConsumer replies = context.createConsumer(replyQueue)) {
                for (String symbol : symbols) {
                    Message request = context.createTextMessage(symbol);
                    request.setJMSReplyTo(replyQueue);
                    context.createProducer().send(prices, request);
                    Message reply = replies.receive(REPLY_TIMEOUT_MILLIS);
                    if (reply == null) {
                        System.out.printf("no reply for %s within %d ms: is PriceService running?%n", symbol,
                                REPLY_TIMEOUT_MILLIS);
                    } else {
                        System.out.printf("%s -> '%s' (reply correlates with request: %b)%n", symbol,
                                reply.getBody(String.class),
                                request.getJMSMessageID().equals(reply.getJMSCorrelationID()));
                    }
                }
            }
        }
    }
}
