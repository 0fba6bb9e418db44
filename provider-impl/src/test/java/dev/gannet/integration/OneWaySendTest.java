package dev.gannet.integration;

import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.gannet.integration.Bodies.browse;
import static dev.gannet.integration.Bodies.assertReceives;
import static dev.gannet.integration.Bodies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One-way sends: non-persistent sends outside a transaction and every send of a transacted session do not wait for
 * the broker. A later answered command (a persistent send, commit, close) is a barrier behind them; a failure on the
 * broker fails the next commit (transacted) or reaches the connection's ExceptionListener, and what the client can
 * check itself is still refused at once. The URL options blockOnNonPersistentSend and blockOnTransactedSend make them
 * wait again.
 */
class OneWaySendTest extends BrokerTestSupport {

    /** More than the tcp link's window of one-way sends, so the window fills and opens again several times. */
    private static final int MANY = 2500;

    @Test
    void oneWaySendsAreOnTheQueueInSendOrderWhenALaterPersistentSendReturns() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("one-way-order");
        MessageProducer producer = session.createProducer(queue);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < MANY; i++) {
            producer.send(session.createTextMessage("np-" + i), DeliveryMode.NON_PERSISTENT, 4, 0);
            expected.add("np-" + i);
        }
        producer.send(session.createTextMessage("p"), DeliveryMode.PERSISTENT, 4, 0);
        expected.add("p");
        Session other = session(Session.AUTO_ACKNOWLEDGE);
        assertEquals(expected, browse(other.createBrowser(queue)), "a browser right after the persistent send");
        MessageConsumer consumer = other.createConsumer(queue);
        List<String> received = new ArrayList<>();
        for (int i = 0; i <= MANY; i++) {
            received.add(text(receive(consumer)));
        }
        assertEquals(expected, received);
    }

    @Test
    void failedSendRollsTheTransactionBackAtCommitAndTheNextTransactionIsClean() throws Exception {
        Connection owner = connection();
        TemporaryQueue temporary = owner.createSession(Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        Session plain = session(Session.AUTO_ACKNOWLEDGE);
        Queue orders = plain.createQueue("tx-orders");
        Queue inbox = plain.createQueue("tx-inbox");
        plain.createProducer(inbox).send(plain.createTextMessage("consumed in the failed transaction"));

        Session transacted = connection().createSession(Session.SESSION_TRANSACTED);
        MessageConsumer inboxConsumer = transacted.createConsumer(inbox);
        assertEquals("consumed in the failed transaction", text(receive(inboxConsumer)));
        MessageProducer anonymous = transacted.createProducer(null);
        temporary.delete();
        anonymous.send(orders, transacted.createTextMessage("a"));
        anonymous.send(temporary, transacted.createTextMessage("to a deleted temporary queue"));
        anonymous.send(orders, transacted.createTextMessage("b"), DeliveryMode.NON_PERSISTENT, 4, 0);

        TransactionRolledBackException e = assertThrows(TransactionRolledBackException.class, transacted::commit);
        assertTrue(e.getMessage().startsWith("Transaction rolled back: a send to temporary queue "
                + temporary.getQueueName() + " failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());

        MessageConsumer ordersConsumer = plain.createConsumer(orders);
        assertNull(ordersConsumer.receive(ABSENT), "nothing of the rolled-back transaction is delivered");
        Message again = receive(inboxConsumer);
        assertEquals("consumed in the failed transaction", text(again));
        assertTrue(again.getJMSRedelivered(), "the received message comes back as after a rollback");

        anonymous.send(orders, transacted.createTextMessage("c"));
        transacted.commit();
        assertReceives(List.of("c"), ordersConsumer);
    }

    @Test
    void failedSendMakesJmsContextCommitThrowTheRuntimeTwin() throws Exception {
        Connection owner = connection();
        TemporaryQueue temporary = owner.createSession(Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        JMSContext context = context(JMSContext.SESSION_TRANSACTED);
        Queue queue = context.createQueue("tx-context");
        JMSProducer producer = context.createProducer();
        temporary.delete();
        producer.send(queue, "a");
        producer.send(temporary, "to a deleted temporary queue");
        TransactionRolledBackRuntimeException e = assertThrows(TransactionRolledBackRuntimeException.class,
                context::commit);
        assertTrue(e.getMessage().contains(temporary.getQueueName()), e.getMessage());
        assertNull(context.createConsumer(queue).receiveBody(String.class, ABSENT));
    }

    @Test
    void blockingOptionsTakeOnlyTrueOrFalse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> factoryWith("blockOnNonPersistentSend=yes"));
        assertTrue(e.getMessage().contains("blockOnNonPersistentSend must be true or false, not 'yes'"), e.getMessage());
    }

    @Test
    void failedNonPersistentSendReachesTheExceptionListener() throws Exception {
        Connection owner = connection();
        TemporaryQueue temporary = owner.createSession(Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        Connection sender = connection();
        CompletableFuture<JMSException> heard = new CompletableFuture<>();
        sender.setExceptionListener(heard::complete);
        Session session = sender.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(null);
        temporary.delete();

        producer.send(temporary, session.createTextMessage("lost"), DeliveryMode.NON_PERSISTENT, 4, 0);

        JMSException failure = heard.get(ARRIVES, TimeUnit.MILLISECONDS);
        assertTrue(failure.getMessage().contains("a send to temporary queue " + temporary.getQueueName()
                + " failed: "), failure.getMessage());
        assertTrue(failure.getMessage().contains("does not exist"), failure.getMessage());
        Queue queue = session.createQueue("still-usable");
        producer.send(queue, session.createTextMessage("after the failure"));
        assertEquals("after the failure", text(receive(session.createConsumer(queue))));
    }

    @Test
    void blockOnNonPersistentSendMakesTheBrokerRefusalSynchronous() throws Exception {
        Connection owner = connection();
        TemporaryQueue temporary = owner.createSession(Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        try (Connection sender = factoryWith("blockOnNonPersistentSend=true").createConnection()) {
            CompletableFuture<JMSException> heard = new CompletableFuture<>();
            sender.setExceptionListener(heard::complete);
            Session session = sender.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(null);
            temporary.delete();
            assertThrows(InvalidDestinationException.class, () -> producer.send(temporary,
                    session.createTextMessage("refused"), DeliveryMode.NON_PERSISTENT, 4, 0));
            Queue queue = session.createQueue("blocking");
            producer.send(queue, session.createTextMessage("answered"), DeliveryMode.NON_PERSISTENT, 4, 0);
            assertEquals(List.of("answered"), browse(session.createBrowser(queue)));
            assertFalse(heard.isDone(), "a refused blocking send is not also reported to the listener");
        }
    }

    @Test
    void blockOnTransactedSendRefusesTheSendAndLeavesTheTransactionUsable() throws Exception {
        Connection owner = connection();
        TemporaryQueue temporary = owner.createSession(Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        try (Connection sender = factoryWith("blockOnTransactedSend=true").createConnection()) {
            Session transacted = sender.createSession(Session.SESSION_TRANSACTED);
            MessageProducer producer = transacted.createProducer(null);
            Queue queue = transacted.createQueue("blocking-tx");
            temporary.delete();
            producer.send(queue, transacted.createTextMessage("kept"));
            assertThrows(InvalidDestinationException.class,
                    () -> producer.send(temporary, transacted.createTextMessage("refused")));
            transacted.commit();
            assertReceives(List.of("kept"), session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue));
        }
    }

    @Test
    void sendToATemporaryQueueThisConnectionDeletedIsRefusedAtOnce() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Session transacted = connection.createSession(Session.SESSION_TRANSACTED);
        TemporaryQueue temporary = session.createTemporaryQueue();
        MessageProducer producer = session.createProducer(temporary);
        MessageProducer inTransaction = transacted.createProducer(temporary);
        temporary.delete();
        assertThrows(InvalidDestinationException.class, () -> producer.send(session.createTextMessage("np"),
                DeliveryMode.NON_PERSISTENT, 4, 0));
        assertThrows(InvalidDestinationException.class, () -> inTransaction.send(transacted.createTextMessage("tx")));
        transacted.commit();
    }

    @Test
    void closingTheConnectionWaitsForItsOneWaySends() throws Exception {
        Session observer = session(Session.AUTO_ACKNOWLEDGE); // keeps a vm broker running after the sender closes
        Queue queue;
        try (Connection sender = factory.createConnection()) {
            Session session = sender.createSession(Session.AUTO_ACKNOWLEDGE);
            queue = session.createQueue("sent-before-close");
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            for (int i = 0; i < MANY; i++) {
                producer.send(session.createTextMessage("m" + i));
            }
        }
        assertEquals(MANY, browse(observer.createBrowser(queue)).size());
    }

    private GannetConnectionFactory factoryWith(String option) {
        return new GannetConnectionFactory(brokerUrl + (brokerUrl.contains("?") ? "&" : "?") + option);
    }
}
