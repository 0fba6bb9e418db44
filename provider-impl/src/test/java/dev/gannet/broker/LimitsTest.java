package dev.gannet.broker;

import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.DestinationSettings;
import dev.gannet.broker.BrokerDriver.Client;
import jakarta.jms.ResourceAllocationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gannet.broker.BrokerDriver.queue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A destination's limits (its {@link DestinationSettings}): a send past them is refused, nothing else is. */
class LimitsTest {

    private final BrokerDriver driver = new BrokerDriver("limits", DestinationPolicies.builder()
            .add("full", DestinationSettings.builder().maxDepth(2).fullPolicy(DestinationSettings.FullPolicy.FAIL)
                    .build())
            .add("small", DestinationSettings.builder().maxMessageBytes(200).build())
            .build());

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aSendToAFullDestinationWithTheFailPolicyIsRefusedWithResourceAllocationException() throws Exception {
        Client client = driver.connect(null);
        client.session(1, false);
        client.send(1, queue("full"), "one");
        client.send(1, queue("full"), "two");

        ResourceAllocationException refused = assertThrows(ResourceAllocationException.class,
                () -> client.send(1, queue("full"), "three"));

        assertTrue(refused.getMessage().contains("full"), refused.getMessage());
        assertEquals(List.of("one", "two"), client.browse(queue("full")));
        client.send(1, queue("other"), "unlimited");
    }

    @Test
    void aMessageLargerThanItsDestinationAllowsIsRefusedWithResourceAllocationException() throws Exception {
        Client client = driver.connect(null);
        client.session(1, false);

        assertThrows(ResourceAllocationException.class, () -> client.send(1, queue("small"), "x".repeat(500)));
        assertEquals(List.of(), client.browse(queue("small")));
    }
}
