package dev.gannet.broker;

import dev.gannet.api.BrokerConfig;
import dev.gannet.log.ThrottledLog;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.SubscriptionSpec;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.gannet.broker.Authorizer.Action.BROWSE;
import static dev.gannet.broker.Authorizer.Action.CONSUME;
import static dev.gannet.broker.Authorizer.Action.CREATE_DESTINATION;
import static dev.gannet.broker.Authorizer.Action.CREATE_DURABLE_SUBSCRIPTION;
import static dev.gannet.broker.Authorizer.Action.CREATE_SHARED_SUBSCRIPTION;
import static dev.gannet.broker.Authorizer.Action.CREATE_TEMPORARY_QUEUE;
import static dev.gannet.broker.Authorizer.Action.CREATE_TEMPORARY_TOPIC;
import static dev.gannet.broker.Authorizer.Action.DELETE_DURABLE_SUBSCRIPTION;
import static dev.gannet.broker.Authorizer.Action.DELETE_TEMPORARY;
import static dev.gannet.broker.Authorizer.Action.SEND;
import static dev.gannet.broker.BrokerDriver.message;
import static dev.gannet.broker.BrokerDriver.queue;
import static dev.gannet.broker.BrokerDriver.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the command gate asks the authorizer for each command (the table security grants rights by), how a refusal
 * reads, and that lifecycle events reach every listener even when one throws. Over the in-memory store, driven with
 * protocol commands.
 */
class CommandGateActionsTest {

    private static final GannetDestination ORDERS = queue("orders");
    private static final GannetDestination PRICES = topic("prices");
    private static final CommandGate.Ask NOTHING = CommandGate.Ask.NOTHING;

    /** What the authorizer was asked, in order. */
    private final List<CommandGate.Ask> asked = new CopyOnWriteArrayList<>();
    /** The actions the authorizer refuses; a null element refuses commands that touch no destination. */
    private final Set<Authorizer.Action> refused = new HashSet<>();
    private final BrokerDriver driver = new BrokerDriver(BrokerConfig.builder().name("gate-actions")
            .dataDirectory(Path.of("target", "unused")).inMemoryStore().build(), this::permits);

