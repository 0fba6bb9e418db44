package dev.gannet.integration;

import dev.gannet.store.jdbc.DerbyDatabase;
import dev.gannet.store.jdbc.StoreCheck;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one client sends or one stored row holds cannot hurt anyone else (issue 19): a send the store cannot hold
 * fails alone while other producers' sends, batched with it, are stored; a queue whose row cannot be stored takes
 * no message; a stored queue or message the broker cannot load is set aside in the store's quarantine and the
 * broker starts with everything else. After each, the store passes its consistency check.
 */
class StoreIsolationTest extends BrokerTestSupport {

    private static final int PRODUCERS = 4;
    private static final int SENDS_PER_PRODUCER = 25;
    private static final int BAD_SENDS = 5;
    /** Longer than any group ID, queue name or column Gannet accepts. */
    private static final String TOO_LONG = "x".repeat(3000);

    @Test
    void aSendTheStoreCannotHoldFailsAloneWhileConcurrentSendsAreStored() throws Exception {
        ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
        try {
            List<Future<?>> sending = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                Session session = connection().createSession(Session.AUTO_ACKNOWLEDGE);
                sending.add(producers.submit(() -> {
                    MessageProducer sender = session.createProducer(session.createQueue("work"));
                    for (int i = 0; i < SENDS_PER_PRODUCER; i++) {
                        sender.send(session.createTextMessage(producer + "-" + i));
                    }
                    return null;
                }));
            }
            Session session = connection().createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer sender = session.createProducer(session.createQueue("work"));
            for (int i = 0; i < BAD_SENDS; i++) {
                TextMessage bad = session.createTextMessage("bad-" + i);
                bad.setStringProperty("JMSXGroupID", TOO_LONG);
                assertThrows(JMSException.class, () -> sender.send(bad));
            }
            for (Future<?> producer : sending) {
                producer.get(ARRIVES, TimeUnit.MILLISECONDS); // every good send was confirmed
            }
        } finally {
            producers.shutdownNow();
        }
        stopBroker();
        assertStoreConsistent();

