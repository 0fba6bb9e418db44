package dev.gannet.samples;

import dev.gannet.api.EmbeddedBroker;
import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.CompletionListener;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;

import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Priorities, selectors, browsing, time-to-live, delivery delay and asynchronous send on one queue.
 *
 * <p>Run: {@code mvn -q -B -pl samples exec:java -Dsample=dev.gannet.samples.MessageFeatures}
 */
public final class MessageFeatures {

    private MessageFeatures() {
    }

    public static void main(String[] args) throws Exception {
        GannetConnectionFactory factory = new GannetConnectionFactory("vm://samples");
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("features");
            context.createProducer().setPriority(1).setProperty("kind", "bulk").send(queue, "low priority");
            context.createProducer().setPriority(9).setProperty("kind", "alert").send(queue, "high priority");
            context.createProducer().setTimeToLive(1).send(queue, "expires at once");
            context.createProducer().setDeliveryDelay(1500).send(queue, "delayed 1.5 s");

            QueueBrowser browser = context.createBrowser(queue);
            System.out.println("browsing (priority order, nothing consumed):");
            for (Object m : Collections.list(browser.getEnumeration())) {
                System.out.println("  " + ((Message) m).getBody(String.class));
            }
            try (JMSConsumer alerts = context.createConsumer(queue, "kind = 'alert'")) {
                System.out.println("selector kind = 'alert': " + alerts.receiveBody(String.class, 1000));
            }
            try (JMSConsumer all = context.createConsumer(queue)) {
                System.out.println("next: " + all.receiveBody(String.class, 1000));
                System.out.println("then, after the delay: " + all.receiveBody(String.class, 5000));
                System.out.println("the expired one never comes: " + all.receiveBody(String.class, 500));
            }

            CountDownLatch done = new CountDownLatch(3);
            CompletionListener listener = new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    done.countDown();
                }

                @Override
                public void onException(Message message, Exception exception) {
                    System.out.println("send failed: " + exception);
                    done.countDown();
                }
            };
            for (int i = 0; i < 3; i++) {
                context.createProducer().setAsync(listener).send(queue, "async " + i);
            }
            System.out.println("async sends confirmed: " + done.await(5, TimeUnit.SECONDS));
            try (JMSConsumer drain = context.createConsumer(queue)) {
                while (drain.receive(500) != null) {
                    // leave the queue empty for the next run
                }
            }
        } finally {
            EmbeddedBroker.stop("samples"); // started by the first connection, it runs until stopped
        }
    }
}
