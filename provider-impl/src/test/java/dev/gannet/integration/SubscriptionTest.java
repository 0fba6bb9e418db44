package dev.gannet.integration;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.gannet.integration.Bodies.assertReceives;
import static dev.gannet.integration.Bodies.drain;
import static dev.gannet.integration.Bodies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Topic subscriptions (spec 8.3, and the Session/JMSContext javadoc of createDurableConsumer, createSharedConsumer,
 * createSharedDurableConsumer and unsubscribe): durable ones keep messages while no consumer is active until
 * unsubscribed; shared ones hand each message to exactly one of their consumers.
 */
class SubscriptionTest extends BrokerTestSupport {

    /** A started connection with the given client identifier. */
    private Connection connection(String clientId) throws JMSException {
        Connection connection = stoppedConnection();
        connection.setClientID(clientId);
        connection.start();
        return connection;
    }

    private static void publish(Session session, Topic topic, String... bodies) throws JMSException {
        MessageProducer producer = session.createProducer(topic);
        for (String body : bodies) {
            producer.send(session.createTextMessage(body));
        }
    }

    private static List<String> numbered(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).collect(Collectors.toList());
    }

    @Test
    void durableSubscriptionKeepsMessagesPublishedWhileNoConsumerIsActive() throws Exception { // spec 8.3.3
        Session session = connection("durable-app").createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("ledger");
        session.createDurableConsumer(topic, "audit").close();
        publish(connection().createSession(Session.AUTO_ACKNOWLEDGE), topic, "a", "b");
        assertReceives(List.of("a", "b"), session.createDurableConsumer(topic, "audit"));
    }

    @Test
    void unacknowledgedDurableMessagesGoToTheNextConsumerMarkedRedelivered() throws Exception { // spec 8.3.3
        Connection connection = connection("acking-app");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Topic topic = session.createTopic("acked-ledger");
        MessageConsumer consumer = session.createDurableConsumer(topic, "acked");
        publish(session, topic, "a", "b");
        receive(consumer).acknowledge();
        receive(consumer); // "b", not acknowledged
        session.close();
        MessageConsumer next = connection.createSession(Session.AUTO_ACKNOWLEDGE).createDurableConsumer(topic, "acked");
        Message again = receive(next);
        assertEquals("b", text(again));
        assertTrue(again.getJMSRedelivered());
        assertReceives(List.of(), next);
    }

    @Test
    void unsubscribeDeletesTheSubscriptionWithItsMessages() throws Exception { // spec 8.3.3, Session.unsubscribe
        Session session = connection("unsubscriber").createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("cancelled");
        session.createDurableConsumer(topic, "gone").close();
        publish(session, topic, "lost");
        session.unsubscribe("gone");
        MessageConsumer fresh = session.createDurableConsumer(topic, "gone");
        publish(session, topic, "new");
        assertReceives(List.of("new"), fresh);
    }

    @Test
    void contextUnsubscribeDeletesTheSubscriptionWithItsMessages() { // spec 8.3.3, JMSContext.unsubscribe
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        context.setClientID("context-unsubscriber");
        Topic topic = context.createTopic("cancelled-simple");
        context.createDurableConsumer(topic, "gone").close();
        context.createProducer().send(topic, "lost");
        context.unsubscribe("gone");
        JMSConsumer fresh = context.createDurableConsumer(topic, "gone");
        context.createProducer().send(topic, "new");
        assertReceives(List.of("new"), fresh);
    }

    @Test
    void unsubscribingAnUnknownNameThrowsInvalidDestination() throws Exception { // Session/JMSContext.unsubscribe
        Session session = connection("nobody").createSession(Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> session.unsubscribe("never-created"));
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        context.setClientID("nobody-simple");
        assertThrows(InvalidDestinationRuntimeException.class, () -> context.unsubscribe("never-created"));
    }

    @Test
    void unsubscribingWhileAConsumerIsActiveIsRefusedAndKeepsTheSubscription() throws Exception { // spec 8.3.3
        Session session = connection("busy").createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("busy-topic");
        MessageConsumer active = session.createDurableConsumer(topic, "in-use");
        assertThrows(JMSException.class, () -> session.unsubscribe("in-use"));
        publish(session, topic, "still subscribed");
        assertReceives(List.of("still subscribed"), active);
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        context.setClientID("busy-simple");
        context.createSharedDurableConsumer(topic, "shared-in-use");
        assertThrows(JMSRuntimeException.class, () -> context.unsubscribe("shared-in-use"));
    }

    @Test
    void unsharedDurableSubscriptionNeedsAClientId() throws Exception { // Session.createDurableConsumer javadoc
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("anonymous");
        assertThrows(IllegalStateException.class, () -> session.createDurableConsumer(topic, "d"));
        assertThrows(IllegalStateException.class, () -> session.createDurableSubscriber(topic, "d"));
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        assertThrows(IllegalStateRuntimeException.class, () -> context.createDurableConsumer(topic, "d"));
    }

    @Test
    void secondActiveConsumerOnAnUnsharedDurableSubscriptionIsRefused() throws Exception { // spec 8.3.3
        Connection connection = connection("single");
        Session first = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = first.createTopic("exclusive");
        first.createDurableConsumer(topic, "only-one");
        Session second = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        assertThrows(JMSException.class, () -> second.createDurableConsumer(topic, "only-one"));
        assertThrows(JMSException.class, () -> second.createDurableSubscriber(topic, "only-one"));
    }

    @Test
    void resubscribingWithADifferentSelectorReplacesTheSubscription() throws Exception { // spec 8.3.3
        Session session = connection("reselect").createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("reselected");
        session.createDurableConsumer(topic, "sub", null, false).close();
        publish(session, topic, "old");
        MessageConsumer replaced = session.createDurableConsumer(topic, "sub", "JMSPriority > 2", false);
        publish(session, topic, "new");
        assertReceives(List.of("new"), replaced);
    }

    @Test
    void resubscribingToADifferentTopicReplacesTheSubscription() throws Exception { // spec 8.3.3
        Session session = connection("retopic").createSession(Session.AUTO_ACKNOWLEDGE);
        Topic first = session.createTopic("first-topic");
        Topic second = session.createTopic("second-topic");
        session.createDurableConsumer(first, "sub").close();
        publish(session, first, "old");
        MessageConsumer replaced = session.createDurableConsumer(second, "sub");
        publish(session, first, "first again");
        publish(session, second, "new");
        assertReceives(List.of("new"), replaced);
    }

    @Test
    void emptySelectorMeansTheSameSubscriptionAsNoSelector() throws Exception { // spec 8.3.3, 3.8.1
        Session session = connection("same-selector").createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("unchanged");
        session.createDurableConsumer(topic, "sub", null, false).close();
        publish(session, topic, "kept");
        assertReceives(List.of("kept"), session.createDurableConsumer(topic, "sub", "", false));
    }

    @Test
    void sharedConsumersOnDifferentConnectionsWithoutClientIdSplitTheMessages() throws Exception { // spec 8.3.2
        Session one = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        Session two = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = one.createTopic("work-items");
        MessageConsumer first = one.createSharedConsumer(topic, "workers");
        MessageConsumer second = two.createSharedConsumer(topic, "workers");
        MessageConsumer bystander = one.createConsumer(topic);
        List<String> sent = numbered("w", 40);
        publish(connection().createSession(Session.AUTO_ACKNOWLEDGE), topic, sent.toArray(String[]::new));
        List<String> shared = new ArrayList<>(drain(first));
        shared.addAll(drain(second));
        shared.sort(null);
        List<String> expected = new ArrayList<>(sent);
        expected.sort(null);
        assertEquals(expected, shared, "each message goes to exactly one consumer of the subscription");
        assertReceives(sent, bystander, "a separate subscription gets its own copy of every message");
    }

    @Test
    void sharedNonDurableSubscriptionEndsWithItsLastConsumer() throws Exception { // spec 8.3.2
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Topic topic = context.createTopic("short-lived");
        JMSConsumer first = context.createSharedConsumer(topic, "team");
        JMSConsumer second = context.createSharedConsumer(topic, "team");
        first.close();
        context.createProducer().send(topic, "while one remains");
        assertReceives(List.of("while one remains"), second);
        second.close();
        context.createProducer().send(topic, "nobody subscribed");
        assertReceives(List.of(), context.createSharedConsumer(topic, "team"));
    }

    @Test
    void sharedDurableSubscriptionKeepsMessagesWhenAllConsumersClose() throws Exception { // spec 8.3.4
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE); // no client ID: allowed for shared subscriptions
        Topic topic = context.createTopic("shared-ledger");
        context.createSharedDurableConsumer(topic, "auditors").close();
        context.createProducer().send(topic, "kept");
        Session other = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        assertReceives(List.of("kept"), other.createSharedDurableConsumer(topic, "auditors"));
    }

    @Test
    void sharedSubscriptionNamesAreScopedByClientId() throws Exception { // spec 8.3.2
        Session a = connection("client-a").createSession(Session.AUTO_ACKNOWLEDGE);
        Session b = connection("client-b").createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = a.createTopic("scoped");
        MessageConsumer ofA = a.createSharedConsumer(topic, "same-name");
        MessageConsumer ofB = b.createSharedConsumer(topic, "same-name");
        publish(a, topic, "x", "y");
        assertReceives(List.of("x", "y"), ofA);
        assertReceives(List.of("x", "y"), ofB);
    }

    @Test
    void activeSharedSubscriptionRefusesAConsumerWithAnotherSelectorOrTopic() throws Exception { // 8.3.2, 8.3.4
        Session session = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("fixed-shape");
        Topic other = session.createTopic("other-shape");
        session.createSharedConsumer(topic, "s", "a = 1");
        assertThrows(JMSException.class, () -> session.createSharedConsumer(topic, "s", "a = 2"));
        assertThrows(JMSException.class, () -> session.createSharedConsumer(other, "s", "a = 1"));
        session.createSharedDurableConsumer(topic, "sd");
        assertThrows(JMSException.class, () -> session.createSharedDurableConsumer(other, "sd"));
        assertThrows(JMSException.class, () -> session.createSharedDurableConsumer(topic, "sd", "a = 2"));
    }

    @Test
    void sharedAndUnsharedDurableSubscriptionsCannotShareANameAndClientId() throws Exception { // 8.3.3, 8.3.4
        Session session = connection("mixed-durables").createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("mixed");
        session.createSharedDurableConsumer(topic, "shared-first").close();
        assertThrows(JMSException.class, () -> session.createDurableConsumer(topic, "shared-first"));
        session.createDurableConsumer(topic, "unshared-first").close();
        assertThrows(JMSException.class, () -> session.createSharedDurableConsumer(topic, "unshared-first"));
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        context.setClientID("mixed-durables-simple");
        context.createSharedDurableConsumer(topic, "s").close();
        assertThrows(JMSRuntimeException.class, () -> context.createDurableConsumer(topic, "s"));
    }

    @Test
    void noLocalDurableSubscriptionSkipsMessagesFromConnectionsWithItsClientId() throws Exception { // spec 8.3.3
        Session theirs = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        Connection mine = connection("no-local");
        Session session = mine.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("echo");
        session.createDurableConsumer(topic, "others-only", null, true).close();
        publish(session, topic, "mine");
        publish(theirs, topic, "theirs");
        mine.close();
        Session again = connection("no-local").createSession(Session.AUTO_ACKNOWLEDGE);
        publish(again, topic, "mine, later connection");
        assertReceives(List.of("theirs"), again.createDurableConsumer(topic, "others-only", null, true));
    }

    @Test
    void durableSubscriptionsWithSelectorsAndPendingMessagesSurviveARestart() throws Exception { // 8.3.3, 8.3.4
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        context.setClientID("restarted");
        Topic topic = context.createTopic("restart-news");
        context.createDurableConsumer(topic, "urgent", "urgent = TRUE", false).close();
        context.createSharedDurableConsumer(topic, "everything").close();
        JMSProducer producer = context.createProducer();
        producer.setProperty("urgent", true).send(topic, "u1");
        producer.setProperty("urgent", false).send(topic, "n1");

        stopBroker();

        JMSContext again = context(JMSContext.AUTO_ACKNOWLEDGE);
        again.setClientID("restarted");
        JMSProducer after = again.createProducer();
        after.setProperty("urgent", false).send(topic, "n2"); // the selector must still apply after the restart
        after.setProperty("urgent", true).send(topic, "u2");
        assertReceives(List.of("u1", "u2"), again.createDurableConsumer(topic, "urgent", "urgent = TRUE", false));
        assertReceives(List.of("u1", "n1", "n2", "u2"), again.createSharedDurableConsumer(topic, "everything"));
    }
}
