package dev.gannet.broker;

import dev.gannet.api.DestinationPolicies;
import dev.gannet.broker.BrokerDriver.Client;
import dev.gannet.protocol.BranchId;
import dev.gannet.protocol.Command;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gannet.broker.BrokerDriver.queue;
import static dev.gannet.broker.BrokerDriver.xid;
import static javax.transaction.xa.XAResource.TMNOFLAGS;
import static javax.transaction.xa.XAResource.TMSUCCESS;
import static javax.transaction.xa.XAResource.XA_OK;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Duplicate detection in XA branches: a duplicate ID sent in a branch is reserved when sent (a second send of it, in
 * a branch or not, is a duplicate), counts for good only once the branch commits, and is free again if it rolls back.
 */
class XaDuplicateDetectionTest {

    private static final BranchId XID = xid("payment", "gannet");

    private final BrokerDriver driver = new BrokerDriver("xa-duplicates", DestinationPolicies.none());

    @AfterEach
    void close() {
        driver.close();
    }

    private Client client() throws Exception {
        Client client = driver.connect(null);
        client.session(1, false);
        client.session(2, false);
        return client;
    }

    @Test
    void anIdSentInABranchIsReservedWhenSentAndFreeAgainOnceTheBranchRollsBack() throws Exception {
        Client client = client();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.send(1, queue("payments"), "in the branch", "payment-1");
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, List.of()));
        client.send(2, queue("payments"), "outside, while reserved", "payment-1");

        assertEquals(List.of(), client.browse(queue("payments")));
        assertEquals(1, driver.broker().statistics(queue("payments")).duplicatesDropped());
        assertEquals(XA_OK, client.call(new Command.XaPrepare(XID)));
        client.call(new Command.XaRollback(XID));
        client.send(2, queue("payments"), "after the rollback", "payment-1");

        assertEquals(List.of("after the rollback"), client.browse(queue("payments")));
    }

    @Test
    void anIdSentInABranchCountsOnceTheBranchCommitsInTwoPhases() throws Exception {
        Client client = client();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.send(1, queue("payments"), "first", "payment-1");
        client.send(1, queue("payments"), "again in the branch", "payment-1");
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, List.of()));
        assertEquals(XA_OK, client.call(new Command.XaPrepare(XID)));
        client.call(new Command.XaCommit(XID, false));
        client.send(2, queue("payments"), "after the commit", "payment-1");

        assertEquals(List.of("first"), client.browse(queue("payments")));
        assertEquals(2, driver.broker().statistics(queue("payments")).duplicatesDropped());
    }

    @Test
    void anIdSentInABranchCountsOnceTheBranchCommitsInOnePhase() throws Exception {
        Client client = client();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.send(1, queue("payments"), "first", "payment-1");
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, List.of()));
        client.call(new Command.XaCommit(XID, true));
        client.send(2, queue("payments"), "after the commit", "payment-1");

        assertEquals(List.of("first"), client.browse(queue("payments")));
    }

    @Test
    void aBranchDoesNotReserveAnIdItsDestinationHasSeen() throws Exception {
        Client client = client();
        client.send(2, queue("payments"), "outside", "payment-1");
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.send(1, queue("payments"), "in the branch", "payment-1");
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, List.of()));

        client.call(new Command.XaCommit(XID, true));
        assertEquals(List.of("outside"), client.browse(queue("payments")));
    }
}
