package dev.gannet.management;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.api.management.ObjectNames;
import dev.gannet.api.management.QueueMXBean;
import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.xa.narayana.ChildJvm;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.management.JMX;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A move through JMX is one store transaction per batch, in which each message leaves its queue and its copy enters the
 * target: a broker killed (SIGKILL) in the middle of moving a deep queue restarts on its Derby store with every
 * message in exactly one of the two queues, none lost and none in both.
 */
@Timeout(300)
class MoveCrashTest {

    private static final int COUNT = 20_000;

    @TempDir
    Path directory;

    @Test
    void aBrokerKilledWhileMovingLosesAndDuplicatesNothing() throws Exception {
        String name = "crash-move-" + UUID.randomUUID().toString().substring(0, 8);
        Path data = directory.resolve("data");
        try (ChildJvm child = ChildJvm.start(directory.resolve("broker.log"), MovingBroker.class, name,
                data.toString(), Integer.toString(COUNT))) {
            child.awaitLine(Pattern.compile("FILLED"), 180_000);
            child.awaitLine(Pattern.compile("MOVED ([1-9][0-9]*)"), 60_000);
            assertEquals(ChildJvm.KILLED, child.kill());
            assertFalse(child.output().contains("DONE"), "the kill came after the move ended:\n" + child.output());
        }

        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.builder().name(name).dataDirectory(data)
                .build())) {
            long left = queue(name, "crash.from").getDepth();
            long moved = queue(name, "crash.to").getDepth();
            System.out.printf("Broker killed while moving %d messages: %d left, %d moved after the restart%n", COUNT,
                    left, moved);
            assertTrue(left > 0 && moved > 0, "killed half way: " + left + " left, " + moved + " moved");
            assertEquals(COUNT, left + moved);

            List<Integer> numbers = new ArrayList<>();
            try (Connection connection = new GannetConnectionFactory("vm://" + name + "?dataDirectory=" + data)
                    .createConnection()) {
                Session session = connection.createSession();
                numbers.addAll(browse(session, "crash.from"));
                List<Integer> inTarget = browse(session, "crash.to");
                assertEquals(moved, inTarget.size());
                numbers.addAll(inTarget);
            }
            Collections.sort(numbers);
            assertEquals(IntStream.range(0, COUNT).boxed().toList(), numbers, "each message once, none lost");
        }
        assertTrue(ManagementFactory.getPlatformMBeanServer().queryNames(ObjectNames.allOf(name), null).isEmpty());
    }

    private static QueueMXBean queue(String broker, String queue) {
        return JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), ObjectNames.queue(broker, queue),
                QueueMXBean.class);
    }

    private static List<Integer> browse(Session session, String queue) throws Exception {
        List<Integer> numbers = new ArrayList<>();
        QueueBrowser browser = session.createBrowser(session.createQueue(queue));
        for (Enumeration<?> messages = browser.getEnumeration(); messages.hasMoreElements(); ) {
            numbers.add(((Message) messages.nextElement()).getIntProperty("n"));
        }
        browser.close();
        return numbers;
    }
}
