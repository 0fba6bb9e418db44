package dev.gannet.tck.selectors;

import dev.gannet.tck.support.ConformanceTest;
import jakarta.jms.*;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** Spec 3.8 "Message selection" (3.8.1.1 syntax, 3.8.1.2 null values). */
class MessageSelectorTest extends ConformanceTest {

    /**
     * Five messages, property {@code n} = index:
     * 0: color=red size=1 weight=2.5 flag=true name=alpha
     * 1: color=blue size=5 weight=10.0 flag=false name=beta_x JMSType=car
     * 2: color=green size=10 name=a%c priority 9
     * 3: (no color) size=20 flag=true name=Alpha JMSCorrelationID=corr-3
     * 4: color=red size=-3 weight=0.5 name=alp NON_PERSISTENT
     */
    private void sendFixture(Session session, Destination destination) throws JMSException {
        MessageProducer producer = session.createProducer(destination);
        Object[][] rows = {
                {"red", 1, 2.5, true, "alpha"},
                {"blue", 5, 10.0, false, "beta_x"},
                {"green", 10, null, null, "a%c"},
                {null, 20, null, true, "Alpha"},
                {"red", -3, 0.5, null, "alp"},
        };
        for (int i = 0; i < rows.length; i++) {
            Message m = session.createMessage();
            m.setIntProperty("n", i);
            if (rows[i][0] != null) {
                m.setStringProperty("color", (String) rows[i][0]);
            }
            m.setIntProperty("size", (Integer) rows[i][1]);
            if (rows[i][2] != null) {
                m.setDoubleProperty("weight", (Double) rows[i][2]);
            }
            if (rows[i][3] != null) {
                m.setBooleanProperty("flag", (Boolean) rows[i][3]);
            }
            m.setStringProperty("name", (String) rows[i][4]);
            if (i == 1) {
                m.setJMSType("car");
            }
            if (i == 3) {
                m.setJMSCorrelationID("corr-3");
            }
            int priority = i == 2 ? 9 : 4;
            int mode = i == 4 ? DeliveryMode.NON_PERSISTENT : DeliveryMode.PERSISTENT;
            producer.send(m, mode, priority, 0);
        }
    }

    private static Set<Integer> expected(String list) {
        if (list == null || list.isBlank() || list.equals("-")) {
            return Set.of();
        }
        return Arrays.stream(list.split(" ")).map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest(name = "3.8.1.1 [{0}] selects {1}")
    @CsvSource(delimiter = '|', value = {
            "color = 'red'                          | 0 4",
            "color <> 'red'                         | 1 2",
            "size > 4                               | 1 2 3",
            "size >= 5 AND size <= 10               | 1 2",
            "size BETWEEN 1 AND 10                  | 0 1 2",
            "size NOT BETWEEN 1 AND 10              | 3 4",
            "color IN ('red', 'green')              | 0 2 4",
            "color NOT IN ('red', 'green')          | 1",
            "name LIKE 'al%'                        | 0 4",
            "name LIKE 'alp_a'                      | 0",
            "name NOT LIKE 'al%'                    | 1 2 3",
            "name LIKE 'a!%c' ESCAPE '!'            | 2",
            "name LIKE 'beta!_%' ESCAPE '!'         | 1",
            "color IS NULL                          | 3",
            "color IS NOT NULL                      | 0 1 2 4",
            "flag = TRUE                            | 0 3",
            "flag                                   | 0 3",
            "NOT flag                               | 1",
            "flag = FALSE                           | 1",
            "weight > 2.0                           | 0 1",
            "weight * 2 >= 5                        | 0 1",
            "size + 1 = 6                           | 1",
            "size - 1 = 9                           | 2",
            "-size = 3                              | 4",
            "size * size = 100                      | 2",
            "weight < 1E1                           | 0 4",
            "weight = 10                            | 1",
            "size = 1.0                             | 0",
            "JMSType = 'car'                        | 1",
            "JMSPriority > 4                        | 2",
            "JMSDeliveryMode = 'NON_PERSISTENT'     | 4",
            "JMSDeliveryMode = 'PERSISTENT'         | 0 1 2 3",
            "JMSCorrelationID = 'corr-3'            | 3",
            "JMSMessageID IS NOT NULL               | 0 1 2 3 4",
            "JMSTimestamp > 0                       | 0 1 2 3 4",
            "color = 'red' AND size > 0             | 0",
            "color = 'red' OR size = 20             | 0 3 4",
            "color = 'blue' OR color IS NULL        | 1 3",
            "(size < 0 OR size > 15) AND color IS NULL | 3",
            "NOT (color = 'red')                    | 1 2",
            "missing = 'x'                          | -",
            "missing IS NULL                        | 0 1 2 3 4",
            "missing > 3                            | -",
            "NOT (missing > 3)                      | -",
            "missing > 3 OR size = 1                | 0",
            "name = 'alpha'                         | 0",
            "name = 'ALPHA'                         | -",
            "color is null                          | 3",
            "size between 1 and 5                   | 0 1",
            "color = 'it''s'                        | -",
            "TRUE                                   | 0 1 2 3 4",
            "FALSE                                  | -",
            "size > 4 AND size < 10                 | 1",
            "n = 2                                  | 2",
    })
    void selectorSelectsMatchingMessages(String selector, String matches) throws JMSException {
        Queue queue = queue("testQ0");
        Session session = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        sendFixture(session, queue);
        MessageConsumer consumer = session.createConsumer(queue, selector);
        assertEquals(selector, consumer.getMessageSelector());
        Set<Integer> expected = expected(matches);
        Set<Integer> got = new TreeSet<>();
        for (int i = 0; i < expected.size(); i++) {
            Message m = receive(consumer);
            assertNotNull(m, "selector [" + selector + "] should have matched " + expected + ", got only " + got);
            got.add(m.getIntProperty("n"));
        }
        assertNull(consumer.receive(ABSENT_TIMEOUT), "no more matches for [" + selector + "]");
        assertEquals(expected, got, selector);
    }

    @ParameterizedTest(name = "3.8.1.1 invalid selector [{0}] throws InvalidSelectorException")
    @ValueSource(strings = {"color =", "(size > 1", "size > 1 AND", "color == 'red'", "size BETWEEN 1",
            "color LIKE", "color IN ()", "= 'red'", "color = 'red", "size >> 3", "NOT", "color IS 'x'"})
    void invalidSelectorIsRejected(String selector) throws JMSException {
        Queue queue = queue("testQ0");
        Session session = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidSelectorException.class, () -> session.createConsumer(queue, selector));
        assertThrows(InvalidSelectorException.class, () -> session.createBrowser(queue, selector));
        JMSContext context = context();
        assertThrows(InvalidSelectorRuntimeException.class, () -> context.createConsumer(queue, selector));
    }

