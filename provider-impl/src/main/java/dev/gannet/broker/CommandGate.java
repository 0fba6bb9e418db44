package dev.gannet.broker;

import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.SubscriptionSpec;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;

import java.util.ArrayList;
import java.util.List;

/**
 * The one gate every command passes before the broker carries it out: finds what the command does to which
 * destination ({@link Authorizer.Action}, one or several) and asks the broker's {@link Authorizer} about each, so that
 * a refused command fails before anything of it is done. Called by {@link ServerConnection} at the start of each
 * command; a refusal is its failure.
 *
 * <p>What each command asks (a command asks nothing else; one touching no destination asks once, with a null action):
 * <ul>
 * <li>{@link Command.Send}: {@code SEND}, and {@code CREATE_DESTINATION} if it names a permanent queue or topic the
 * broker does not have yet (the send would create it);</li>
 * <li>{@link Command.CreateConsumer}: {@code CONSUME} and the missing {@code CREATE_DESTINATION}; on a topic through a
 * durable subscription that does not exist (or that it would replace, its topic, selector or noLocal changed) also
 * {@code CREATE_DURABLE_SUBSCRIPTION} (and, replacing one, {@code DELETE_DURABLE_SUBSCRIPTION}), through a shared
 * non-durable one that does not exist (or that it would replace) {@code CREATE_SHARED_SUBSCRIPTION};</li>
 * <li>{@link Command.Browse}: {@code BROWSE} and the missing {@code CREATE_DESTINATION};</li>
 * <li>{@link Command.CheckDestination} (a producer created for a destination): {@code CREATE_DESTINATION} if it names a
 * permanent destination the broker does not have yet;</li>
 * <li>{@link Command.Unsubscribe}: {@code DELETE_DURABLE_SUBSCRIPTION} on the subscription's topic (nothing if there
 * is no such subscription: the command then fails with {@code InvalidDestinationException});</li>
 * <li>{@link Command.CreateTemporary}: {@code CREATE_TEMPORARY_QUEUE} or {@code CREATE_TEMPORARY_TOPIC};
 * {@link Command.DeleteTemporary}: {@code DELETE_TEMPORARY}.</li>
 * </ul>
 * Whatever the authorizer, a temporary queue is browsed only by its own connection, as it is consumed only by it
 * (spec 6.2.2); another connection's browser fails with {@link InvalidDestinationException}.
 *
 * <p>Whether a destination or subscription exists is read when the command arrives; one made or removed by another
 * connection between this check and the command's work is not asked about again.
 */
final class CommandGate {

    private final Authorizer authorizer;
    private final DestinationRegistry registry;
    private final Subscriptions subscriptions;

    CommandGate(Authorizer authorizer, DestinationRegistry registry, Subscriptions subscriptions) {
        this.authorizer = authorizer;
        this.registry = registry;
        this.subscriptions = subscriptions;
    }

    /** One question to the authorizer. */
    record Ask(Authorizer.Action action, GannetDestination destination) {
        static final Ask NOTHING = new Ask(null, null);
    }

    /**
     * Lets {@code command} of {@code who} through, or refuses it.
     *
     * @throws JMSSecurityException        if the authorizer refuses one of its actions; the message names the user,
     *                                     the action and the destination
     * @throws InvalidDestinationException if it browses a temporary queue of another connection
     */
    void check(ConnectionIdentity who, Command<?> command) throws JMSException {
        if (command instanceof Command.Browse browse) {
            checkBrowsedByOwner(who, browse.queue());
        }
        if (authorizer == Authorizer.ALLOW_ALL) {
            return;
        }
        for (Ask ask : asks(who, command)) {
            if (!authorizer.permits(who, ask.action(), ask.destination(), command)) {
                throw refusal(who, ask, command);
            }
        }
    }

