package dev.gannet.samples.tcp;

import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;

/**
 * Point-to-point, sending side: persistent messages to a queue of a standalone server; {@link Receiver} takes them
 * in another JVM, now or after a server restart.
 *
 * <p>Run: {@code mvn -q -B -pl samples exec:java -Dsample=dev.gannet.samples.tcp.Sender
 * -Dexec.args="tcp://127.0.0.1:61616 10 orders"} (arguments: broker URL, message count, queue name).
 */
public final class Sender {

    private Sender() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "tcp://127.0.0.1:61616";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String queueName = args.length > 2 ? args[2] : "orders";
        try (JMSContext context = new GannetConnectionFactory(url).createContext()) {
            Queue queue = context.createQueue(queueName);
            JMSProducer producer = context.createProducer();
            for (int i = 1; i <= count; i++) {
                producer.setProperty("orderNumber", i).send(queue, "order #" + i);
                System.out.printf("sent 'order #%d' to queue %s (stored by the server before send returned)%n", i,
                        queueName);
            }
        }
    }
}
