package dev.gannet.samples.tcp;

import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;

/**
 * Publish/subscribe, publishing side: headlines to a topic of a standalone server, one a second. Every
 * {@link Subscriber} running at the time gets each one; a topic keeps nothing for subscribers that are not there.
 *
 * <p>Run: {@code mvn -q -B -pl samples exec:java -Dsample=dev.gannet.samples.tcp.Publisher
 * -Dexec.args="tcp://127.0.0.1:61616 10 news"} (arguments: broker URL, headline count, topic name).
 */
public final class Publisher {

    private Publisher() {
    }

    public static void main(String[] args) throws InterruptedException {
        String url = args.length > 0 ? args[0] : "tcp://127.0.0.1:61616";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String topicName = args.length > 2 ? args[2] : "news";
        try (JMSContext context = new GannetConnectionFactory(url).createContext()) {
            Topic topic = context.createTopic(topicName);
            for (int i = 1; i <= count; i++) {
                String headline = "headline " + i + " of " + count;
                context.createProducer().setProperty("edition", i).send(topic, headline);
                System.out.printf("published '%s' to topic %s%n", headline, topicName);
                Thread.sleep(1000); // a pace a person can follow in the subscribers' windows
            }
        }
    }
}
