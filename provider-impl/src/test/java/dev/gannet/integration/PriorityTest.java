package dev.gannet.integration;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static dev.gannet.integration.Bodies.assertReceives;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Priority (spec 3.4.10): 0 lowest to 9 highest, default 4; a waiting backlog is handed out highest priority first
 * (spec 6.2.9.2: higher priority may jump ahead), and within one priority in send order (spec 6.2.9.1).
 */
class PriorityTest extends BrokerTestSupport {

    /** Priorities of a mixed backlog: every level, several messages per level, interleaved. */
    private static final int[] BACKLOG = {4, 0, 9, 4, 7, 1, 9, 2, 5, 4, 3, 8, 6, 0, 7, 9, 1, 4, 5, 8, 2, 6, 3};

    /** Bodies "p{priority}-{index}" of {@link #BACKLOG}, in send order. */
    private static List<String> sentBodies() {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < BACKLOG.length; i++) {
            bodies.add("p" + BACKLOG[i] + "-" + i);
        }
        return bodies;
    }

    /** The order the spec expects: priority descending; List.sort is stable, so FIFO within a priority. */
    private static List<String> expectedOrder() {
        List<String> bodies = sentBodies();
        bodies.sort(Comparator.comparingInt((String body) -> body.charAt(1) - '0').reversed());
        return bodies;
    }

    private static void sendBacklog(Session session, MessageProducer producer) throws Exception {
        List<String> bodies = sentBodies();
        for (int i = 0; i < BACKLOG.length; i++) {
            producer.send(session.createTextMessage(bodies.get(i)), DeliveryMode.PERSISTENT, BACKLOG[i], 0);
        }
    }

    @Test
    void queueBacklogIsReceivedHighestPriorityFirstAndFifoWithinAPriority() throws Exception { // 3.4.10, 6.2.9
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("backlog");
        sendBacklog(session, session.createProducer(queue));
        assertReceives(expectedOrder(), session.createConsumer(queue));
    }

    @Test
    void contextBacklogSentWithSetPriorityIsReceivedHighestFirst() { // spec 3.4.10, JMSProducer.setPriority
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = context.createQueue("backlog-simple");
        JMSProducer producer = context.createProducer();
        List<String> bodies = sentBodies();
        for (int i = 0; i < BACKLOG.length; i++) {
            producer.setPriority(BACKLOG[i]).send(queue, bodies.get(i));
        }
        assertReceives(expectedOrder(), context.createConsumer(queue));
    }

    @Test
    void durableSubscriptionBacklogIsReceivedHighestPriorityFirst() throws Exception { // 3.4.10, 8.3.3
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        context.setClientID("priority-subscriber");
        Topic topic = context.createTopic("prioritised-news");
        context.createDurableConsumer(topic, "all").close();
        JMSProducer producer = context.createProducer();
        List<String> bodies = sentBodies();
        for (int i = 0; i < BACKLOG.length; i++) {
            producer.setPriority(BACKLOG[i]).send(topic, bodies.get(i));
        }
        assertReceives(expectedOrder(), context.createDurableConsumer(topic, "all"));
    }

    @Test
    void priorityOrderOfAPersistentBacklogSurvivesARestart() throws Exception { // spec 3.4.10, 4.1.8
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("backlog-restart");
        sendBacklog(session, session.createProducer(queue));

        stopBroker();

        assertReceives(expectedOrder(), session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue));
    }

    @Test
    void messagesWithoutAnExplicitPriorityHaveTheDefaultPriorityFour() throws Exception { // spec 3.4.10
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("default-priority");
        MessageProducer producer = session.createProducer(queue);
        assertEquals(Message.DEFAULT_PRIORITY, producer.getPriority());
        JMSProducer simple = context(JMSContext.AUTO_ACKNOWLEDGE).createProducer();
        assertEquals(Message.DEFAULT_PRIORITY, simple.getPriority());
        TextMessage sent = session.createTextMessage("classic");
        producer.send(sent);
        assertEquals(4, sent.getJMSPriority());
        simple.send(queue, "simple");
        MessageConsumer consumer = session.createConsumer(queue);
        assertEquals(4, receive(consumer).getJMSPriority());
        assertEquals(4, receive(consumer).getJMSPriority());
    }

    @Test
    void priorityComesFromTheProducerNotFromSetJMSPriorityOnTheMessage() throws Exception { // spec 3.4.11
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("ignored-priority");
        MessageProducer producer = session.createProducer(queue);
        producer.setPriority(2);
        TextMessage sent = session.createTextMessage("two");
        sent.setJMSPriority(9);
        producer.send(sent);
        assertEquals(2, sent.getJMSPriority(), "send sets the header on the sender's message");
        TextMessage explicit = session.createTextMessage("eight");
        explicit.setJMSPriority(1);
        producer.send(explicit, DeliveryMode.PERSISTENT, 8, 0);
        assertEquals(8, explicit.getJMSPriority());
        MessageConsumer consumer = session.createConsumer(queue);
        assertEquals(8, receive(consumer).getJMSPriority());
        assertEquals(2, receive(consumer).getJMSPriority());
    }

    @Test
    void jmsProducerPriorityIsCarriedByTheMessage() throws Exception { // spec 3.4.10, JMSProducer.setPriority
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = context.createQueue("simple-priority");
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().setPriority(0).send(queue, "zero");
        assertEquals(0, consumer.receive(ARRIVES).getJMSPriority());
        context.createProducer().setPriority(9).send(queue, "nine");
        assertEquals(9, consumer.receive(ARRIVES).getJMSPriority());
    }
}
