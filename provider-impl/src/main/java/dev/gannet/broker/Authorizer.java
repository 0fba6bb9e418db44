package dev.gannet.broker;

import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.Command;

/**
 * Decides whether a connection may carry out a command: the broker's {@link CommandGate} asks it before every command
 * of every connection, whatever transport carried it. A refusal fails the command with a
 * {@link jakarta.jms.JMSSecurityException} that names the user, the action and the destination, before anything of it
 * is done. The broker takes one by construction ({@link Broker#start(dev.gannet.api.BrokerConfig, Authorizer)});
 * {@link #ALLOW_ALL} is the default.
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
     * @param destination the destination {@code action} is on; null for {@link Action#UNSUBSCRIBE} (the subscription
     *                    name is in the command) and the temporary-destination creations, and when {@code action} is
     *                    null
     */
    boolean permits(ConnectionIdentity who, Action action, GannetDestination destination, Command command);

    /** What a command does to a destination, as an authorizer grants it. */
    enum Action {
        /** Send a message to the destination. */
        SEND("send to"),
        /** Consume from a queue, or from a topic through a non-durable, unshared subscription. */
        CONSUME("consume from"),
        /** Browse a queue. */
        BROWSE("browse"),
        /** Create a durable subscription on a topic, or consume through one that exists. */
        DURABLE_SUBSCRIPTION("create or use a durable subscription on"),
        /** Create a shared non-durable subscription on a topic, or consume through one that exists. */
        SHARED_SUBSCRIPTION("create or use a shared subscription on"),
        /** Delete a durable subscription (the command names it). */
        UNSUBSCRIBE("delete a durable subscription"),
        /** Create a temporary queue. */
        CREATE_TEMPORARY_QUEUE("create a temporary queue"),
        /** Create a temporary topic. */
        CREATE_TEMPORARY_TOPIC("create a temporary topic"),
        /** Delete a temporary destination. */
        DELETE_TEMPORARY("delete");

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
