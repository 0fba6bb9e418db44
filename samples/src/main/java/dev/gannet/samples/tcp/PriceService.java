package dev.gannet.samples.tcp;

import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;

/**
 * Request/reply, serving side: answers each request on the queue {@code prices} with a price, sent to the request's
 * JMSReplyTo (the client's temporary queue) with JMSCorrelationID set to the request's JMSMessageID. Runs until
 * stopped with Ctrl-C; run {@link PriceClient} in another JVM.
 *
 * <p>Run: {@code mvn -q -B -pl samples exec:java -Dsample=dev.gannet.samples.tcp.PriceService
 * -Dexec.args="tcp://127.0.0.1:61616"}
 */
public final class PriceService {

    private PriceService() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "tcp://127.0.0.1:61616";
        try (JMSContext context = new GannetConnectionFactory(url).createContext();
             JMSConsumer requests = context.createConsumer(context.createQueue("prices"))) {
            JMSProducer replies = context.createProducer();
            System.out.println("price service answering requests on queue prices (Ctrl-C stops it)");
            while (true) {
                Message request = requests.receive();
                if (request == null) {
                    return; // the connection closed
                }
                String symbol = request.getBody(String.class);
                String price = String.format("%s %.2f", symbol, price(symbol));
                if (request.getJMSReplyTo() == null) {
                    System.out.printf("request for %s names no JMSReplyTo; not answered%n", symbol);
                    continue;
                }
                replies.setJMSCorrelationID(request.getJMSMessageID()).send(request.getJMSReplyTo(), price);
                System.out.printf("answered %s -> %s%n", request.getJMSMessageID(), price);
            }
        }
    }

    /** A made-up but stable price per symbol. */
    private static double price(String symbol) {
        return 10 + Math.floorMod(symbol.hashCode(), 9000) / 100.0;
    }
}
