package dev.gannet.broker;

import dev.gannet.api.DestinationPolicies;
import dev.gannet.broker.BrokerDriver.Client;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gannet.broker.BrokerDriver.queue;
import static dev.gannet.broker.BrokerDriver.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Local transactions (spec 6.2.7): sends and acknowledgements take effect at commit, none of them at rollback. */
class LocalTransactionTest {

    private final BrokerDriver driver = new BrokerDriver("transactions", DestinationPolicies.none());

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aTransactedSendIsInvisibleUntilCommit() throws Exception {
        Client client = driver.connect(null);
        client.session(1, true);
        client.send(1, queue("tx"), "staged");

        assertEquals(List.of(), client.browse(queue("tx")));
        client.call(new Command.Commit(1, List.of()));
        assertEquals(List.of("staged"), client.browse(queue("tx")));
    }

    @Test
    void aRolledBackSendIsDiscardedAndLaterSendsStillCommit() throws Exception {
        Client client = driver.connect(null);
        client.session(1, true);
        client.send(1, queue("tx"), "dropped");
        client.call(new Command.Rollback(1, List.of()));
        client.send(1, queue("tx"), "kept");
        client.call(new Command.Commit(1, List.of()));

        assertEquals(List.of("kept"), client.browse(queue("tx")));
    }

    @Test
    void aCommittedReceiveConsumesTheMessage() throws Exception {
        Client client = driver.connect(null);
        client.session(1, false);
        client.send(1, queue("tx"), "once");
        client.session(2, true);
        client.consumer(2, 1, queue("tx"));

        Delivery delivery = client.receive();
        client.call(new Command.Commit(2, List.of(delivery.deliveryId())));

        assertEquals(List.of(), client.browse(queue("tx")));
    }

    @Test
    void aRolledBackReceiveIsRedeliveredWithItsDeliveryCountIncremented() throws Exception {
        Client client = driver.connect(null);
        client.session(1, false);
        client.send(1, queue("tx"), "again");
        client.session(2, true);
        client.consumer(2, 1, queue("tx"));

        Delivery first = client.receive();
        client.call(new Command.Rollback(2, List.of(first.deliveryId())));
        Delivery second = client.receive();

        assertEquals("again", text(second.encoded()));
        assertEquals(1, first.deliveryCount());
        assertEquals(2, second.deliveryCount());
        client.call(new Command.Commit(2, List.of(second.deliveryId())));
        assertEquals(List.of(), client.browse(queue("tx")));
    }
}
