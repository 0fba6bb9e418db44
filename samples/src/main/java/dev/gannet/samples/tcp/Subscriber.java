package dev.gannet.samples.tcp;

import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;

/**
 * Publish/subscribe, subscribing side: prints what is published to a topic of a standalone server while it runs.
 * Start several and each prints every headline.
 *
 * <p>Run: {@code mvn -q -B -pl samples exec:java -Dsample=dev.gannet.samples.tcp.Subscriber
 * -Dexec.args="tcp://127.0.0.1:61616 news 60"} (arguments: broker URL, topic name, seconds to wait for the next
 * headline).
 */
public final class Subscriber {

    private Subscriber() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "tcp://127.0.0.1:61616";
        String topicName = args.length > 1 ? args[1] : "news";
        long idleMillis = (args.length > 2 ? Long.parseLong(args[2]) : 60) * 1000;
        try (JMSContext context = new GannetConnectionFactory(url).createContext();
             JMSConsumer consumer = context.createConsumer(context.createTopic(topicName))) {
            System.out.printf("subscribed to topic %s (stops after %d s without a headline)%n", topicName,
                    idleMillis / 1000);
            Message message;
            while ((message = consumer.receive(idleMillis)) != null) {
                System.out.printf("received '%s' (edition %s)%n", message.getBody(String.class),
                        message.getObjectProperty("edition"));
            }
            System.out.printf("no headline for %d s; unsubscribing%n", idleMillis / 1000);
        }
    }
}
