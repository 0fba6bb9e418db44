package dev.gannet.broker;

import dev.gannet.log.ThrottledLog;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.OutboundMessage;
import dev.gannet.protocol.SubscriptionSpec;
import jakarta.jms.JMSSecurityException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What the command gate asks the authorizer for each command (the table security grants rights by), how a refusal
 * reads, and that lifecycle events reach every listener even when one throws. No broker runs.
 */
class CommandGateActionsTest {

    private static final ConnectionIdentity ALICE = new ConnectionIdentity(7, "alice", "orders-app");
    private static final GannetDestination QUEUE = GannetDestination.of(DestinationKind.QUEUE, "orders");
    private static final GannetDestination TOPIC = GannetDestination.of(DestinationKind.TOPIC, "prices");

    /** What the authorizer was asked, in order. */
    private record Asked(Authorizer.Action action, GannetDestination destination) {
    }

    @Test
    void eachCommandIsAskedForWithItsActionAndDestination() throws Exception {
        List<Asked> asked = new ArrayList<>();
        CommandGate gate = new CommandGate((who, action, destination, command) -> {
            asked.add(new Asked(action, destination));
            return true;
        });
        gate.check(ALICE, new Command.Send(1, new OutboundMessage(QUEUE, true, 4, 0, 0, null, new byte[0])));
        gate.check(ALICE, consumer(QUEUE, null));
        gate.check(ALICE, consumer(TOPIC, SubscriptionSpec.PRIVATE));
        gate.check(ALICE, consumer(TOPIC, new SubscriptionSpec("d", true, false)));
        gate.check(ALICE, consumer(TOPIC, new SubscriptionSpec("ds", true, true)));
        gate.check(ALICE, consumer(TOPIC, new SubscriptionSpec("s", false, true)));
        gate.check(ALICE, new Command.Browse(1, 1, QUEUE, null, 10));
        gate.check(ALICE, new Command.Unsubscribe("d"));
        gate.check(ALICE, new Command.CreateTemporary(false));
        gate.check(ALICE, new Command.CreateTemporary(true));
        gate.check(ALICE, new Command.DeleteTemporary(QUEUE));
        gate.check(ALICE, new Command.Commit(1, List.of()));
        gate.check(ALICE, new Command.Close());

        assertEquals(List.of(new Asked(Authorizer.Action.SEND, QUEUE), new Asked(Authorizer.Action.CONSUME, QUEUE),
                new Asked(Authorizer.Action.CONSUME, TOPIC),
                new Asked(Authorizer.Action.DURABLE_SUBSCRIPTION, TOPIC),
                new Asked(Authorizer.Action.DURABLE_SUBSCRIPTION, TOPIC),
                new Asked(Authorizer.Action.SHARED_SUBSCRIPTION, TOPIC), new Asked(Authorizer.Action.BROWSE, QUEUE),
                new Asked(Authorizer.Action.UNSUBSCRIBE, null),
                new Asked(Authorizer.Action.CREATE_TEMPORARY_QUEUE, null),
                new Asked(Authorizer.Action.CREATE_TEMPORARY_TOPIC, null),
                new Asked(Authorizer.Action.DELETE_TEMPORARY, QUEUE), new Asked(null, null), new Asked(null, null)),
                asked);
    }

    @Test
    void aRefusalNamesTheUserTheActionAndTheDestination() {
        CommandGate gate = new CommandGate((who, action, destination, command) -> false);
        assertEquals("User alice (connection 7, client ID orders-app) may not consume from queue://orders",
                assertThrows(JMSSecurityException.class, () -> gate.check(ALICE, consumer(QUEUE, null))).getMessage());
        assertEquals("User alice (connection 7, client ID orders-app) may not delete a durable subscription 'd'",
                assertThrows(JMSSecurityException.class,
                        () -> gate.check(ALICE, new Command.Unsubscribe("d"))).getMessage());
        assertEquals("Anonymous user (connection 3) may not carry out Commit", assertThrows(JMSSecurityException.class,
                () -> gate.check(ConnectionIdentity.anonymous(3), new Command.Commit(1, List.of()))).getMessage());
    }

    @Test
    void aThrowingListenerDoesNotKeepTheOthersFromHearing() {
        BrokerEvents events = new BrokerEvents("unit", new ThrottledLog());
        List<BrokerEvent> heard = new ArrayList<>();
        events.add(event -> {
            throw new IllegalStateException("broken listener");
        });
        events.add(heard::add);
        BrokerEvent created = new BrokerEvent.DestinationCreated(QUEUE);

        events.publish(created);

        assertEquals(List.of(created), heard);
    }

    private static Command.CreateConsumer consumer(GannetDestination destination, SubscriptionSpec subscription) {
        return new Command.CreateConsumer(1, 1, destination, null, false, subscription, 10);
    }
}
