package dev.gannet.management;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.api.management.ObjectNames;
import dev.gannet.api.management.QueueMXBean;
import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import javax.management.JMX;
import javax.management.MBeanServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * The JVM {@link MoveCrashTest} kills: starts broker {@code NAME} on its Derby store in {@code DIRECTORY}, fills
 * {@code crash.from} with {@code COUNT} persistent messages (int property {@code n}, 0 to COUNT - 1), prints
 * {@code FILLED}, then moves them all to {@code crash.to} through the platform MBean server while a watcher prints
 * {@code MOVED <count>} as the move goes on, the count of messages whose move committed (they count as acknowledged at
 * {@code crash.from} once their store transaction committed); {@code DONE} if the move ends before the kill.
 *
 * <p>Arguments: NAME DIRECTORY COUNT.
 */
public final class MovingBroker {

    private MovingBroker() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        int count = Integer.parseInt(args[2]);
        EmbeddedBroker.start(BrokerConfig.builder().name(name).dataDirectory(Path.of(args[1])).build());
        try (Connection connection = new GannetConnectionFactory("vm://" + name + "?dataDirectory=" + args[1])
                .createConnection()) {
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue("crash.from"));
            for (int n = 0; n < count; n++) {
                TextMessage message = session.createTextMessage("message " + n);
                message.setIntProperty("n", n);
                producer.send(message);
                if (n % 500 == 499) {
                    session.commit();
                }
            }
            session.commit();
        }
        System.out.println("FILLED");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        QueueMXBean from = JMX.newMXBeanProxy(server, ObjectNames.queue(name, "crash.from"), QueueMXBean.class);
        Thread watcher = new Thread(() -> {
            while (true) {
                System.out.println("MOVED " + from.getAcknowledgedCount());
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "move-watcher");
        watcher.setDaemon(true);
        watcher.start();
        long moved = from.moveMessages(null, "crash.to");
        System.out.println("DONE " + moved);
        Thread.sleep(Long.MAX_VALUE);
    }
}
