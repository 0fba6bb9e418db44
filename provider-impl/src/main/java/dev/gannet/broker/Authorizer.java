package dev.gannet.broker;

import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.Command;

/**
 * Decides whether a connection may carry out a command: the broker's {@link CommandGate} asks it before every command
 * of every connection, whatever transport carried it, once per action the command takes (a send to a queue the
 * broker does not have yet asks for {@link Action#SEND} and {@link Action#CREATE_DESTINATION}). A refusal fails the
 * command with a {@link jakarta.jms.JMSSecurityException} that names the user, the action and the destination, before
 * anything of it is done. The broker takes one by construction
 * ({@link Broker#start(dev.gannet.api.BrokerConfig, Authorizer)}); {@link #ALLOW_ALL} is the default.
 *
 * <p>Called on the thread that hands the command over (a transport's), for every command including sends: it must be
 * quick, must not block, and must not throw.
 */
@FunctionalInterface
public interface Authorizer {

    /** Permits everything: the broker without security. */
    Authorizer ALLOW_ALL = (who, action, destination, command) -> true;

    /**
     * Whether {@code who} may carry out {@code command}.
     *
     * @param action      what the command does to {@code destination}; null for a command that touches no
     *                    destination (a commit, an acknowledgement, closing something, ...)
     * @param destination the destination {@code action} is on (for {@link Action#DELETE_DURABLE_SUBSCRIPTION}, the
     *                    subscription's topic); null for the temporary-destination creations, and when {@code action}
     *                    is null
     * @param command     the command asking; null for a check of management ({@link ManagementAccess}), which asks
     *                    {@link Action#MANAGE} outside any command
     */
    boolean permits(ConnectionIdentity who, Action action, GannetDestination destination, Command command);

    /**
     * What a command does to a destination, as an authorizer grants it ({@link CommandGate} says which command asks
     * which).
     */
    enum Action {
        /** Send a message to the destination. */
        SEND("send to"),
        /** Consume from a queue, or from a topic through any kind of subscription. */
        CONSUME("consume from"),
        /** Browse a queue. */
        BROWSE("browse"),
        /** Create a permanent queue or topic on its first use (a send, consumer, browser or producer naming it). */
        CREATE_DESTINATION("create"),
        /** Create a durable subscription (shared or not) on a topic. */
        CREATE_DURABLE_SUBSCRIPTION("create a durable subscription on"),
        /** Create a shared non-durable subscription on a topic. */
        CREATE_SHARED_SUBSCRIPTION("create a shared subscription on"),
        /** Delete a durable subscription of a topic (unsubscribe, or replace it by one defined otherwise). */
        DELETE_DURABLE_SUBSCRIPTION("delete durable subscription"),
        /** Create a temporary queue. */
        CREATE_TEMPORARY_QUEUE("create a temporary queue"),
        /** Create a temporary topic. */
        CREATE_TEMPORARY_TOPIC("create a temporary topic"),
        /** Delete a temporary destination (the broker lets only its own connection delete one). */
        DELETE_TEMPORARY("delete"),
        /** Manage a destination through the broker's management operations. */
        MANAGE("manage");

        private final String verb;

        Action(String verb) {
            this.verb = verb;
        }

        /** How a refusal says it: {@code "send to"}, {@code "browse"}, ... */
        public String verb() {
            return verb;
        }
    }
}
