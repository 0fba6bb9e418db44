package dev.gannet.protocol;

import java.util.concurrent.CompletableFuture;

/**
 * The client's side of one connection to a broker, whatever the transport. Replies complete in the order
 * the commands were sent; a refused command completes exceptionally with the {@link jakarta.jms.JMSException}
 * the spec names.
 */
public interface BrokerLink {

    /** Sends a command; the future completes with its answer ({@code null} for commands that answer nothing). */
    CompletableFuture<Object> request(Command command);

    /** Drops the link without a {@link Command.Close}; used after the connection failed. */
    void abort();
}