        MessageConsumer consumer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(
                session(Session.AUTO_ACKNOWLEDGE).createQueue("work"));
        Set<String> received = new HashSet<>();
        for (int i = 0; i < PRODUCERS * SENDS_PER_PRODUCER; i++) {
            received.add(((TextMessage) receive(consumer)).getText());
        }
        assertEquals(PRODUCERS * SENDS_PER_PRODUCER, received.size());
        assertNull(consumer.receive(ABSENT), "no bad send was stored");
    }

    @Test
    void aSendToAQueueWhoseRowCannotBeStoredFailsInsteadOfBeingConfirmed() throws Exception {
        Session session = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        for (int i = 0; i < 2; i++) { // the second send carries the queue's row again
            assertThrows(JMSException.class, () -> session.createProducer(session.createQueue(TOO_LONG))
                    .send(session.createTextMessage("unreachable?")));
        }
        session.createProducer(session.createQueue("fine")).send(session.createTextMessage("stored"));
        stopBroker();
        assertStoreConsistent();
        assertEquals(1, count("SELECT COUNT(*) FROM GANNET_MESSAGE"), "only the message to 'fine' is stored");
    }

    @Test
    void storedQueuesTheBrokerCannotLoadAreQuarantinedAndTheBrokerStartsWithTheRest() throws Exception {
        Connection connection = stoppedConnection();
        connection.setClientID("app");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("prices");
        session.createDurableConsumer(topic, "feed", "price > 1", false).close();
        MessageProducer producer = session.createProducer(null);
        for (int i = 0; i < 3; i++) {
            producer.send(session.createQueue("good"), session.createTextMessage("good-" + i));
            producer.send(session.createQueue("victim"), session.createTextMessage("victim-" + i));
            Message price = session.createTextMessage("price-" + i);
            price.setIntProperty("price", 5);
            producer.send(topic, price);
        }
        stopBroker();
        // What an older or damaged store may hold: a name the broker does not make, a selector that does not parse.
        update("UPDATE GANNET_QUEUE SET NAME = 'bogus:victim' WHERE NAME = 'queue:victim'");
        update("UPDATE GANNET_QUEUE SET SELECTOR = 'price >' WHERE TOPIC = 'prices'");

        Connection again = stoppedConnection();
        again.setClientID("app");
        again.start();
        Session restarted = again.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer good = restarted.createConsumer(restarted.createQueue("good"));
        for (int i = 0; i < 3; i++) {
            assertEquals("good-" + i, ((TextMessage) receive(good)).getText());
        }
        assertNull(restarted.createConsumer(restarted.createQueue("victim")).receive(ABSENT));
        assertNull(restarted.createDurableConsumer(topic, "feed", "price > 1", false).receive(ABSENT));
        stopBroker();

        StoreCheck.Report report = assertStoreConsistent();
        assertEquals(2 + 3 + 3 + 3 + 3, report.quarantined(), "2 queues, 6 references, 6 messages");
        assertEquals(2, count("SELECT COUNT(*) FROM GANNET_QUARANTINE WHERE SOURCE_TABLE = 'GANNET_QUEUE'"));
    }

    @Test
    void aVersion2StoreHoldingAPriorityOutOfRangeStartsWithTheRest() throws Exception {
        Session session = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("orders");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 3; i++) {
            producer.send(session.createTextMessage("order-" + i), DeliveryMode.PERSISTENT, 4, 0);
        }
        stopBroker();
        // Back to what a version 2 broker wrote for a send with priority 12, which nothing refused then.
        update("ALTER TABLE GANNET_REFERENCE DROP CONSTRAINT GANNET_REFERENCE_MESSAGE",
                "ALTER TABLE GANNET_REFERENCE DROP CONSTRAINT GANNET_REFERENCE_QUEUE",
                "ALTER TABLE GANNET_REFERENCE DROP CONSTRAINT GANNET_REFERENCE_PRIORITY",
                "ALTER TABLE GANNET_REFERENCE DROP CONSTRAINT GANNET_REFERENCE_DELIVERIES",
                "ALTER TABLE GANNET_MESSAGE DROP CONSTRAINT GANNET_MESSAGE_PRIORITY",
                "ALTER TABLE GANNET_MESSAGE DROP CONSTRAINT GANNET_MESSAGE_REFERENCES",
                "ALTER TABLE GANNET_QUEUE DROP CONSTRAINT GANNET_QUEUE_NO_LOCAL",
                "ALTER TABLE GANNET_QUEUE DROP CONSTRAINT GANNET_QUEUE_SHARED",
                "DROP TABLE GANNET_QUARANTINE",
                "UPDATE GANNET_VERSION SET VERSION = 2",
                "UPDATE GANNET_MESSAGE SET PRIORITY = 12 WHERE ID = (SELECT MIN(ID) FROM GANNET_MESSAGE)",
                "UPDATE GANNET_REFERENCE SET PRIORITY = 12 WHERE MESSAGE_ID = (SELECT MIN(ID) FROM GANNET_MESSAGE)");

        MessageConsumer consumer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        assertEquals("order-1", ((TextMessage) receive(consumer)).getText());
        assertEquals("order-2", ((TextMessage) receive(consumer)).getText());
        assertNull(consumer.receive(ABSENT));
        stopBroker();
        assertEquals(2, assertStoreConsistent().quarantined(), "the message and its reference");
    }

    private StoreCheck.Report assertStoreConsistent() {
        StoreCheck.Report report = StoreCheck.check(database());
        assertTrue(report.consistent(), report.describe(20));
        return report;
    }

    private DerbyDatabase database() {
        return new DerbyDatabase(dataDirectory.resolve("derby"));
    }

    /** Runs statements on the stopped broker's store, in one transaction. */
    private void update(String... statements) throws SQLException {
        DerbyDatabase database = database();
        try (java.sql.Connection c = database.open(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String statement : statements) {
                s.execute(statement);
            }
            c.commit();
        } finally {
            database.shutdown();
        }
    }

    private long count(String query) throws SQLException {
        DerbyDatabase database = database();
        try (java.sql.Connection c = database.open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } finally {
            database.shutdown();
        }
    }
}
