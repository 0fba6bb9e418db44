package dev.gannet.broker;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.DestinationSettings;
import dev.gannet.broker.BrokerDriver.Client;
import dev.gannet.protocol.BranchId;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.gannet.broker.BrokerDriver.ids;
import static dev.gannet.broker.BrokerDriver.queue;
import static dev.gannet.broker.BrokerDriver.text;
import static dev.gannet.broker.BrokerDriver.texts;
import static dev.gannet.broker.BrokerDriver.xid;
import static dev.gannet.broker.XaPagingTest.numbered;
import static javax.transaction.xa.XAResource.TMNOFLAGS;
import static javax.transaction.xa.XAResource.TMSUCCESS;
import static javax.transaction.xa.XAResource.XA_OK;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Prepared XA branches survive a restart of the broker on its Derby store: {@code XaRecover} lists them, their sends
 * stay invisible and what they consumed stays locked until the transaction manager commits (the sends arrive once)
 * or rolls back (the consumed messages return, redelivered, in their place, also in a queue that pages).
 */
class XaRecoveryTest {

    private static final BranchId XID = xid("transfer", "gannet");

    @TempDir
    Path directory;

    private BrokerDriver driver;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private BrokerConfig config() {
        return BrokerConfig.builder().name("xa-recovery").dataDirectory(directory)
                .destinations(DestinationPolicies.builder()
                        .add("deep", DestinationSettings.builder().memoryWindowBytes(4096).build())
                        .build())
                .build();
    }

    /** Starts the broker (again) on its store; answers a started connection with sessions 1 and 2. */
    private Client restart() throws Exception {
        if (driver != null) {
            driver.close();
        }
        driver = new BrokerDriver(config());
        Client client = driver.connect(null);
        client.session(1, false);
        client.session(2, false);
        return client;
    }