    @Test
    @DisplayName("3.8.1 A null or empty selector selects every message")
    void nullOrEmptySelectorSelectsAll() throws JMSException {
        Queue queue = queue("testQ0");
        Session session = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        sendFixture(session, queue);
        MessageConsumer consumer = session.createConsumer(queue, "");
        for (int i = 0; i < 5; i++) {
            assertNotNull(receive(consumer));
        }
        consumer.close();
        sendFixture(session, queue);
        MessageConsumer nullSelector = session.createConsumer(queue, null);
        for (int i = 0; i < 5; i++) {
            assertNotNull(receive(nullSelector));
        }
    }

    @Test
    @DisplayName("3.8.1 Messages not selected stay on the queue for other consumers")
    void unselectedMessagesRemainOnQueue() throws JMSException {
        Queue queue = queue("testQ0");
        Session session = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        sendFixture(session, queue);
        MessageConsumer red = session.createConsumer(queue, "color = 'red'");
        assertNotNull(receive(red));
        assertNotNull(receive(red));
        assertNull(red.receive(ABSENT_TIMEOUT));
        red.close();
        MessageConsumer rest = session.createConsumer(queue);
        Set<Integer> got = new TreeSet<>();
        for (int i = 0; i < 3; i++) {
            Message m = receive(rest);
            assertNotNull(m);
            got.add(m.getIntProperty("n"));
        }
        assertEquals(Set.of(1, 2, 3), got);
    }

    @Test
    @DisplayName("3.8 A topic subscriber with a selector gets only matching publications")
    void topicSubscriberSelector() throws JMSException {
        Topic topic = topic("testT0");
        Session session = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer subscriber = session.createConsumer(topic, "size > 4 AND color IS NOT NULL");
        sendFixture(session, topic);
        Set<Integer> got = new TreeSet<>();
        for (int i = 0; i < 2; i++) {
            Message m = receive(subscriber);
            assertNotNull(m);
            got.add(m.getIntProperty("n"));
        }
        assertNull(subscriber.receive(ABSENT_TIMEOUT));
        assertEquals(Set.of(1, 2), got);
    }

    @Test
    @DisplayName("3.8 / 4.1.5 A queue browser with a selector shows only matching messages")
    void browserSelector() throws JMSException {
        Queue queue = queue("testQ0");
        Session session = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        sendFixture(session, queue);
        QueueBrowser browser = session.createBrowser(queue, "color = 'red'");
        assertEquals("color = 'red'", browser.getMessageSelector());
        Enumeration<?> e = browser.getEnumeration();
        Set<Integer> got = new TreeSet<>();
        while (e.hasMoreElements()) {
            got.add(((Message) e.nextElement()).getIntProperty("n"));
        }
        assertEquals(Set.of(0, 4), got);
    }

    @Test
    @DisplayName("3.8 JMSContext consumer with a selector")
    void simplifiedApiSelector() {
        Queue queue = queue("testQ1");
        JMSContext context = context();
        JMSProducer producer = context.createProducer();
        producer.setProperty("k", 1).send(queue, "one");
        producer.setProperty("k", 2).send(queue, "two");
        JMSConsumer consumer = context.createConsumer(queue, "k = 2");
        assertEquals("k = 2", consumer.getMessageSelector());
        assertEquals("two", consumer.receiveBody(String.class, RECEIVE_TIMEOUT));
        assertNull(consumer.receiveBody(String.class, ABSENT_TIMEOUT));
    }
}
