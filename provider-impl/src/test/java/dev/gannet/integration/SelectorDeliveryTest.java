package dev.gannet.integration;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static dev.gannet.integration.Bodies.browse;
import static dev.gannet.integration.Bodies.assertReceives;
import static dev.gannet.integration.Bodies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Message selection (spec 3.8): a consumer, subscription or browser sees only the messages whose headers and
 * properties match its selector; on a queue the others stay for someone else (spec 4.1.2), on a topic they are never
 * added to the subscription (spec 4.2.2, 8.3).
 */
class SelectorDeliveryTest extends BrokerTestSupport {

    private static final String RED = "color = 'red'";
    private static final String BLUE = "color = 'blue'";

    /** Sends one text message per body; the body's first letter picks the color: r = red, b = blue, g = green. */
    private static void sendColored(Session session, MessageProducer producer, String... bodies) throws JMSException {
        for (String body : bodies) {
            TextMessage message = session.createTextMessage(body);
            message.setStringProperty("color", switch (body.charAt(0)) {
                case 'r' -> "red";
                case 'b' -> "blue";
                default -> "green";
            });
            producer.send(message);
        }
    }

    @Test
    void queueConsumerReceivesOnlyMessagesMatchingItsSelector() throws Exception { // spec 3.8.1
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("selected");
        MessageConsumer reds = session.createConsumer(queue, RED);
        sendColored(session, session.createProducer(queue), "r1", "b1", "g1", "r2", "b2", "r3");
        assertReceives(List.of("r1", "r2", "r3"), reds);
    }

    @Test
    void contextConsumerReceivesOnlyMessagesMatchingItsSelector() { // spec 3.8.1, JMSContext.createConsumer
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = context.createQueue("selected-simple");
        JMSConsumer big = context.createConsumer(queue, "size >= 10");
        JMSProducer producer = context.createProducer();
        for (int size : new int[]{3, 10, 7, 42}) {
            producer.setProperty("size", size).send(queue, "s" + size);
        }
        assertReceives(List.of("s10", "s42"), big);
    }

    @Test
    void messageNoConsumerSelectsStaysOnTheQueueForALaterConsumer() throws Exception { // spec 3.8.1, 4.1.2
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("left-over");
        MessageConsumer reds = session.createConsumer(queue, RED);
        sendColored(session, session.createProducer(queue), "b1", "g1");
        assertNull(reds.receive(ABSENT), "no message matches 'red'");
        reds.close();
        assertReceives(List.of("b1", "g1"), session.createConsumer(queue));
    }

