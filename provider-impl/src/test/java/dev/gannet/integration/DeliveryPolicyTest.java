package dev.gannet.integration;

import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.DestinationSettings;
import dev.gannet.api.MessageProperties;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-destination settings at work: redelivery delay, dead-lettering, expiry queues, duplicate detection and the
 * limits with both full policies. Every queue here gets its settings from a wildcard pattern.
 */
class DeliveryPolicyTest extends BrokerTestSupport {

    @Override
    DestinationPolicies destinations() {
        return DestinationPolicies.builder()
                .add("policy.#", DestinationSettings.builder().maxDeliveryAttempts(3).build())
                .add("policy.delayed", DestinationSettings.builder().redeliveryDelayMillis(700).build())
                .add("policy.expiring", DestinationSettings.builder().expiryQueue("policy.expired").build())
                .add("policy.nodlq", DestinationSettings.builder().deadLetterQueue(null).build())
                .add("limit.size", DestinationSettings.builder().maxMessageBytes(2000).build())
                .add("limit.fail", DestinationSettings.builder().maxDepth(5)
                        .fullPolicy(DestinationSettings.FullPolicy.FAIL).build())
                .add("limit.block", DestinationSettings.builder().maxBytes(5 * 1024)
                        .fullPolicy(DestinationSettings.FullPolicy.BLOCK).blockTimeoutMillis(20_000).build())
                .add("limit.blockshort", DestinationSettings.builder().maxDepth(2)
                        .fullPolicy(DestinationSettings.FullPolicy.BLOCK).blockTimeoutMillis(200).build())
                .build();
    }

    @Test
    void aRecoveredMessageComesBackAfterTheRedeliveryDelayWhileTheRestOfTheQueueFlows() throws Exception {
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("policy.delayed");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("first"));
        producer.send(session.createTextMessage("second"));
        MessageConsumer consumer = session.createConsumer(queue);

        assertEquals("first", ((TextMessage) receive(consumer)).getText());
        long recovered = System.nanoTime();
        session.recover();

