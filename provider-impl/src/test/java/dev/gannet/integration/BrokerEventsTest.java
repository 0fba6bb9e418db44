package dev.gannet.integration;

import dev.gannet.broker.BrokerEvent;
import dev.gannet.broker.ConnectionIdentity;
import dev.gannet.message.GannetDestination;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The broker's lifecycle events: each creation and removal of a destination, subscription, connection and consumer
 * reaches a listener exactly once, and a listener that throws does not disturb the broker or the other listeners.
 */
class BrokerEventsTest extends BrokerTestSupport {

    private final List<BrokerEvent> heard = new CopyOnWriteArrayList<>();

    /** Starts the broker (a vm broker starts with its first connection), then listens to it. */
    private void listen() throws JMSException {
        connection();
        broker().addListener(heard::add);
    }

    @Test
    void aConnectionIsAnnouncedOpenedAndClosedOnceWithItsLastIdentity() throws Exception {
        listen();
        Connection connection = stoppedConnection();
        connection.setClientID("events-client");
        long id = onlyOpenedConnection();

        connection.close();

        awaitOnce(new BrokerEvent.ConnectionClosed(new ConnectionIdentity(id, null, "events-client")));
        assertOnce(new BrokerEvent.ConnectionOpened(new ConnectionIdentity(id, null, null)));
    }

    @Test
    void aQueueAndATopicAreAnnouncedOnceOnFirstUse() throws Exception {
        listen();
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("events.queue");
        Topic topic = session.createTopic("events.topic");
        MessageProducer producer = session.createProducer(null);
        producer.send(queue, session.createTextMessage("first"));
        producer.send(queue, session.createTextMessage("second"));
        producer.send(topic, session.createTextMessage("first"));
        session.createConsumer(queue).close();
        producer.send(topic, session.createTextMessage("second"));

        assertOnce(new BrokerEvent.DestinationCreated(gannet(queue)));
        assertOnce(new BrokerEvent.DestinationCreated(gannet(topic)));
        assertEquals(0, count(BrokerEvent.DestinationRemoved.class));
    }

    @Test
    void temporaryDestinationsAreAnnouncedCreatedAndRemovedOnce() throws Exception {
        listen();
        Connection connection = connection();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue deleted = session.createTemporaryQueue();
        TemporaryTopic closedWithConnection = session.createTemporaryTopic();

        deleted.delete();
        connection.close();

        awaitOnce(new BrokerEvent.DestinationRemoved(gannet(closedWithConnection)));
        assertOnce(new BrokerEvent.DestinationRemoved(gannet(deleted)));
        assertOnce(new BrokerEvent.DestinationCreated(gannet(deleted)));
        assertOnce(new BrokerEvent.DestinationCreated(gannet(closedWithConnection)));
    }

    @Test
    void subscriptionsAreAnnouncedCreatedAndRemovedOnceEach() throws Exception {
        listen();
        Connection connection = stoppedConnection();
        connection.setClientID("events-subscriber");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("events.prices");
        GannetDestination prices = gannet(topic);

        session.createConsumer(topic).close();
        MessageConsumer durable = session.createDurableConsumer(topic, "durable");
        durable.close();
        session.unsubscribe("durable");
        MessageConsumer shared1 = session.createSharedConsumer(topic, "shared");
        MessageConsumer shared2 = session.createSharedConsumer(topic, "shared");
        shared1.close();
        shared2.close();

        assertOnce(new BrokerEvent.SubscriptionCreated(prices, null, null, false, false));
        assertOnce(new BrokerEvent.SubscriptionRemoved(prices, null, null, false, false));
        assertOnce(new BrokerEvent.SubscriptionCreated(prices, "durable", "events-subscriber", true, false));
        assertOnce(new BrokerEvent.SubscriptionRemoved(prices, "durable", "events-subscriber", true, false));
        assertOnce(new BrokerEvent.SubscriptionCreated(prices, "shared", "events-subscriber", false, true));
        assertOnce(new BrokerEvent.SubscriptionRemoved(prices, "shared", "events-subscriber", false, true));
        assertEquals(3, count(BrokerEvent.SubscriptionCreated.class));
        assertEquals(3, count(BrokerEvent.SubscriptionRemoved.class));
    }

    @Test
    void consumersAreAnnouncedCreatedAndClosedOnceAlsoWhenTheirSessionCloses() throws Exception {
        listen();
        Connection connection = connection();
        long id = onlyOpenedConnection();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("events.consumed");
        session.createConsumer(queue).close();
        session.createConsumer(queue);

        session.close();

        List<BrokerEvent> created = of(BrokerEvent.ConsumerCreated.class);
        assertEquals(2, created.size(), created.toString());
        for (BrokerEvent event : created) {
            BrokerEvent.ConsumerCreated consumer = (BrokerEvent.ConsumerCreated) event;
            assertEquals(id, consumer.connectionId());
            assertEquals(gannet(queue), consumer.destination());
            awaitOnce(new BrokerEvent.ConsumerClosed(id, consumer.sessionId(), consumer.consumerId(), gannet(queue)));
        }
        assertEquals(2, count(BrokerEvent.ConsumerClosed.class));
    }

    @Test
    void aListenerThatThrowsIsLoggedAndNeitherTheBrokerNorOtherListenersNotice() throws Exception {
        connection();
        broker().addListener(event -> {
            throw new IllegalStateException("listener failure on " + event);
        });
        broker().addListener(heard::add);
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("events.after-failure");

        session.createProducer(queue).send(session.createTextMessage("delivered"));

        assertEquals("delivered", receive(session.createConsumer(queue)).getBody(String.class));
        assertOnce(new BrokerEvent.DestinationCreated(gannet(queue)));
    }

    private long onlyOpenedConnection() throws InterruptedException {
        Deadline.awaitTrue("a connection opened", ARRIVES, () -> count(BrokerEvent.ConnectionOpened.class) == 1);
        return ((BrokerEvent.ConnectionOpened) of(BrokerEvent.ConnectionOpened.class).get(0)).connection()
                .connectionId();
    }

    private void awaitOnce(BrokerEvent event) throws InterruptedException {
        Deadline.awaitTrue("heard " + event + " in " + heard, ARRIVES, () -> heard.contains(event));
        assertOnce(event);
    }

    private void assertOnce(BrokerEvent event) {
        assertEquals(1, heard.stream().filter(event::equals).count(), event + " in " + heard);
    }

    private long count(Class<? extends BrokerEvent> type) {
        return of(type).size();
    }

    private List<BrokerEvent> of(Class<? extends BrokerEvent> type) {
        return heard.stream().filter(type::isInstance).toList();
    }

    private static GannetDestination gannet(Destination destination) throws JMSException {
        return GannetDestination.from(destination);
    }
}
