package dev.gannet.broker;

import dev.gannet.api.DestinationPolicies;
import dev.gannet.broker.BrokerDriver.Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gannet.broker.BrokerDriver.queue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Duplicate detection: a second message with a duplicate ID its destination remembers is dropped, and counted. */
class DuplicateDetectionTest {

    private final BrokerDriver driver = new BrokerDriver("duplicates", DestinationPolicies.none());

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aSecondSendWithTheSameDuplicateIdIsDroppedAndCounted() throws Exception {
        Client client = driver.connect(null);
        client.session(1, false);
        client.send(1, queue("payments"), "pay 10", "payment-1");
        client.send(1, queue("payments"), "pay 10 again", "payment-1");
        client.send(1, queue("payments"), "pay 20", "payment-2");

        assertEquals(List.of("pay 10", "pay 20"), client.browse(queue("payments")));
        assertEquals(1, driver.broker().statistics(queue("payments")).duplicatesDropped());
    }

    @Test
    void theSameDuplicateIdOnAnotherDestinationIsNoDuplicate() throws Exception {
        Client client = driver.connect(null);
        client.session(1, false);
        client.send(1, queue("a"), "to a", "id-1");
        client.send(1, queue("b"), "to b", "id-1");

        assertEquals(List.of("to a"), client.browse(queue("a")));
        assertEquals(List.of("to b"), client.browse(queue("b")));
    }
}
