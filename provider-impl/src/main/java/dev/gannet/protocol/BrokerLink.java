package dev.gannet.protocol;

import jakarta.jms.JMSException;

import java.util.concurrent.CompletableFuture;

/**
 * The client's side of one connection to a broker, whatever the transport. Replies complete in the order
 * the commands were sent; a refused command completes exceptionally with the {@link jakarta.jms.JMSException}
 * the spec names. The broker carries out a connection's commands in the order they were sent, one-way sends
 * included, so any answered command is a barrier behind every earlier one.
 */
public interface BrokerLink {

    /**
     * Sends a command; the future completes with its answer ({@code null} for commands that answer {@link Void}), or
     * exceptionally with the {@link JMSException} the broker refused it with.
     */
    <A> CompletableFuture<A> request(Command<A> command);

    /** What the broker answered to the connection's {@link Command.Open}, with which the link was opened. */
    Opened opened();

    /**
     * Sends a message without waiting: the broker answers nothing. If the broker fails to carry it out, the failure
     * is kept for the session's next {@link Command.Commit} (transacted session) or reported through
     * {@link ClientEndpoint#sendFailed}. Blocks while the link already has as many one-way sends outstanding as its
     * flow-control window allows.
     *
     * @throws jakarta.jms.ResourceAllocationException if the message is larger than the link can carry
     * @throws JMSException if the link is closed or lost, or the caller is interrupted while waiting for the window
     */
    void post(Command.Send send) throws JMSException;

    /**
     * Sends an acknowledgement nobody waits for (AUTO_ACKNOWLEDGE, DUPS_OK_ACKNOWLEDGE, deliveries the application
     * never saw): the broker carries it out in its turn among the connection's commands and answers nothing. A failure
     * of it (the session closed meanwhile, the store failed) is logged as a warning on the client; it does not end the
     * connection. Never blocks.
     */
    void post(Command.Acknowledge acknowledge);

    /** Drops the link without a {@link Command.Close}; used after the connection failed. */
    void abort();
}
