package dev.gannet.protocol;

import jakarta.jms.JMSException;

/** What the broker calls on a client connection. Implementations return at once; they never block the broker. */
public interface ClientEndpoint {

    /** A message for one of the connection's consumers. */
    void deliver(Delivery delivery);

    /**
     * A one-way send ({@link BrokerLink#post}) of a non-transacted session failed on the broker; {@code cause} names
     * the destination and the reason. The connection stays open.
     */
    void sendFailed(JMSException cause);

    /** The broker ended this connection, or the link to it failed. */
    void connectionFailed(JMSException cause);

    /**
     * Where the connection comes from: its remote address and, on TLS with client authentication, the client's
     * certificate chain. Known before the connection's first command ({@link Command.Open}); never null.
     */
    default Peer peer() {
        return Peer.IN_VM;
    }
}
