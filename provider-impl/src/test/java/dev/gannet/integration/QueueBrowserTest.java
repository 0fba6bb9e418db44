package dev.gannet.integration;

import dev.gannet.api.Limits;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.NoSuchElementException;

import static dev.gannet.integration.Bodies.browse;
import static dev.gannet.integration.Bodies.assertReceives;
import static dev.gannet.integration.Bodies.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queue browsers (spec 4.1.6 and the QueueBrowser javadoc): look at a queue's messages without removing them. */
class QueueBrowserTest extends BrokerTestSupport {

    private static List<String> sendTexts(Session session, Queue queue, String... bodies) throws Exception {
        MessageProducer producer = session.createProducer(queue);
        List<String> ids = new ArrayList<>();
        for (String body : bodies) {
            TextMessage message = session.createTextMessage(body);
            producer.send(message);
            ids.add(message.getJMSMessageID());
        }
        return ids;
    }

    @Test
    void browsingShowsTheMessagesWithoutConsumingThem() throws Exception { // spec 4.1.6
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("browsed");
        List<String> ids = sendTexts(session, queue, "a", "b", "c");
        QueueBrowser browser = session.createBrowser(queue);
        List<String> browsedIds = new ArrayList<>();
        for (Object message : Collections.list(browser.getEnumeration())) {
            browsedIds.add(((Message) message).getJMSMessageID());
            assertEquals(queue, ((Message) message).getJMSDestination());
        }
        assertEquals(ids, browsedIds);
        assertEquals(List.of("a", "b", "c"), browse(browser), "a second enumeration starts from the head again");
        assertReceives(List.of("a", "b", "c"), session.createConsumer(queue), "browsing consumed messages");
        assertEquals(List.of(), browse(browser));
    }

    @Test
    void browseOrderIsTheOrderMessagesWouldBeReceivedIncludingPriority() throws Exception { // QueueBrowser javadoc
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("browsed-priorities");
        MessageProducer producer = session.createProducer(queue);
        int[] priorities = {1, 9, 4, 9, 1, 6};
        for (int i = 0; i < priorities.length; i++) {
            producer.send(session.createTextMessage("p" + priorities[i] + "-" + i), DeliveryMode.PERSISTENT,
                    priorities[i], 0);
        }
        List<String> browsed = browse(session.createBrowser(queue));
        assertEquals(List.of("p9-1", "p9-3", "p6-5", "p4-2", "p1-0", "p1-4"), browsed);
        assertReceives(browsed, session.createConsumer(queue), "browse order is receive order");
    }

    @Test
    void browserWithASelectorShowsOnlyMatchesAndReportsItsQueueAndSelector() throws Exception { // spec 4.1.6, 3.8
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("browsed-selectively");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 6; i++) {
            TextMessage message = session.createTextMessage("n" + i);
            message.setIntProperty("n", i);
            producer.send(message);
        }
        QueueBrowser small = session.createBrowser(queue, "n < 3");
        assertEquals(List.of("n0", "n1", "n2"), browse(small));
        assertEquals("n < 3", small.getMessageSelector());
        assertEquals(queue, small.getQueue());
        assertEquals(6, drain(session.createConsumer(queue)).size(), "browsing consumed messages");
    }

    @Test
    void browserWithoutSelectorReportsNullSelector() throws Exception { // QueueBrowser.getMessageSelector javadoc
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("unselective");
        assertNull(session.createBrowser(queue).getMessageSelector());
        assertNull(session.createBrowser(queue, null).getMessageSelector());
        assertNull(session.createBrowser(queue, "").getMessageSelector());
    }

    @Test
    void emptyQueueGivesAnEmptyEnumeration() throws Exception { // QueueBrowser.getEnumeration javadoc
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Enumeration<?> enumeration = session.createBrowser(session.createQueue("nothing-here")).getEnumeration();
        assertFalse(enumeration.hasMoreElements());
        assertThrows(NoSuchElementException.class, enumeration::nextElement);
    }

    @Test
    void aSessionHasAtMostItsLimitOfUnfinishedEnumerationsAndClosingTheBrowserEndsThem() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("browsed-often");
        sendTexts(session, queue, "only");
        QueueBrowser browser = session.createBrowser(queue);
        List<Enumeration<?>> unfinished = new ArrayList<>();
        for (int i = 0; i < Limits.MAX_OPEN_BROWSES_PER_SESSION; i++) {
            unfinished.add(browser.getEnumeration()); // each has its first page and waits for its end
        }
        ResourceAllocationException e = assertThrows(ResourceAllocationException.class, browser::getEnumeration);
        assertTrue(e.getMessage().contains("browser enumerations open"), e.getMessage());
        assertEquals("only", ((TextMessage) unfinished.get(0).nextElement()).getText());
        assertFalse(unfinished.get(0).hasMoreElements(), "the enumeration reached its end");

        browser.close();
        Enumeration<?> afterClose = unfinished.get(1);
        assertEquals("only", ((TextMessage) afterClose.nextElement()).getText(), "the page it fetched before the close");
        assertFalse(afterClose.hasMoreElements(), "an enumeration of a closed browser ends");
        assertEquals(List.of("only"), browse(session.createBrowser(queue)), "closing the browser ended its walks");
    }

    @Test
    void closedBrowserRefusesGetEnumeration() throws Exception { // spec 6.2.15: closed objects throw IllegalState
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        QueueBrowser browser = session.createBrowser(session.createQueue("closed-browser"));
        browser.close();
        browser.close(); // closing twice is allowed
        assertThrows(IllegalStateException.class, browser::getEnumeration);
    }

    @Test
    void browserOfAClosedSessionRefusesGetEnumeration() throws Exception { // spec 6.2.15
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        QueueBrowser browser = session.createBrowser(session.createQueue("closed-session-browser"));
        session.close();
        assertThrows(IllegalStateException.class, browser::getEnumeration);
    }

    @Test
    void uncommittedSendsAreNotBrowsable() throws Exception { // spec 6.2.7, 4.1.6
        Session transacted = connection().createSession(Session.SESSION_TRANSACTED);
        Queue queue = transacted.createQueue("browsed-transaction");
        transacted.createProducer(queue).send(transacted.createTextMessage("pending"));
        QueueBrowser browser = session(Session.AUTO_ACKNOWLEDGE).createBrowser(queue);
        assertEquals(List.of(), browse(browser));
        transacted.commit();
        assertEquals(List.of("pending"), browse(browser));
    }

    @Test
    void contextBrowserShowsTheQueueWithoutConsumingIt() throws Exception { // spec 4.1.6, JMSContext.createBrowser
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = context.createQueue("browsed-simple");
        context.createProducer().send(queue, "x").send(queue, "y");
        QueueBrowser browser = context.createBrowser(queue);
        assertEquals(queue, browser.getQueue());
        assertNull(browser.getMessageSelector());
        assertEquals(List.of("x", "y"), browse(browser));
        assertReceives(List.of("x", "y"), context.createConsumer(queue));
    }
}