        assertEquals("second", ((TextMessage) receive(consumer)).getText(),
                "the delayed message must not hold back the next one");
        TextMessage again = (TextMessage) receive(consumer);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - recovered);
        assertEquals("first", again.getText());
        assertTrue(again.getJMSRedelivered());
        assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
        assertTrue(waitedMillis >= 600, "redelivered after " + waitedMillis + " ms, the delay is 700 ms");
        again.acknowledge();
    }

    @Test
    void aMessageRolledBackMaxDeliveryAttemptsTimesGoesToTheDeadLetterQueueWithItsOrigin() throws Exception {
        Session session = session(Session.SESSION_TRANSACTED);
        Queue queue = session.createQueue("policy.orders");
        MessageProducer producer = session.createProducer(queue);
        TextMessage sent = session.createTextMessage("poison");
        sent.setStringProperty("kind", "order");
        producer.send(sent);
        session.commit();

        MessageConsumer consumer = session.createConsumer(queue);
        for (int attempt = 1; attempt <= 3; attempt++) {
            Message received = receive(consumer);
            assertEquals(attempt, received.getIntProperty("JMSXDeliveryCount"));
            session.rollback();
        }
        assertNull(consumer.receive(ABSENT), "a dead-lettered message is not redelivered");

        MessageConsumer dlq = session.createConsumer(session.createQueue("DLQ"));
        TextMessage dead = (TextMessage) receive(dlq);
        session.commit();
        assertEquals("poison", dead.getText());
        assertEquals("order", dead.getStringProperty("kind"));
        assertEquals("queue://policy.orders", dead.getStringProperty(MessageProperties.ORIGINAL_DESTINATION));
        assertEquals(MessageProperties.REASON_MAX_DELIVERIES, dead.getStringProperty(MessageProperties.REASON));
        assertEquals(3, dead.getIntProperty(MessageProperties.DELIVERY_ATTEMPTS));
        assertEquals(sent.getJMSMessageID(), dead.getJMSMessageID());
        assertEquals(DeliveryMode.PERSISTENT, dead.getJMSDeliveryMode());
    }

    @Test
    void aDeadLetteredMessageSurvivesARestartInTheDeadLetterQueue() throws Exception {
        failThreeTimes("policy.restart");
        stopBroker();

        Session after = session(Session.AUTO_ACKNOWLEDGE);
        assertNull(after.createConsumer(after.createQueue("policy.restart")).receive(ABSENT));
        TextMessage dead = (TextMessage) receive(after.createConsumer(after.createQueue("DLQ")));
        assertEquals("poison", dead.getText());
        assertEquals("queue://policy.restart", dead.getStringProperty(MessageProperties.ORIGINAL_DESTINATION));
    }

    @Test
    void aListenerThatAlwaysThrowsGetsItsMessageDeadLetteredAndTheQueueGoesOn() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("policy.listener");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("poison"));
        producer.send(session.createTextMessage("good"));

        AtomicInteger poisonDeliveries = new AtomicInteger();
        CountDownLatch good = new CountDownLatch(1);
        Session listening = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        listening.createConsumer(queue).setMessageListener(message -> {
            try {
                if ("poison".equals(((TextMessage) message).getText())) {
                    poisonDeliveries.incrementAndGet();
                    throw new IllegalStateException("listener fails on purpose");
                }
                good.countDown();
            } catch (jakarta.jms.JMSException e) {
                throw new IllegalStateException(e);
            }
        });

        assertTrue(good.await(ARRIVES, TimeUnit.MILLISECONDS), "the good message must get through");
        TextMessage dead = (TextMessage) receive(session.createConsumer(session.createQueue("DLQ")));
        assertEquals("poison", dead.getText());
        assertEquals(3, poisonDeliveries.get());
    }

    @Test
    void withoutADeadLetterQueueAFailingMessageIsDropped() throws Exception {
        Session session = failThreeTimes("policy.nodlq");
        assertNull(session.createConsumer(session.createQueue("DLQ")).receive(ABSENT));
    }

    /**
     * Sends one message to {@code queueName} and recovers it three times (its max-delivery-attempts); answers the
     * session, whose queue must be empty by then.
     */
    private Session failThreeTimes(String queueName) throws Exception {
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue(queueName);
        session.createProducer(queue).send(session.createTextMessage("poison"));
        MessageConsumer consumer = session.createConsumer(queue);
        for (int attempt = 1; attempt <= 3; attempt++) {
            receive(consumer);
            session.recover();
        }
        assertNull(consumer.receive(ABSENT), "a dead-lettered message is not redelivered");
        return session;
    }

    @Test
    void anExpiredMessageMovesToTheExpiryQueueWithoutExpiration() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("policy.expiring"));
        producer.setTimeToLive(50);
        producer.send(session.createTextMessage("late"));
        Thread.sleep(200);

        assertNull(session.createConsumer(session.createQueue("policy.expiring")).receive(ABSENT));
        TextMessage expired = (TextMessage) receive(session.createConsumer(session.createQueue("policy.expired")));
        assertEquals("late", expired.getText());
        assertEquals(0, expired.getJMSExpiration());
        assertEquals("queue://policy.expiring", expired.getStringProperty(MessageProperties.ORIGINAL_DESTINATION));
        assertEquals(MessageProperties.REASON_EXPIRED, expired.getStringProperty(MessageProperties.REASON));
    }

    @Test
    void aSecondMessageWithTheSameDuplicateIdIsDroppedAlsoAfterARestart() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("dedup.orders");
        MessageProducer producer = session.createProducer(queue);
        producer.send(withDuplicateId(session, "order-1", "first"));
        producer.send(withDuplicateId(session, "order-1", "resent"));
        producer.send(withDuplicateId(session, "order-2", "second"));
        stopBroker();

        Session after = session(Session.SESSION_TRANSACTED);
        MessageProducer resender = after.createProducer(after.createQueue("dedup.orders"));
        resender.send(withDuplicateId(after, "order-2", "resent after restart"));
        resender.send(withDuplicateId(after, "order-3", "third"));
        resender.send(withDuplicateId(after, "order-3", "third, twice in one transaction"));
        after.commit();

        MessageConsumer consumer = after.createConsumer(after.createQueue("dedup.orders"));
        List<String> texts = new ArrayList<>();
        Message message;
        while ((message = consumer.receive(ABSENT * 3)) != null) {
            texts.add(((TextMessage) message).getText());
        }
        after.commit();
        assertEquals(List.of("first", "second", "third"), texts);
        assertEquals(2, broker().statistics(after.createQueue("dedup.orders")).duplicatesDropped(),
                "counted since the restart: order-2 resent, order-3 twice");
    }

    @Test
    void duplicateIdsAreKeptPerDestination() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        session.createProducer(session.createQueue("dedup.a")).send(withDuplicateId(session, "same", "a"));
        session.createProducer(session.createQueue("dedup.b")).send(withDuplicateId(session, "same", "b"));
        assertEquals("a", ((TextMessage) receive(session.createConsumer(session.createQueue("dedup.a")))).getText());
        assertEquals("b", ((TextMessage) receive(session.createConsumer(session.createQueue("dedup.b")))).getText());
    }

    private static TextMessage withDuplicateId(Session session, String id, String text) throws Exception {
        TextMessage message = session.createTextMessage(text);
        message.setStringProperty(MessageProperties.DUPLICATE_ID, id);
        return message;
    }

    @Test
    void aMessageLargerThanMaxMessageBytesIsRefusedAndNothingElseIsLost() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("limit.size");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("small"));
        ResourceAllocationException refused = assertThrows(ResourceAllocationException.class,
                () -> producer.send(session.createTextMessage("x".repeat(5000))));
        assertTrue(refused.getMessage().contains("max-message-bytes 2000"), refused.getMessage());
        assertEquals("small", ((TextMessage) receive(session.createConsumer(queue))).getText());
    }

    @Test
    void aFullQueueWithTheFailPolicyRefusesTheSendAndKeepsWhatItHas() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("limit.fail");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 5; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
        ResourceAllocationException refused = assertThrows(ResourceAllocationException.class,
                () -> producer.send(session.createTextMessage("one too many")));
        assertTrue(refused.getMessage().contains("is full"), refused.getMessage());
        assertTrue(refused.getMessage().contains("max-depth 5"), refused.getMessage());

        MessageConsumer consumer = session.createConsumer(queue);
        for (int i = 0; i < 5; i++) {
            assertEquals("m" + i, ((TextMessage) receive(consumer)).getText());
        }
        assertNull(consumer.receive(ABSENT));
        producer.send(session.createTextMessage("room again"));
        assertEquals("room again", ((TextMessage) receive(consumer)).getText());
    }

    @Test
    void aFullQueueWithTheBlockPolicyHoldsTheProducerUntilAConsumerMakesRoom() throws Exception {
        Session producing = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = producing.createQueue("limit.block");
        MessageProducer producer = producing.createProducer(queue);
        String kilobyte = "k".repeat(1000);
        int sentBeforeFull = 0;
        while (sentBeforeFull < 4) {
            producer.send(producing.createTextMessage(kilobyte));
            sentBeforeFull++;
        }
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < 3; i++) {
                    producer.send(producing.createTextMessage(kilobyte));
                }
            } catch (jakarta.jms.JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(ABSENT);
        assertFalse(blocked.isDone(), "the producer must wait for room");

        Session consuming = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = consuming.createConsumer(queue);
        for (int i = 0; i < sentBeforeFull + 3; i++) {
            receive(consumer);
        }
        blocked.get(ARRIVES, TimeUnit.MILLISECONDS);
        assertNull(consumer.receive(ABSENT));
    }

    @Test
    void aBlockedProducerGivesUpAfterTheBlockTimeout() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("limit.blockshort");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("1"));
        producer.send(session.createTextMessage("2"));
        ResourceAllocationException refused = assertThrows(ResourceAllocationException.class,
                () -> producer.send(session.createTextMessage("3")));
        assertTrue(refused.getMessage().contains("waited 200 ms"), refused.getMessage());
        MessageConsumer consumer = session.createConsumer(queue);
        assertEquals("1", ((TextMessage) receive(consumer)).getText());
        assertEquals("2", ((TextMessage) receive(consumer)).getText());
        assertNull(consumer.receive(ABSENT));
    }
}
