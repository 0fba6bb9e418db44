package dev.gannet.ra.testapp.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.ra.testapp.AuditListener;
import dev.gannet.ra.testapp.ContextSender;
import dev.gannet.ra.testapp.Deliveries;
import dev.gannet.ra.testapp.Destinations;
import dev.gannet.ra.testapp.OrderDesk;
import dev.gannet.ra.testapp.OrderListener;
import dev.gannet.ra.testapp.OrderTable;
import dev.gannet.ra.testapp.PoisonListener;
import dev.gannet.ra.testapp.QueueProbe;
import dev.gannet.ra.testapp.Received;
import dev.gannet.ra.testapp.RedListener;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What Gannet's resource adapter must do inside a Jakarta EE server (issue 13, "Proven in real servers";
 * Jakarta Messaging 3.1 chapter 12, Jakarta Connectors 2.1 chapters 7, 13 and 15). Each server's suite extends
 * this class, deploys the test application beside the adapter and runs these tests inside the server.
 *
 * <p>"Not delivered" is shown without waiting for nothing: after the rolled-back send, a committed marker is sent
 * to the same queue, and the next message received must be that marker (a queue delivers in send order).
 * Waits end at a deadline and then assert what they saw.
 */
public abstract class AdapterScenarios {
    /** Far beyond what any step takes on a busy two-core machine; a wait ends as soon as its message came. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final AtomicInteger ORDER_IDS = new AtomicInteger((int) (System.nanoTime() & 0xFFFFF) * 100);

    @EJB
    private OrderDesk desk;
    @EJB
    private OrderTable table;
    @EJB
    private QueueProbe probe;
    @EJB
    private Deliveries deliveries;
    @EJB
    private ContextSender contextSender;

    @Test
    void aSendInACommittedContainerTransactionIsDelivered() {
        String text = unique("committed");
        desk.send(Destinations.ORDERS, text);
        assertEquals(Optional.of(text), nextText(Destinations.ORDERS));
    }

    @Test
    void aSendInATransactionMarkedRollbackOnlyIsNeverDelivered() {
        desk.sendThenRollBack(Destinations.ORDERS, unique("rolled back"));
        assertOnlyMarkerFollows(Destinations.ORDERS);
    }

    @Test
    void aSendInATransactionEndedByASystemExceptionIsNeverDelivered() {
        assertThrows(EJBException.class, () -> desk.sendThenFail(Destinations.ORDERS, unique("refused")));
        assertOnlyMarkerFollows(Destinations.ORDERS);
    }

    @Test
    void aQueueTheServerBindsAsAnAdministeredObjectIsTheBrokerQueueItNames() {
        String text = unique("administered");
        desk.sendToAdministeredQueue(text);
        assertEquals(Optional.of(text), nextText(Destinations.ADMINISTERED_ORDERS));
    }

    @Test
    void aMessageAndADatabaseRowCommitTogetherThroughTwoPhaseCommit() {
        int id = ORDER_IDS.incrementAndGet();
        String text = unique("recorded");
        desk.sendAndRecord(Destinations.RECORDED_ORDERS, id, text);
        assertEquals(Optional.of(text), table.find(id));
        assertEquals(Optional.of(text), nextText(Destinations.RECORDED_ORDERS));
    }

    @Test
    void aFailedInsertRollsBackTheMessageSentInTheSameTransaction() {
        int id = ORDER_IDS.incrementAndGet();
        String first = unique("first");
        desk.sendAndRecord(Destinations.RECORDED_ORDERS, id, first);
        assertEquals(Optional.of(first), nextText(Destinations.RECORDED_ORDERS));

        String duplicate = unique("duplicate");
        assertThrows(EJBException.class, () -> desk.sendAndRecord(Destinations.RECORDED_ORDERS, id, duplicate));
        assertEquals(Optional.of(first), table.find(id), "the row is the first order's");
        assertOnlyMarkerFollows(Destinations.RECORDED_ORDERS);
    }

    @Test
    void aMessageDrivenBeanConsumesFromAQueue() {
        String text = unique("listened");
        desk.send(Destinations.LISTENED_ORDERS, text);
        List<Received> seen = awaitText(OrderListener.class.getSimpleName(), text);
        assertEquals(1, seen.stream().filter(m -> m.text().equals(text)).count(), () -> "once: " + seen);
    }

    @Test
    void aMessageDrivenBeanConsumesFromADurableTopicSubscription() {
        String text = unique("audited");
        desk.publish(Destinations.AUDIT, text);
        List<Received> seen = awaitText(AuditListener.class.getSimpleName(), text);
        assertEquals(1, seen.stream().filter(m -> m.text().equals(text)).count(), () -> "once: " + seen);
    }

    @Test
    void aMessageABeanKeepsThrowingOnIsRedeliveredThenDeadLettered() {
        String text = unique("poisoned");
        desk.send(Destinations.POISON, text);

        Optional<Received> deadLetter = probe.receive(Destinations.DEAD_LETTERS, PATIENCE);
        assertTrue(deadLetter.isPresent(), "the message reached " + Destinations.DEAD_LETTERS);
        assertEquals(text, deadLetter.get().text());
        // the broker's names for why and from where (provider-api dev.gannet.api.MessageProperties)
        assertEquals("max-delivery-attempts", deadLetter.get().properties().get("_GANNET_REASON"));
        assertEquals("queue://" + Destinations.POISON,
                deadLetter.get().properties().get("_GANNET_ORIGINAL_DESTINATION"));

        List<Received> attempts = deliveries.seen(PoisonListener.class.getSimpleName()).stream()
                .filter(m -> m.text().equals(text)).toList();
        assertTrue(attempts.size() > 1, () -> "redelivered before it was dead-lettered: " + attempts);
        for (int i = 0; i < attempts.size(); i++) {
            assertEquals(i + 1, attempts.get(i).deliveryCount(), "JMSXDeliveryCount of attempt " + (i + 1));
            assertEquals(deadLetter.get().messageId(), attempts.get(i).messageId());
        }
    }

    @Test
    void aMessageDrivenBeanWithASelectorSeesOnlyTheMessagesItSelects() {
        String blue = unique("blue");
        String red = unique("red");
        desk.sendColoured(Destinations.COLOURS, blue, "blue");
        desk.sendColoured(Destinations.COLOURS, red, "red");

        List<Received> seen = awaitText(RedListener.class.getSimpleName(), red);
        assertTrue(seen.stream().noneMatch(m -> m.text().equals(blue)), () -> "only red: " + seen);
        assertEquals(Optional.of(blue), nextText(Destinations.COLOURS), "blue is still on the queue");
    }

    @Test
    void anInjectedJmsContextOnADefinedFactorySendsInTheContainerTransaction() {
        String committed = unique("context committed");
        contextSender.send(Destinations.CONTEXT_ORDERS, committed);
        assertEquals(Optional.of(committed), nextText(Destinations.CONTEXT_ORDERS));

        contextSender.sendThenRollBack(Destinations.CONTEXT_ORDERS, unique("context rolled back"));
        assertOnlyMarkerFollows(Destinations.CONTEXT_ORDERS);
    }

    private void assertOnlyMarkerFollows(String queue) {
        String marker = unique("marker");
        desk.send(queue, marker);
        assertEquals(Optional.of(marker), nextText(queue), "the next message on " + queue + " is the marker");
    }

    private Optional<String> nextText(String queue) {
        return probe.receive(queue, PATIENCE).map(Received::text);
    }

    private List<Received> awaitText(String listener, String text) {
        List<Received> seen = deliveries.awaitOne(listener, m -> m.text().equals(text), PATIENCE);
        assertTrue(seen.stream().anyMatch(m -> m.text().equals(text)), () -> listener + " got '" + text + "': " + seen);
        return seen;
    }

    private static String unique(String what) {
        return what + " " + UUID.randomUUID();
    }
}