    private boolean permits(ConnectionIdentity who, Authorizer.Action action, GannetDestination destination,
                            Command<?> command) {
        asked.add(new CommandGate.Ask(action, destination));
        return !refused.contains(action);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private List<CommandGate.Ask> asks(BrokerDriver.Client client, Command<?> command) throws JMSException {
        asked.clear();
        client.call(command);
        return List.copyOf(asked);
    }

    private static CommandGate.Ask ask(Authorizer.Action action, GannetDestination destination) {
        return new CommandGate.Ask(action, destination);
    }

    private static Command.CreateConsumer consumer(int id, GannetDestination destination, SubscriptionSpec spec,
                                                   String selector) {
        return new Command.CreateConsumer(1, id, destination, selector, false,
                destination.kind().isQueue() ? null : spec, 10);
    }

    @Test
    void aSendAsksToCreateTheDestinationOnlyWhenTheBrokerDoesNotHaveIt() throws Exception {
        BrokerDriver.Client client = driver.connect("app");
        client.session(1, false);

        assertEquals(List.of(ask(SEND, ORDERS), ask(CREATE_DESTINATION, ORDERS)),
                asks(client, new Command.Send(1, message(ORDERS, "first", null))));
        assertEquals(List.of(ask(SEND, ORDERS)), asks(client, new Command.Send(1, message(ORDERS, "second", null))));
        assertEquals(List.of(ask(SEND, PRICES), ask(CREATE_DESTINATION, PRICES)),
                asks(client, new Command.Send(1, message(PRICES, "tick", null))));
        assertEquals(List.of(ask(CREATE_DESTINATION, queue("new"))),
                asks(client, new Command.CheckDestination(queue("new"))), "a producer for a queue not there");
        assertEquals(List.of(NOTHING), asks(client, new Command.CheckDestination(ORDERS)));
    }

    @Test
    void consumersAndBrowsersAskForWhatTheyWouldCreate() throws Exception {
        BrokerDriver.Client client = driver.connect("app");
        client.session(1, false);

        assertEquals(List.of(ask(CONSUME, ORDERS), ask(CREATE_DESTINATION, ORDERS)),
                asks(client, consumer(1, ORDERS, null, null)));
        assertEquals(List.of(ask(CONSUME, ORDERS)), asks(client, consumer(2, ORDERS, null, null)));
        assertEquals(List.of(ask(BROWSE, ORDERS)), asks(client, new Command.Browse(1, 1, ORDERS, null, 10)));
        assertEquals(List.of(ask(BROWSE, queue("other")), ask(CREATE_DESTINATION, queue("other"))),
                asks(client, new Command.Browse(1, 2, queue("other"), null, 10)));
        assertEquals(List.of(ask(CONSUME, PRICES), ask(CREATE_DESTINATION, PRICES)),
                asks(client, consumer(3, PRICES, SubscriptionSpec.PRIVATE, null)));
        assertEquals(List.of(ask(CONSUME, PRICES)), asks(client, consumer(4, PRICES, SubscriptionSpec.PRIVATE, null)));
    }

    @Test
    void namedSubscriptionsAskToBeCreatedOrReplacedButNotToBeJoined() throws Exception {
        BrokerDriver.Client client = driver.connect("app");
        client.session(1, false);
        client.call(new Command.CheckDestination(PRICES));
        SubscriptionSpec durable = new SubscriptionSpec("d", true, false);
        SubscriptionSpec shared = new SubscriptionSpec("s", false, true);

        assertEquals(List.of(ask(CONSUME, PRICES), ask(CREATE_DURABLE_SUBSCRIPTION, PRICES)),
                asks(client, consumer(1, PRICES, durable, null)));
        client.call(new Command.CloseConsumer(1, 1, List.of()));
        assertEquals(List.of(ask(CONSUME, PRICES)), asks(client, consumer(2, PRICES, durable, null)),
                "the same durable subscription again");
        client.call(new Command.CloseConsumer(1, 2, List.of()));
        assertEquals(List.of(ask(CONSUME, PRICES), ask(CREATE_DURABLE_SUBSCRIPTION, PRICES),
                        ask(DELETE_DURABLE_SUBSCRIPTION, PRICES)),
                asks(client, consumer(3, PRICES, durable, "a = 1")), "another selector replaces it");
        client.call(new Command.CloseConsumer(1, 3, List.of()));
        assertEquals(List.of(ask(DELETE_DURABLE_SUBSCRIPTION, PRICES)), asks(client, new Command.Unsubscribe("d")));
        assertEquals(List.of(NOTHING), asked(() -> client.call(new Command.Unsubscribe("d"))),
                "no subscription, nothing to ask: the broker says it does not exist");

        assertEquals(List.of(ask(CONSUME, PRICES), ask(CREATE_SHARED_SUBSCRIPTION, PRICES)),
                asks(client, consumer(4, PRICES, shared, null)));
        assertEquals(List.of(ask(CONSUME, PRICES)), asks(client, consumer(5, PRICES, shared, null)), "joined");
        assertEquals(List.of(ask(CONSUME, PRICES), ask(CREATE_DURABLE_SUBSCRIPTION, PRICES)),
                asks(client, consumer(6, PRICES, new SubscriptionSpec("ds", true, true), null)));
    }

    private List<CommandGate.Ask> asked(Executable failing) {
        asked.clear();
        assertThrows(InvalidDestinationException.class, failing);
        return List.copyOf(asked);
    }

    @Test
    void temporaryDestinationsAskToBeCreatedAndDeletedButNeverToBeCreatedOnFirstUse() throws Exception {
        BrokerDriver.Client client = driver.connect(null);
        client.session(1, false);

        asked.clear();
        GannetDestination temporaryQueue = client.call(new Command.CreateTemporary(false));
        assertEquals(List.of(ask(CREATE_TEMPORARY_QUEUE, null)), List.copyOf(asked));
        assertEquals(List.of(ask(CREATE_TEMPORARY_TOPIC, null)), asks(client, new Command.CreateTemporary(true)));
        assertEquals(List.of(ask(SEND, temporaryQueue)),
                asks(client, new Command.Send(1, message(temporaryQueue, "reply", null))));
        assertEquals(List.of(ask(CONSUME, temporaryQueue)), asks(client, consumer(1, temporaryQueue, null, null)));
        client.call(new Command.CloseConsumer(1, 1, List.of()));
        assertEquals(List.of(ask(DELETE_TEMPORARY, temporaryQueue)),
                asks(client, new Command.DeleteTemporary(temporaryQueue)));
        assertEquals(List.of(NOTHING), asks(client, new Command.Stop()), "a command touching no destination");
    }

    @Test
    void aRefusalNamesTheUserTheActionAndTheDestinationAndTheFirstRefusedActionDecides() throws Exception {
        BrokerDriver.Client client = driver.connect("orders-app");
        client.session(1, false);
        client.call(new Command.CheckDestination(ORDERS));
        client.call(consumer(1, PRICES, new SubscriptionSpec("d", true, false), null));
        client.call(new Command.CloseConsumer(1, 1, List.of()));
        refused.addAll(List.of(CONSUME, CREATE_DESTINATION, DELETE_DURABLE_SUBSCRIPTION));

        assertRefused("may not consume from queue://orders", () -> client.call(consumer(2, ORDERS, null, null)));
        assertRefused("may not create queue://fresh",
                () -> client.call(new Command.Send(1, message(queue("fresh"), "x", null))));
        assertRefused("may not delete durable subscription 'd' of topic://prices",
                () -> client.call(new Command.Unsubscribe("d")));
        refused.clear();
        refused.add(DELETE_DURABLE_SUBSCRIPTION);
        assertRefused("may not delete durable subscription 'd' of topic://prices (to replace it)",
                () -> client.call(consumer(3, PRICES, new SubscriptionSpec("d", true, false), "a = 1")));
        refused.add(null);
        assertRefused("may not carry out Stop", () -> client.call(new Command.Stop()));
    }

    private static void assertRefused(String ending, Executable call) {
        String message = assertThrows(JMSSecurityException.class, call).getMessage();
        assertTrue(message.matches("Anonymous user \\(connection \\d+, client ID orders-app\\) .*"), message);
        assertTrue(message.endsWith(ending), message);
    }

    @Test
    void onlyItsOwnConnectionBrowsesATemporaryQueueWhateverTheAuthorizer() throws Exception {
        BrokerDriver.Client owner = driver.connect(null);
        owner.session(1, false);
        GannetDestination temporary = owner.call(new Command.CreateTemporary(false));
        BrokerDriver.Client other = driver.connect(null);
        other.session(1, false);
        other.send(1, temporary, "request");

        InvalidDestinationException e = assertThrows(InvalidDestinationException.class,
                () -> other.call(new Command.Browse(1, 1, temporary, null, 10)));

        assertEquals("Temporary queue " + temporary.name() + " can be browsed only by the connection that created it",
                e.getMessage());
        assertEquals(1, owner.call(new Command.Browse(1, 1, temporary, null, 10)).size());
    }

    @Test
    void aThrowingListenerDoesNotKeepTheOthersFromHearing() {
        BrokerEvents events = new BrokerEvents("unit", new ThrottledLog());
        List<BrokerEvent> heard = new ArrayList<>();
        events.add(event -> {
            throw new IllegalStateException("broken listener");
        });
        events.add(heard::add);
        BrokerEvent created = new BrokerEvent.DestinationCreated(GannetDestination.of(DestinationKind.QUEUE, "q"));

        events.publish(created);

        assertEquals(List.of(created), heard);
    }
}
