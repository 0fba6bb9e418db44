package dev.gannet.broker;

import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.DestinationSettings;
import dev.gannet.api.MessageProperties;
import dev.gannet.broker.BrokerDriver.Client;
import dev.gannet.message.GannetMessage;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static dev.gannet.broker.BrokerDriver.queue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Dead-lettering: a message delivered its destination's max delivery attempts goes to the dead-letter queue. */
class DeadLetterTest {

    private final BrokerDriver driver = new BrokerDriver("dead-letters", DestinationPolicies.builder()
            .add("fragile", DestinationSettings.builder().maxDeliveryAttempts(2).deadLetterQueue("fragile.DLQ")
                    .build())
            .build());

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aMessageRolledBackMaxDeliveryAttemptsTimesMovesToTheDeadLetterQueueWithItsOriginAndReason()
            throws Exception {
        Client client = driver.connect(null);
        client.session(1, false);
        client.send(1, queue("fragile"), "poison");
        client.session(2, true);
        client.consumer(2, 1, queue("fragile"));

        for (int attempt = 1; attempt <= 2; attempt++) {
            Delivery delivery = client.receive();
            assertEquals(attempt, delivery.deliveryCount());
            client.call(new Command.Rollback(2, List.of(delivery.deliveryId())));
        }

        List<String> deadLetters = awaitMessages(client, "fragile.DLQ");
        assertEquals(List.of("poison"), deadLetters);
        assertEquals(List.of(), client.browse(queue("fragile")));
        GannetMessage dead = client.browseFirst(queue("fragile.DLQ"));
        assertEquals("queue://fragile", dead.getStringProperty(MessageProperties.ORIGINAL_DESTINATION));
        assertEquals(MessageProperties.REASON_MAX_DELIVERIES, dead.getStringProperty(MessageProperties.REASON));
    }

    /** The texts in {@code queue} once it holds any (the move may finish after the rollback answered). */
    static List<String> awaitMessages(Client client, String queue) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BrokerDriver.DEADLINE_SECONDS);
        while (true) {
            List<String> texts = client.browse(queue(queue));
            if (!texts.isEmpty() || System.nanoTime() > deadline) {
                return texts;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
