package dev.gannet.samples;

import dev.gannet.api.EmbeddedBroker;
import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;

/**
 * Local transactions: a batch of sends becomes visible only at commit; a rolled-back receive comes back with
 * JMSRedelivered and a higher JMSXDeliveryCount.
 *
 * <p>Run: {@code mvn -q -B -pl samples exec:java -Dsample=dev.gannet.samples.TransactedBatch}
 */
public final class TransactedBatch {

    private TransactedBatch() {
    }

    public static void main(String[] args) throws Exception {
        GannetConnectionFactory factory = new GannetConnectionFactory("vm://samples");
        try (JMSContext tx = factory.createContext(JMSContext.SESSION_TRANSACTED);
             JMSContext observer = tx.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Queue queue = tx.createQueue("batch");
            JMSConsumer watch = observer.createConsumer(queue);
            for (int i = 1; i <= 100; i++) {
                tx.createProducer().send(queue, "line " + i);
            }
            System.out.println("before commit the observer sees: " + watch.receiveNoWait());
            tx.commit();
            int seen = 0;
            while (watch.receive(500) != null) {
                seen++;
            }
            System.out.println("after commit the observer saw " + seen + " messages");

            tx.createProducer().send(queue, "to be rolled back on the consumer side");
            tx.commit();
            watch.close();
            JMSConsumer consumer = tx.createConsumer(queue);
            Message first = consumer.receive(5000);
            tx.rollback();
            Message again = consumer.receive(5000);
            tx.commit();
            System.out.printf("rolled back and received again: redelivered=%b, JMSXDeliveryCount %d -> %d%n",
                    again.getJMSRedelivered(), first.getIntProperty("JMSXDeliveryCount"),
                    again.getIntProperty("JMSXDeliveryCount"));
        } finally {
            EmbeddedBroker.stop("samples"); // started by the first connection, it runs until stopped
        }
    }
}