    /** What {@code command} asks the authorizer, in order; {@link Ask#NOTHING} alone if it touches no destination. */
    List<Ask> asks(ConnectionIdentity who, Command<?> command) {
        List<Ask> asks = new ArrayList<>(2);
        if (command instanceof Command.Send send) {
            GannetDestination destination = send.message().destination();
            asks.add(new Ask(Authorizer.Action.SEND, destination));
            addCreation(asks, destination);
        } else if (command instanceof Command.CreateConsumer create) {
            asks.add(new Ask(Authorizer.Action.CONSUME, create.destination()));
            addCreation(asks, create.destination());
            addSubscription(asks, who, create);
        } else if (command instanceof Command.Browse browse) {
            asks.add(new Ask(Authorizer.Action.BROWSE, browse.queue()));
            addCreation(asks, browse.queue());
        } else if (command instanceof Command.CheckDestination check) {
            addCreation(asks, check.destination());
        } else if (command instanceof Command.Unsubscribe unsubscribe) {
            Subscription subscription = subscriptions.find(new SubscriptionKey(true, who.clientId(),
                    unsubscribe.name()));
            if (subscription != null) {
                asks.add(new Ask(Authorizer.Action.DELETE_DURABLE_SUBSCRIPTION, topic(subscription.topic())));
            }
        } else if (command instanceof Command.CreateTemporary create) {
            asks.add(new Ask(create.topic() ? Authorizer.Action.CREATE_TEMPORARY_TOPIC
                    : Authorizer.Action.CREATE_TEMPORARY_QUEUE, null));
        } else if (command instanceof Command.DeleteTemporary delete) {
            asks.add(new Ask(Authorizer.Action.DELETE_TEMPORARY, delete.destination()));
        }
        if (asks.isEmpty()) {
            asks.add(Ask.NOTHING);
        }
        return asks;
    }

    /** Asks for {@code CREATE_DESTINATION} if {@code destination} is a permanent one the broker does not have yet. */
    private void addCreation(List<Ask> asks, GannetDestination destination) {
        boolean missing = switch (destination.kind()) {
            case QUEUE -> registry.existingQueue(new QueueKey(destination.name())) == null;
            case TOPIC -> registry.existingTopic(new TopicKey(destination.name())) == null;
            case TEMPORARY_QUEUE, TEMPORARY_TOPIC -> false;
        };
        if (missing) {
            asks.add(new Ask(Authorizer.Action.CREATE_DESTINATION, destination));
        }
    }

    /** Asks for creating (and replacing) the named subscription a consumer of a topic would make. */
    private void addSubscription(List<Ask> asks, ConnectionIdentity who, Command.CreateConsumer create) {
        SubscriptionSpec spec = create.subscription();
        GannetDestination topic = create.destination();
        if (topic.kind().isQueue() || spec == null || spec.name() == null || !(spec.durable() || spec.shared())) {
            return;
        }
        Subscription existing = subscriptions.find(new SubscriptionKey(spec.durable(), who.clientId(), spec.name()));
        boolean joins = existing != null && existing.sameDefinition(topic.name(),
                Subscription.blankToNull(create.selector()), create.noLocal());
        if (joins) {
            return;
        }
        asks.add(new Ask(spec.durable() ? Authorizer.Action.CREATE_DURABLE_SUBSCRIPTION
                : Authorizer.Action.CREATE_SHARED_SUBSCRIPTION, topic));
        if (existing != null && spec.durable()) {
            asks.add(new Ask(Authorizer.Action.DELETE_DURABLE_SUBSCRIPTION, topic(existing.topic())));
        }
    }

    private void checkBrowsedByOwner(ConnectionIdentity who, GannetDestination queue) throws JMSException {
        if (queue.kind() != DestinationKind.TEMPORARY_QUEUE) {
            return;
        }
        QueueDestination temporary = registry.existingQueue(new QueueKey(queue.name()));
        if (temporary != null && temporary.owner() != null && temporary.owner().id() != who.connectionId()) {
            throw new InvalidDestinationException("Temporary queue " + queue.name()
                    + " can be browsed only by the connection that created it");
        }
    }

    /** The permanent topic named {@code name} (a subscription's; a temporary topic's subscriptions are never named). */
    private static GannetDestination topic(String name) {
        return GannetDestination.of(DestinationKind.TOPIC, name);
    }

    /** E.g. {@code "User alice (connection 3) may not send to queue://orders"}. */
    private static JMSSecurityException refusal(ConnectionIdentity who, Ask ask, Command<?> command) {
        String what;
        if (ask.action() == null) {
            what = "carry out " + command.getClass().getSimpleName();
        } else if (command instanceof Command.Unsubscribe unsubscribe) {
            what = ask.action().verb() + " '" + unsubscribe.name() + "' of " + ask.destination();
        } else if (ask.action() == Authorizer.Action.DELETE_DURABLE_SUBSCRIPTION
                && command instanceof Command.CreateConsumer create) {
            what = ask.action().verb() + " '" + create.subscription().name() + "' of " + ask.destination()
                    + " (to replace it)";
        } else {
            what = ask.destination() == null ? ask.action().verb() : ask.action().verb() + " " + ask.destination();
        }
        return new JMSSecurityException(who + " may not " + what);
    }
}
