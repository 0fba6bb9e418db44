package dev.gannet.samples;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationSettings;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.api.management.BrokerMXBean;
import dev.gannet.api.management.ConnectionMXBean;
import dev.gannet.api.management.DestinationInfo;
import dev.gannet.api.management.MessageInfo;
import dev.gannet.api.management.ObjectNames;
import dev.gannet.api.management.QueueMXBean;
import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;

import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Managing an embedded broker through its MXBeans in the platform MBean server, as jconsole or any JMX client would:
 * the broker's figures, a queue's depth, a page of its messages, a move by selector, a dead letter sent back where it
 * came from, pause and resume, purge, a queue deleted, and a connection closed from the broker's side.
 *
 * <p>Run: {@code mvn -q -B -pl samples exec:java -Dsample=dev.gannet.samples.ManageQueues}
 */
public final class ManageQueues {

    private ManageQueues() {
    }

    public static void main(String[] args) throws Exception {
        BrokerConfig config = BrokerConfig.builder().name("managed")
                .destination("orders", DestinationSettings.builder().maxDeliveryAttempts(1)
                        .deadLetterQueue("orders.DLQ").build())
                .build();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try (EmbeddedBroker broker = EmbeddedBroker.start(config);
             JMSContext context = new GannetConnectionFactory("vm://managed")
                     .createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue orders = context.createQueue("orders");
            for (int n = 1; n <= 6; n++) {
                context.createProducer().setProperty("region", n % 2 == 0 ? "eu" : "us").send(orders, "order " + n);
            }
            context.commit();

            BrokerMXBean managed = JMX.newMXBeanProxy(server, ObjectNames.broker("managed"), BrokerMXBean.class);
            System.out.println("broker " + managed.getName() + " " + managed.getVersion() + " on its "
                    + managed.getStoreKind() + " store at " + managed.getStoreLocation() + ", "
                    + managed.getConnectionCount() + " connection(s)");
            QueueMXBean queue = JMX.newMXBeanProxy(server, ObjectNames.queue("managed", "orders"), QueueMXBean.class);
            System.out.println("orders: depth " + queue.getDepth() + ", " + queue.getBytes() + " bytes, oldest "
                    + queue.getOldestMessageAgeMillis() + " ms old");
            for (MessageInfo message : queue.browse(0, 3)) {
                System.out.println("  " + message.messageId() + " region=" + message.properties().get("region")
                        + ": " + message.bodyPreview());
            }

            long moved = queue.moveMessages("region = 'eu'", "orders.eu");
            System.out.println("moved " + moved + " EU orders to orders.eu; orders holds " + queue.getDepth());

            JMSConsumer consumer = context.createConsumer(orders);
            System.out.println("received " + consumer.receiveBody(String.class, 5000) + ", and it fails: rollback");
            context.rollback(); // its one attempt is over: dead-lettered
            QueueMXBean dead = JMX.newMXBeanProxy(server, ObjectNames.queue("managed", "orders.DLQ"),
                    QueueMXBean.class);
            while (dead.browse(0, 1).isEmpty()) {
                Thread.sleep(10);
            }
            MessageInfo deadLetter = dead.browse(0, 1).get(0);
            System.out.println("orders.DLQ holds " + deadLetter.bodyPreview() + " ("
                    + deadLetter.properties().get("_GANNET_REASON") + "); retried: "
                    + dead.retryMessage(deadLetter.messageId()));
            for (String body = consumer.receiveBody(String.class, 1000); body != null;
                 body = consumer.receiveBody(String.class, 1000)) {
                System.out.println("received " + body); // the retried order comes last, as a message sent now
            }
            context.commit();
            consumer.close();

            queue.pause();
            context.createProducer().send(orders, "order 7");
            context.commit();
            JMSConsumer paused = context.createConsumer(orders);
            System.out.println("paused with depth " + queue.getDepth() + ", nothing is delivered: "
                    + paused.receiveBody(String.class, 500));
            queue.resume();
            System.out.println("resumed: " + paused.receiveBody(String.class, 5000));
            context.commit();
            paused.close();

            context.createProducer().send(orders, "order 8");
            context.createProducer().send(orders, "order 9");
            context.commit();
            System.out.println("purged " + queue.purge() + " message(s) from orders");
            for (DestinationInfo destination : managed.listDestinations()) {
                System.out.println("  " + destination.type() + " " + destination.name() + ": depth "
                        + destination.depth());
            }
            System.out.println("orders.eu deleted with its messages: " + managed.deleteQueue("orders.eu"));

            Connection other = new GannetConnectionFactory("vm://managed").createConnection();
            other.setClientID("the-other-one");
            CountDownLatch heard = new CountDownLatch(1);
            other.setExceptionListener(e -> {
                System.out.println("the other connection hears: " + e.getMessage());
                heard.countDown();
            });
            for (ObjectName name : server.queryNames(new ObjectName("dev.gannet:broker=managed,type=Connection,*"),
                    null)) {
                ConnectionMXBean connection = JMX.newMXBeanProxy(server, name, ConnectionMXBean.class);
                System.out.println("connection " + connection.getId() + " from " + connection.getRemoteAddress()
                        + ", client ID " + connection.getClientId() + ", " + connection.getSessionCount()
                        + " session(s)");
                if ("the-other-one".equals(connection.getClientId())) {
                    connection.close();
                }
            }
            heard.await(5, TimeUnit.SECONDS);
            other.close();
        }
    }
}