    /**
     * Queue "in" holds m1 and m2; a branch consumes m1 and sends o1 and o2 to queue "out", and is prepared. Answers
     * a connection to the broker started again.
     */
    private Client preparedBeforeARestart() throws Exception {
        Client client = restart();
        client.send(2, queue("in"), "m1");
        client.send(2, queue("in"), "m2");
        client.consumer(1, 1, queue("in"));
        List<Delivery> received = client.receive(2);
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.send(1, queue("out"), "o1");
        client.send(1, queue("out"), "o2");
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, List.of(received.get(0).deliveryId())));
        assertEquals(XA_OK, client.call(new Command.XaPrepare(XID)));
        return restart();
    }

    @Test
    void aPreparedBranchIsInDoubtAfterARestartAndItsCommitDeliversItsSendsOnce() throws Exception {
        Client client = preparedBeforeARestart();

        assertEquals(List.of(XID), client.call(new Command.XaRecover()));
        assertEquals(List.of(), client.browse(queue("out")), "its sends are invisible");
        assertEquals(List.of("m2"), client.browse(queue("in")), "what it consumed is locked");
        client.consumer(1, 1, queue("in"));
        Delivery m2 = client.receive();
        assertEquals("m2", text(m2.encoded()), "m1, sent first, is delivered to nobody");

        client.call(new Command.XaCommit(XID, false));
        client.call(new Command.Acknowledge(1, List.of(m2.deliveryId())));
        assertEquals(List.of("o1", "o2"), client.browse(queue("out")));
        assertEquals(List.of(), client.call(new Command.XaRecover()));

        client = restart();
        assertEquals(List.of("o1", "o2"), client.browse(queue("out")), "once, and kept");
        assertEquals(List.of(), client.browse(queue("in")));
        assertEquals(List.of(), client.call(new Command.XaRecover()));
    }

    @Test
    void aPreparedBranchRolledBackAfterARestartReturnsWhatItConsumedRedeliveredInItsPlace() throws Exception {
        Client client = preparedBeforeARestart();

        client.call(new Command.XaRollback(XID));

        assertEquals(List.of(), client.call(new Command.XaRecover()));
        assertEquals(List.of(), client.browse(queue("out")), "its sends are dropped");
        assertEquals(List.of("m1", "m2"), client.browse(queue("in")));
        client.consumer(1, 1, queue("in"));
        List<Delivery> again = client.receive(2);
        assertEquals(List.of("m1", "m2"), texts(again));
        assertEquals(2, again.get(0).deliveryCount(), "m1 was delivered once before");
        client.call(new Command.CloseConsumer(1, 1, List.of()));

        client = restart();
        assertEquals(List.of("m1", "m2"), client.browse(queue("in")));
        assertEquals(List.of(), client.browse(queue("out")));
        client.consumer(1, 1, queue("in"));
        assertEquals(2, client.receive().deliveryCount(), "the count was stored");
    }

    @Test
    void aDuplicateIdAPreparedBranchSentStaysReservedAcrossARestartUntilTheBranchRollsBack() throws Exception {
        Client client = restart();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.send(1, queue("payments"), "in the branch", "payment-1");
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, List.of()));
        assertEquals(XA_OK, client.call(new Command.XaPrepare(XID)));

        client = restart();
        client.send(2, queue("payments"), "while prepared", "payment-1");
        assertEquals(List.of(), client.browse(queue("payments")));
        client.call(new Command.XaRollback(XID));
        client.send(2, queue("payments"), "after the rollback", "payment-1");
        assertEquals(List.of("after the rollback"), client.browse(queue("payments")));
    }

    @Test
    void aDuplicateIdAPreparedBranchSentCountsForGoodOnceItCommitsAfterARestart() throws Exception {
        Client client = restart();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.send(1, queue("payments"), "in the branch", "payment-1");
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, List.of()));
        assertEquals(XA_OK, client.call(new Command.XaPrepare(XID)));

        client = restart();
        client.call(new Command.XaCommit(XID, false));
        client = restart();
        client.send(2, queue("payments"), "after the commit", "payment-1");
        assertEquals(List.of("in the branch"), client.browse(queue("payments")));
    }

    /**
     * Queue "deep" (a small memory window) holds d001..d060, of which a branch consumed those {@code consumed}
     * names (1-based) and was prepared; the broker starts again and the branch rolls back: every message is
     * delivered once, in order, those the branch consumed as redelivered.
     */
    private void rollBackAfterARestartInAPagedQueue(List<Integer> consumed) throws Exception {
        Client client = restart();
        for (String text : numbered("d", 1, 60)) {
            client.send(2, queue("deep"), text);
        }
        client.consumer(1, 1, queue("deep"));
        List<Delivery> received = new ArrayList<>();
        while (received.size() < 60) {
            received.add(client.receive(1, 1));
        }
        assertEquals(numbered("d", 1, 60), texts(received));
        List<Long> branchIds = consumed.stream().map(n -> received.get(n - 1).deliveryId()).toList();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, branchIds));
        assertEquals(XA_OK, client.call(new Command.XaPrepare(XID)));
        client.call(new Command.CloseConsumer(1, 1, List.of())); // the rest returns unseen, not redelivered

        client = restart();
        client.call(new Command.XaRollback(XID));
        client.consumer(1, 1, queue("deep"));
        List<Delivery> all = new ArrayList<>();
        while (all.size() < 60) {
            Delivery delivery = client.receive(1, 1);
            all.add(delivery);
            client.call(new Command.Acknowledge(1, List.of(delivery.deliveryId())));
            client.call(new Command.Credit(1, 1, 1));
        }
        assertEquals(numbered("d", 1, 60), texts(all));
        for (int n = 1; n <= 60; n++) {
            assertEquals(consumed.contains(n) ? 2 : 1, all.get(n - 1).deliveryCount(), "d" + n);
        }
        assertEquals(List.of(), client.browse(queue("deep")));
        assertEquals(List.of(), restart().browse(queue("deep")));
    }

    @Test
    void whatARestoredBranchConsumedAtTheHeadOfAPagedQueueReturnsAheadOfTheRest() throws Exception {
        rollBackAfterARestartInAPagedQueue(List.of(1, 2, 3, 4, 5));
    }

    @Test
    void whatARestoredBranchConsumedAtTheTailOfAPagedQueueReturnsBehindTheRest() throws Exception {
        rollBackAfterARestartInAPagedQueue(List.of(56, 57, 58, 59, 60));
    }

    @Test
    void aRestoredBranchConsumedAndSentInAPagedQueueAndCommits() throws Exception {
        Client client = restart();
        for (String text : numbered("d", 1, 40)) {
            client.send(2, queue("deep"), text);
        }
        client.consumer(1, 1, queue("deep"));
        List<Delivery> firstTen = new ArrayList<>();
        while (firstTen.size() < 10) {
            firstTen.add(client.receive(1, 1));
        }
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        for (String text : numbered("x", 1, 5)) {
            client.send(1, queue("deep"), text);
        }
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, ids(firstTen)));
        assertEquals(XA_OK, client.call(new Command.XaPrepare(XID)));

        client = restart();
        client.call(new Command.XaCommit(XID, false));
        List<String> expected = new ArrayList<>(numbered("d", 11, 30));
        expected.addAll(numbered("x", 1, 5));
        assertEquals(expected, client.browse(queue("deep")));
        client.consumer(1, 1, queue("deep"));
        List<String> all = new ArrayList<>();
        while (all.size() < expected.size()) {
            Delivery delivery = client.receive(1, 1);
            all.add(text(delivery.encoded()));
            client.call(new Command.Acknowledge(1, List.of(delivery.deliveryId())));
            client.call(new Command.Credit(1, 1, 1));
        }
        assertEquals(expected, all);
        assertEquals(List.of(), restart().browse(queue("deep")));
    }
}
