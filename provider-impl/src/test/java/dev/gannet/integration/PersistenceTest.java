package dev.gannet.integration;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Persistence: a PERSISTENT message is in the store when send returns and survives a broker restart exactly as
 * sent; a NON_PERSISTENT one never reaches the disk. {@link #stopBroker()} closes everything and stops the broker,
 * and connecting again restarts it on the same directory.
 */
class PersistenceTest extends BrokerTestSupport {

    @Test
    void persistentMessagesSurviveARestartExactlyAsSent() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("durable-orders");
        Queue replyTo = session.createQueue("replies");
        MessageProducer producer = session.createProducer(queue);
        producer.setPriority(7);
        TextMessage sent = session.createTextMessage("survivor");
        sent.setJMSCorrelationID("corr-1");
        sent.setJMSType("order");
        sent.setJMSReplyTo(replyTo);
        sent.setStringProperty("customer", "ACME");
        sent.setLongProperty("amount", 12_345_678_901L);
        sent.setDoubleProperty("rate", 0.25);
        sent.setBooleanProperty("urgent", true);
        producer.send(sent);
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeBytes(new byte[]{1, 2, 3, 4, 5});
        producer.send(bytes);

        stopBroker(); // the broker stops and releases its Derby store

        MessageConsumer consumer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        TextMessage received = (TextMessage) receive(consumer);
        assertEquals("survivor", received.getText());
        assertEquals(sent.getJMSMessageID(), received.getJMSMessageID());
        assertEquals(sent.getJMSTimestamp(), received.getJMSTimestamp());
        assertEquals("corr-1", received.getJMSCorrelationID());
        assertEquals("order", received.getJMSType());
        assertEquals(replyTo, received.getJMSReplyTo());
        assertEquals(queue, received.getJMSDestination());
        assertEquals(DeliveryMode.PERSISTENT, received.getJMSDeliveryMode());
        assertEquals(7, received.getJMSPriority());
        assertEquals("ACME", received.getStringProperty("customer"));
        assertEquals(12_345_678_901L, received.getLongProperty("amount"));
        assertEquals(0.25, received.getDoubleProperty("rate"));
        assertTrue(received.getBooleanProperty("urgent"));
        assertFalse(received.getJMSRedelivered());
        BytesMessage receivedBytes = (BytesMessage) receive(consumer);
        byte[] body = new byte[5];
        assertEquals(5, receivedBytes.readBytes(body));
        assertArrayEquals(new byte[]{1, 2, 3, 4, 5}, body);
    }

    @Test
    void nonPersistentMessagesAreGoneAfterARestartAndNeverReachTheStore() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("mixed");
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        for (int i = 0; i < 20; i++) {
            producer.send(session.createTextMessage("volatile " + i));
        }
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        producer.send(session.createTextMessage("kept"));

        stopBroker();
        assertEquals(1, storedMessageCount(), "only the persistent message may be in the store");

        MessageConsumer consumer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        assertEquals("kept", ((TextMessage) receive(consumer)).getText());
        assertNull(consumer.receive(ABSENT));
    }

    @Test
    void acknowledgedMessagesDoNotComeBackAfterARestart() throws Exception {
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("consumed");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 5; i++) {
            producer.send(session.createTextMessage("c" + i));
        }
        MessageConsumer consumer = session.createConsumer(queue);
        Message last = null;
        for (int i = 0; i < 3; i++) {
            last = receive(consumer);
        }
        last.acknowledge();

        stopBroker();

        MessageConsumer after = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        assertEquals("c3", ((TextMessage) receive(after)).getText());
        assertEquals("c4", ((TextMessage) receive(after)).getText());
        assertNull(after.receive(ABSENT));
    }

    @Test
    void redeliveryCountSurvivesARestart() throws Exception {
        Session session = session(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("counted");
        session.createProducer(queue).send(session.createTextMessage("x"));
        MessageConsumer consumer = session.createConsumer(queue);
        receive(consumer);
        session.recover();
        receive(consumer);

        stopBroker();

        Message message = receive(session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue));
        assertTrue(message.getJMSRedelivered());
        assertEquals(3, message.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void durableSubscriptionKeepsMessagesAcrossARestart() throws Exception {
        Connection connection = stoppedConnection();
        connection.setClientID("subscriber-app");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("prices");
        session.createDurableConsumer(topic, "price-feed").close();
        session.createProducer(topic).send(session.createTextMessage("42.0"));

        stopBroker();

        Connection again = stoppedConnection();
        again.setClientID("subscriber-app");
        again.start();
        MessageConsumer consumer = again.createSession(Session.AUTO_ACKNOWLEDGE).createDurableConsumer(topic,
                "price-feed");
        assertEquals("42.0", ((TextMessage) receive(consumer)).getText());
    }

    /** Opens the stopped broker's Derby database directly and counts the stored messages. */
    private long storedMessageCount() throws Exception {
        String url = "jdbc:derby:" + dataDirectory.resolve("derby").toAbsolutePath();
        try (java.sql.Connection jdbc = DriverManager.getConnection(url);
             Statement statement = jdbc.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM GANNET_MESSAGE")) {
            rs.next();
            return rs.getLong(1);
        } finally {
            try {
                DriverManager.getConnection(url + ";shutdown=true").close();
            } catch (java.sql.SQLException expected) {
                // Derby reports a clean shutdown as an exception
            }
        }
    }
}
