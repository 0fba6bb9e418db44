package dev.gannet.integration;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicSession;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XATopicConnectionFactory;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * XA connections, sessions and contexts (spec 11.1, the javadoc of XAConnectionFactory, XAConnection, XASession,
 * XAJMSContext): what the application sees of them, inside and outside a global transaction. The XAResource's rules
 * are {@link XaResourceTest}'s.
 */
class XaSessionTest extends XaTestSupport {

    @Test
    void anXaSessionIsTransactedAndRefusesItsOwnCommitAndRollback() throws Exception {
        XASession xa = xaSession();
        assertTrue(xa.getTransacted(), "XASession.getTransacted: true");
        assertEquals(Session.SESSION_TRANSACTED, xa.getAcknowledgeMode());
        TransactionInProgressException commit = assertThrows(TransactionInProgressException.class, xa::commit);
        assertTrue(commit.getMessage().contains("global transaction"), commit.getMessage());
        assertThrows(TransactionInProgressException.class, xa::rollback);
        assertThrows(IllegalStateException.class, xa::recover, "a transacted session refuses recover");
        Session session = xa.getSession();
        assertTrue(session.getTransacted());
        assertThrows(TransactionInProgressException.class, session::commit,
                "the session the application gets is the XA session's");
    }

    @Test
    void theSessionOfAnXaSessionIsTheSameOnEveryCallAndSoIsItsXaResource() throws Exception {
        XASession xa = xaSession();
        assertSame(xa.getSession(), xa.getSession());
        XAResource resource = xa.getXAResource();
        assertNotNull(resource);
        assertSame(resource, xa.getXAResource());
        xa.close();
        assertThrows(IllegalStateException.class, xa::getSession, "a closed session");
        assertThrows(IllegalStateException.class, xa::getTransacted, "a closed session");
    }

