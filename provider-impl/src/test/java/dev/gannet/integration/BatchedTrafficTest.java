package dev.gannet.integration;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static dev.gannet.integration.Bodies.browse;
import static dev.gannet.integration.Bodies.drain;
import static dev.gannet.integration.Bodies.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Heavy traffic on one connection keeps the order the spec promises (6.2.9: a session's messages to one destination
 * arrive in send order) while the tcp link batches its frames (one flush per burst), acknowledges AUTO and DUPS_OK
 * deliveries without a reply, and sends a topic's message to every subscriber as the same encoded bytes. Runs on both
 * transports.
 */
class BatchedTrafficTest extends BrokerTestSupport {

    /** More than the tcp link's window of one-way sends, so the window fills and opens again several times. */
    private static final int MANY = 2500;

    @Test
    void oneWaySendsAcknowledgementsAndDeliveriesOnOneConnectionKeepTheirOrder() throws Exception {
        Connection connection = connection();
        Session producing = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Session auto = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Session dupsOk = connection.createSession(Session.DUPS_OK_ACKNOWLEDGE);
        Queue queue = producing.createQueue("batched-order");
        Topic topic = producing.createTopic("batched-order");
        MessageConsumer queueConsumer = auto.createConsumer(queue);
        MessageConsumer topicConsumer = dupsOk.createConsumer(topic);
        MessageProducer producer = producing.createProducer(null);

        // non-persistent sends outside a transaction are one-way; they go out while this thread receives and acks
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < MANY; i++) {
                    producer.send(queue, producing.createTextMessage("q-" + i), DeliveryMode.NON_PERSISTENT, 4, 0);
                    producer.send(topic, producing.createTextMessage("t-" + i), DeliveryMode.NON_PERSISTENT, 4, 0);
                }
            } catch (JMSException e) {
                throw new CompletionException(e);
            }
        });
        List<String> fromQueue = new ArrayList<>();
        List<String> fromTopic = new ArrayList<>();
        List<String> expectedFromQueue = new ArrayList<>();
        List<String> expectedFromTopic = new ArrayList<>();
        for (int i = 0; i < MANY; i++) {
            fromQueue.add(text(receive(queueConsumer)));
            fromTopic.add(text(receive(topicConsumer)));
            expectedFromQueue.add("q-" + i);
            expectedFromTopic.add("t-" + i);
        }
        sending.get(ARRIVES, TimeUnit.MILLISECONDS);
        assertEquals(expectedFromQueue, fromQueue);
        assertEquals(expectedFromTopic, fromTopic);

        // the acknowledgements went before this answered command on the same connection: nothing is left to browse
        Session browsing = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        assertEquals(List.of(), browse(browsing.createBrowser(queue)), "every acknowledged message left the queue");
        assertEquals(List.of(), drain(queueConsumer));
        assertEquals(List.of(), drain(topicConsumer));
    }

    @Test
    void everySubscriberOfATopicReceivesTheSameBodiesInOrder() throws Exception {
        int subscribers = 4;
        int count = 200;
        Session publishing = session(Session.AUTO_ACKNOWLEDGE);
        Topic topic = publishing.createTopic("fan-out-bodies");
        List<MessageConsumer> consumers = new ArrayList<>();
        for (int s = 0; s < subscribers; s++) { // each on a connection of its own: a link each on tcp
            consumers.add(session(Session.AUTO_ACKNOWLEDGE).createConsumer(topic));
        }
        Random random = new Random(15);
        List<byte[]> bodies = new ArrayList<>();
        MessageProducer producer = publishing.createProducer(topic);
        for (int i = 0; i < count; i++) {
            byte[] body = new byte[i % 50 == 7 ? 70_000 + i : 1 + random.nextInt(2048)];
            random.nextBytes(body);
            bodies.add(body);
            BytesMessage message = publishing.createBytesMessage();
            message.writeBytes(body);
            message.setIntProperty("index", i);
            producer.send(message, i % 2 == 0 ? DeliveryMode.NON_PERSISTENT : DeliveryMode.PERSISTENT, 4, 0);
        }
        for (int s = 0; s < subscribers; s++) {
            for (int i = 0; i < count; i++) {
                Message message = receive(consumers.get(s));
                assertEquals(i, message.getIntProperty("index"), "subscriber " + s);
                assertArrayEquals(bodies.get(i), assertInstanceOf(BytesMessage.class, message).getBody(byte[].class),
                        "subscriber " + s + ", message " + i);
            }
        }
    }
}
