package dev.gannet.integration;

import dev.gannet.broker.Authorizer;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TransactionRolledBackException;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker's command gate: every command passes the broker's {@link Authorizer} first, and a refused one fails with
 * a {@link JMSSecurityException} (spec 2.8: a JMSException subclass; {@link JMSSecurityRuntimeException} in the
 * simplified API) that names the user, the action and the destination, and changes nothing. The test authorizer
 * refuses one action per destination name prefix: {@code no-send.*} refuses sends, {@code no-consume.*} consumers, and
 * so on; a connection with client ID {@code no-temporary} may not create temporary queues.
 */
class CommandGateTest extends BrokerTestSupport {

    @Override
    Authorizer authorizer() {
        return (who, action, destination, command) -> {
            if (action == Authorizer.Action.CREATE_TEMPORARY_QUEUE) {
                return !"no-temporary".equals(who.clientId());
            }
            return action == null || destination == null || !destination.name().startsWith(
                    "no-" + action.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".");
        };
    }

    @Test
    void aRefusedSendThrowsJMSSecurityExceptionNamingUserActionAndDestinationAndStoresNothing() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue refused = session.createQueue("no-send.orders");
        MessageProducer producer = session.createProducer(null);

        JMSSecurityException e = assertThrows(JMSSecurityException.class,
                () -> producer.send(refused, session.createTextMessage("refused")));

        assertTrue(e.getMessage().matches("Anonymous user \\(connection \\d+\\) may not send to queue://no-send.orders"),
                e.getMessage());
        assertNull(session.createConsumer(refused).receive(ABSENT), "the refused message must not be stored");
        assertEquals(0, broker().statistics(refused).enqueued());
        Queue open = session.createQueue("gate.open");
        producer.send(open, session.createTextMessage("allowed"));
        assertEquals("allowed", ((TextMessage) receive(session.createConsumer(open))).getText());
    }

    @Test
    void aRefusedOneWaySendReachesTheExceptionListenerNamingTheRefusal() throws Exception {
        Connection connection = connection();
        CompletableFuture<JMSException> heard = new CompletableFuture<>();
        connection.setExceptionListener(heard::complete);
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue refused = session.createQueue("no-send.prices");

        session.createProducer(refused).send(session.createTextMessage("refused"), DeliveryMode.NON_PERSISTENT, 4, 0);

        JMSException failure = heard.get(ARRIVES, TimeUnit.MILLISECONDS);
        assertTrue(failure.getMessage().contains("may not send to queue://no-send.prices"), failure.getMessage());
        assertNull(session.createConsumer(refused).receive(ABSENT));
    }

    @Test
    void aRefusedSendInATransactionRollsTheWholeTransactionBackAtCommit() throws Exception {
        Session session = session(Session.SESSION_TRANSACTED);
        Queue allowed = session.createQueue("gate.staged");
        MessageProducer producer = session.createProducer(null);
        producer.send(allowed, session.createTextMessage("staged"));
        producer.send(session.createQueue("no-send.staged"), session.createTextMessage("refused"));

        TransactionRolledBackException e = assertThrows(TransactionRolledBackException.class, session::commit);

        assertTrue(e.getMessage().contains("may not send to queue://no-send.staged"), e.getMessage());
        MessageConsumer consumer = session.createConsumer(allowed);
        assertNull(consumer.receive(ABSENT), "nothing of the transaction is applied");
        producer.send(allowed, session.createTextMessage("next transaction"));
        session.commit();
        assertEquals("next transaction", ((TextMessage) receive(consumer)).getText());
        session.commit();
    }

    @Test
    void aRefusedConsumerIsNotCreatedAndTheQueueKeepsItsMessage() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue refused = session.createQueue("no-consume.orders");
        session.createProducer(refused).send(session.createTextMessage("kept"));

        JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> session.createConsumer(refused));

        assertTrue(e.getMessage().endsWith("may not consume from queue://no-consume.orders"), e.getMessage());
        assertEquals(0, broker().statistics(refused).consumers());
        assertEquals(List.of("kept"), texts(session, refused));
    }

    @Test
    void aRefusedBrowserIsRefusedWhenCreatedAndTheQueueKeepsItsMessage() throws Exception {
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue refused = session.createQueue("no-browse.orders");
        session.createProducer(refused).send(session.createTextMessage("kept"));

        JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> session.createBrowser(refused));

        assertTrue(e.getMessage().endsWith("may not browse queue://no-browse.orders"), e.getMessage());
        assertEquals("kept", ((TextMessage) receive(session.createConsumer(refused))).getText());
    }

    @Test
    void aRefusedDurableSubscriptionIsNotCreated() throws Exception {
        Connection connection = stoppedConnection();
        connection.setClientID("gate-client");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic refused = session.createTopic("no-create-durable-subscription.prices");

        JMSSecurityException e = assertThrows(JMSSecurityException.class,
                () -> session.createDurableConsumer(refused, "prices"));

        assertTrue(e.getMessage().matches("Anonymous user \\(connection \\d+, client ID gate-client\\) may not create"
                + " a durable subscription on topic://no-create-durable-subscription\\.prices"), e.getMessage());
        assertThrows(InvalidDestinationException.class, () -> session.unsubscribe("prices"),
                "no subscription was made");
        assertThrows(InvalidDestinationException.class,
                () -> broker().subscriptionStatistics("gate-client", "prices", true));
        assertThrows(JMSSecurityException.class, () -> session.createSharedConsumer(
                session.createTopic("no-create-shared-subscription.prices"), "shared"));
    }

    @Test
    void aConnectionTheAuthorizerRefusesTemporaryQueuesGetsNone() throws Exception {
        Connection connection = stoppedConnection();
        connection.setClientID("no-temporary");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);

        JMSSecurityException e = assertThrows(JMSSecurityException.class, session::createTemporaryQueue);

        assertTrue(e.getMessage().endsWith("may not create a temporary queue"), e.getMessage());
        session.createTemporaryTopic().delete();
    }

    @Test
    void theSimplifiedApiThrowsJMSSecurityRuntimeException() {
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        context.setClientID("gate-context");
        assertThrows(JMSSecurityRuntimeException.class,
                () -> context.createProducer().send(context.createQueue("no-send.context"), "refused"));
        assertThrows(JMSSecurityRuntimeException.class,
                () -> context.createConsumer(context.createQueue("no-consume.context")));
        assertThrows(JMSSecurityRuntimeException.class,
                () -> context.createBrowser(context.createQueue("no-browse.context")));
        assertThrows(JMSSecurityRuntimeException.class,
                () -> context.createDurableConsumer(context.createTopic("no-create-durable-subscription.ctx"), "d"));
        assertThrows(JMSSecurityRuntimeException.class,
                () -> context.createSharedConsumer(context.createTopic("no-create-shared-subscription.context"), "s"));
    }

    private static List<String> texts(Session session, Queue queue) throws JMSException {
        return Collections.list(session.createBrowser(queue).getEnumeration()).stream()
                .map(m -> {
                    try {
                        return ((TextMessage) m).getText();
                    } catch (JMSException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }
}
