package dev.gannet.samples.tcp;

import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;

/**
 * Point-to-point, receiving side: takes messages from a queue of a standalone server until none arrived for a
 * while. Start two receivers and each message goes to exactly one of them.
 *
 * <p>Run: {@code mvn -q -B -pl samples exec:java -Dsample=dev.gannet.samples.tcp.Receiver
 * -Dexec.args="tcp://127.0.0.1:61616 orders 30"} (arguments: broker URL, queue name, seconds to wait for the next
 * message).
 */
public final class Receiver {

    private Receiver() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "tcp://127.0.0.1:61616";
        String queueName = args.length > 1 ? args[1] : "orders";
        long idleMillis = (args.length > 2 ? Long.parseLong(args[2]) : 30) * 1000;
        try (JMSContext context = new GannetConnectionFactory(url).createContext();
             JMSConsumer consumer = context.createConsumer(context.createQueue(queueName))) {
            System.out.printf("waiting for messages on queue %s (stops after %d s without one)%n", queueName,
                    idleMillis / 1000);
            int received = 0;
            Message message;
            while ((message = consumer.receive(idleMillis)) != null) {
                received++;
                System.out.printf("received '%s' (orderNumber %s, redelivered %b)%n", message.getBody(String.class),
                        message.getObjectProperty("orderNumber"), message.getJMSRedelivered());
            }
            System.out.printf("no message for %d s; received %d in all%n", idleMillis / 1000, received);
        }
    }
}
