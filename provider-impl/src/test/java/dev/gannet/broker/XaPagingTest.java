package dev.gannet.broker;

import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.DestinationSettings;
import dev.gannet.broker.BrokerDriver.Client;
import dev.gannet.protocol.BranchId;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.gannet.broker.BrokerDriver.ids;
import static dev.gannet.broker.BrokerDriver.queue;
import static dev.gannet.broker.BrokerDriver.texts;
import static dev.gannet.broker.BrokerDriver.xid;
import static javax.transaction.xa.XAResource.TMNOFLAGS;
import static javax.transaction.xa.XAResource.TMSUCCESS;
import static javax.transaction.xa.XAResource.XA_OK;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * XA branches over a queue that pages (its backlog beyond a small memory window lives in the store): what a branch
 * consumed from the paged backlog returns to its place, what it sent reaches the queue, paged, when it commits.
 */
class XaPagingTest {

    private static final BranchId XID = xid("deep", "gannet");
    private static final int BACKLOG = 120;

    private final BrokerDriver driver = new BrokerDriver("xa-paging", DestinationPolicies.builder()
            .add("deep", DestinationSettings.builder().memoryWindowBytes(4096).build())
            .build());

    @AfterEach
    void close() {
        driver.close();
    }

    /** {@code count} texts {@code prefix001}, ... in order. */
    static List<String> numbered(String prefix, int from, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            texts.add(prefix + String.format("%03d", i));
        }
        return texts;
    }

    @Test
    void whatABranchConsumedFromAPagedQueueReturnsToItsPlaceWhenTheBranchRollsBack() throws Exception {
        Client client = driver.connect(null);
        client.session(1, false);
        client.session(2, false);
        for (String text : numbered("m", 1, BACKLOG)) {
            client.send(2, queue("deep"), text);
        }
        client.consumer(1, 1, queue("deep"));
        List<Delivery> first = client.receive(10);
        assertEquals(numbered("m", 1, 10), texts(first));
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, ids(first)));
        assertEquals(XA_OK, client.call(new Command.XaPrepare(XID)));
        client.call(new Command.CloseConsumer(1, 1, List.of())); // what else it was sent returns, unseen

        client.call(new Command.XaRollback(XID));

        client.consumer(2, 2, queue("deep"));
        List<Delivery> all = new ArrayList<>();
        while (all.size() < BACKLOG) {
            Delivery delivery = client.receive(2, 2);
            all.add(delivery);
            client.call(new Command.Acknowledge(2, List.of(delivery.deliveryId())));
            client.call(new Command.Credit(2, 2, 1));
        }
        assertEquals(numbered("m", 1, BACKLOG), texts(all));
        for (int i = 0; i < BACKLOG; i++) {
            assertEquals(i < 10 ? 2 : 1, all.get(i).deliveryCount(), texts(all).get(i));
        }
        assertEquals(List.of(), client.browse(queue("deep")));
    }

    @Test
    void whatABranchSentToAPagedQueueArrivesWhenItCommitsInItsOrderAndOnce() throws Exception {
        Client client = driver.connect(null);
        client.session(1, false);
        client.session(2, false);
        for (String text : numbered("m", 1, BACKLOG)) {
            client.send(2, queue("deep"), text);
        }
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        for (String text : numbered("x", 1, 5)) {
            client.send(1, queue("deep"), text);
        }
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, List.of()));
        for (String text : numbered("n", 1, 10)) {
            client.send(2, queue("deep"), text);
        }
        assertEquals(XA_OK, client.call(new Command.XaPrepare(XID)));
        assertEquals(BACKLOG + 10, client.browse(queue("deep")).size(), "invisible until committed");
        client.call(new Command.XaCommit(XID, false));

        List<String> all = client.browse(queue("deep"));
        assertEquals(BACKLOG + 15, all.size());
        assertEquals(numbered("x", 1, 5), all.stream().filter(text -> text.startsWith("x")).toList());
        assertEquals(numbered("n", 1, 10), all.stream().filter(text -> text.startsWith("n")).toList());
        assertEquals(numbered("m", 1, BACKLOG), all.subList(0, BACKLOG));
        client.session(3, false);
        client.consumer(3, 1, queue("deep"));
        List<String> received = new ArrayList<>();
        while (received.size() < BACKLOG + 15) {
            Delivery delivery = client.receive(3, 1);
            received.add(BrokerDriver.text(delivery.encoded()));
            client.call(new Command.Acknowledge(3, List.of(delivery.deliveryId())));
            client.call(new Command.Credit(3, 1, 1));
        }
        assertEquals(all, received);
        assertEquals(List.of(), client.browse(queue("deep")));
    }
}
