package dev.gannet.broker;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.DestinationSettings;
import dev.gannet.broker.BrokerDriver.Client;
import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Delivery;
import jakarta.jms.InvalidDestinationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.gannet.broker.BrokerDriver.queue;
import static dev.gannet.broker.BrokerDriver.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker's {@link Administration}, driven beside clients' protocol commands: what its operations may and may not
 * take, and what they refuse.
 */
class AdministrationTest {

    private static final long ALL = Long.MAX_VALUE;

    private final BrokerDriver driver = new BrokerDriver("administered", DestinationPolicies.builder()
            .add("#", DestinationSettings.builder().maxDeliveryAttempts(1).deadLetterQueue("dead").build())
            .build());
    private final Administration administration = driver.broker().administration();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aPurgeTakesWaitingMessagesAndLeavesThoseDeliveredToAConsumer() throws Exception {
        Client client = driver.connect(null);
        client.session(1, false);
        client.session(2, false);
        client.consumer(2, 1, queue("q"));
        client.send(1, queue("q"), "delivered");
        Delivery delivered = client.receive();
        QueueAddress q = new QueueAddress.Queue("q");
        administration.pause(q);
        client.send(1, queue("q"), "waiting 1");
        client.send(1, queue("q"), "waiting 2");

        assertEquals(2, administration.remove(q, null, ALL));
        assertEquals(1, administration.statistics(q).depth(), "the delivered message is its consumer's");
        client.call(new Command.Acknowledge(2, List.of(delivered.deliveryId())));
        assertEquals(0, administration.statistics(q).depth());
        assertEquals(3, administration.statistics(q).acknowledged());
    }

    @Test
    void aPausedQueueDeliversWhatArrivedOnceResumed() throws Exception {
        Client client = driver.connect(null);
        client.session(1, false);
        client.consumer(1, 1, queue("paused"));
        QueueAddress paused = new QueueAddress.Queue("paused");
        administration.pause(paused);
        client.send(1, queue("paused"), "held");
        assertEquals(0, administration.statistics(paused).delivered());
        assertTrue(administration.isPaused(paused));

        administration.resume(paused);

        assertEquals("held", text(client.receive().encoded()));
    }

    @Test
    void aDeadLetterWhoseTemporaryQueueIsGoneStaysWhereItIs() throws Exception {
        Client client = driver.connect(null);
        GannetDestination temporary = client.call(new Command.CreateTemporary(false));
        client.session(1, true);
        client.consumer(1, 1, temporary);
        client.session(2, false);
        client.send(2, temporary, "orphan");
        client.call(new Command.Rollback(1, List.of(client.receive().deliveryId())));
        DeadLetterTest.awaitMessages(client, "dead");
        client.call(new Command.CloseConsumer(1, 1, List.of()));
        client.call(new Command.DeleteTemporary(temporary));

        assertEquals(0, administration.retry(new QueueAddress.Queue("dead"), null, ALL));
        assertEquals(List.of("orphan"), client.browse(queue("dead")));
    }

    @Test
    void messagesMoveOnlyToAnotherPermanentQueue() throws Exception {
        Client client = driver.connect(null);
        client.session(1, false);
        client.send(1, queue("source"), "stays");
        GannetDestination temporary = client.call(new Command.CreateTemporary(false));
        QueueAddress source = new QueueAddress.Queue("source");

        assertThrows(InvalidDestinationException.class, () -> administration.move(source, null, ALL, "source"));
        assertThrows(InvalidDestinationException.class,
                () -> administration.move(source, null, ALL, temporary.name()));
        assertThrows(InvalidDestinationException.class,
                () -> administration.move(new QueueAddress.Queue("none"), null, ALL, "elsewhere"));
        assertEquals(List.of("stays"), client.browse(queue("source")));
    }

    @Test
    void aQueueWithAConsumerIsNotDeletedAndGoesOnServingIt() throws Exception {
        Client client = driver.connect(null);
        client.session(1, false);
        client.consumer(1, 1, queue("busy"));

        assertThrows(jakarta.jms.IllegalStateException.class, () -> administration.deleteQueue("busy"));

        client.send(1, queue("busy"), "still served");
        assertEquals("still served", text(client.receive().encoded()));
        assertEquals(1, administration.statistics(new QueueAddress.Queue("busy")).consumers());
    }

    @Test
    void aDeletedQueueIsMadeAgainForTheNextConsumerAndSend() throws Exception {
        Client client = driver.connect(null);
        client.session(1, false);
        client.send(1, queue("renewed"), "deleted with its queue");
        assertTrue(administration.deleteQueue("renewed"));

        client.consumer(1, 1, queue("renewed"));
        client.send(1, queue("renewed"), "after the delete");

        assertEquals("after the delete", text(client.receive().encoded()));
        QueueAddress renewed = new QueueAddress.Queue("renewed");
        assertEquals(1, administration.statistics(renewed).consumers());
        assertEquals(1, administration.statistics(renewed).enqueued());
    }

    @Test
    void aSendAfterADeleteIsKeptByTheNewQueueAcrossARestart(@TempDir Path directory) throws Exception {
        BrokerConfig config = BrokerConfig.builder().name("deleted-and-renewed").dataDirectory(directory).build();
        try (BrokerDriver stored = new BrokerDriver(config)) {
            Client client = stored.connect(null);
            client.session(1, false);
            client.send(1, queue("renewed"), "deleted with its queue");
            assertTrue(stored.broker().administration().deleteQueue("renewed"));
            client.send(1, queue("renewed"), "after the delete");
        }
        try (BrokerDriver restarted = new BrokerDriver(config)) {
            Client client = restarted.connect(null);
            assertEquals(List.of("after the delete"), client.browse(queue("renewed")));
        }
    }
}
