package dev.gannet.server;

import dev.gannet.server.DeliveryLedger.Delivery;
import dev.gannet.server.DeliveryLedger.Outcome;
import dev.gannet.server.DeliveryLedger.Tally;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gannet.server.DeliveryLedger.DRAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link DeliveryLedger} judges each broken promise of {@link CrashTest}, and lets pass what JMS allows. */
class DeliveryLedgerTest {

    private static final String FIRST = "iteration 1 consumer";
    private static final String SECOND = "iteration 2 consumer";

    private final DeliveryLedger ledger = new DeliveryLedger();

    private void consumed(String id, String receiver, int iteration, Outcome settlement) {
        Delivery delivery = ledger.delivered(id, receiver, iteration);
        ledger.settled(List.of(delivery), settlement);
    }

    private Tally total() {
        return ledger.verdict(2).total();
    }

    @Test
    void confirmedSendNeverDeliveredIsLost() {
        ledger.sent(1, List.of("a"), false, Outcome.CONFIRMED);

        assertEquals(1, total().lost);
    }

    @Test
    void confirmedSendDeliveredButNeverSettledAndNotRedeliveredIsLost() {
        ledger.sent(1, List.of("a"), false, Outcome.CONFIRMED);
        ledger.delivered("a", FIRST, 1);

        assertEquals(1, total().lost);
    }

    @Test
    void confirmedSendWhoseAcknowledgeThrewMayBeGone() {
        ledger.sent(1, List.of("a"), false, Outcome.CONFIRMED);
        consumed("a", FIRST, 1, Outcome.UNKNOWN);

        Tally total = total();
        assertEquals(0, total.violations(), total.toString());
        assertEquals(1, total.consumedUnknown);
    }

    @Test
    void unknownAcknowledgeFollowedByADeliveryInTheDrainIsARedelivery() {
        ledger.sent(1, List.of("a"), false, Outcome.CONFIRMED);
        consumed("a", FIRST, 1, Outcome.UNKNOWN);
        ledger.delivered("a", DRAIN, 3);

        DeliveryLedger.Verdict verdict = ledger.verdict(2);
        assertEquals(0, verdict.total().violations(), verdict.total().toString());
        assertEquals(1, verdict.drain().redelivered);
        assertEquals(1, verdict.drain().found);
    }

    @Test
    void deliveryAfterAConfirmedAcknowledgeIsAResurrection() {
        ledger.sent(1, List.of("a"), false, Outcome.CONFIRMED);
        consumed("a", FIRST, 1, Outcome.CONFIRMED);
        ledger.delivered("a", SECOND, 2);

        DeliveryLedger.Verdict verdict = ledger.verdict(2);
        assertEquals(1, verdict.iterations().get(1).resurrected, "counted where it reappeared");
        assertEquals(1, verdict.total().violations());
    }

    @Test
    void secondDeliveryToTheSameReceiverIsADuplicate() {
        ledger.sent(1, List.of("a"), false, Outcome.CONFIRMED);
        ledger.delivered("a", FIRST, 1);
        consumed("a", FIRST, 1, Outcome.UNKNOWN);

        assertEquals(1, total().duplicated);
    }

    @Test
    void messageNobodySentIsInvented() {
        ledger.delivered("x", DRAIN, 3);

        assertEquals(1, total().invented);
    }

    @Test
    void transactionWhoseCommitThrewIsWhollyPresentOrWhollyAbsent() {
        ledger.sent(1, List.of("w1", "w2"), true, Outcome.UNKNOWN); // wholly present
        ledger.delivered("w1", DRAIN, 3);
        ledger.delivered("w2", DRAIN, 3);
        ledger.sent(1, List.of("n1", "n2"), true, Outcome.UNKNOWN); // wholly absent
        ledger.sent(1, List.of("t1", "t2"), true, Outcome.UNKNOWN); // torn
        consumed("t1", FIRST, 1, Outcome.CONFIRMED);

        Tally total = total();
        assertEquals(1, total.torn, total.toString());
        assertEquals(1, total.violations(), total.toString());
    }

    @Test
    void transactionNeverCommittedMustNotBeDelivered() {
        ledger.sent(1, List.of("u1", "u2"), true, Outcome.NEVER_MADE);
        ledger.delivered("u2", DRAIN, 3);

        Tally total = total();
        assertEquals(1, total.uncommitted);
        assertEquals(1, total.txAbandoned);
    }

    @Test
    void committedTransactionCountsOnceAndEachOfItsMessagesMustArrive() {
        ledger.sent(1, List.of("c1", "c2"), true, Outcome.CONFIRMED);
        consumed("c1", FIRST, 1, Outcome.CONFIRMED);

        Tally total = total();
        assertEquals(1, total.txCommitted);
        assertEquals(1, total.lost, "c2 never arrived");
    }
}
