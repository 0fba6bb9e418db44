package dev.gannet.broker;

import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.DestinationSettings;
import dev.gannet.broker.BrokerDriver.Client;
import dev.gannet.protocol.BranchId;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.gannet.broker.BrokerDriver.ids;
import static dev.gannet.broker.BrokerDriver.queue;
import static dev.gannet.broker.BrokerDriver.text;
import static dev.gannet.broker.BrokerDriver.texts;
import static dev.gannet.broker.BrokerDriver.xid;
import static javax.transaction.xa.XAException.XAER_DUPID;
import static javax.transaction.xa.XAException.XAER_NOTA;
import static javax.transaction.xa.XAException.XAER_PROTO;
import static javax.transaction.xa.XAException.XA_RBROLLBACK;
import static javax.transaction.xa.XAResource.TMFAIL;
import static javax.transaction.xa.XAResource.TMJOIN;
import static javax.transaction.xa.XAResource.TMNOFLAGS;
import static javax.transaction.xa.XAResource.TMRESUME;
import static javax.transaction.xa.XAResource.TMSUCCESS;
import static javax.transaction.xa.XAResource.TMSUSPEND;
import static javax.transaction.xa.XAResource.XA_OK;
import static javax.transaction.xa.XAResource.XA_RDONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker's XA rules (the {@code XAResource} javadoc, Jakarta Messaging "Distributed transactions"), driven with
 * the Xa commands: each refusal with the XA error code the javadoc names, and what a branch's work becomes when it
 * commits or rolls back.
 */
class XaBranchTest {

    private static final BranchId XID = xid("order-1", "gannet");
    private static final List<Long> NONE = List.of();

    private final BrokerDriver driver = new BrokerDriver("xa-branches", DestinationPolicies.builder()
            .add("fragile", DestinationSettings.builder().maxDeliveryAttempts(2).deadLetterQueue("fragile.DLQ")
                    .build())
            .build());

    @AfterEach
    void close() {
        driver.close();
    }

    /** A started connection with non-transacted (XA-capable) sessions 1 and 2. */
    private Client xaClient() throws Exception {
        Client client = driver.connect(null);
        client.session(1, false);
        client.session(2, false);
        return client;
    }

    // ---- XaStart

