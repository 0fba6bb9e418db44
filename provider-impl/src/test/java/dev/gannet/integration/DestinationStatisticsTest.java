package dev.gannet.integration;

import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.DestinationSettings;
import dev.gannet.api.DestinationStatistics;
import dev.gannet.api.MessageProperties;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-destination counters as management reads them ({@link DestinationStatistics}): exact after sends, deliveries,
 * acknowledgements, rollbacks, expiry, dead-lettering and dropped duplicates; a topic's are its subscriptions' summed.
 */
class DestinationStatisticsTest extends BrokerTestSupport {

    @Override
    DestinationPolicies destinations() {
        return DestinationPolicies.builder()
                .add("stats.dead", DestinationSettings.builder().maxDeliveryAttempts(2)
                        .deadLetterQueue("stats.dead.DLQ").build())
                .build();
    }

    @Test
    void sendsDeliveriesAndAcknowledgementsAreCountedExactly() throws Exception {
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("stats.orders");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 3; i++) {
            producer.send(session.createTextMessage("order " + i));
        }
        DestinationStatistics sent = broker().statistics(queue);
        assertTrue(sent.bytes() > 0, sent.toString());
        assertEquals(new DestinationStatistics(3, 0, 0, 0, 0, 0, 3, sent.bytes(), 0), sent);

        MessageConsumer consumer = session.createConsumer(queue);
        Message last = null;
        for (int i = 0; i < 3; i++) {
            last = receive(consumer);
        }
        awaitStatistics(queue, new DestinationStatistics(3, 3, 0, 0, 0, 0, 3, sent.bytes(), 1));
        last.acknowledge();
        awaitStatistics(queue, new DestinationStatistics(3, 3, 3, 0, 0, 0, 0, 0, 1));
        consumer.close();
        awaitStatistics(queue, new DestinationStatistics(3, 3, 3, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void aRolledBackMessageCountsEachDeliveryAndOneAcknowledgement() throws Exception {
        Session session = session(Session.SESSION_TRANSACTED);
        Queue queue = session.createQueue("stats.retried");
        session.createProducer(queue).send(session.createTextMessage("retried"));
        session.commit();
        MessageConsumer consumer = session.createConsumer(queue);

        receive(consumer);
        session.rollback();
        assertTrue(receive(consumer).getJMSRedelivered());
        session.commit();

        awaitStatistics(queue, new DestinationStatistics(1, 2, 1, 0, 0, 0, 0, 0, 1));
    }

    @Test
    void anExpiredMessageIsCountedAndLeavesItsQueue() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("stats.expiring");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("late"), DeliveryMode.PERSISTENT, 4, 50);

        awaitStatistics(queue, new DestinationStatistics(1, 0, 0, 1, 0, 0, 0, 0, 0));
    }

    @Test
    void aDeadLetteredMessageIsCountedAtItsQueueAndEnqueuedAtTheDeadLetterQueue() throws Exception {
        Session session = session(Session.SESSION_TRANSACTED);
        Queue queue = session.createQueue("stats.dead");
        session.createProducer(queue).send(session.createTextMessage("poison"));
        session.commit();
        MessageConsumer consumer = session.createConsumer(queue);
        for (int attempt = 0; attempt < 2; attempt++) {
            receive(consumer);
            session.rollback();
        }

        awaitStatistics(queue, new DestinationStatistics(1, 2, 0, 0, 1, 0, 0, 0, 1));
        Queue deadLetters = session.createQueue("stats.dead.DLQ");
        Deadline.awaitTrue("the dead letter arrives", ARRIVES, () -> statistics(deadLetters).depth() == 1);
        DestinationStatistics dlq = statistics(deadLetters);
        assertEquals(new DestinationStatistics(1, 0, 0, 0, 0, 0, 1, dlq.bytes(), 0), dlq);
    }

    @Test
    void droppedDuplicatesAreCountedAtTheirDestination() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("stats.dedup");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 2; i++) {
            TextMessage message = session.createTextMessage("once");
            message.setStringProperty(MessageProperties.DUPLICATE_ID, "same");
            producer.send(message);
        }

        DestinationStatistics counted = broker().statistics(queue);
        assertEquals(new DestinationStatistics(1, 0, 0, 0, 0, 1, 1, counted.bytes(), 0), counted);
    }

    @Test
    void aTopicCountsTheSumOfItsSubscriptionsAndEachSubscriptionItsOwn() throws Exception {
        Connection connection = stoppedConnection();
        connection.setClientID("stats-client");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("stats.prices");
        MessageConsumer plain = session.createConsumer(topic);
        MessageConsumer durable = session.createDurableConsumer(topic, "prices");
        MessageProducer producer = session.createProducer(topic);
        producer.send(session.createTextMessage("1"));
        producer.send(session.createTextMessage("2"));
        connection.start();
        for (int i = 0; i < 2; i++) {
            receive(plain);
            receive(durable);
        }

        awaitStatistics(topic, new DestinationStatistics(4, 4, 4, 0, 0, 0, 0, 0, 2));
        assertEquals(new DestinationStatistics(2, 2, 2, 0, 0, 0, 0, 0, 1),
                broker().subscriptionStatistics("stats-client", "prices", true));
    }

    @Test
    void aDestinationTheBrokerDoesNotHaveHasNoStatistics() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class,
                () -> broker().statistics(session.createQueue("stats.never-used")));
        assertThrows(InvalidDestinationException.class,
                () -> broker().subscriptionStatistics("stats-client", "none", true));
    }

    private DestinationStatistics statistics(Destination destination) {
        try {
            return broker().statistics(destination);
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for the counters to reach {@code expected} (acknowledgements and expiry complete in the background). */
    private void awaitStatistics(Destination destination, DestinationStatistics expected) throws Exception {
        long end = System.currentTimeMillis() + ARRIVES;
        DestinationStatistics actual = statistics(destination);
        while (!expected.equals(actual) && System.currentTimeMillis() < end) {
            Thread.sleep(10);
            actual = statistics(destination);
        }
        assertEquals(expected, actual, "counters of " + destination);
    }
}
