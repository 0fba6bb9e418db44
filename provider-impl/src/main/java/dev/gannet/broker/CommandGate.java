package dev.gannet.broker;

import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.SubscriptionSpec;
import jakarta.jms.JMSSecurityException;

/**
 * The one gate every command passes before the broker carries it out: finds what the command does to which
 * destination ({@link Authorizer.Action}) and asks the broker's {@link Authorizer}. Called by
 * {@link ServerConnection} at the start of each command; a refusal is its failure.
 */
final class CommandGate {

    private final Authorizer authorizer;

    CommandGate(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    /**
     * Lets {@code command} of {@code who} through, or refuses it.
     *
     * @throws JMSSecurityException if the authorizer refuses it; the message names the user, the action and the
     *                              destination
     */
    void check(ConnectionIdentity who, Command command) throws JMSSecurityException {
        if (authorizer == Authorizer.ALLOW_ALL) {
            return;
        }
        Authorizer.Action action = null;
        GannetDestination destination = null;
        if (command instanceof Command.Send send) {
            action = Authorizer.Action.SEND;
            destination = send.message().destination();
        } else if (command instanceof Command.CreateConsumer create) {
            action = consumeAction(create);
            destination = create.destination();
        } else if (command instanceof Command.Browse browse) {
            action = Authorizer.Action.BROWSE;
            destination = browse.queue();
        } else if (command instanceof Command.Unsubscribe) {
            action = Authorizer.Action.UNSUBSCRIBE;
        } else if (command instanceof Command.CreateTemporary create) {
            action = create.topic() ? Authorizer.Action.CREATE_TEMPORARY_TOPIC
                    : Authorizer.Action.CREATE_TEMPORARY_QUEUE;
        } else if (command instanceof Command.DeleteTemporary delete) {
            action = Authorizer.Action.DELETE_TEMPORARY;
            destination = delete.destination();
        }
        if (!authorizer.permits(who, action, destination, command)) {
            throw refusal(who, action, destination, command);
        }
    }

    private static Authorizer.Action consumeAction(Command.CreateConsumer create) {
        SubscriptionSpec subscription = create.subscription();
        if (create.destination().kind().isQueue() || subscription == null) {
            return Authorizer.Action.CONSUME;
        }
        return subscription.durable() ? Authorizer.Action.DURABLE_SUBSCRIPTION
                : subscription.shared() ? Authorizer.Action.SHARED_SUBSCRIPTION : Authorizer.Action.CONSUME;
    }

    /** E.g. {@code "User alice (connection 3) may not send to queue://orders"}. */
    private static JMSSecurityException refusal(ConnectionIdentity who, Authorizer.Action action,
                                                GannetDestination destination, Command command) {
        String what;
        if (action == null) {
            what = "carry out " + command.getClass().getSimpleName();
        } else if (command instanceof Command.Unsubscribe unsubscribe) {
            what = action.verb() + " '" + unsubscribe.name() + "'";
        } else {
            what = destination == null ? action.verb() : action.verb() + " " + destination;
        }
        return new JMSSecurityException(who + " may not " + what);
    }
}