    @Test
    void aNewBranchWithAnXidInUseIsRefusedWithDupid() throws Exception {
        Client client = xaClient();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));

        assertEquals(XAER_DUPID, client.xaError(new Command.XaStart(2, XID, TMNOFLAGS, 0)));
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, NONE));
        assertEquals(XAER_DUPID, client.xaError(new Command.XaStart(2, XID, TMNOFLAGS, 0)), "ended, not over");
    }

    @Test
    void joiningOrResumingABranchNobodyStartedIsRefusedWithNota() throws Exception {
        Client client = xaClient();

        assertEquals(XAER_NOTA, client.xaError(new Command.XaStart(1, XID, TMJOIN, 0)));
        assertEquals(XAER_NOTA, client.xaError(new Command.XaStart(1, XID, TMRESUME, 0)));
    }

    @Test
    void aSessionWorkingInABranchCannotStartAnotherAssociation() throws Exception {
        Client client = xaClient();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));

        assertEquals(XAER_PROTO, client.xaError(new Command.XaStart(1, xid("order-2", "gannet"), TMNOFLAGS, 0)));
        assertEquals(XAER_PROTO, client.xaError(new Command.XaStart(1, XID, TMJOIN, 0)));
    }

    @Test
    void aTransactedSessionCannotWorkInABranch() throws Exception {
        Client client = driver.connect(null);
        client.session(1, true);

        assertEquals(XAER_PROTO, client.xaError(new Command.XaStart(1, XID, TMNOFLAGS, 0)));
    }

    @Test
    void onlyTheSessionThatSuspendedItsWorkResumesIt() throws Exception {
        Client client = xaClient();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.call(new Command.XaEnd(1, XID, TMSUSPEND, NONE));

        assertEquals(XAER_PROTO, client.xaError(new Command.XaStart(2, XID, TMRESUME, 0)), "not its suspension");
        assertEquals(XAER_PROTO, client.xaError(new Command.XaStart(1, XID, TMJOIN, 0)), "resume, not join");
        client.call(new Command.XaStart(1, XID, TMRESUME, 0));
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, NONE));
        assertEquals(XAER_PROTO, client.xaError(new Command.XaStart(1, XID, TMRESUME, 0)), "over, not suspended");
    }

    @Test
    void aPreparedBranchCannotBeJoined() throws Exception {
        Client client = xaClient();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.send(1, queue("xa"), "sent");
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, NONE));
        assertEquals(XA_OK, client.call(new Command.XaPrepare(XID)));

        assertEquals(XAER_PROTO, client.xaError(new Command.XaStart(2, XID, TMJOIN, 0)));
    }

    // ---- XaEnd

    @Test
    void endingWorkInABranchTheSessionDoesNotWorkInIsRefused() throws Exception {
        Client client = xaClient();
        assertEquals(XAER_NOTA, client.xaError(new Command.XaEnd(1, XID, TMSUCCESS, NONE)));

        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        assertEquals(XAER_PROTO, client.xaError(new Command.XaEnd(2, XID, TMSUCCESS, NONE)), "another session");
        client.call(new Command.XaEnd(1, XID, TMSUSPEND, NONE));
        assertEquals(XAER_PROTO, client.xaError(new Command.XaEnd(1, XID, TMSUSPEND, NONE)), "suspended twice");
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, NONE)); // a suspended association may end without resuming
        assertEquals(XAER_PROTO, client.xaError(new Command.XaEnd(1, XID, TMSUCCESS, NONE)), "ended already");
    }

    // ---- XaPrepare

    @Test
    void preparingWhileASessionWorksInTheBranchOrSuspendedItsWorkIsRefusedWithProto() throws Exception {
        Client client = xaClient();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.send(1, queue("xa"), "sent");
        assertEquals(XAER_PROTO, client.xaError(new Command.XaPrepare(XID)));
        client.call(new Command.XaEnd(1, XID, TMSUSPEND, NONE));
        assertEquals(XAER_PROTO, client.xaError(new Command.XaPrepare(XID)));

        client.call(new Command.XaEnd(1, XID, TMSUCCESS, NONE));
        assertEquals(XA_OK, client.call(new Command.XaPrepare(XID)));
        assertEquals(XAER_PROTO, client.xaError(new Command.XaPrepare(XID)), "prepared already");
        assertEquals(XAER_NOTA, client.xaError(new Command.XaPrepare(xid("unknown", "gannet"))));
    }

    @Test
    void aBranchThatDidNothingVotesReadOnlyAndIsOver() throws Exception {
        Client client = xaClient();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, NONE));

        assertEquals(XA_RDONLY, client.call(new Command.XaPrepare(XID)));
        assertEquals(List.of(), client.call(new Command.XaRecover()));
        assertEquals(XAER_NOTA, client.xaError(new Command.XaCommit(XID, false)));
    }

    @Test
    void aBranchEndedWithTmFailRollsBackAtPrepareWithRbrollbackAndReturnsWhatItConsumed() throws Exception {
        Client client = xaClient();
        client.send(2, queue("xa"), "consumed");
        client.consumer(1, 1, queue("xa"));
        Delivery first = client.receive();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.send(1, queue("xa"), "dropped");
        client.call(new Command.XaEnd(1, XID, TMFAIL, List.of(first.deliveryId())));

        assertEquals(XA_RBROLLBACK, client.xaError(new Command.XaPrepare(XID)));
        assertEquals(XAER_NOTA, client.xaError(new Command.XaRollback(XID)), "over");
        Delivery again = client.receive();
        assertEquals("consumed", text(again.encoded()));
        assertEquals(2, again.deliveryCount());
        client.call(new Command.CloseConsumer(1, 1, NONE)); // it returns, unseen
        assertEquals(List.of("consumed"), client.browse(queue("xa")), "the send was dropped");
    }

    // ---- XaCommit

    @Test
    void sendsInABranchAreInvisibleUntilItCommitsInTwoPhasesThenArriveInOrder() throws Exception {
        Client client = xaClient();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.send(1, queue("xa"), "first");
        client.send(1, queue("xa"), "second");
        assertEquals(List.of(), client.browse(queue("xa")));
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, NONE));
        client.send(1, queue("xa"), "outside, at once");

        assertEquals(XA_OK, client.call(new Command.XaPrepare(XID)));
        assertEquals(List.of(XID), client.call(new Command.XaRecover()));
        assertEquals(List.of("outside, at once"), client.browse(queue("xa")));
        client.call(new Command.XaCommit(XID, false));

        assertEquals(List.of("outside, at once", "first", "second"), client.browse(queue("xa")));
        assertEquals(List.of(), client.call(new Command.XaRecover()));
        assertEquals(XAER_NOTA, client.xaError(new Command.XaCommit(XID, false)), "over");
    }

    @Test
    void aOnePhaseCommitOfAnEndedBranchSendsAndConsumes() throws Exception {
        Client client = xaClient();
        client.send(2, queue("in"), "order");
        client.consumer(1, 1, queue("in"));
        Delivery order = client.receive();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.send(1, queue("out"), "invoice");
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, List.of(order.deliveryId())));

        client.call(new Command.XaCommit(XID, true));

        assertEquals(List.of("invoice"), client.browse(queue("out")));
        assertEquals(List.of(), client.browse(queue("in")));
        assertEquals(1, driver.broker().statistics(queue("in")).acknowledged());
    }

    @Test
    void twoPhaseCommitOfAnUnpreparedBranchAndOnePhaseCommitOfAPreparedOneAreRefusedWithProto() throws Exception {
        Client client = xaClient();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.send(1, queue("xa"), "sent");
        assertEquals(XAER_PROTO, client.xaError(new Command.XaCommit(XID, true)), "still associated");
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, NONE));

        assertEquals(XAER_PROTO, client.xaError(new Command.XaCommit(XID, false)));
        assertEquals(XA_OK, client.call(new Command.XaPrepare(XID)));
        assertEquals(XAER_PROTO, client.xaError(new Command.XaCommit(XID, true)));
        client.call(new Command.XaCommit(XID, false));
        assertEquals(List.of("sent"), client.browse(queue("xa")));
    }

    @Test
    void aOnePhaseCommitOfARollbackOnlyBranchAnswersRbrollbackAndTheBranchIsOver() throws Exception {
        Client client = xaClient();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.send(1, queue("xa"), "dropped");
        client.call(new Command.XaEnd(1, XID, TMFAIL, NONE));

        assertEquals(XA_RBROLLBACK, client.xaError(new Command.XaCommit(XID, true)));
        assertEquals(XAER_NOTA, client.xaError(new Command.XaCommit(XID, true)));
        assertEquals(List.of(), client.browse(queue("xa")));
    }

    // ---- XaRollback

    @ParameterizedTest(name = "prepared: {0}")
    @ValueSource(booleans = {false, true})
    void aRollbackDropsTheSendsAndReturnsWhatTheBranchConsumedInOrderAsRedelivered(boolean prepared)
            throws Exception {
        Client client = xaClient();
        for (String text : List.of("m1", "m2", "m3", "m4")) {
            client.send(2, queue("xa"), text);
        }
        client.consumer(1, 1, queue("xa"));
        List<Delivery> received = client.receive(4);
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.send(1, queue("xa"), "dropped");
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, ids(received)));
        if (prepared) {
            assertEquals(XA_OK, client.call(new Command.XaPrepare(XID)));
        }
        client.call(new Command.CloseConsumer(1, 1, NONE));

        client.call(new Command.XaRollback(XID));

        assertEquals(List.of("m1", "m2", "m3", "m4"), client.browse(queue("xa")));
        client.consumer(2, 2, queue("xa"));
        List<Delivery> again = client.receive(4);
        assertEquals(List.of("m1", "m2", "m3", "m4"), texts(again));
        assertTrue(again.stream().allMatch(delivery -> delivery.deliveryCount() == 2), "redelivered once");
        assertEquals(XAER_NOTA, client.xaError(new Command.XaRollback(XID)), "over");
    }

    @Test
    void aRollbackWhileASessionWorksInTheBranchIsRefusedWithProto() throws Exception {
        Client client = xaClient();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));

        assertEquals(XAER_PROTO, client.xaError(new Command.XaRollback(XID)));
        assertEquals(XAER_NOTA, client.xaError(new Command.XaRollback(xid("unknown", "gannet"))));
    }

    @Test
    void aMessageRolledBackInBranchesItsMaximumOfAttemptsIsDeadLettered() throws Exception {
        Client client = xaClient();
        client.send(2, queue("fragile"), "poison");
        client.consumer(1, 1, queue("fragile"));
        for (int attempt = 1; attempt <= 2; attempt++) {
            Delivery delivery = client.receive();
            assertEquals(attempt, delivery.deliveryCount());
            BranchId branch = xid("poison-" + attempt, "gannet");
            client.call(new Command.XaStart(1, branch, TMNOFLAGS, 0));
            client.call(new Command.XaEnd(1, branch, TMSUCCESS, List.of(delivery.deliveryId())));
            assertEquals(XA_OK, client.call(new Command.XaPrepare(branch)));
            client.call(new Command.XaRollback(branch));
        }

        assertEquals(List.of("poison"), DeadLetterTest.awaitMessages(client, "fragile.DLQ"));
        assertEquals(List.of(), client.browse(queue("fragile")));
    }

    // ---- XaForget, XaRecover

    @Test
    void forgetIsRefusedForEveryBranchGannetNeverCompletesOneOnItsOwn() throws Exception {
        Client client = xaClient();
        assertEquals(XAER_NOTA, client.xaError(new Command.XaForget(XID)));
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.send(1, queue("xa"), "sent");
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, NONE));
        assertEquals(XA_OK, client.call(new Command.XaPrepare(XID)));

        assertEquals(XAER_PROTO, client.xaError(new Command.XaForget(XID)));
        assertEquals(List.of(XID), client.call(new Command.XaRecover()), "still prepared");
    }

    @Test
    void recoverListsThePreparedBranchesInTheOrderTheyPrepared() throws Exception {
        Client client = xaClient();
        List<BranchId> branches = List.of(xid("g", "1"), xid("g", "2"), xid("g", "3"), xid("g", "4"));
        for (BranchId branch : branches) {
            client.call(new Command.XaStart(1, branch, TMNOFLAGS, 0));
            client.send(1, queue("xa"), branch.toString());
            client.call(new Command.XaEnd(1, branch, TMSUCCESS, NONE));
        }
        for (int i : new int[] {2, 0, 3}) {
            assertEquals(XA_OK, client.call(new Command.XaPrepare(branches.get(i))));
        }

        assertEquals(List.of(branches.get(2), branches.get(0), branches.get(3)),
                client.call(new Command.XaRecover()));
    }

    @Test
    void theBrokerAnnouncesEachBranchsOutcome() throws Exception {
        List<BrokerEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        driver.broker().addListener(events::add);
        Client client = xaClient();
        BranchId committed = xid("g", "committed");
        BranchId readOnly = xid("g", "read-only");
        for (BranchId branch : List.of(committed, XID, readOnly)) {
            client.call(new Command.XaStart(1, branch, TMNOFLAGS, 0));
            if (branch != readOnly) {
                client.send(1, queue("xa"), branch.toString());
            }
            client.call(new Command.XaEnd(1, branch, TMSUCCESS, NONE));
        }
        assertEquals(XA_OK, client.call(new Command.XaPrepare(committed)));
        client.call(new Command.XaCommit(committed, false));
        client.call(new Command.XaRollback(XID));
        assertEquals(XA_RDONLY, client.call(new Command.XaPrepare(readOnly)));

        assertEquals(List.of(new BrokerEvent.XaBranchCommitted(committed), new BrokerEvent.XaBranchRolledBack(XID,
                false), new BrokerEvent.XaBranchCommitted(readOnly)), events.stream()
                .filter(event -> event instanceof BrokerEvent.XaBranchCommitted
                        || event instanceof BrokerEvent.XaBranchRolledBack).toList());
    }

    // ---- Who works in a branch

    @Test
    void anEndedBranchOutlivesItsConnectionAndAnotherConnectionCompletesIt() throws Exception {
        Client worker = xaClient();
        worker.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        worker.send(1, queue("xa"), "sent");
        worker.call(new Command.XaEnd(1, XID, TMSUCCESS, NONE));
        worker.call(new Command.Close());

        Client manager = driver.connect(null);
        assertEquals(XA_OK, manager.call(new Command.XaPrepare(XID)));
        manager.call(new Command.XaCommit(XID, false));
        assertEquals(List.of("sent"), manager.browse(queue("xa")));
    }

    @Test
    void sessionsOfTwoConnectionsJoinOneBranchAndCommitTogether() throws Exception {
        Client first = xaClient();
        Client second = xaClient();
        first.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        second.call(new Command.XaStart(1, XID, TMJOIN, 0));
        first.send(1, queue("xa"), "from the first");
        second.send(1, queue("xa"), "from the second");
        first.call(new Command.XaEnd(1, XID, TMSUCCESS, NONE));
        assertEquals(XAER_PROTO, first.xaError(new Command.XaCommit(XID, true)), "the second still works in it");
        second.call(new Command.XaEnd(1, XID, TMSUCCESS, NONE));

        driver.connect(null).call(new Command.XaCommit(XID, true));
        assertEquals(List.of("from the first", "from the second"), first.browse(queue("xa")));
    }

    @Test
    void aConnectionThatClosesWhileWorkingInABranchLeavesItRollbackOnly() throws Exception {
        Client worker = xaClient();
        worker.send(2, queue("xa"), "consumed");
        worker.consumer(1, 1, queue("xa"));
        Delivery delivery = worker.receive();
        worker.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        worker.send(1, queue("xa"), "dropped");
        worker.call(new Command.XaEnd(1, XID, TMSUSPEND, List.of(delivery.deliveryId())));
        worker.call(new Command.XaStart(2, XID, TMJOIN, 0));
        worker.call(new Command.Close());

        Client manager = driver.connect(null);
        assertEquals(XA_RBROLLBACK, manager.xaError(new Command.XaPrepare(XID)));
        assertEquals(List.of("consumed"), manager.browse(queue("xa")), "the send was dropped");
        manager.session(1, false);
        manager.consumer(1, 1, queue("xa"));
        Delivery returned = manager.receive();
        assertEquals("consumed", text(returned.encoded()));
        assertEquals(2, returned.deliveryCount());
    }

    @Test
    void outsideAnAssociationTheSessionSendsAndAcknowledgesAtOnce() throws Exception {
        Client client = xaClient();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, NONE));
        client.send(1, queue("xa"), "at once");
        assertEquals(List.of("at once"), client.browse(queue("xa")));

        client.consumer(1, 1, queue("xa"));
        client.call(new Command.Acknowledge(1, List.of(client.receive().deliveryId())));
        assertEquals(List.of(), client.browse(queue("xa")));
        assertEquals(XA_RDONLY, client.call(new Command.XaPrepare(XID)));
    }

    @Test
    void whatABranchConsumedIsDeliveredToNobodyElseUntilItRollsBack() throws Exception {
        Client client = xaClient();
        client.send(2, queue("xa"), "locked");
        client.consumer(1, 1, queue("xa"));
        Delivery locked = client.receive();
        client.call(new Command.XaStart(1, XID, TMNOFLAGS, 0));
        client.call(new Command.XaEnd(1, XID, TMSUCCESS, List.of(locked.deliveryId())));
        assertEquals(XA_OK, client.call(new Command.XaPrepare(XID)));
        client.call(new Command.CloseSession(1, NONE));

        Client other = xaClient();
        other.consumer(1, 1, queue("xa"));
        other.send(2, queue("xa"), "later");
        assertEquals("later", text(other.receive().encoded()), "the locked message waits for its branch");
        other.call(new Command.XaRollback(XID));
        Delivery returned = other.receive();
        assertEquals("locked", text(returned.encoded()));
        assertEquals(2, returned.deliveryCount());
    }
}
