package dev.gannet.tck.topics;

import dev.gannet.tck.support.ConformanceTest;
import jakarta.jms.*;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Spec 4.2 "Publish/subscribe model" and 8.3 "Creating a consumer on a topic" (subscriptions). */
class TopicSubscriptionTest extends ConformanceTest {

    private static String text(Message m) throws JMSException {
        assertNotNull(m, "message must arrive");
        return ((TextMessage) m).getText();
    }

    @Test
    @DisplayName("4.2.2 Every subscriber receives its own copy of a publication")
    void everySubscriberGetsACopy() throws JMSException {
        Topic topic = topic("MY_TOPIC");
        assertEquals("MY_TOPIC", topic.getTopicName());
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer a = s.createConsumer(topic);
        MessageConsumer b = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(topic);
        s.createProducer(topic).send(s.createTextMessage("news"));
        assertEquals("news", text(receive(a)));
        assertEquals("news", text(receive(b)));
    }

    @Test
    @DisplayName("8.3.1 A non-durable subscriber does not receive messages published before it existed")
    void nonDurableMissesEarlierMessages() throws JMSException {
        Topic topic = topic("MY_TOPIC");
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        s.createProducer(topic).send(s.createTextMessage("too early"));
        MessageConsumer late = s.createConsumer(topic);
        assertNull(late.receive(ABSENT_TIMEOUT));
    }

    @Test
    @DisplayName("8.3.1 noLocal: messages published on the subscriber's own connection are not delivered")
    void noLocalSuppressesOwnConnection() throws JMSException {
        Topic topic = topic("MY_TOPIC2");
        Connection own = startedConnection();
        Session s = own.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer noLocal = s.createConsumer(topic, null, true);
        s.createProducer(topic).send(s.createTextMessage("local"));
        Session other = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        other.createProducer(topic).send(other.createTextMessage("remote"));
        assertEquals("remote", text(receive(noLocal)));
        assertNull(noLocal.receive(ABSENT_TIMEOUT));
    }

    @Test
    @DisplayName("8.3.3 An unshared durable subscription keeps messages while no consumer is active")
    void durableSubscriptionSurvivesConsumerClose() throws JMSException {
        Topic topic = topic("testT1");
        Connection c = track(durableCf().createConnection());
        assertEquals("cts", c.getClientID());
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer durable = s.createDurableConsumer(topic, "tckDurable1");
        try {
            MessageProducer p = s.createProducer(topic);
            p.send(s.createTextMessage("one"));
            assertEquals("one", text(receive(durable)));
            durable.close();
            p.send(s.createTextMessage("two"));
            p.send(s.createTextMessage("three"));
            durable = s.createDurableConsumer(topic, "tckDurable1");
            assertEquals("two", text(receive(durable)));
            assertEquals("three", text(receive(durable)));
        } finally {
            durable.close();
            s.unsubscribe("tckDurable1");
        }
    }

    @Test
    @DisplayName("8.3.3 A durable subscription survives the connection, keyed by client ID and name")
    void durableSubscriptionSurvivesConnection() throws JMSException {
        Topic topic = topic("testT1");
        try (Connection first = durableCf().createConnection()) {
            first.createSession(false, Session.AUTO_ACKNOWLEDGE).createDurableSubscriber(topic, "tckDurable2").close();
        }
        Session publisher = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        publisher.createProducer(topic).send(publisher.createTextMessage("kept"));
        Connection second = track(durableCf().createConnection());
        second.start();
        Session s = second.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TopicSubscriber subscriber = s.createDurableSubscriber(topic, "tckDurable2");
        try {
            assertEquals("kept", text(receive(subscriber)));
        } finally {
            subscriber.close();
            s.unsubscribe("tckDurable2");
        }
    }

    @Test
    @DisplayName("8.3.3 Recreating a durable subscription with another selector discards its messages")
    void changingSelectorRecreatesSubscription() throws JMSException {
        Topic topic = topic("testT2");
        Connection c = track(durableCf().createConnection());
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        s.createDurableConsumer(topic, "tckDurable3", "k = 1", false).close();
        try {
            Message m = s.createTextMessage("old");
            m.setIntProperty("k", 1);
            s.createProducer(topic).send(m);
            MessageConsumer changed = s.createDurableConsumer(topic, "tckDurable3", "k = 2", false);
            assertNull(changed.receive(ABSENT_TIMEOUT), "the old subscription and its message are gone");
            changed.close();
        } finally {
            s.unsubscribe("tckDurable3");
        }
    }

    @Test
    @DisplayName("8.3.3 Unsubscribe deletes the subscription; unknown names raise InvalidDestinationException")
    void unsubscribeRules() throws JMSException {
        Topic topic = topic("testT2");
        Connection c = track(durableCf().createConnection());
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer durable = s.createDurableConsumer(topic, "tckDurable4");
        assertThrows(JMSException.class, () -> s.unsubscribe("tckDurable4"), "in use by an active consumer");
        durable.close();
        s.unsubscribe("tckDurable4");
        assertThrows(InvalidDestinationException.class, () -> s.unsubscribe("tckDurable4"));
        assertThrows(InvalidDestinationException.class, () -> s.unsubscribe("tckNeverExisted"));
    }

