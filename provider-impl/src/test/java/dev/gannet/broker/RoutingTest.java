package dev.gannet.broker;

import dev.gannet.api.DestinationPolicies;
import dev.gannet.broker.BrokerDriver.Client;
import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Delivery;
import dev.gannet.protocol.SubscriptionSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.gannet.broker.BrokerDriver.queue;
import static dev.gannet.broker.BrokerDriver.text;
import static dev.gannet.broker.BrokerDriver.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routing (spec 4.4, 6.2): a queue hands each message to one consumer, a topic copies it to every subscription. */
class RoutingTest {

    private final BrokerDriver driver = new BrokerDriver("routing", DestinationPolicies.none());

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aQueueHandsEachMessageToExactlyOneOfItsConsumers() throws Exception {
        Client client = driver.connect(null);
        client.session(1, false);
        client.consumer(1, 1, queue("work"));
        client.consumer(1, 2, queue("work"));
        for (int i = 0; i < 10; i++) {
            client.send(1, queue("work"), "job " + i);
        }

        Set<String> received = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            Delivery delivery = client.receive();
            assertTrue(received.add(text(delivery.encoded())), "delivered twice: " + text(delivery.encoded()));
            client.call(new Command.Acknowledge(1, List.of(delivery.deliveryId())));
        }
        assertEquals(List.of(), client.browse(queue("work")));
    }

    @Test
    void aQueueKeepsItsMessagesInSendOrderUntilAConsumerComes() throws Exception {
        Client client = driver.connect(null);
        client.session(1, false);
        client.send(1, queue("orders"), "first");
        client.send(1, queue("orders"), "second");

        assertEquals(List.of("first", "second"), client.browse(queue("orders")));
        client.consumer(1, 1, queue("orders"));
        assertEquals("first", text(client.receive().encoded()));
        assertEquals("second", text(client.receive().encoded()));
    }

    @Test
    void aTopicCopiesEachMessageToEverySubscription() throws Exception {
        Client client = driver.connect(null);
        client.session(1, false);
        client.consumer(1, 1, topic("prices"));
        client.consumer(1, 2, topic("prices"));

        client.send(1, topic("prices"), "up");

        Delivery first = client.receive();
        Delivery second = client.receive();
        assertEquals(Set.of(1, 2), Set.of(first.consumerId(), second.consumerId()));
        assertEquals("up", text(first.encoded()));
        assertEquals("up", text(second.encoded()));
    }

    @Test
    void aDurableSubscriptionKeepsWhatIsPublishedWhileItsConsumerIsAway() throws Exception {
        GannetDestination news = topic("news");
        SubscriptionSpec durable = new SubscriptionSpec("reader", true, false);
        Client subscriber = driver.connect("app");
        subscriber.session(1, false);
        subscriber.consumer(1, 1, news, durable);
        subscriber.call(new Command.CloseConsumer(1, 1, List.of()));

        Client publisher = driver.connect(null);
        publisher.session(1, false);
        publisher.send(1, news, "while away");

        subscriber.consumer(1, 2, news, durable);
        Delivery delivery = subscriber.receive();
        assertEquals(2, delivery.consumerId());
        assertEquals("while away", text(delivery.encoded()));
    }
}
