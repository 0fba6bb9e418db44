package dev.gannet.integration;

import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.DestinationSettings;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Queues whose backlog outgrows their memory window (here 32 KiB, about 25 messages of 1 KiB) page it to the
 * store and back: nothing is lost or delivered twice, priority order and FIFO hold, across a restart too, and
 * selectors, browsers and durable subscriptions see the paged messages.
 */
class PagingTest extends BrokerTestSupport {

    private static final int COUNT = 600;
    private static final String BODY = "p".repeat(1024);

    @Override
    DestinationPolicies destinations() {
        return DestinationPolicies.builder()
                .add("#", DestinationSettings.builder().memoryWindowBytes(32 * 1024).build())
                .build();
    }

    @Test
    void aBacklogLargerThanTheWindowIsDeliveredOnceEachInPriorityThenFifoOrder() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("paged.order");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < COUNT; i++) {
            Message message = session.createTextMessage(BODY);
            message.setIntProperty("seq", i);
            producer.send(message, Message.DEFAULT_DELIVERY_MODE, i % 3 == 0 ? 7 : 4, 0);
        }

        List<Integer> received = drain(session.createConsumer(queue), COUNT);
        List<Integer> high = received.subList(0, COUNT / 3);
        List<Integer> low = received.subList(COUNT / 3, COUNT);
        assertTrue(high.stream().allMatch(seq -> seq % 3 == 0), "priority 7 comes first");
        assertTrue(low.stream().noneMatch(seq -> seq % 3 == 0), "then priority 4");
        assertSorted(high);
        assertSorted(low);
    }

    @Test
    void aPagedBacklogSurvivesARestartAndDrainsExactlyOnce() throws Exception {
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("paged.restart");
        fill(session, queue, COUNT);
        MessageConsumer consumer = session.createConsumer(queue);
        Message last = null;
        for (int i = 0; i < 100; i++) {
            last = receive(consumer);
            assertEquals(i, last.getIntProperty("seq"));
        }
        last.acknowledge();
        stopBroker();

        Session after = session(Session.AUTO_ACKNOWLEDGE);
        List<Integer> rest = drain(after.createConsumer(after.createQueue("paged.restart")), COUNT - 100);
        assertEquals(100, rest.get(0));
        assertSorted(rest);
    }

    @Test
    void aSelectorFindsTheFewMessagesItMatchesBeyondTheWindow() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("paged.selector");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < COUNT; i++) {
            Message message = session.createTextMessage(BODY);
            message.setIntProperty("seq", i);
            message.setBooleanProperty("wanted", i % 100 == 99);
            producer.send(message);
        }

        MessageConsumer selective = session.createConsumer(queue, "wanted = TRUE");
        List<Integer> wanted = drain(selective, COUNT / 100);
        assertEquals(java.util.stream.IntStream.range(0, COUNT).filter(i -> i % 100 == 99).boxed().toList(), wanted);
        selective.close();

        List<Integer> others = drain(session.createConsumer(queue), COUNT - COUNT / 100);
        assertTrue(others.stream().noneMatch(seq -> seq % 100 == 99));
        assertSorted(others);
    }

    @Test
    void aBrowserWalksAPagedBacklogOfSeveralPagesInDeliveryOrder() throws Exception { // QueueBrowser javadoc
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("paged.browse-order");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < COUNT * 2; i++) {
            Message message = session.createTextMessage(BODY);
            message.setIntProperty("seq", i);
            producer.send(message, Message.DEFAULT_DELIVERY_MODE, i % 3 == 0 ? 7 : 4, 0);
        }

        List<Integer> browsed = new ArrayList<>();
        try (QueueBrowser browser = session.createBrowser(queue)) {
            java.util.Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                browsed.add(((Message) messages.nextElement()).getIntProperty("seq"));
            }
        }
        assertEquals(drain(session.createConsumer(queue), COUNT * 2), browsed, "browse order is receive order");
    }

    @Test
    void aBrowserSeesThePagedMessagesToo() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("paged.browse");
        fill(session, queue, 300);
        List<Integer> browsed = new ArrayList<>();
        try (QueueBrowser browser = session.createBrowser(queue)) {
            for (Message message : Collections.list((java.util.Enumeration<Message>) browser.getEnumeration())) {
                browsed.add(message.getIntProperty("seq"));
            }
        }
        assertEquals(300, browsed.size());
        assertSorted(browsed);
    }

    @Test
    void aDurableSubscriptionPagesItsShareOfAFanOut() throws Exception {
        Session session = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("paged.fanout");
        MessageConsumer first = session.createSharedDurableConsumer(topic, "first");
        MessageConsumer second = session.createSharedDurableConsumer(topic, "second");
        first.close();
        second.close();
        fill(session, topic, 500);
        assertSorted(drain(session.createSharedDurableConsumer(topic, "first"), 500));
        stopBroker();

        Session after = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        Topic sameTopic = after.createTopic("paged.fanout");
        assertSorted(drain(after.createSharedDurableConsumer(sameTopic, "second"), 500));
        assertNull(after.createSharedDurableConsumer(sameTopic, "first").receive(ABSENT));
    }

    /** Sends {@code count} persistent 1 KiB messages numbered by the property "seq" from 0. */
    private static void fill(Session session, jakarta.jms.Destination destination, int count) throws Exception {
        MessageProducer producer = session.createProducer(destination);
        for (int i = 0; i < count; i++) {
            Message message = session.createTextMessage(BODY);
            message.setIntProperty("seq", i);
            producer.send(message);
        }
    }

    /** Receives exactly {@code count} messages, each once, and answers their "seq" values in arrival order. */
    private static List<Integer> drain(MessageConsumer consumer, int count) throws Exception {
        List<Integer> seqs = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int seq = receive(consumer).getIntProperty("seq");
            assertTrue(seen.add(seq), "message " + seq + " was delivered twice");
            seqs.add(seq);
        }
        assertNull(consumer.receive(ABSENT), "more messages than were sent");
        return seqs;
    }

    private static void assertSorted(List<Integer> seqs) {
        List<Integer> sorted = new ArrayList<>(seqs);
        Collections.sort(sorted);
        assertEquals(sorted, seqs, "FIFO order");
    }
}