    @Test
    void outsideAGlobalTransactionAnXaSessionSendsAndAcknowledgesAsAutoAcknowledge() throws Exception {
        XASession xa = xaSession();
        Queue queue = xa.createQueue("xa-outside");
        xa.createProducer(queue).send(xa.createTextMessage("at once"));
        MessageConsumer observer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        assertEquals("at once", ((TextMessage) receive(observer)).getText(), "a send outside a branch is not staged");
        observer.close();

        xa.createProducer(queue).send(xa.createTextMessage("consumed"));
        assertEquals("consumed", ((TextMessage) receive(xa.createConsumer(queue))).getText());
        xa.close();
        assertNull(session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue).receive(ABSENT),
                "a message received outside a branch is acknowledged when received");
    }

    @Test
    void xaQueueAndTopicSessionsGiveTheirDomainsSessions() throws Exception {
        ensureBroker();
        XAQueueConnection queues = ((XAQueueConnectionFactory) xaFactory).createXAQueueConnection();
        closeLater(queues);
        XAQueueSession queueSession = queues.createXAQueueSession();
        assertNotNull(queueSession.getQueueSession().createQueue("xa-domain"));
        assertThrows(IllegalStateException.class, () -> queueSession.getQueueSession().createTopic("xa-domain"),
                "an XAQueueSession's session is a QueueSession");
        assertTrue(queueSession.getTransacted());

        XATopicConnection topics = ((XATopicConnectionFactory) xaFactory).createXATopicConnection();
        closeLater(topics);
        XATopicSession topicSession = topics.createXATopicSession();
        assertNotNull(topicSession.getTopicSession().createTopic("xa-domain"));
        assertThrows(IllegalStateException.class, () -> topicSession.getTopicSession().createQueue("xa-domain"),
                "an XATopicSession's session is a TopicSession");
        assertThrows(TransactionInProgressException.class, topicSession::commit);
    }

    @Test
    void anXaConnectionAlsoMakesOrdinarySessions() throws Exception {
        XAConnection connection = xaConnection();
        Session local = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = local.createQueue("xa-ordinary");
        local.createProducer(queue).send(local.createTextMessage("local"));
        MessageConsumer observer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        assertNull(observer.receive(ABSENT), "a local transaction stages its send until commit");
        local.commit();
        assertEquals("local", ((TextMessage) receive(observer)).getText());
        assertFalse(connection.createSession(Session.AUTO_ACKNOWLEDGE).getTransacted());
    }

    @Test
    void anXaConnectionIsCreatedStopped() throws Exception {
        ensureBroker();
        XAConnection connection = closeLater(xaFactory.createXAConnection());
        XASession xa = connection.createXASession();
        Queue queue = xa.createQueue("xa-stopped");
        session(Session.AUTO_ACKNOWLEDGE).createProducer(queue).send(xa.createTextMessage("held"));
        MessageConsumer consumer = xa.createConsumer(queue);
        assertNull(consumer.receive(ABSENT), "no delivery before Connection.start");
        connection.start();
        assertEquals("held", ((TextMessage) receive(consumer)).getText());
    }

    @Test
    void everyXaFactoryMethodWithAndWithoutCredentialsMakesAWorkingConnection() throws Exception {
        ensureBroker();
        XAQueueConnectionFactory queues = (XAQueueConnectionFactory) xaFactory;
        XATopicConnectionFactory topics = (XATopicConnectionFactory) xaFactory;
        List<XAConnection> connections = List.of(xaFactory.createXAConnection(),
                xaFactory.createXAConnection("alice", "secret"), queues.createXAQueueConnection(),
                queues.createXAQueueConnection("alice", "secret"), topics.createXATopicConnection(),
                topics.createXATopicConnection("alice", "secret"));
        connections.forEach(this::closeLater);
        Queue queue = session(Session.AUTO_ACKNOWLEDGE).createQueue("xa-factories");
        MessageConsumer observer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        for (XAConnection connection : connections) {
            XASession xa = connection.createXASession();
            xa.createProducer(queue).send(xa.createTextMessage("from " + connection));
            assertEquals("from " + connection, ((TextMessage) receive(observer)).getText());
        }
        for (XAJMSContext context : List.of(xaFactory.createXAContext(), xaFactory.createXAContext("alice", "x"))) {
            closeLater(context);
            context.createProducer().send(queue, "from a context");
            assertEquals("from a context", ((TextMessage) receive(observer)).getText());
        }
    }

    @Test
    void anXaContextIsTransactedAndRefusesItsOwnCommitAndRollback() throws Exception {
        XAJMSContext xa = xaContext();
        assertTrue(xa.getTransacted(), "XAJMSContext.getTransacted: always true");
        assertEquals(JMSContext.SESSION_TRANSACTED, xa.getSessionMode());
        assertThrows(TransactionInProgressRuntimeException.class, xa::commit);
        assertThrows(TransactionInProgressRuntimeException.class, xa::rollback);
        assertThrows(IllegalStateRuntimeException.class, xa::recover);
        assertSame(xa, xa.getContext());
        assertSame(xa.getXAResource(), xa.getXAResource());
    }

    @Test
    void outsideAGlobalTransactionAnXaContextSendsAtOnceAndItsChildContextIsOrdinary() throws Exception {
        XAJMSContext xa = xaContext();
        Queue queue = xa.createQueue("xa-context-outside");
        xa.createProducer().send(queue, "at once");
        MessageConsumer observer = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        assertEquals("at once", ((TextMessage) receive(observer)).getText());

        JMSContext child = xa.createContext(JMSContext.SESSION_TRANSACTED);
        assertFalse(child instanceof XAJMSContext, "createContext makes an ordinary context on the same connection");
        child.createProducer().send(queue, "child");
        child.commit();
        Message message = receive(observer);
        assertEquals("child", message.getBody(String.class));
        child.close();
    }

    @Test
    void aClosedXaSessionsResourceCannotStartABranch() throws Exception {
        XASession xa = xaSession();
        XAResource resource = xa.getXAResource();
        xa.close();
        assertXaError(XAException.XAER_RMFAIL, () -> resource.start(newXid(), XAResource.TMNOFLAGS));
        assertXaError(XAException.XAER_RMFAIL, () -> resource.end(newXid(), XAResource.TMSUCCESS));
    }
}