    @Test
    @DisplayName("8.3.3 An unshared durable subscription allows only one active consumer")
    void unsharedDurableSingleConsumer() throws JMSException {
        Topic topic = topic("testT2");
        Connection c = track(durableCf().createConnection());
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer first = s.createDurableConsumer(topic, "tckDurable5");
        try {
            Session s2 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // Session.createDurableConsumer javadoc: "there is a consumer already active ... a JMSException will be thrown"
            assertThrows(JMSException.class, () -> s2.createDurableConsumer(topic, "tckDurable5"));
        } finally {
            first.close();
            s.unsubscribe("tckDurable5");
        }
    }

    @Test
    @DisplayName("8.3.3 An unshared durable subscription needs a client identifier")
    void unsharedDurableNeedsClientId() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(jakarta.jms.IllegalStateException.class, () -> s.createDurableConsumer(topic("testT2"), "noId"));
        assertThrows(jakarta.jms.IllegalStateException.class, () -> s.createDurableSubscriber(topic("testT2"), "noId"));
    }

    @Test
    @DisplayName("8.3.4 A shared durable subscription spreads messages over its consumers, each message once")
    void sharedDurableSubscription() throws JMSException {
        Topic topic = topic("testT0");
        Connection c = startedConnection();
        Session s1 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session s2 = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer a = s1.createSharedDurableConsumer(topic, "tckShared1");
        MessageConsumer b = s2.createSharedDurableConsumer(topic, "tckShared1");
        try {
            MessageProducer p = s1.createProducer(topic);
            for (int i = 0; i < 10; i++) {
                p.send(s1.createTextMessage("s" + i));
            }
            Set<String> got = new HashSet<>();
            int count = 0;
            for (MessageConsumer consumer : List.of(a, b)) {
                Message m;
                while ((m = consumer.receive(500)) != null) {
                    assertTrue(got.add(text(m)));
                    count++;
                }
            }
            assertEquals(10, count);
            a.close();
            b.close();
            p.send(s1.createTextMessage("while-inactive"));
            MessageConsumer again = s1.createSharedDurableConsumer(topic, "tckShared1");
            assertEquals("while-inactive", text(receive(again)));
            again.close();
        } finally {
            a.close();
            b.close();
            s1.unsubscribe("tckShared1");
        }
    }

    @Test
    @DisplayName("8.3.2 A shared non-durable subscription delivers each message to one of its consumers")
    void sharedNonDurableSubscription() throws JMSException {
        Topic topic = topic("testT0");
        Connection c = startedConnection();
        Session s1 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session s2 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer a = s1.createSharedConsumer(topic, "tckSharedNd");
        MessageConsumer b = s2.createSharedConsumer(topic, "tckSharedNd");
        MessageConsumer other = s2.createSharedConsumer(topic, "tckSharedNdOther");
        MessageProducer p = s1.createProducer(topic);
        for (int i = 0; i < 10; i++) {
            p.send(s1.createTextMessage("n" + i));
        }
        int count = 0;
        for (MessageConsumer consumer : List.of(a, b)) {
            while (consumer.receive(500) != null) {
                count++;
            }
        }
        assertEquals(10, count);
        for (int i = 0; i < 10; i++) {
            assertEquals("n" + i, text(receive(other)), "another subscription gets its own copy");
        }
    }

    @Test
    @DisplayName("8.3.4 A shared and an unshared durable subscription may not share a name")
    void sharedAndUnsharedNameClash() throws JMSException {
        Topic topic = topic("testT0");
        Connection c = track(durableCf().createConnection());
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        s.createDurableConsumer(topic, "tckClash");
        try {
            assertThrows(JMSException.class, () -> s.createSharedDurableConsumer(topic, "tckClash"));
        } finally {
            // Closing the session also closes a shared consumer a provider may have wrongly created, so the
            // assertion above, not the clean-up, reports the failure.
            s.close();
            c.createSession(false, Session.AUTO_ACKNOWLEDGE).unsubscribe("tckClash");
        }
    }

    @Test
    @DisplayName("4.2.7 A temporary topic delivers within its connection and can be deleted")
    void temporaryTopic() throws JMSException {
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryTopic temporary = s.createTemporaryTopic();
        assertNotNull(temporary.getTopicName());
        MessageConsumer consumer = s.createConsumer(temporary);
        s.createProducer(temporary).send(s.createTextMessage("t"));
        assertEquals("t", text(receive(consumer)));
        Session other = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> other.createConsumer(temporary));
        assertThrows(JMSException.class, temporary::delete, "a consumer still uses it");
        consumer.close();
        temporary.delete();
    }

    @Test
    @DisplayName("8.3.3 Durable subscriptions through JMSContext: createDurableConsumer and unsubscribe")
    void durableWithContext() {
        Topic topic = topic("testT1");
        JMSContext ctx = track(durableCf().createContext());
        assertEquals("cts", ctx.getClientID());
        JMSConsumer consumer = ctx.createDurableConsumer(topic, "tckCtxDurable");
        try {
            consumer.close();
            context().createProducer().send(topic, "stored");
            consumer = ctx.createDurableConsumer(topic, "tckCtxDurable");
            assertEquals("stored", consumer.receiveBody(String.class, RECEIVE_TIMEOUT));
        } finally {
            consumer.close();
            ctx.unsubscribe("tckCtxDurable");
        }
    }
}