    @Test
    void selectingConsumersNeitherStarveNorReorderEachOther() throws Exception { // spec 3.8.1, 6.2.9.1
        Connection connection = connection();
        Session sender = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = sender.createQueue("two-colors");
        MessageConsumer reds = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue, RED);
        MessageConsumer blues = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue, BLUE);
        List<String> sentRed = new ArrayList<>();
        List<String> sentBlue = new ArrayList<>();
        MessageProducer producer = sender.createProducer(queue);
        for (int i = 0; i < 20; i++) {
            // runs of one color, so each consumer finds the other's messages ahead of its own
            String body = (i % 3 == 0 ? "r" : "b") + i;
            (body.startsWith("r") ? sentRed : sentBlue).add(body);
            sendColored(sender, producer, body);
        }
        assertReceives(sentBlue, blues);
        assertReceives(sentRed, reds);
    }

    @Test
    void topicSubscriberGetsOnlyMatchingMessagesWhileOthersGetAll() throws Exception { // spec 3.8.1, 4.2.2
        Connection connection = connection();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("paint");
        MessageConsumer reds = session.createConsumer(topic, RED);
        MessageConsumer all = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(topic);
        sendColored(session, session.createProducer(topic), "r1", "b1", "r2");
        assertReceives(List.of("r1", "r2"), reds);
        assertReceives(List.of("r1", "b1", "r2"), all);
    }

    @Test
    void durableSubscriptionKeepsOnlyMatchingMessagesWhileInactive() throws Exception { // spec 3.8.1, 8.3.3
        Connection connection = stoppedConnection();
        connection.setClientID("selector-client");
        connection.start();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("paint-durable");
        session.createDurableSubscriber(topic, "reds", RED, false).close();
        sendColored(session, session.createProducer(topic), "b1", "r1", "g1", "r2");
        MessageConsumer reds = session.createDurableSubscriber(topic, "reds", RED, false);
        assertReceives(List.of("r1", "r2"), reds);
    }

    @Test
    void contextDurableConsumerWithSelectorKeepsOnlyMatchingMessages() { // spec 3.8.1, 8.3.3
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        context.setClientID("selector-context");
        Topic topic = context.createTopic("sizes-durable");
        context.createDurableConsumer(topic, "big", "size > 5", false).close();
        JMSProducer producer = context.createProducer();
        producer.setProperty("size", 9).send(topic, "nine");
        producer.setProperty("size", 1).send(topic, "one");
        assertReceives(List.of("nine"), context.createDurableConsumer(topic, "big", "size > 5", false));
    }

    @Test
    void browserWithSelectorShowsOnlyMatchingMessages() throws Exception { // spec 3.8.1, 4.1.6
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = context.createQueue("browsed-colors");
        for (String color : new String[]{"red", "blue", "red"}) {
            context.createProducer().setProperty("color", color).send(queue, color);
        }
        assertEquals(List.of("red", "red"), browse(context.createBrowser(queue, RED)));
        assertEquals(List.of("blue"), browse(context.createBrowser(queue, BLUE)));
    }

    /**
     * Spec 3.8.1.1: header fields are identifiers too; spec 3.8.1.3: JMSDeliveryMode compares as 'PERSISTENT' or
     * 'NON_PERSISTENT'. The queue holds "car" (persistent, priority 4, type car, correlation order-7) and "truck"
     * (non-persistent, priority 7, type truck, correlation order-8).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "JMSPriority > 6                    | truck",
            "JMSType = 'car'                    | car",
            "JMSCorrelationID = 'order-8'       | truck",
            "JMSDeliveryMode = 'PERSISTENT'     | car",
            "JMSDeliveryMode = 'NON_PERSISTENT' | truck",
            "JMSType IN ('car', 'bus') AND JMSPriority BETWEEN 0 AND 4 | car",
    })
    void headerFieldsCanBeSelectedOn(String selector, String expected) throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("headers");
        MessageProducer producer = session.createProducer(queue);
        TextMessage car = session.createTextMessage("car");
        car.setJMSType("car");
        car.setJMSCorrelationID("order-7");
        producer.send(car, DeliveryMode.PERSISTENT, 4, 0);
        TextMessage truck = session.createTextMessage("truck");
        truck.setJMSType("truck");
        truck.setJMSCorrelationID("order-8");
        producer.send(truck, DeliveryMode.NON_PERSISTENT, 7, 0);
        assertReceives(List.of(expected), session.createConsumer(queue, selector));
    }

    @Test
    void invalidSelectorIsRefusedWithInvalidSelectorException() throws Exception { // spec 3.8.1.1
        Connection connection = stoppedConnection();
        connection.setClientID("bad-selectors");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("q");
        Topic topic = session.createTopic("t");
        String bad = "color = ";
        assertThrows(InvalidSelectorException.class, () -> session.createConsumer(queue, bad));
        assertThrows(InvalidSelectorException.class, () -> session.createConsumer(topic, bad, false));
        assertThrows(InvalidSelectorException.class, () -> session.createBrowser(queue, "color IN"));
        assertThrows(InvalidSelectorException.class, () -> session.createDurableSubscriber(topic, "d", bad, false));
        assertThrows(InvalidSelectorException.class, () -> session.createDurableConsumer(topic, "d", "= 3", false));
        assertThrows(InvalidSelectorException.class, () -> session.createSharedConsumer(topic, "s", "a LIKE 3"));
        assertThrows(InvalidSelectorException.class, () -> session.createSharedDurableConsumer(topic, "sd", "((x"));
    }

    @Test
    void invalidSelectorIsRefusedWithInvalidSelectorRuntimeExceptionOnAContext() { // spec 3.8.1.1, 10.3
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        context.setClientID("bad-selectors-simple");
        Queue queue = context.createQueue("q");
        Topic topic = context.createTopic("t");
        assertThrows(InvalidSelectorRuntimeException.class, () -> context.createConsumer(queue, "color = "));
        assertThrows(InvalidSelectorRuntimeException.class, () -> context.createBrowser(queue, "NOT"));
        assertThrows(InvalidSelectorRuntimeException.class,
                () -> context.createDurableConsumer(topic, "d", "x >", false));
        assertThrows(InvalidSelectorRuntimeException.class, () -> context.createSharedConsumer(topic, "s", "'a' ="));
    }

    @Test
    void nullOrEmptySelectorSelectsEveryMessage() throws Exception { // spec 3.8.1, Session.createConsumer javadoc
        Connection connection = connection();
        Session sender = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = sender.createTopic("unfiltered");
        MessageConsumer withNull = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(topic, null);
        MessageConsumer withEmpty = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(topic, "");
        MessageProducer producer = sender.createProducer(topic);
        sendColored(sender, producer, "r1", "b1");
        producer.send(sender.createTextMessage("plain")); // no color property at all
        assertReceives(List.of("r1", "b1", "plain"), withNull);
        assertReceives(List.of("r1", "b1", "plain"), withEmpty);
    }

    @Test
    void emptySelectorReadsBackAsNoSelector() throws Exception { // MessageConsumer/JMSConsumer.getMessageSelector
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("unfiltered-queue");
        assertNull(session.createConsumer(queue, null).getMessageSelector());
        assertNull(session.createConsumer(queue, "").getMessageSelector());
        assertNull(context(JMSContext.AUTO_ACKNOWLEDGE).createConsumer(queue, "").getMessageSelector());
    }

    @Test
    void selectorOnAMissingPropertyIsUnknownAndDoesNotMatch() throws Exception { // spec 3.8.1.2
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("nulls");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("no color"));
        sendColored(session, producer, "g1");
        assertReceives(List.of("g1"), session.createConsumer(queue, "color <> 'red'"));
        assertEquals("no color", text(receive(session.createConsumer(queue, "color IS NULL"))));
    }
}
