package dev.gannet.tck.connections;

import dev.gannet.tck.support.ConformanceTest;
import jakarta.jms.*;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Spec 6.1 "Connections". */
class ConnectionTest extends ConformanceTest {

    @Test
    @DisplayName("6.1.2 Client ID configured on the factory is reported and may not be changed")
    void adminClientId() throws JMSException {
        Connection c = track(durableCf().createConnection());
        assertEquals("cts", c.getClientID());
        assertThrows(jakarta.jms.IllegalStateException.class, () -> c.setClientID("other"));
    }

    @Test
    @DisplayName("6.1.2 setClientID must come before any other use of the connection")
    void setClientIdAfterUseFails() throws JMSException {
        Connection fresh = connection();
        assertNull(fresh.getClientID());
        fresh.setClientID("tck-client-a");
        assertEquals("tck-client-a", fresh.getClientID());
        Connection used = connection();
        used.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(jakarta.jms.IllegalStateException.class, () -> used.setClientID("tck-client-b"));
    }

    @Test
    @DisplayName("6.1.2 A client ID in use by another connection is refused with InvalidClientIDException")
    void duplicateClientIdRefused() throws JMSException {
        connection().setClientID("tck-duplicate");
        Connection second = connection();
        assertThrows(InvalidClientIDException.class, () -> second.setClientID("tck-duplicate"));
    }

    @Test
    @DisplayName("6.1.4 Messages are not delivered before start; stop pauses and start resumes delivery")
    void startAndStopControlDelivery() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(queue);
        s.createProducer(queue).send(s.createTextMessage("x"));
        assertNull(consumer.receive(ABSENT_TIMEOUT), "connection not started");
        c.start();
        c.start(); // idempotent
        assertNotNull(receive(consumer));
        c.stop();
        s.createProducer(queue).send(s.createTextMessage("y"));
        assertNull(consumer.receive(ABSENT_TIMEOUT), "connection stopped");
        c.start();
        assertNotNull(receive(consumer));
    }

    @Test
    @DisplayName("6.1.5 A stopped connection does not call message listeners")
    void stopPausesListeners() throws Exception {
        Queue queue = queue("MY_QUEUE");
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        s.createConsumer(queue).setMessageListener(got::add);
        Session sender = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        sender.createProducer(queue).send(sender.createTextMessage("x"));
        assertNull(got.poll(ABSENT_TIMEOUT, TimeUnit.MILLISECONDS));
        c.start();
        assertNotNull(got.poll(RECEIVE_TIMEOUT, TimeUnit.MILLISECONDS));
    }

    @Test
    @DisplayName("6.1.5 / 6.1.8 stop() and close() from a listener on its own connection throw IllegalStateException")
    void stopAndCloseFromOwnListenerFail() throws Exception {
        Queue queue = queue("MY_QUEUE");
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        BlockingQueue<Object> outcome = new LinkedBlockingQueue<>();
        s.createConsumer(queue).setMessageListener(m -> {
            try {
                c.stop();
                outcome.add("stop returned");
            } catch (JMSException e) {
                outcome.add(e);
            }
            try {
                c.close();
                outcome.add("close returned");
            } catch (JMSException e) {
                outcome.add(e);
            }
        });
        c.start();
        s.createProducer(queue).send(s.createTextMessage("x"));
        assertInstanceOf(jakarta.jms.IllegalStateException.class, outcome.poll(RECEIVE_TIMEOUT, TimeUnit.MILLISECONDS));
        assertInstanceOf(jakarta.jms.IllegalStateException.class, outcome.poll(RECEIVE_TIMEOUT, TimeUnit.MILLISECONDS));
    }

    @Test
    @DisplayName("6.1.8 close is idempotent; other methods on a closed connection throw IllegalStateException")
    void closedConnectionRefusesUse() throws JMSException {
        Connection c = cf().createConnection();
        c.close();
        c.close();
        assertThrows(jakarta.jms.IllegalStateException.class, () -> c.createSession(false, Session.AUTO_ACKNOWLEDGE));
        assertThrows(jakarta.jms.IllegalStateException.class, c::start);
        assertThrows(jakarta.jms.IllegalStateException.class, c::stop);
        assertThrows(jakarta.jms.IllegalStateException.class, c::getClientID);
        assertThrows(jakarta.jms.IllegalStateException.class, () -> c.setClientID("x"));
        assertThrows(jakarta.jms.IllegalStateException.class, c::getMetaData);
        assertThrows(jakarta.jms.IllegalStateException.class, c::getExceptionListener);
    }

    @Test
    @DisplayName("6.1.8 Closing a connection closes its sessions, producers and consumers")
    void closeClosesChildren() throws JMSException {
        Queue queue = queue("MY_QUEUE");
        Connection c = cf().createConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(queue);
        MessageConsumer consumer = s.createConsumer(queue);
        c.close();
        assertThrows(jakarta.jms.IllegalStateException.class, s::createMessage);
        assertThrows(jakarta.jms.IllegalStateException.class, p::getDeliveryMode);
        assertThrows(jakarta.jms.IllegalStateException.class, () -> consumer.receive(10));
    }

    @Test
    @DisplayName("6.1.8 Closing the connection unblocks a receive in progress, which returns null")
    void closeUnblocksReceive() throws Exception {
        Queue queue = queue("MY_QUEUE2");
        Connection c = cf().createConnection();
        c.start();
        MessageConsumer consumer = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        BlockingQueue<Object> result = new LinkedBlockingQueue<>();
        Thread receiver = new Thread(() -> {
            try {
                Message m = consumer.receive();
                result.add(m == null ? "null" : m);
            } catch (Throwable e) {
                result.add(e);
            }
        });
        receiver.start();
        assertNull(result.poll(ABSENT_TIMEOUT, TimeUnit.MILLISECONDS));
        c.close();
        assertEquals("null", result.poll(RECEIVE_TIMEOUT, TimeUnit.MILLISECONDS));
    }

    @Test
    @DisplayName("6.1.6 ConnectionMetaData reports versions and the JMSX properties supported")
    void metaData() throws JMSException {
        ConnectionMetaData md = connection().getMetaData();
        assertEquals(3, md.getJMSMajorVersion());
        assertEquals(1, md.getJMSMinorVersion());
        assertEquals("3.1", md.getJMSVersion());
        assertNotNull(md.getJMSProviderName());
        assertNotNull(md.getProviderVersion());
        List<?> names = Collections.list(md.getJMSXPropertyNames());
        assertTrue(names.contains("JMSXGroupID"), names.toString());
        assertTrue(names.contains("JMSXGroupSeq"), names.toString());
        assertTrue(names.contains("JMSXDeliveryCount"), names.toString());
    }

    @Test
    @DisplayName("6.1.7 An ExceptionListener can be set and read back")
    void exceptionListener() throws JMSException {
        Connection c = connection();
        assertNull(c.getExceptionListener());
        ExceptionListener listener = e -> { };
        c.setExceptionListener(listener);
        assertSame(listener, c.getExceptionListener());
    }

    @Test
    @DisplayName("6.1 A connection with user name and password can be created (the TCK's user, j2ee)")
    void connectionWithCredentials() throws JMSException {
        Connection c = track(cf().createConnection("j2ee", "j2ee"));
        c.start();
        assertNotNull(c.createSession(false, Session.AUTO_ACKNOWLEDGE));
    }
}
